// SPDX-License-Identifier: GPL-2.0
/*
 * lunatik_testlib.c: a C library for Lua in a module of its own, as
 * require() finds them; it tells its module's reference count.
 */
#include <linux/module.h>

#include "lunatik.h"

static int testlib_refcount(lua_State *L)
{
	lua_pushinteger(L, module_refcount(THIS_MODULE));
	return 1;
}

static const luaL_Reg testlib[] = {
	{"refcount", testlib_refcount},
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
