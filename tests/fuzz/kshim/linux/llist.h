/* SPDX-License-Identifier: GPL-2.0 */
#ifndef kshim_llist_h
#define kshim_llist_h

struct llist_node {
	struct llist_node *next;
};

#endif
