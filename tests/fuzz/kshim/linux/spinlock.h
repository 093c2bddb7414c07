/* SPDX-License-Identifier: GPL-2.0 */
#ifndef kshim_spinlock_h
#define kshim_spinlock_h

typedef struct {
	int unused;
} spinlock_t;

#endif
