// SPDX-License-Identifier: GPL-2.0
/*
 * lualinux.c: the Lua library 'linux', some facilities of the kernel.
 */
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/stat.h>

#include "lunatik.h"

/*
 * A uniform integer in [0, n], without modulo bias: for a 32-bit range
 * the kernel's own (one draw, almost always); else draws under a mask.
 */
static u64 lualinux_uniform(u64 n)
{
	u64 mask = n;
	u64 r;

	if (n < U32_MAX)
		return get_random_u32_below((u32)n + 1);
	mask |= mask >> 1;
	mask |= mask >> 2;
	mask |= mask >> 4;
	mask |= mask >> 8;
	mask |= mask >> 16;
	mask |= mask >> 32;
	do {
		r = get_random_u64() & mask;
	} while (r > n);
	return r;
}

/* linux.random([m [, n]]): as Lua's math.random, from the kernel's generator */
static int lualinux_random(lua_State *L)
{
	lua_Integer low;
	lua_Integer up;

	switch (lua_gettop(L)) {
	case 0:
		lua_pushinteger(L, (lua_Integer)get_random_u64());
		return 1;
	case 1:
		low = 1;
		up = luaL_checkinteger(L, 1);
		if (up == 0) {	/* all bits, as math.random(0) */
			lua_pushinteger(L, (lua_Integer)get_random_u64());
			return 1;
		}
		break;
	case 2:
		low = luaL_checkinteger(L, 1);
		up = luaL_checkinteger(L, 2);
		break;
	default:
		return luaL_error(L, "wrong number of arguments");
	}
	luaL_argcheck(L, low <= up, 1, "interval is empty");
	lua_pushinteger(L, (lua_Integer)((u64)low + lualinux_uniform((u64)up - (u64)low)));
	return 1;
}

/* linux.getsid(): the session of the calling process, as getsid(0) */
static int lualinux_getsid(lua_State *L)
{
	if (!in_task())
		return luaL_error(L, "getsid: no process calls in interrupt context");
	lua_pushinteger(L, task_session_vnr(current));
	return 1;
}

static const luaL_Reg lualinux_lib[] = {
	{"random", lualinux_random},
	{"getsid", lualinux_getsid},
	{"stat", NULL},
	{NULL, NULL}
};

#define LUALINUX_STAT(flag)	{#flag, S_##flag}

static const struct {
	const char *name;
	lua_Integer value;
} lualinux_stat[] = {
	LUALINUX_STAT(IRWXUGO), LUALINUX_STAT(IRUGO), LUALINUX_STAT(IWUGO),
	LUALINUX_STAT(IXUGO), LUALINUX_STAT(IALLUGO),
	LUALINUX_STAT(IRWXU), LUALINUX_STAT(IRUSR), LUALINUX_STAT(IWUSR), LUALINUX_STAT(IXUSR),
	LUALINUX_STAT(IRWXG), LUALINUX_STAT(IRGRP), LUALINUX_STAT(IWGRP), LUALINUX_STAT(IXGRP),
	LUALINUX_STAT(IRWXO), LUALINUX_STAT(IROTH), LUALINUX_STAT(IWOTH), LUALINUX_STAT(IXOTH),
	LUALINUX_STAT(ISUID), LUALINUX_STAT(ISGID), LUALINUX_STAT(ISVTX),
};

int luaopen_linux(lua_State *L)
{
	int i;

	luaL_newlib(L, lualinux_lib);
	lua_createtable(L, 0, ARRAY_SIZE(lualinux_stat));
	for (i = 0; i < ARRAY_SIZE(lualinux_stat); i++) {
		lua_pushinteger(L, lualinux_stat[i].value);
		lua_setfield(L, -2, lualinux_stat[i].name);
	}
	lua_setfield(L, -2, "stat");
	return 1;
}
EXPORT_SYMBOL_GPL(luaopen_linux);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Lunatik: the Lua library 'linux'");
