/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luadata.h: data views, for libraries that lend memory to a callback.
 *
 * luadata_view() pushes on L a data object over 'size' bytes at 'ptr'
 * (raising for want of memory); luadata_close() ends it before the
 * memory goes: an access after that raises, wherever the script kept it.
 */
#ifndef luadata_h
#define luadata_h

#include "lunatik.h"

lunatik_object_t *luadata_view(lua_State *L, void *ptr, size_t size);
void luadata_close(lunatik_object_t *object);

#endif
