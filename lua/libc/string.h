/* SPDX-License-Identifier: GPL-2.0 */
/* <string.h> for Lua in the kernel */
#ifndef _LUNATIK_LIBC_STRING_H
#define _LUNATIK_LIBC_STRING_H

#include <linux/string.h>

#define strcoll(a,b)	strcmp(a,b)

#endif
