/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lksetjmp.S: Lua's error jumps (LUAI_TRY/LUAI_THROW in lkkernel.h), x86_64.
 *
 * luai_setjmp saves the callee-saved registers, the stack pointer at its
 * entry (which points at its return address) and that return address.
 * luai_longjmp restores them, writes the return address back where it
 * was and returns through it, so luai_setjmp returns a second time, with
 * 1.  A return needs no indirect jump: retpolines and return thunks stay.
 */
#include <linux/linkage.h>
#include <asm/unwind_hints.h>

SYM_FUNC_START(luai_setjmp)
	movq	%rbx, 0(%rdi)
	movq	%rbp, 8(%rdi)
	movq	%r12, 16(%rdi)
	movq	%r13, 24(%rdi)
	movq	%r14, 32(%rdi)
	movq	%r15, 40(%rdi)
	movq	%rsp, 48(%rdi)
	movq	(%rsp), %rax
	movq	%rax, 56(%rdi)
	xorl	%eax, %eax
	RET
SYM_FUNC_END(luai_setjmp)

/*
 * The return address is written back before %rsp moves: from the moment
 * %rsp points at it, an interrupt (an NMI's unwinder) finds a whole frame.
 */
SYM_FUNC_START(luai_longjmp)
	movq	0(%rdi), %rbx
	movq	8(%rdi), %rbp
	movq	16(%rdi), %r12
	movq	24(%rdi), %r13
	movq	32(%rdi), %r14
	movq	40(%rdi), %r15
	movq	48(%rdi), %rcx
	movq	56(%rdi), %rax
	movq	%rax, (%rcx)
	movq	%rcx, %rsp
	/* back in luai_setjmp's frame, at its entry */
	UNWIND_HINT_FUNC
	movl	$1, %eax
	RET
SYM_FUNC_END(luai_longjmp)
