/* SPDX-License-Identifier: GPL-2.0 */
/* <stdint.h> for Lua in the kernel */
#ifndef _LUNATIK_LIBC_STDINT_H
#define _LUNATIK_LIBC_STDINT_H

#include <linux/types.h>

#endif
