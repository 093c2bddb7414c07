/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lunatik_core.h: what lunatik.ko's files share beyond the C API.
 */
#ifndef lunatik_core_h
#define lunatik_core_h

#include "lunatik.h"
#include "lkerror.h"

/*
 * 'flags': LUNATIK_LIB, the 'lunatik' library; LUNATIK_DRIVER, its
 * lunatik.runtime makes runtimes as lunatik_runtime() does.  'outer': the
 * runtime in whose entry the script runs (it wakes and stops the script as
 * its own), or NULL.
 */
#define LUNATIK_LIB	1
#define LUNATIK_DRIVER	2
int lunatik_newruntime(lunatik_runtime_t **pruntime, const char *script, bool sleep,
		       unsigned int flags, lunatik_runtime_t *outer, char *msg, size_t msgsize);

bool lunatik_maysleep(void);

/* pushes the metatable that lunatik_newclass() makes, not registered */
void lunatik_pushclass(lua_State *L, const char *name, const luaL_Reg *methods);

/* held to change who made which runtime (maker, children, sibling) */
extern struct mutex lunatik_family;

/* a runtime is an object; lualunatik.c has its methods */
extern const lunatik_class_t lunatik_runtime_class;
extern const luaL_Reg lualunatik_methods[];
int lunatik_close(lunatik_runtime_t *runtime, lunatik_runtime_t *caller);

/* lunatik_object.c */
void lunatik_object_flush(void);
lunatik_account_t *lunatik_account_new(size_t max);
void lunatik_account_put(lunatik_account_t *account);

/* lunatik_alloc.c */
void *lunatik_alloc(void *ud, void *ptr, size_t osize, size_t nsize);
size_t lunatik_memory_left(lunatik_runtime_t *runtime);
void lunatik_arena_open(lunatik_runtime_t *runtime);
void lunatik_arena_close(lunatik_runtime_t *runtime);
void lunatik_arena_free(lunatik_runtime_t *runtime);

#endif
