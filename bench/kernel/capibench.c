// SPDX-License-Identifier: GPL-2.0
/*
 * capibench.c: the cost of lunatik_run() of an empty Lua function, against
 * an empty C function called under the same kind of lock; printed on load
 * as "bench: capi_lua NS" and "bench: capi_native NS" (per call).  The
 * handler does what the specification's example does (lua_getglobal,
 * lua_pcall); "bench: capi_ref NS" is the cheapest use: the function kept
 * in the registry, and lua_call, since lunatik_run() catches errors;
 * "bench: capi_none NS" is lunatik_run() of a handler that does nothing.
 * "bench: memory_held BYTES" is what the allocator holds for a fresh
 * runtime of an empty script (its arena and its other blocks).
 */
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/mutex.h>

#include "lunatik.h"

#define CAPIBENCH_CALLS	200000

static int capibench_lua(lua_State *L)
{
	lua_getglobal(L, "empty");
	return lua_pcall(L, 0, 0, 0);
}

static int capibench_ref(lua_State *L, int ref)
{
	lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
	lua_call(L, 0, 0);
	return 0;
}

static int capibench_none(lua_State *L)
{
	return 0;
}

static int capibench_getref(lua_State *L)
{
	lua_getglobal(L, "empty");
	return luaL_ref(L, LUA_REGISTRYINDEX);
}

static noinline int capibench_c(void *arg)
{
	barrier();
	return 0;
}

static int capibench_memory(void)
{
	lunatik_runtime_t *runtime;
	int ret = lunatik_runtime(&runtime, "bench/empty", true);

	if (ret != 0)
		return ret;
	pr_info("bench: memory_held %zu\n", runtime->memory);
	lunatik_stop(runtime);
	return 0;
}

static int __init capibench_init(void)
{
	lunatik_runtime_t *runtime;
	DEFINE_MUTEX(lock);
	u64 start, lua, ref, none, native;
	int function;
	int ret;
	int i;

	ret = capibench_memory();
	if (ret != 0)
		return ret;
	ret = lunatik_runtime(&runtime, "bench/capi", true);
	if (ret != 0)
		return ret;
	start = ktime_get_ns();
	for (i = 0; i < CAPIBENCH_CALLS; i++)
		lunatik_run(runtime, capibench_lua, ret);
	lua = ktime_get_ns() - start;
	lunatik_run(runtime, capibench_getref, function);
	start = ktime_get_ns();
	for (i = 0; i < CAPIBENCH_CALLS; i++)
		lunatik_run(runtime, capibench_ref, ret, function);
	ref = ktime_get_ns() - start;
	start = ktime_get_ns();
	for (i = 0; i < CAPIBENCH_CALLS; i++)
		lunatik_run(runtime, capibench_none, ret);
	none = ktime_get_ns() - start;
	start = ktime_get_ns();
	for (i = 0; i < CAPIBENCH_CALLS; i++) {
		mutex_lock(&lock);
		ret = capibench_c(NULL);
		mutex_unlock(&lock);
	}
	native = ktime_get_ns() - start;
	lunatik_stop(runtime);
	pr_info("bench: capi_lua %llu\n", lua / CAPIBENCH_CALLS);
	pr_info("bench: capi_ref %llu\n", ref / CAPIBENCH_CALLS);
	pr_info("bench: capi_none %llu\n", none / CAPIBENCH_CALLS);
	pr_info("bench: capi_native %llu\n", native / CAPIBENCH_CALLS);
	return 0;
}

static void __exit capibench_exit(void)
{
}

module_init(capibench_init);
module_exit(capibench_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Lunatik benchmarks: the C API's overhead");
