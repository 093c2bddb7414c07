// SPDX-License-Identifier: GPL-2.0
/*
 * lklibc.c: the C library functions Lua calls that the kernel lacks.
 */
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/ratelimit.h>
#include <linux/siphash.h>
#include <linux/string.h>

#include <stdlib.h>

#include "luaconf.h"
#include "lunatik_compat.h"

/*
 * luaL_newstate's allocator.  Its blocks carry their size, which
 * kvrealloc needs before 6.12; they may sleep (GFP_KERNEL).  Runtimes
 * use their own.
 */
struct luai_block {
	size_t size;
	u64 data[];  /* aligned as LUAI_MAXALIGN */
};

void *luai_realloc(void *ptr, size_t size)
{
	struct luai_block *old = ptr ? container_of(ptr, struct luai_block, data) : NULL;
	struct luai_block *new;

	new = lunatik_kvrealloc(old, old ? sizeof(*old) + old->size : 0,
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

/* a random seed, for string hashes and table.sort's pivots (lkconf.h) */
unsigned int luai_seed(void)
{
	return get_random_u32();
}

static siphash_key_t luai_pointerkey;

void luai_initrandom(void)
{
	get_random_bytes(&luai_pointerkey, sizeof(luai_pointerkey));
	luai_hashfactor = get_random_u64() | 1;
}

int luai_pointer2str(char *buff, size_t sz, const void *p)
{
	return snprintf(buff, sz, "0x%016llx", siphash_1u64((u64)(uintptr_t)p, &luai_pointerkey));
}

/* printk's burst, shared by all states: a loop of prints must not flood the log */
static DEFINE_RATELIMIT_STATE(luai_logburst, 5 * HZ, 200);

bool luai_logallowed(void)
{
	return __ratelimit(&luai_logburst);
}

/* a text that starts as a level (KERN_SOH) would be read as one: "^A" */
void luai_logpiece(const char *level, const char *s, size_t len, const char *end)
{
	bool soh = len > 0 && s[0] == KERN_SOH_ASCII;

	printk("%s%s%.*s%s", level, soh ? "^A" : "", (int)(len - soh), s + soh, end);
}

void luai_writelog(const char *level, const char *s, size_t len)
{
	do {
		size_t n = min_t(size_t, len, LUAI_LOGLINE);
		const char *nl = memchr(s, '\n', n);

		if (nl != NULL)
			n = nl - s;
		if (luai_logallowed())
			luai_logpiece(level, s, n, "\n");
		if (n < len && s[n] == '\n')
			n++;
		s += n;
		len -= n;
	} while (len > 0);
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
