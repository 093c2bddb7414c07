// SPDX-License-Identifier: GPL-2.0
/*
 * capibench.c: the cost of lunatik_run() of an empty Lua function, against
 * an empty C function called under the same kind of lock; printed on load
 * as "bench: capi_lua NS" and "bench: capi_native NS" (per call).  The
 * handler does what the specification's example does (lua_getglobal,
 * lua_pcall); "bench: capi_ref NS" is the cheapest use: the function kept
 * in the registry, and lua_call, since lunatik_run() catches errors;
 * "bench: capi_none NS" is lunatik_run() of a handler that does nothing.
 * "bench: memory_held BYTES" is what the kernel's allocators hold for a
 * fresh runtime of an empty script, just made: see capibench_held().
 * Every call is checked, and a failure fails the load: no figure then.
 */
#include <linux/kprobes.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/slab.h>

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

/*
 * Each loop: the ns of CAPIBENCH_CALLS calls, each checked, or -ECANCELED
 * if one failed: a failed call must not pass for a fast one.
 */
static s64 capibench_time(u64 start, int ret, const char *what)
{
	if (ret == 0)
		return ktime_get_ns() - start;
	pr_err("capibench: %s: a call failed (%d)\n", what, ret);
	return -ECANCELED;
}

static s64 capibench_lua_loop(lunatik_runtime_t *runtime)
{
	u64 start = ktime_get_ns();
	int ret = 0;
	int i;

	for (i = 0; i < CAPIBENCH_CALLS && ret == 0; i++)
		lunatik_run(runtime, capibench_lua, ret);
	return capibench_time(start, ret, "capi_lua");
}

static s64 capibench_ref_loop(lunatik_runtime_t *runtime, int function)
{
	u64 start = ktime_get_ns();
	int ret = 0;
	int i;

	for (i = 0; i < CAPIBENCH_CALLS && ret == 0; i++)
		lunatik_run(runtime, capibench_ref, ret, function);
	return capibench_time(start, ret, "capi_ref");
}

static s64 capibench_none_loop(lunatik_runtime_t *runtime)
{
	u64 start = ktime_get_ns();
	int ret = 0;
	int i;

	for (i = 0; i < CAPIBENCH_CALLS && ret == 0; i++)
		lunatik_run(runtime, capibench_none, ret);
	return capibench_time(start, ret, "capi_none");
}

static s64 capibench_native_loop(void)
{
	DEFINE_MUTEX(lock);
	u64 start = ktime_get_ns();
	int ret = 0;
	int i;

	for (i = 0; i < CAPIBENCH_CALLS && ret == 0; i++) {
		mutex_lock(&lock);
		ret = capibench_c(NULL);
		mutex_unlock(&lock);
	}
	return capibench_time(start, ret, "capi_native");
}

/*
 * The blocks of a state that do not come from its arena are seen as
 * lunatik_alloc() makes and frees them, while the runtime is made: a
 * kretprobe on it, for this task only, keeps those still held.  (Its
 * runtime is not known before lunatik_runtime() returns: the task tells
 * its calls from others'.)
 */
#define CAPIBENCH_BLOCKS	1024

struct capibench_block {
	void *ptr;
	size_t size;	/* what Lua asked for */
};

static struct capibench_block capibench_blocks[CAPIBENCH_BLOCKS];
static unsigned int capibench_nblocks;
static bool capibench_overflow;
static struct task_struct *capibench_task;

/* lunatik_alloc(ud, ptr, osize, nsize)'s 'ptr' and 'nsize', for its return */
struct capibench_call {
	void *ptr;
	size_t nsize;
};

static void capibench_forget(void *ptr)
{
	unsigned int i;

	for (i = 0; i < capibench_nblocks; i++) {
		if (capibench_blocks[i].ptr == ptr) {
			capibench_blocks[i] = capibench_blocks[--capibench_nblocks];
			return;
		}
	}
}

static void capibench_remember(void *ptr, size_t size)
{
	if (capibench_nblocks == CAPIBENCH_BLOCKS) {
		capibench_overflow = true;
		return;
	}
	capibench_blocks[capibench_nblocks].ptr = ptr;
	capibench_blocks[capibench_nblocks++].size = size;
}

static int capibench_alloc_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct capibench_call *call = (struct capibench_call *)ri->data;

	if (current != READ_ONCE(capibench_task))
		return 1;	/* not ours: no return handler */
	call->ptr = (void *)regs_get_kernel_argument(regs, 1);
	call->nsize = regs_get_kernel_argument(regs, 3);
	return 0;
}

/* a free, or a block moved (or kept) for its new size; a failure changes nothing */
static int capibench_alloc_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct capibench_call *call = (struct capibench_call *)ri->data;
	void *block = (void *)regs_return_value(regs);

	if (call->nsize > 0 && block == NULL)
		return 0;
	if (call->ptr != NULL)
		capibench_forget(call->ptr);
	if (call->nsize > 0)
		capibench_remember(block, call->nsize);
	return 0;
}

static struct kretprobe capibench_probe = {
	.kp.symbol_name = "lunatik_alloc",
	.entry_handler = capibench_alloc_entry,
	.handler = capibench_alloc_return,
	.data_size = sizeof(struct capibench_call),
};

/*
 * What a block holds: its slab object (the size class kmalloc rounded it
 * up to) or the pages of a large kmalloc, as ksize() says; a vmalloc'd
 * block (kvmalloc falls back to it) its pages.
 */
static size_t capibench_blocksize(const void *ptr, size_t size)
{
	return is_vmalloc_addr(ptr) ? PAGE_ALIGN(size) : ksize(ptr);
}

static bool capibench_inarena(lunatik_runtime_t *runtime, const void *ptr)
{
	const char *p = ptr;

	return p >= runtime->arena && p < runtime->arena + runtime->arena_used;
}

/*
 * The runtime's struct, its arena (whole: what it did not hand out is
 * held too), and the blocks made after the arena closed (loading and
 * running the script), garbage not collected yet included.
 */
static size_t capibench_held(lunatik_runtime_t *runtime)
{
	size_t blocks = 0, asked = 0;
	unsigned int i, n = 0;

	for (i = 0; i < capibench_nblocks; i++) {
		if (capibench_inarena(runtime, capibench_blocks[i].ptr))
			continue;
		blocks += capibench_blocksize(capibench_blocks[i].ptr, capibench_blocks[i].size);
		asked += capibench_blocks[i].size;
		n++;
	}
	/* the parts, for the reader of the log; runtime->memory counts what Lua asked */
	pr_info("capibench: struct %zu (sizeof %zu), arena %zu (%zu used), %u blocks %zu (asked %zu), memory %zu\n",
		ksize(runtime), sizeof(*runtime), ksize(runtime->arena), runtime->arena_used,
		n, blocks, asked, runtime->memory);
	return ksize(runtime) + ksize(runtime->arena) + blocks;
}

static int capibench_memory(size_t *held)
{
	lunatik_runtime_t *runtime;
	int ret = register_kretprobe(&capibench_probe);

	if (ret != 0) {
		pr_err("capibench: no kretprobe on lunatik_alloc (%d)\n", ret);
		return ret;
	}
	WRITE_ONCE(capibench_task, current);
	ret = lunatik_runtime(&runtime, "bench/empty", true);
	WRITE_ONCE(capibench_task, NULL);
	unregister_kretprobe(&capibench_probe);
	if (ret != 0)
		return ret;
	if (capibench_overflow || capibench_probe.nmissed != 0) {
		pr_err("capibench: lunatik_alloc calls not seen\n");
		ret = -ENOSPC;
	} else {
		*held = capibench_held(runtime);
	}
	lunatik_stop(runtime);
	return ret;
}

/* the four loops on a runtime of bench/capi.lua; their figures if all succeed */
static int capibench_calls(void)
{
	lunatik_runtime_t *runtime;
	s64 lua, ref = -EINVAL, none = -EINVAL, native;
	int function;
	int ret = lunatik_runtime(&runtime, "bench/capi", true);

	if (ret != 0)
		return ret;
	lua = capibench_lua_loop(runtime);
	lunatik_run(runtime, capibench_getref, function);
	if (function > 0)
		ref = capibench_ref_loop(runtime, function);
	if (ref >= 0)
		none = capibench_none_loop(runtime);
	native = capibench_native_loop();
	lunatik_stop(runtime);
	if (lua < 0 || ref < 0 || none < 0 || native < 0)
		return -ECANCELED;
	pr_info("bench: capi_lua %lld\n", lua / CAPIBENCH_CALLS);
	pr_info("bench: capi_ref %lld\n", ref / CAPIBENCH_CALLS);
	pr_info("bench: capi_none %lld\n", none / CAPIBENCH_CALLS);
	pr_info("bench: capi_native %lld\n", native / CAPIBENCH_CALLS);
	return 0;
}

/* the figures, all of them or none */
static int __init capibench_init(void)
{
	size_t held;
	int ret = capibench_memory(&held);

	if (ret == 0)
		ret = capibench_calls();
	if (ret == 0)
		pr_info("bench: memory_held %zu\n", held);
	return ret;
}

static void __exit capibench_exit(void)
{
}

module_init(capibench_init);
module_exit(capibench_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Lunatik benchmarks: the C API's overhead");
