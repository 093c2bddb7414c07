/* SPDX-License-Identifier: GPL-2.0 */
/* <setjmp.h> for Lua in the kernel: Lua's jumps are luai_setjmp and luai_longjmp (lkkernel.h) */
#ifndef _LUNATIK_LIBC_SETJMP_H
#define _LUNATIK_LIBC_SETJMP_H

#endif
