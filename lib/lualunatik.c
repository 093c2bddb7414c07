// SPDX-License-Identifier: GPL-2.0
/*
 * lualunatik.c: the Lua library 'lunatik', runtimes created from Lua.
 *
 * A runtime is an object: each userdata of it holds a reference, and
 * so does a thread that runs it.  A runtime made here is its maker's
 * child until it closes: the maker stops it when the maker closes, and
 * holds at most LUALUNATIK_MAXCHILDREN at once.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/string.h>

#include "lunatik.h"
#include "lunatik_core.h"

/*
 * Runtimes that a runtime has made and that run at once: each has its own
 * memory and time limits.
 */
#define LUALUNATIK_MAXCHILDREN	16

lunatik_runtime_t *lunatik_checkruntime(lua_State *L, int idx)
{
	lunatik_object_t *object = lunatik_checkobject(L, idx, &lunatik_runtime_class);

	return container_of(object, lunatik_runtime_t, object);
}
EXPORT_SYMBOL_GPL(lunatik_checkruntime);

/* makes 'child' a child of L's runtime, if it may have one more */
static bool lualunatik_adopt(lunatik_runtime_t *maker, lunatik_runtime_t *child)
{
	bool adopted = false;

	mutex_lock(&lunatik_family);
	if (maker->nchildren < LUALUNATIK_MAXCHILDREN) {
		maker->nchildren++;
		lunatik_get(maker);
		child->maker = maker;
		list_add(&child->sibling, &maker->children);
		adopted = true;
	}
	mutex_unlock(&lunatik_family);
	return adopted;
}

static int lualunatik_runtime(lua_State *L)
{
	lunatik_runtime_t *maker = lunatik_toruntime(L);
	size_t len;
	const char *script = luaL_checklstring(L, 1, &len);
	bool sleep = lua_isnoneornil(L, 2) || lua_toboolean(L, 2);
	lunatik_runtime_t *child;
	lunatik_object_t **box;
	char msg[256];
	int ret;

	luaL_argcheck(L, strlen(script) == len, 1, "contains an embedded zero");
	if (!maker->sleep || !lunatik_cansleep(L))
		return luaL_error(L, "a runtime that may not sleep cannot make runtimes "
				  "(reading a script sleeps)");
	if (READ_ONCE(maker->nchildren) >= LUALUNATIK_MAXCHILDREN)
		return luaL_error(L, "too many runtimes (at most %d at once)",
				  LUALUNATIK_MAXCHILDREN);
	box = lunatik_newbox(L, &lunatik_runtime_class);
	/* the driver's children are made as lunatik_runtime() makes them */
	ret = lunatik_newruntime(&child, script, sleep, maker->driver && sleep ? LUNATIK_LIB : 0,
				 maker, msg, sizeof(msg));
	lunatik_checktime(L);	/* the child's script ran in our time */
	if (ret == -ENOMEM)
		return luaL_error(L, "not enough memory for runtime '%s'", script);
	if (ret < 0)
		return luaL_error(L, "%s", msg);
	*box = &child->object;
	if (!lualunatik_adopt(maker, child)) {
		lunatik_close(child, NULL);
		return luaL_error(L, "too many runtimes (at most %d at once)",
				  LUALUNATIK_MAXCHILDREN);
	}
	return 1;
}

/* lunatik.stop(rt), rt:stop(): again, nothing */
static int lualunatik_stop(lua_State *L)
{
	lunatik_runtime_t *runtime = lunatik_checkruntime(L, 1);

	int ret = lunatik_close(runtime, lunatik_toruntime(L));

	lunatik_checktime(L);	/* its finalizers ran in our time too */
	if (ret == -EDEADLK)
		return luaL_error(L, "a runtime cannot be stopped from its own entry");
	if (ret < 0)
		return luaL_error(L, "gave up waiting for the runtime (it stops when it is free)");
	return 0;
}

/* rt:resume(...): the runtime's task, with the values given, shared */
static int lualunatik_resume(lua_State *L)
{
	lunatik_runtime_t *runtime = lunatik_checkruntime(L, 1);
	lunatik_runtime_t *caller = lunatik_toruntime(L);
	lunatik_values_t **args;
	lunatik_values_t **results;
	char msg[256];
	int ret;

	args = lunatik_getvalues(L, 2, lua_gettop(L) - 1, !runtime->sleep);
	results = lunatik_newvalues(L);
	ret = lunatik_resume(runtime, caller, *args, results, msg, sizeof(msg));
	lunatik_checktime(L);
	switch (ret) {
	case 0:
		break;
	case -ENXIO:
		return luaL_error(L, "runtime is stopped");
	case -EDEADLK:
		return luaL_error(L, "cannot resume a runtime from its own entry");
	case -EINTR:
		return luaL_error(L, "gave up waiting for the runtime");
	case -EPERM:
		return luaL_error(L, "this context may not enter the runtime");
	default:
		return luaL_error(L, "%s", msg[0] != '\0' ? msg : "the task failed");
	}
	lunatik_freevalues(*args);
	*args = NULL;
	ret = (*results)->n;
	lunatik_pushvalues(L, *results);
	lunatik_freevalues(*results);
	*results = NULL;
	return ret;
}

static const luaL_Reg lualunatik_lib[] = {
	{"runtime", lualunatik_runtime},
	{"stop", lualunatik_stop},
	{NULL, NULL}
};

const luaL_Reg lualunatik_methods[] = {
	{"stop", lualunatik_stop},
	{"resume", lualunatik_resume},
	{"__gc", lunatik_object_gc},
	{"__close", lualunatik_stop},
	{NULL, NULL}
};

int luaopen_lunatik(lua_State *L)
{
	luaL_newlib(L, lualunatik_lib);
	lunatik_newobjectclass(L, &lunatik_runtime_class);
	return 1;
}
