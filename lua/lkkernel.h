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
 * print() writes each line with a single lua_writestring (lbaselib.c), a
 * line in the kernel log; warnings come in pieces, which printk joins.
 */
#define lua_writestring(s,l)	printk(KERN_INFO "%.*s\n", (int)(l), (s))
#define lua_writeline()		((void)0)
#define lua_writestringerror(s,p)	pr_cont(s, p)

#define luai_stackpointer()	current_stack_pointer

/* Files load only where the runtime may sleep (lkload.c). */
struct lua_State;
int luai_readable (struct lua_State *L, const char *filename);
#define luai_readable	luai_readable

#endif
