// SPDX-License-Identifier: GPL-2.0
/*
 * slab.c: kmalloc and kvmalloc for the fuzz target, on ASan's malloc.
 * Each block is a malloc'd block with nothing in front of it, so ASan
 * guards it as KASAN guards a slab object: redzones around it, a
 * quarantine once it is freed, a report for a free of what is not a
 * block.  The bytes held are the sizes asked for.  An allocation fails
 * where the kernel's would: kmalloc past KMALLOC_MAX_SIZE, kvmalloc
 * without __GFP_DIRECT_RECLAIM as kmalloc, and either past
 * kshim_max_memory held (the machine's memory).
 */
#include <stdint.h>
#include <stdlib.h>

#include <sanitizer/allocator_interface.h>

#include <linux/slab.h>

size_t kshim_memory;
size_t kshim_max_memory = SIZE_MAX;

static void *kshim_alloc(size_t size)
{
	void *block;

	if (size > kshim_max_memory - kshim_memory)
		return NULL;
	block = malloc(size);
	if (block != NULL)
		kshim_memory += size;
	return block;
}

void *kmalloc(size_t size, gfp_t flags)
{
	(void)flags;
	if (size > KMALLOC_MAX_SIZE)
		return NULL;
	return kshim_alloc(size);
}

void *kvmalloc(size_t size, gfp_t flags)
{
	/* as the kernel's: vmalloc, for large blocks, only where it may sleep */
	if (!(flags & __GFP_DIRECT_RECLAIM))
		return kmalloc(size, flags);
	return kshim_alloc(size);
}

void kfree(const void *ptr)
{
	void *block = (void *)ptr;

	if (block == NULL)
		return;
	/* not a block (freed already): not counted, and free reports it */
	if (__sanitizer_get_ownership(block))
		kshim_memory -= __sanitizer_get_allocated_size(block);
	free(block);
}

void kvfree(const void *ptr)
{
	kfree(ptr);
}
