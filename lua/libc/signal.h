/* SPDX-License-Identifier: GPL-2.0 */
/* <signal.h> for Lua in the kernel: only the type of a hook's mask */
#ifndef _LUNATIK_LIBC_SIGNAL_H
#define _LUNATIK_LIBC_SIGNAL_H

typedef int sig_atomic_t;

#endif
