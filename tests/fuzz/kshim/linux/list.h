/* SPDX-License-Identifier: GPL-2.0 */
#ifndef kshim_list_h
#define kshim_list_h

struct list_head {
	struct list_head *next, *prev;
};

#endif
