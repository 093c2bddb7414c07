// SPDX-License-Identifier: GPL-2.0
/*
 * lunatik_testlib.c: a C library for Lua in a module of its own, as
 * require() finds them; it tells its module's reference count, and has
 * a function for probes to probe.
 */
#include <linux/module.h>

#include "lunatik.h"

static int testlib_refcount(lua_State *L)
{
	lua_pushinteger(L, module_refcount(THIS_MODULE));
	return 1;
}

/* what probe.lua probes: its argument is i, its result 2 * i */
noinline long lunatik_testlib_target(long i);
noinline long lunatik_testlib_target(long i)
{
	barrier();
	return 2 * i;
}

/* testlib.hit(n): the target called for 1 to n; the sum of its results */
static int testlib_hit(lua_State *L)
{
	lua_Integer n = luaL_checkinteger(L, 1);
	lua_Integer sum = 0;
	lua_Integer i;

	for (i = 1; i <= n; i++)
		sum += lunatik_testlib_target(i);
	lua_pushinteger(L, sum);
	return 1;
}

static const luaL_Reg testlib[] = {
	{"refcount", testlib_refcount},
	{"hit", testlib_hit},
	{NULL, NULL}
};

/* found by require("testlib"), as Lunatik's libraries are */
int luaopen_testlib(lua_State *L);
int luaopen_testlib(lua_State *L)
{
	luaL_newlib(L, testlib);
	return 1;
}
EXPORT_SYMBOL_GPL(luaopen_testlib);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Lunatik tests: a C library in a module");
