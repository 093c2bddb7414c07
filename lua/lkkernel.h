/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lkkernel.h: the kernel as Lua's platform (included by lkconf.h).
 */
#ifndef lkkernel_h
#define lkkernel_h

#include <linux/compiler.h>
#include <linux/printk.h>
#include <asm/asm.h>

#define LUA_USE_KERNEL

/*
 * Error jumps (lksetjmp.S).  luai_longjmp does not return, but is not
 * declared __noreturn: the compiler would drop what follows its calls,
 * and objtool, which cannot see into another object, needs to find there
 * the annotation of unreachable() to know that luaD_throw ends.
 */
typedef unsigned long luai_jmpbuf[8];
int luai_setjmp (luai_jmpbuf buf) __attribute__((returns_twice));
void luai_longjmp (luai_jmpbuf buf);

/*
 * The frames a jump leaves keep the redzones KASAN poisoned in them, which
 * later frames there would trip on: luai_unpoison clears them (lklibc.c).
 */
#if defined(CONFIG_KASAN_STACK)
void luai_unpoison (unsigned long sp);
#define luai_throw(b)	do { luai_unpoison((b)[6]); luai_longjmp(b); unreachable(); } while (0)
#else
#define luai_throw(b)	do { luai_longjmp(b); unreachable(); } while (0)
#endif

#define LUAI_THROW(L,c)		luai_throw((c)->b)
#define LUAI_TRY(L,c,a)		if (luai_setjmp((c)->b) == 0) { a }

/* what Lua does when an error has no handler at all (lklibc.c) */
void luai_abort (void);
#define abort()			do { luai_abort(); unreachable(); } while (0)

/*
 * print() writes its whole text with a single lua_writestring
 * (lbaselib.c): each of its lines is a line in the kernel log, long ones
 * in pieces that printk takes (lklibc.c).  A script that prints in a loop
 * is rate-limited.
 */
void luai_writelog (const char *level, const char *s, size_t len);
bool luai_logallowed (void);  /* within the burst that print and warn share */
/* a piece of a log line, at most LUAI_LOGLINE bytes of 's' */
void luai_logpiece (const char *level, const char *s, size_t len, const char *end);

/* a log line's text: printk's records hold about 1 KiB with their prefix */
#define LUAI_LOGLINE	768
#define lua_writestring(s,l)	luai_writelog(KERN_INFO, (s), (l))
#define lua_writeline()		((void)0)
#define lua_writestringerror(s,p)	pr_cont(s, p)

/*
 * Pointers as text ("%p", tostring of a table): hashed with a key of this
 * boot, as the kernel hashes %p, but from the first module load on (the
 * kernel's %p says "(____ptrval____)" until its key is ready).
 */
#undef lua_pointer2str
int luai_pointer2str (char *buff, size_t sz, const void *p);
#define lua_pointer2str(buff,sz,p)	luai_pointer2str(buff, sz, p)

/* draws the keys of pointer and table hashes; before any state exists */
void luai_initrandom (void);

#define luai_stackpointer()	current_stack_pointer

/* Files load only where the runtime may sleep (lkload.c). */
struct lua_State;
int luai_readable (struct lua_State *L, const char *filename);
#define luai_readable	luai_readable

#endif
