/* SPDX-License-Identifier: GPL-2.0 */
#ifndef kshim_mutex_h
#define kshim_mutex_h

/* a runtime's lock: the fuzz target runs one input at a time */
struct mutex {
	int unused;
};

#endif
