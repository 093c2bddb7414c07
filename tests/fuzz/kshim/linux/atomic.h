/* SPDX-License-Identifier: GPL-2.0 */
#ifndef kshim_atomic_h
#define kshim_atomic_h

#include <linux/types.h>

typedef struct {
	int counter;
} atomic_t;

#endif
