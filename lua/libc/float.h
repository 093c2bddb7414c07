/* SPDX-License-Identifier: GPL-2.0 */
/* <float.h> for Lua in the kernel: there are no floats (lkconf.h) */
#ifndef _LUNATIK_LIBC_FLOAT_H
#define _LUNATIK_LIBC_FLOAT_H

#endif
