// SPDX-License-Identifier: GPL-2.0
/*
 * luaprobe.c: the Lua library 'probe', kprobes and kretprobes in Lua.
 *
 * A probe is an object (lunatik.h) of a runtime that may not sleep: its
 * handlers run where the probed code runs, with preemption off, often
 * with interrupts off.  A handler never waits for its runtime: it enters
 * with lunatik_run_try(), and a hit that finds the runtime in use (by
 * another CPU, or by this one, in a function the runtime itself calls)
 * or not serving yet (its script's top level, its closing) is counted as
 * missed.  Registering and unregistering sleep: the script's top level
 * registers, and a stop from a handler leaves unregistering to a work
 * item.  The handlers (a table of the maker's registry) live while the
 * probe is registered; being registered holds a reference to the probe
 * and to its runtime.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/irq_work.h>
#include <linux/kallsyms.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/ptrace.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include "lunatik.h"

#define LUAPROBE_MT	"probe"

enum luaprobe_kind { LUAPROBE_PRE, LUAPROBE_POST, LUAPROBE_RET };
static const char *const luaprobe_names[] = {"pre", "post", "ret"};

struct luaprobe {
	lunatik_object_t object;
	lunatik_runtime_t *runtime;	/* that made it */
	struct kprobe kp;
	struct kretprobe krp;
	bool haskp;		/* registered, until unregistered */
	bool haskrp;
	bool enabled;
	atomic_t stopping;	/* its unregistering has begun */
	atomic_long_t missed;
	int handlers;	/* registry reference: the handlers table, while registered */
	int self;	/* registry reference: the maker's userdata, while registered */
	int regs;	/* registry reference: the userdata of the registers of a hit */
	lua_Integer address;	/* of the target, or 0 if named */
	struct work_struct unregister;
	struct irq_work kick;	/* queues 'unregister' from a handler's context */
	enum luaprobe_kind first;	/* the first of its handlers, which counts misses */
	char symbol[KSYM_NAME_LEN];
};

/* the probes a runtime may install: each hit runs each, in an entry of its own */
#define LUAPROBE_MAX	64

/* a hit's registers, valid during its handler's call */
struct luaprobe_regs {
	struct pt_regs *regs;
};

static const lunatik_class_t luaprobe_class;

static struct workqueue_struct *luaprobe_wq;

static void luaprobe_free(lunatik_object_t *object)
{
	kfree(container_of(object, struct luaprobe, object));
}

static struct luaprobe *luaprobe_check(lua_State *L, int idx)
{
	return container_of(lunatik_checkobject(L, idx, &luaprobe_class), struct luaprobe, object);
}

/* a handler's call, in the runtime: 0, or it raised (logged) */
static int luaprobe_call(lua_State *L, struct luaprobe *probe, enum luaprobe_kind kind,
			 struct pt_regs *regs)
{
	struct luaprobe_regs *r;

	if (probe->handlers == LUA_NOREF || !lua_checkstack(L, 5))
		return 0;
	/* the registers' userdata stays on the stack: the handler may drop all else */
	lua_rawgeti(L, LUA_REGISTRYINDEX, probe->regs);
	r = lua_touserdata(L, -1);
	lua_rawgeti(L, LUA_REGISTRYINDEX, probe->handlers);
	if (lua_getfield(L, -1, luaprobe_names[kind]) != LUA_TFUNCTION)
		return 0;
	if (probe->address != 0)
		lua_pushinteger(L, probe->address);
	else
		lua_pushstring(L, probe->symbol);
	if (kind == LUAPROBE_RET) {
		lua_pushinteger(L, (lua_Integer)regs_return_value(regs));
	} else {
		lua_pushvalue(L, -4);
		r->regs = regs;
	}
	if (lua_pcall(L, 2, 0, 0) != LUA_OK)
		pr_err_ratelimited("%s: %s: %s\n", probe->symbol, luaprobe_names[kind],
				   lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) :
				   "(error is not a string)");
	r->regs = NULL;
	return 0;
}

static void luaprobe_hit(struct luaprobe *probe, enum luaprobe_kind kind, struct pt_regs *regs)
{
	int ret;

	if (!READ_ONCE(probe->enabled))
		return;
	lunatik_run_try(probe->runtime, luaprobe_call, ret, probe, kind, regs);
	/* a hit is missed if its first handler is */
	if (ret < 0 && kind == probe->first)
		atomic_long_inc(&probe->missed);
}

static int luaprobe_pre(struct kprobe *kp, struct pt_regs *regs)
{
	luaprobe_hit(container_of(kp, struct luaprobe, kp), LUAPROBE_PRE, regs);
	return 0;
}

static void luaprobe_post(struct kprobe *kp, struct pt_regs *regs, unsigned long flags)
{
	luaprobe_hit(container_of(kp, struct luaprobe, kp), LUAPROBE_POST, regs);
}

static int luaprobe_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct kretprobe *krp = get_kretprobe(ri);

	if (krp != NULL)
		luaprobe_hit(container_of(krp, struct luaprobe, krp), LUAPROBE_RET, regs);
	return 0;
}

/* in process context: after it, no handler of the probe runs */
static void luaprobe_unregister(struct luaprobe *probe)
{
	if (probe->haskp)
		unregister_kprobe(&probe->kp);
	if (probe->haskrp)
		unregister_kretprobe(&probe->krp);
	probe->haskp = probe->haskrp = false;
	atomic_dec(&probe->runtime->probes);
	lunatik_put(probe->runtime);
	lunatik_object_put(&probe->object);
}

static void luaprobe_unregisterwork(struct work_struct *work)
{
	luaprobe_unregister(container_of(work, struct luaprobe, unregister));
}

/* a handler may run where this CPU holds the workqueue's lock */
static void luaprobe_kick(struct irq_work *kick)
{
	queue_work(luaprobe_wq, &container_of(kick, struct luaprobe, kick)->unregister);
}

/*
 * Stops the probe, once: its handlers are off at once, its Lua side ends
 * (L is the maker's state), and it is unregistered now where L's entry
 * may sleep, else from a work item.
 */
static void luaprobe_stop(lua_State *L, struct luaprobe *probe)
{
	if (atomic_xchg(&probe->stopping, 1))
		return;
	WRITE_ONCE(probe->enabled, false);
	luaL_unref(L, LUA_REGISTRYINDEX, probe->handlers);
	luaL_unref(L, LUA_REGISTRYINDEX, probe->self);
	luaL_unref(L, LUA_REGISTRYINDEX, probe->regs);
	probe->handlers = probe->self = probe->regs = LUA_NOREF;
	if (lunatik_cansleep(L))
		luaprobe_unregister(probe);
	else
		irq_work_queue(&probe->kick);
}

/*
 * Lunatik's own modules (lunatik.sh's): a probe there would run Lua where
 * Lua runs.  A module of someone else's that calls into Lunatik may be
 * probed: its handler finds the runtime in use, or another runtime.
 */
static const char *const luaprobe_ours_names[] = {
	"lunatik", "luadevice", "lualinux", "luanotifier", "luadata", "luarcu", "luathread",
	"luaprobe", "luasyscall", "lunatik_run",
};

static bool luaprobe_ours(const void *addr)
{
	char sym[KSYM_SYMBOL_LEN];
	const char *mod;
	size_t len;
	int i;

	/* an address that no symbol names could be anyone's: refused too */
	if (sprint_symbol(sym, (unsigned long)addr) == 0 || strncmp(sym, "0x", 2) == 0)
		return true;
	mod = strrchr(sym, '[');
	if (mod == NULL)
		return false;
	mod++;
	len = strcspn(mod, "]");
	for (i = 0; i < ARRAY_SIZE(luaprobe_ours_names); i++)
		if (strlen(luaprobe_ours_names[i]) == len &&
		    strncmp(mod, luaprobe_ours_names[i], len) == 0)
			return true;
	return false;
}

static int luaprobe_register(struct luaprobe *probe, bool ret)
{
	int err;

	probe->kp.flags = KPROBE_FLAG_DISABLED;
	err = register_kprobe(&probe->kp);
	if (err < 0)
		return err;
	probe->haskp = true;
	if (luaprobe_ours(probe->kp.addr))
		return -EPERM;
	if (ret) {
		probe->krp.kp.addr = probe->kp.addr;
		probe->krp.handler = luaprobe_ret;
		err = register_kretprobe(&probe->krp);
		if (err < 0)
			return err;
		probe->haskrp = true;
	}
	return enable_kprobe(&probe->kp);
}

static void luaprobe_target(lua_State *L, struct luaprobe *probe)
{
	if (lua_type(L, 1) == LUA_TSTRING) {
		size_t len;
		const char *name = lua_tolstring(L, 1, &len);

		luaL_argcheck(L, len > 0 && len < sizeof(probe->symbol) && strlen(name) == len, 1,
			      "not a kernel function's name");
		strscpy(probe->symbol, name, sizeof(probe->symbol));
		probe->kp.symbol_name = probe->symbol;
	} else {
		probe->address = luaL_checkinteger(L, 1);
		snprintf(probe->symbol, sizeof(probe->symbol), "%ps", (void *)probe->address);
		probe->kp.addr = (kprobe_opcode_t *)probe->address;
	}
}

/* probe.new(target, handlers) */
static int luaprobe_new(lua_State *L)
{
	lunatik_runtime_t *runtime = lunatik_toruntime(L);
	struct luaprobe_regs *regs;
	struct luaprobe *probe;
	lunatik_object_t **box;
	bool ret;
	int err;
	int i;

	luaL_checktype(L, 2, LUA_TTABLE);
	if (runtime->sleep)
		return luaL_error(L, "probe.new needs a runtime that may not sleep "
				  "(lunatik.runtime(script, false))");
	if (!lunatik_cansleep(L))
		return luaL_error(L, "probe.new cannot run where the runtime may not sleep "
				  "(a handler): install probes in the script's top level");
	/*
	 * Handlers run with preemption off; there, PREEMPT_RT's spinlock_t,
	 * the lock of a runtime that may not sleep, and its allocator sleep.
	 */
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		return luaL_error(L, "probes are not served on PREEMPT_RT yet: their handlers run "
				  "with preemption off, where this kernel's runtimes cannot run");
	for (i = 0; i < ARRAY_SIZE(luaprobe_names); i++) {
		int t = lua_getfield(L, 2, luaprobe_names[i]);

		if (t != LUA_TNIL && t != LUA_TFUNCTION)
			return luaL_error(L, "handler '%s' must be a function", luaprobe_names[i]);
		lua_pop(L, 1);
	}
	ret = lua_getfield(L, 2, "ret") == LUA_TFUNCTION;
	lua_pop(L, 1);
	if (atomic_read(&runtime->probes) >= LUAPROBE_MAX)
		return luaL_error(L, "too many probes (at most %d in a runtime)", LUAPROBE_MAX);

	box = lunatik_newbox(L, &luaprobe_class);
	probe = kzalloc(sizeof(*probe), GFP_KERNEL);
	if (probe == NULL)
		return luaL_error(L, "not enough memory for a probe");
	lunatik_object_init(&probe->object, &luaprobe_class);
	probe->runtime = runtime;
	probe->handlers = probe->self = probe->regs = LUA_NOREF;
	INIT_WORK(&probe->unregister, luaprobe_unregisterwork);
	init_irq_work(&probe->kick, luaprobe_kick);
	*box = &probe->object;
	luaprobe_target(L, probe);
	lunatik_object_charge(L, &probe->object, sizeof(*probe));
	/* only the handlers given run: a hit enters the runtime once for each */
	probe->first = LUAPROBE_RET;
	if (lua_getfield(L, 2, "post") == LUA_TFUNCTION) {
		probe->kp.post_handler = luaprobe_post;
		probe->first = LUAPROBE_POST;
	}
	if (lua_getfield(L, 2, "pre") == LUA_TFUNCTION) {
		probe->kp.pre_handler = luaprobe_pre;
		probe->first = LUAPROBE_PRE;
	}
	lua_pop(L, 2);

	/* what may raise an error comes before registering */
	regs = lua_newuserdatauv(L, sizeof(*regs), 0);
	regs->regs = NULL;
	luaL_setmetatable(L, "probe.regs");
	probe->regs = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_pushvalue(L, 2);
	probe->handlers = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_pushvalue(L, -1);
	probe->self = luaL_ref(L, LUA_REGISTRYINDEX);
	/* the registration's references, which unregistering drops */
	lunatik_get(runtime);
	lunatik_object_get(&probe->object);
	atomic_inc(&runtime->probes);
	probe->enabled = true;
	err = luaprobe_register(probe, ret);
	lunatik_checktime(L);
	if (err < 0) {
		luaprobe_stop(L, probe);
		if (err == -EPERM)
			return luaL_error(L, "cannot probe '%s': it is Lunatik's own", probe->symbol);
		return luaL_error(L, "cannot probe '%s' (%d)", probe->symbol, err);
	}
	return 1;
}

/* p:enable(on): its handlers on or off */
static int luaprobe_enable(lua_State *L)
{
	struct luaprobe *probe = luaprobe_check(L, 1);

	luaL_checktype(L, 2, LUA_TBOOLEAN);
	if (!atomic_read(&probe->stopping))
		WRITE_ONCE(probe->enabled, lua_toboolean(L, 2));
	return 0;
}

/* p:stop(): again, nothing */
static int luaprobe_stopmethod(lua_State *L)
{
	struct luaprobe *probe = luaprobe_check(L, 1);

	if (probe->runtime != lunatik_toruntime(L))
		return luaL_error(L, "a probe is stopped by the runtime that made it");
	luaprobe_stop(L, probe);
	lunatik_checktime(L);
	return 0;
}

/*
 * p:missed(): hits whose handlers did not run: they found the runtime in
 * use or not serving, or the kernel missed them (a hit in a probe's
 * handler, a return with no kretprobe instance free)
 */
static int luaprobe_missed(lua_State *L)
{
	struct luaprobe *probe = luaprobe_check(L, 1);

	lua_pushinteger(L, atomic_long_read(&probe->missed) + READ_ONCE(probe->kp.nmissed) +
			   READ_ONCE(probe->krp.nmissed));
	return 1;
}

/* a registered probe's own userdata is finalized when the state closes */
static int luaprobe_gc(lua_State *L)
{
	lunatik_object_t **box = lua_touserdata(L, 1);
	struct luaprobe *probe;

	if (*box == NULL)
		return 0;
	probe = container_of(*box, struct luaprobe, object);
	if (probe->runtime == lunatik_toruntime(L) && lunatik_isref(L, 1, probe->self))
		luaprobe_stop(L, probe);
	return lunatik_object_gc(L);
}

static struct pt_regs *luaprobe_checkregs(lua_State *L)
{
	struct luaprobe_regs *r = luaL_checkudata(L, 1, "probe.regs");

	if (r->regs == NULL)
		luaL_argerror(L, 1, "registers used after their handler's call");
	return r->regs;
}

/* regs(): the registers, and the stack, to the kernel log */
static int luaprobe_dump(lua_State *L)
{
	struct pt_regs *regs = luaprobe_checkregs(L);

	pr_info("registers at %pS:\n", (void *)instruction_pointer(regs));
	print_hex_dump(KERN_INFO, "", DUMP_PREFIX_OFFSET, 32, 8, regs, sizeof(*regs), false);
	dump_stack();
	return 0;
}

/* regs:arg(n), 1-based */
static int luaprobe_arg(lua_State *L)
{
	struct pt_regs *regs = luaprobe_checkregs(L);
	lua_Integer n = luaL_checkinteger(L, 2);

	luaL_argcheck(L, n >= 1 && n <= 16, 2, "argument number from 1 to 16");
	lua_pushinteger(L, (lua_Integer)regs_get_kernel_argument(regs, n - 1));
	return 1;
}

static int luaprobe_ip(lua_State *L)
{
	lua_pushinteger(L, (lua_Integer)instruction_pointer(luaprobe_checkregs(L)));
	return 1;
}

static const luaL_Reg luaprobe_regs_mt[] = {
	{"arg", luaprobe_arg},
	{"ip", luaprobe_ip},
	{"__call", luaprobe_dump},
	{NULL, NULL}
};

static const luaL_Reg luaprobe_mt[] = {
	{"enable", luaprobe_enable},
	{"stop", luaprobe_stopmethod},
	{"missed", luaprobe_missed},
	{"__gc", luaprobe_gc},
	{"__close", luaprobe_stopmethod},
	{NULL, NULL}
};

static const lunatik_class_t luaprobe_class = {
	.name = LUAPROBE_MT,
	.methods = luaprobe_mt,
	.release = luaprobe_free,
	.atomic = true,
	.owner = THIS_MODULE,
};

static const luaL_Reg luaprobe_lib[] = {
	{"new", luaprobe_new},
	{NULL, NULL}
};

int luaopen_probe(lua_State *L)
{
	luaL_newlib(L, luaprobe_lib);
	lunatik_newobjectclass(L, &luaprobe_class);
	lunatik_newclass(L, "probe.regs", luaprobe_regs_mt);
	return 1;
}
EXPORT_SYMBOL_GPL(luaopen_probe);

static int __init luaprobe_init(void)
{
	luaprobe_wq = alloc_workqueue("luaprobe", 0, 0);
	return luaprobe_wq != NULL ? 0 : -ENOMEM;
}

static void __exit luaprobe_exit(void)
{
	destroy_workqueue(luaprobe_wq);	/* (no probe is left: no irq_work either) */
}

module_init(luaprobe_init);
module_exit(luaprobe_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Lunatik: the Lua library 'probe', kprobes in Lua");
