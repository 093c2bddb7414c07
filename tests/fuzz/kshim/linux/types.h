/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kshim: the kernel headers lunatik_alloc.c and lunatik.h include, just
 * enough of them for the fuzz target to link the real allocator in user
 * space.  The system's own linux/types.h (UAPI) comes first, for the C
 * library's headers that include it.
 */
#ifndef kshim_types_h
#define kshim_types_h

#include_next <linux/types.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t u64;
typedef unsigned int gfp_t;

/* one input at a time: no other CPU */
typedef struct {
	long counter;
} atomic_long_t;

static inline long atomic_long_read(const atomic_long_t *v)
{
	return v->counter;
}

/* lkkernel.h's, for lunatik_runtime_t; the fuzz target never jumps there */
typedef unsigned long luai_jmpbuf[8];
struct luai_protect {
	void *fn;
	luai_jmpbuf jb;
};

#endif
