// SPDX-License-Identifier: GPL-2.0
/*
 * lklibc.c: the C library functions Lua calls that the kernel lacks.
 */
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/panic.h>
#include <linux/random.h>

#include <stdlib.h>

/*
 * luaL_newstate's allocator.  Its blocks carry their size, which
 * kvrealloc needs; they may sleep (GFP_KERNEL).  Runtimes use their own.
 */
struct luai_block {
	size_t size;
	u64 data[];  /* aligned as LUAI_MAXALIGN */
};

void *luai_realloc(void *ptr, size_t size)
{
	struct luai_block *old = ptr ? container_of(ptr, struct luai_block, data) : NULL;
	struct luai_block *new;

	new = kvrealloc(old, old ? sizeof(*old) + old->size : 0,
			sizeof(*new) + size, GFP_KERNEL | __GFP_NOWARN);
	if (new == NULL)
		return NULL;
	new->size = size;
	return new->data;
}

void luai_free(void *ptr)
{
	if (ptr != NULL)
		kvfree(container_of(ptr, struct luai_block, data));
}

/*
 * An error outside any protected call of a state without a panic
 * function that jumps out (runtimes have one, lunatik_run's): Lua cannot
 * go on, and neither can the kernel.
 */
void luai_abort(void)
{
	panic("Lua: unprotected error outside a runtime\n");
}

/* a random seed, for string hashes and table.sort's pivots (lkconf.h) */
unsigned int luai_seed(void)
{
	return get_random_u32();
}

#if defined(CONFIG_KASAN_STACK)
/* exported by KASAN (mm/kasan/kasan.h) */
void kasan_poison(const void *addr, size_t size, u8 value, bool init);

/* clears what KASAN poisoned in the stack from here to 'sp', upward */
void luai_unpoison(unsigned long sp)
{
	unsigned long here = current_stack_pointer & ~7UL;

	kasan_poison((void *)here, sp - here, 0, false);
}
#endif
