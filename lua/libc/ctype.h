/* SPDX-License-Identifier: GPL-2.0 */
/* <ctype.h> for Lua in the kernel: the kernel's ASCII classification */
#ifndef _LUNATIK_LIBC_CTYPE_H
#define _LUNATIK_LIBC_CTYPE_H

#include <linux/ctype.h>

#endif
