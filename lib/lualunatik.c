// SPDX-License-Identifier: GPL-2.0
/*
 * lualunatik.c: the Lua library 'lunatik', runtimes created from Lua.
 *
 * A runtime userdata holds a reference to its runtime until it is
 * stopped: by lunatik.stop(), rt:stop(), garbage collection or <close>.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/string.h>

#include "lunatik.h"
#include "lunatik_core.h"

#define LUALUNATIK_RUNTIME	"lunatik.runtime"

/*
 * Runtimes that a runtime holds at once: each has its own memory and time
 * limits, and closing a runtime stops them one after another.
 */
#define LUALUNATIK_MAXCHILDREN	16

static lunatik_runtime_t **lualunatik_check(lua_State *L, int idx)
{
	return luaL_checkudata(L, idx, LUALUNATIK_RUNTIME);
}

static int lualunatik_runtime(lua_State *L)
{
	size_t len;
	const char *script = luaL_checklstring(L, 1, &len);
	bool sleep = lua_isnoneornil(L, 2) || lua_toboolean(L, 2);
	lunatik_runtime_t **pruntime;
	char msg[256];
	int ret;

	luaL_argcheck(L, strlen(script) == len, 1, "contains an embedded zero");
	if (lunatik_toruntime(L)->children >= LUALUNATIK_MAXCHILDREN)
		return luaL_error(L, "too many runtimes (at most %d at once)",
				  LUALUNATIK_MAXCHILDREN);
	pruntime = lua_newuserdatauv(L, sizeof(*pruntime), 0);
	*pruntime = NULL;
	luaL_setmetatable(L, LUALUNATIK_RUNTIME);

	ret = lunatik_newruntime(pruntime, script, sleep, false, msg, sizeof(msg));
	lunatik_checktime(L);	/* the child's script ran in our time */
	if (ret == -ENOMEM)
		return luaL_error(L, "not enough memory for runtime '%s'", script);
	if (ret < 0)
		return luaL_error(L, "%s", msg);
	lunatik_toruntime(L)->children++;
	return 1;
}

static int lualunatik_stop(lua_State *L)
{
	lunatik_runtime_t **pruntime = lualunatik_check(L, 1);

	if (*pruntime != NULL) {
		lunatik_stop(*pruntime);
		*pruntime = NULL;
		lunatik_toruntime(L)->children--;
		lunatik_checktime(L);	/* its finalizers ran in our time too */
	}
	return 0;
}

static const luaL_Reg lualunatik_lib[] = {
	{"runtime", lualunatik_runtime},
	{"stop", lualunatik_stop},
	{NULL, NULL}
};

static const luaL_Reg lualunatik_mt[] = {
	{"stop", lualunatik_stop},
	{"__gc", lualunatik_stop},
	{"__close", lualunatik_stop},
	{NULL, NULL}
};

int luaopen_lunatik(lua_State *L)
{
	luaL_newlib(L, lualunatik_lib);
	lunatik_newclass(L, LUALUNATIK_RUNTIME, lualunatik_mt);
	return 1;
}
