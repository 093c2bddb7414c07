/* SPDX-License-Identifier: GPL-2.0 */
/* <stdio.h> for Lua in the kernel: formatting into buffers; there are no streams */
#ifndef _LUNATIK_LIBC_STDIO_H
#define _LUNATIK_LIBC_STDIO_H

#include <linux/kernel.h>

#endif
