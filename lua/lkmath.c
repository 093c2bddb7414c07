// SPDX-License-Identifier: GPL-2.0
/*
 * lkmath.c: the math library of the kernel dialect, integers only.
 *
 * Of Lua 5.4's math library this keeps what is defined on integers:
 * abs, max, min, tointeger, ult, maxinteger and mininteger.
 */
#define lkmath_c
#define LUA_LIB

#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"

static int math_abs(lua_State *L)
{
	lua_Integer n = luaL_checkinteger(L, 1);

	/* -mininteger wraps to mininteger, as in Lua */
	if (n < 0)
		n = (lua_Integer)(0u - (lua_Unsigned)n);
	lua_pushinteger(L, n);
	return 1;
}

/* the first of the least (or greatest) arguments, as in Lua */
static int math_pick(lua_State *L, int greatest)
{
	int n = lua_gettop(L);
	int best = 1;
	int i;

	luaL_checkinteger(L, 1);
	for (i = 2; i <= n; i++) {
		luaL_checkinteger(L, i);
		if (greatest ? lua_compare(L, best, i, LUA_OPLT) :
			       lua_compare(L, i, best, LUA_OPLT))
			best = i;
	}
	lua_pushvalue(L, best);
	return 1;
}

static int math_min(lua_State *L)
{
	return math_pick(L, 0);
}

static int math_max(lua_State *L)
{
	return math_pick(L, 1);
}

static int math_tointeger(lua_State *L)
{
	int valid;
	lua_Integer n = lua_tointegerx(L, 1, &valid);

	if (valid) {
		lua_pushinteger(L, n);
	} else {
		luaL_checkany(L, 1);
		luaL_pushfail(L);
	}
	return 1;
}

static int math_ult(lua_State *L)
{
	lua_Integer a = luaL_checkinteger(L, 1);
	lua_Integer b = luaL_checkinteger(L, 2);

	lua_pushboolean(L, (lua_Unsigned)a < (lua_Unsigned)b);
	return 1;
}

static const luaL_Reg mathlib[] = {
	{"abs", math_abs},
	{"max", math_max},
	{"min", math_min},
	{"tointeger", math_tointeger},
	{"ult", math_ult},
	{"maxinteger", NULL},
	{"mininteger", NULL},
	{NULL, NULL}
};

LUAMOD_API int luaopen_math(lua_State *L)
{
	luaL_newlib(L, mathlib);
	lua_pushinteger(L, LUA_MAXINTEGER);
	lua_setfield(L, -2, "maxinteger");
	lua_pushinteger(L, LUA_MININTEGER);
	lua_setfield(L, -2, "mininteger");
	return 1;
}
