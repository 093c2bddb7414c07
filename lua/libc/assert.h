/* SPDX-License-Identifier: GPL-2.0 */
/* <assert.h> for Lua in the kernel: checks only in builds with LUAI_ASSERT or LUA_USE_APICHECK */
#ifndef _LUNATIK_LIBC_ASSERT_H
#define _LUNATIK_LIBC_ASSERT_H

#include <linux/bug.h>

#define assert(c)	WARN_ON_ONCE(!(c))

#endif
