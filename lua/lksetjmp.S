/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lksetjmp.S: error jumps (lkkernel.h), for x86_64 and arm64; the layout
 * of luai_jmpbuf is this file's alone, but for the stack pointer at
 * luai_setjmp's entry, LUAI_JMPBUF_SP.
 *
 * luai_setjmp saves the callee-saved registers, the stack pointer and the
 * return address.  luai_longjmp restores them and returns through that
 * address, so luai_setjmp returns a second time, with 1.  A return needs
 * no indirect jump: retpolines, return thunks and branch targets stay.
 *
 * luai_protected is called in place of a function, with its arguments;
 * the first is a lua_State whose extra space points at a struct
 * luai_protect, whose 'fn' is that function.  It saves in the struct's
 * 'jb' what luai_setjmp would, then jumps to 'fn', which returns to our
 * caller.  So luai_longjmp on 'jb' returns from the call too, with the
 * registers the caller keeps as they were at the call: no setjmp in the
 * caller, whose variables need no care (-Wclobbered).
 */
#include <linux/linkage.h>

#define PROTECT_JB	8	/* offsetof(struct luai_protect, jb) */
#define EXTRASPACE	8	/* LUA_EXTRASPACE */

#if defined(CONFIG_X86_64)
#include <asm/nospec-branch.h>
#include <asm/unwind_hints.h>

/*
 * At a function's entry, into the jmpbuf at \off(\base): the stack
 * pointer points at the return address; \tmp is a scratch register
 */
.macro SAVE_JMPBUF off:req, base:req, tmp:req
	movq	%rbx, \off+0(\base)
	movq	%rbp, \off+8(\base)
	movq	%r12, \off+16(\base)
	movq	%r13, \off+24(\base)
	movq	%r14, \off+32(\base)
	movq	%r15, \off+40(\base)
	movq	%rsp, \off+48(\base)
	movq	(%rsp), \tmp
	movq	\tmp, \off+56(\base)
.endm

SYM_FUNC_START(luai_setjmp)
	SAVE_JMPBUF 0, %rdi, %rax
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

/* %rdi to %r9 hold the arguments: %r10 and %r11 are free */
SYM_FUNC_START(luai_protected)
	movq	-EXTRASPACE(%rdi), %r11
	SAVE_JMPBUF PROTECT_JB, %r11, %r10
	movq	0(%r11), %r11
	JMP_NOSPEC r11
SYM_FUNC_END(luai_protected)

#elif defined(CONFIG_ARM64)

/*
 * x19-x28, the frame pointer x29 and the link register x30, then sp and
 * x18, the shadow call stack's pointer when there is one (a jump unwinds
 * that stack too; otherwise x18 is a scratch register, which a call
 * clobbers anyway).  The link register is saved as the call left it: a
 * function that signs its return address signs the copy in its own frame.
 */
.macro save_jmpbuf buf:req
	stp	x19, x20, [\buf, #0]
	stp	x21, x22, [\buf, #16]
	stp	x23, x24, [\buf, #32]
	stp	x25, x26, [\buf, #48]
	stp	x27, x28, [\buf, #64]
	stp	x29, x30, [\buf, #80]
	mov	x9, sp
	stp	x9, x18, [\buf, #96]
.endm

SYM_FUNC_START(luai_setjmp)
	save_jmpbuf x0
	mov	w0, #0
	ret
SYM_FUNC_END(luai_setjmp)

SYM_FUNC_START(luai_longjmp)
	ldp	x19, x20, [x0, #0]
	ldp	x21, x22, [x0, #16]
	ldp	x23, x24, [x0, #32]
	ldp	x25, x26, [x0, #48]
	ldp	x27, x28, [x0, #64]
	ldp	x29, x30, [x0, #80]
	ldp	x9, x18, [x0, #96]
	mov	sp, x9
	mov	w0, #1
	ret
SYM_FUNC_END(luai_longjmp)

/* x0 to x7 hold the arguments; the jump is through x16, which "bti c" takes */
SYM_FUNC_START(luai_protected)
	ldur	x17, [x0, #-EXTRASPACE]
	add	x16, x17, #PROTECT_JB
	save_jmpbuf x16
	ldr	x16, [x17]
	br	x16
SYM_FUNC_END(luai_protected)

#else
#error "Lua's error jumps (lksetjmp.S) are written for x86_64 and arm64"
#endif
