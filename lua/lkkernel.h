/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lkkernel.h: the kernel as Lua's platform (included by lkconf.h).
 */
#ifndef lkkernel_h
#define lkkernel_h

#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/panic.h>	/* declares abort() since 6.12: before our macro */
#include <linux/printk.h>
#if defined(CONFIG_ARM64)
#include <asm/stack_pointer.h>	/* current_stack_pointer */
#else
#include <asm/asm.h>		/* current_stack_pointer */
#endif

#define LUA_USE_KERNEL

/*
 * Error jumps (lksetjmp.S).  luai_longjmp does not return, but objtool,
 * which cannot see into another object, takes a call to it for one that
 * does: BUG() after it ends the path where objtool can see it (since
 * 6.12, unreachable() no longer tells objtool anything).
 */
#if defined(CONFIG_ARM64)
typedef unsigned long luai_jmpbuf[14];
#define LUAI_JMPBUF_SP	12
#else
typedef unsigned long luai_jmpbuf[8];
#define LUAI_JMPBUF_SP	6
#endif
int luai_setjmp (luai_jmpbuf buf) __attribute__((returns_twice));
void luai_longjmp (luai_jmpbuf buf);

/*
 * A call that luai_longjmp(jb) may end: luai_protected, cast to fn's
 * type, called with fn's arguments, the first a lua_State whose extra
 * space points at this struct (lksetjmp.S has its offsets).  C knows
 * luai_protected as an address: a function of another type, so cast,
 * would be a call through an incompatible type, which GCC may refuse.
 */
struct luai_protect {
	void *fn;
	luai_jmpbuf jb;
};
extern const char luai_protected[];
#if defined(CONFIG_CFI_CLANG)
#error "luai_protected's calls and jump are not typed for kCFI"
#endif

/*
 * The frames a jump leaves keep the redzones KASAN poisoned in them, which
 * later frames there would trip on: luai_unpoison clears them (lklibc.c).
 */
#if defined(CONFIG_KASAN_STACK)
void luai_unpoison (unsigned long sp);
#define luai_throw(b)	do { luai_unpoison((b)[LUAI_JMPBUF_SP]); luai_longjmp(b); BUG(); } while (0)
#else
#define luai_throw(b)	do { luai_longjmp(b); BUG(); } while (0)
#endif

#define LUAI_THROW(L,c)		luai_throw((c)->b)
#define LUAI_TRY(L,c,a)		if (luai_setjmp((c)->b) == 0) { a }

/*
 * An error outside any protected call of a state whose panic function
 * does not jump out (a runtime's does: lunatik_run's): Lua cannot go on,
 * and neither can the kernel.
 */
#define abort()			panic("Lua: unprotected error outside a runtime\n")

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
