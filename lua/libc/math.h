/* SPDX-License-Identifier: GPL-2.0 */
/* <math.h> for Lua in the kernel: integer stand-ins for float code that lkconf.h makes unreachable */
#ifndef _LUNATIK_LIBC_MATH_H
#define _LUNATIK_LIBC_MATH_H

#define floor(x)	(x)
#define fabs(x)		((x) < 0 ? -(x) : (x))
#define frexp(x,e)	((*(e) = 0), (x))
#define ldexp(x,e)	((void)(e), (x))

#endif
