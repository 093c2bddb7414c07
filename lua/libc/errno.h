/* SPDX-License-Identifier: GPL-2.0 */
/* <errno.h> for Lua in the kernel: the kernel's error numbers */
#ifndef _LUNATIK_LIBC_ERRNO_H
#define _LUNATIK_LIBC_ERRNO_H

#include <linux/errno.h>

#endif
