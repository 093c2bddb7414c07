/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kshim's slab.h: kmalloc and kvmalloc on ASan's malloc
 * (slab.c), and what lunatik_alloc.c gets through the kernel's slab.h.
 */
#ifndef kshim_slab_h
#define kshim_slab_h

#include <linux/types.h>

#define __GFP_DIRECT_RECLAIM	0x1u	/* may sleep: kvmalloc may vmalloc */
#define __GFP_NOWARN		0x2u
#define GFP_KERNEL		__GFP_DIRECT_RECLAIM
#define GFP_ATOMIC		0u

/* x86_64's SLUB: kmalloc's largest block (order 10) and its alignment */
#define KMALLOC_MAX_SIZE	(4UL << 20)
#define ARCH_KMALLOC_MINALIGN	__alignof__(unsigned long long)

#define ALIGN(x, a)	(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define min(x, y)	((x) < (y) ? (x) : (y))

void *kmalloc(size_t size, gfp_t flags);
void *kvmalloc(size_t size, gfp_t flags);
void kfree(const void *ptr);
void kvfree(const void *ptr);

/* the bytes kmalloc and kvmalloc hold, and how many they may */
extern size_t kshim_memory;
extern size_t kshim_max_memory;

#endif
