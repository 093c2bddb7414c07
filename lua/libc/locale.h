/* SPDX-License-Identifier: GPL-2.0 */
/* <locale.h> for Lua in the kernel: no locales: the decimal point is '.' (lkconf.h) */
#ifndef _LUNATIK_LIBC_LOCALE_H
#define _LUNATIK_LIBC_LOCALE_H

#endif
