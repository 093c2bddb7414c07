/* SPDX-License-Identifier: GPL-2.0 */
#ifndef kshim_kref_h
#define kshim_kref_h

struct kref {
	unsigned int refcount;
};

static inline void kref_get(struct kref *kref)
{
	kref->refcount++;
}

#endif
