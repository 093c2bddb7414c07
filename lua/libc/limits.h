/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <limits.h> for Lua in the kernel.  Lua tests these in #if, where the
 * kernel's casts cannot be evaluated: the compiler's own values can.
 */
#ifndef _LUNATIK_LIBC_LIMITS_H
#define _LUNATIK_LIBC_LIMITS_H

#include <linux/limits.h>

#undef INT_MAX
#undef INT_MIN
#undef UINT_MAX
#undef LONG_MAX
#undef LONG_MIN
#undef ULONG_MAX
#undef LLONG_MAX
#undef LLONG_MIN
#undef ULLONG_MAX

#define CHAR_BIT	__CHAR_BIT__
#define UCHAR_MAX	(__SCHAR_MAX__ * 2 + 1)
#define INT_MAX		__INT_MAX__
#define INT_MIN		(-INT_MAX - 1)
#define UINT_MAX	(__INT_MAX__ * 2U + 1U)
#define LONG_MAX	__LONG_MAX__
#define LONG_MIN	(-LONG_MAX - 1L)
#define ULONG_MAX	(__LONG_MAX__ * 2UL + 1UL)
#define LLONG_MAX	__LONG_LONG_MAX__
#define LLONG_MIN	(-LLONG_MAX - 1LL)
#define ULLONG_MAX	(__LONG_LONG_MAX__ * 2ULL + 1ULL)

#endif
