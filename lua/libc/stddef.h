/* SPDX-License-Identifier: GPL-2.0 */
/* <stddef.h> for Lua in the kernel */
#ifndef _LUNATIK_LIBC_STDDEF_H
#define _LUNATIK_LIBC_STDDEF_H

#include <linux/stddef.h>
#include <linux/types.h>

#endif
