// SPDX-License-Identifier: GPL-2.0
/*
 * lunatik_alloc.c: the allocator of a runtime's Lua state.
 *
 * What a state makes while it is created (the state itself and its
 * libraries: some 250 blocks) is cut from one block, its arena, and
 * freeing it is nothing: a runtime costs one allocation there, not
 * hundreds, and closing it one free.  The arena closes when the libraries
 * are open; what the script makes comes from the kernel's allocator.
 * Arena memory freed is not reused: the arena counts whole against the
 * memory limit until the state is closed.
 */
#include <linux/slab.h>
#include <linux/string.h>

#include "lunatik_core.h"

/* a state and its libraries take about 15 KiB (make bench) */
#define LUNATIK_ARENA		(16 << 10)
#define LUNATIK_ARENA_ALIGN	ARCH_KMALLOC_MINALIGN	/* what kmalloc gives */

static bool lunatik_inarena(lunatik_runtime_t *runtime, const void *ptr)
{
	const char *p = ptr;

	return p >= runtime->arena && p < runtime->arena + runtime->arena_used;
}

/* 'ptr' (NULL or in the arena) moved to a block of the arena, or NULL */
static void *lunatik_arena_alloc(lunatik_runtime_t *runtime, void *ptr, size_t osize,
				 size_t nsize)
{
	size_t used = runtime->arena_used;
	size_t size = ALIGN(nsize, LUNATIK_ARENA_ALIGN);
	char *block;

	if (ptr != NULL) {
		if (nsize <= osize)
			return ptr;
		/* the last block grows in place */
		if ((char *)ptr + ALIGN(osize, LUNATIK_ARENA_ALIGN) == runtime->arena + used)
			used = (char *)ptr - runtime->arena;
	}
	if (size > runtime->arena_size - used)
		return NULL;
	block = runtime->arena + used;
	if (ptr != NULL && block != ptr)
		memcpy(block, ptr, osize);
	runtime->arena_used = used + size;
	return block;
}

void *lunatik_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	lunatik_runtime_t *runtime = ud;
	gfp_t gfp = (runtime->atomic ? GFP_ATOMIC : GFP_KERNEL) | __GFP_NOWARN;
	bool inarena = lunatik_inarena(runtime, ptr);
	size_t freed;	/* what freeing 'ptr' gives back: nothing in the arena */
	void *block;

	if (ptr == NULL)
		osize = 0;	/* Lua passes a type tag instead */
	freed = inarena ? 0 : osize;
	if (nsize == 0) {
		if (!inarena)
			kvfree(ptr);
		runtime->memory -= freed;
		return NULL;
	}
	if (ptr == NULL || inarena) {
		/* (what the libraries make while they open spends no budget) */
		block = lunatik_arena_alloc(runtime, ptr, osize, nsize);
		if (block != NULL)
			return block;
	}
	if (runtime->L != NULL)
		luai_spendbytes(luai_limits(runtime->L), nsize);
	/*
	 * A block is always moved to one of its new size, shrinking too:
	 * kvrealloc() would keep a large block when it shrinks, and the limit
	 * would count less than is held.  A runtime that may not sleep uses
	 * kmalloc only: vmalloc sleeps, and so does vfree outside interrupts.
	 * The limit holds the objects the runtime made too.
	 */
	if (nsize > freed && nsize - freed > lunatik_memory_left(runtime))
		return NULL;
	block = runtime->sleep ? kvmalloc(nsize, gfp) : kmalloc(nsize, gfp);
	if (block == NULL && nsize < osize) {
		/* a block too large is still good; Lua frees it as of its new size */
		runtime->memory -= freed - nsize;
		return ptr;
	}
	if (block == NULL)
		return NULL;
	if (ptr != NULL) {
		memcpy(block, ptr, min(osize, nsize));
		if (!inarena)
			kvfree(ptr);
	}
	runtime->memory += nsize - freed;
	return block;
}

size_t lunatik_memory_left(lunatik_runtime_t *runtime)
{
	size_t held = runtime->memory + atomic_long_read(&runtime->account->charged);

	return held < runtime->max_memory ? runtime->max_memory - held : 0;
}

/* Without an arena (no memory for it), the state allocates as after it. */
void lunatik_arena_open(lunatik_runtime_t *runtime)
{
	if (runtime->max_memory < LUNATIK_ARENA)
		return;
	runtime->arena = kmalloc(LUNATIK_ARENA, GFP_KERNEL | __GFP_NOWARN);
	if (runtime->arena == NULL)
		return;
	runtime->arena_size = LUNATIK_ARENA;
	runtime->memory += LUNATIK_ARENA;
}

void lunatik_arena_close(lunatik_runtime_t *runtime)
{
	runtime->arena_size = runtime->arena_used;
}

/* once the state is closed */
void lunatik_arena_free(lunatik_runtime_t *runtime)
{
	if (runtime->arena == NULL)
		return;
	kfree(runtime->arena);
	runtime->arena = NULL;
	runtime->arena_size = runtime->arena_used = 0;
	runtime->memory -= LUNATIK_ARENA;
}
