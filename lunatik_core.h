/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lunatik_core.h: what lunatik.ko's files share beyond the C API.
 */
#ifndef lunatik_core_h
#define lunatik_core_h

#include "lunatik.h"
#include "lkerror.h"

int lunatik_newruntime(lunatik_runtime_t **pruntime, const char *script, bool sleep,
		       bool lunatik, char *msg, size_t msgsize);

/* lunatik_alloc.c */
void *lunatik_alloc(void *ud, void *ptr, size_t osize, size_t nsize);
void lunatik_arena_open(lunatik_runtime_t *runtime);
void lunatik_arena_close(lunatik_runtime_t *runtime);
void lunatik_arena_free(lunatik_runtime_t *runtime);

#endif
