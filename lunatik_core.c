// SPDX-License-Identifier: GPL-2.0
/*
 * lunatik_core.c: runtime environments, their limits and the C API.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "lunatik.h"
#include "lkload.h"
#include "lunatik_core.h"

static unsigned long max_memory = 32 << 20;
module_param(max_memory, ulong, 0644);
MODULE_PARM_DESC(max_memory, "bytes a new runtime may allocate (default 32 MiB)");

static unsigned int max_time_ms = 5000;
module_param(max_time_ms, uint, 0644);
MODULE_PARM_DESC(max_time_ms, "ms a sleepable runtime may run per entry (default 5000)");

static unsigned int max_atomic_time_ms = 100;
module_param(max_atomic_time_ms, uint, 0644);
MODULE_PARM_DESC(max_atomic_time_ms,
		 "ms a non-sleepable runtime may run per entry, IRQs off (default 100)");

/*
 * The C stack a Lua call must leave free on a task's stack, for what runs
 * below Lua's last check (a C library function, an allocation that
 * reclaims, printk); on another stack (an interrupt's), how much Lua may
 * use from where it is entered.
 */
#define LUNATIK_STACK_RESERVE	(6 << 10)
#define LUNATIK_STACK_OTHER	(6 << 10)

/*
 * An error where the script is: the Lua function running (level 0).  A
 * check may come before a call has checked its stack, and the error again
 * in each message handler called: room for the message first.
 */
static void lunatik_stopscript(lua_State *L, const char *why)
{
	if (!lua_checkstack(L, LUA_MINSTACK))
		lua_error(L);	/* no room: whatever is on top is the error */
	luaL_where(L, 0);
	lua_pushstring(L, why);
	lua_concat(L, 2);
	lua_error(L);
}

/* called by Lua every LUAI_BUDGET calls and jumps (lkconf.h) */
static void lunatik_check(lua_State *L)
{
	lunatik_runtime_t *runtime = lunatik_toruntime(L);
	const char *why = NULL;
	u64 now;

	if (runtime->sleep) {
		cond_resched();
		if (fatal_signal_pending(current))
			why = "interrupted by a fatal signal";
	}
	now = ktime_get_mono_fast_ns();
	if (runtime->deadline_ns == 0) {
		/* the clock starts at the first check, which comes early (lkconf.h) */
		runtime->deadline_ns = now + runtime->timeout_ns;
	}
	if (READ_ONCE(runtime->stopping)) {
		why = "runtime stopped";
	} else if (now > runtime->deadline_ns) {
		why = "time limit exceeded";
		/* a tenth more, once, for handlers to report the error */
		if (!runtime->overtime) {
			runtime->overtime = true;
			runtime->deadline_ns += runtime->timeout_ns / 10;
			lunatik_stopscript(L, why);
		}
	}
	if (why != NULL) {
		/* check again at the next call or jump: a pcall cannot go on */
		luai_limits(L)->budget = 0;
		lunatik_stopscript(L, why);
	}
}

static unsigned long lunatik_cstack(void)
{
	unsigned long sp = current_stack_pointer;
	unsigned long low = (unsigned long)task_stack_page(current);

	if (sp - low < THREAD_SIZE)
		return low + LUNATIK_STACK_RESERVE;
	return sp - LUNATIK_STACK_OTHER;
}

static void lunatik_lock(lunatik_runtime_t *runtime)
{
	if (runtime->sleep)
		mutex_lock(&runtime->mutex);
	else
		spin_lock_irqsave(&runtime->spin, runtime->irqflags);
}

/* a sleepable runtime's waiter that gets a fatal signal gives up: -EINTR */
static int lunatik_lock_killable(lunatik_runtime_t *runtime)
{
	if (runtime->sleep)
		return mutex_lock_killable(&runtime->mutex);
	spin_lock_irqsave(&runtime->spin, runtime->irqflags);
	return 0;
}

static void lunatik_unlock(lunatik_runtime_t *runtime)
{
	if (runtime->sleep)
		mutex_unlock(&runtime->mutex);
	else
		spin_unlock_irqrestore(&runtime->spin, runtime->irqflags);
}

/*
 * arms the limits of a runtime entered by this context; it is locked.
 * The clock starts at the first check, LUAI_FIRSTBUDGET units in: an entry
 * that ends sooner reads no clock.  ktime_get_mono_fast_ns() reads the
 * clocksource, which advances with interrupts off too (local_clock() may
 * not, where the TSC is unstable).
 */
static void lunatik_arm(lunatik_runtime_t *runtime, lua_State *L)
{
	runtime->deadline_ns = 0;
	runtime->overtime = false;
	runtime->ccalls = luai_enter(L, lunatik_cstack());
}

static lua_State *lunatik_entered(lunatik_runtime_t *runtime)
{
	lua_State *L = runtime->L;

	if (L != NULL)
		lunatik_arm(runtime, L);
	return L;
}

/*
 * Whether this context may take the runtime's lock.  A mutex needs a task
 * that may sleep.  A spinlock_t, taken with interrupts off, serves any
 * context but an NMI (which may have come while this CPU held it); on
 * PREEMPT_RT it sleeps too, and needs a context that may be preempted.
 * What may not sleep is known where preemption is counted
 * (CONFIG_PREEMPT_COUNT, as on Debian's amd64 kernels): held spinlocks
 * are counted there, and an RCU reader apart if RCU is preemptible.
 * Elsewhere (Debian's arm64 kernels) a runtime that may sleep entered
 * with preemption off or in an RCU reader is not refused.
 */
static bool lunatik_preemptible(void)
{
	return !preempt_count() && !irqs_disabled();
}

static bool lunatik_maysleep(void)
{
	return in_task() && lunatik_preemptible() && !rcu_preempt_depth();
}

static bool lunatik_mayenter(const lunatik_runtime_t *runtime)
{
	if (runtime->sleep)
		return lunatik_maysleep();
	return !in_nmi() && (!IS_ENABLED(CONFIG_PREEMPT_RT) || lunatik_preemptible());
}

lua_State *lunatik_enter(lunatik_runtime_t *runtime)
{
	if (unlikely(!lunatik_mayenter(runtime)))
		return ERR_PTR(-EPERM);
	lunatik_lock(runtime);
	return lunatik_entered(runtime);
}
EXPORT_SYMBOL_GPL(lunatik_enter);

lua_State *lunatik_enter_killable(lunatik_runtime_t *runtime)
{
	int ret;

	if (unlikely(!lunatik_mayenter(runtime)))
		return ERR_PTR(-EPERM);
	ret = lunatik_lock_killable(runtime);
	return ret < 0 ? ERR_PTR(ret) : lunatik_entered(runtime);
}
EXPORT_SYMBOL_GPL(lunatik_enter_killable);

void lunatik_leave(lunatik_runtime_t *runtime)
{
	lunatik_unlock(runtime);
}
EXPORT_SYMBOL_GPL(lunatik_leave);

void lunatik_checktime(lua_State *L)
{
	luai_limits(L)->budget = 0;	/* the next unit checks */
}
EXPORT_SYMBOL_GPL(lunatik_checktime);

/* an error outside any pcall: back from lunatik_run's call of its handler */
static int lunatik_panic(lua_State *L)
{
	lunatik_runtime_t *runtime = lunatik_toruntime(L);

	if (runtime->unprotected.fn == NULL)
		return 0;	/* entered, but not by lunatik_run: Lua aborts */
	runtime->unprotected.fn = NULL;
	luai_throw(runtime->unprotected.jb);
}

int lunatik_unprotected(lunatik_runtime_t *runtime)
{
	lua_State *L = runtime->L;
	/* a conversion could fail and jump here again: strings only */
	const char *msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "(not a string)";

	pr_err("unprotected error in lunatik_run: %s\n", msg);
	luai_setccalls(L, runtime->ccalls);
	/* Lua's message for a failed allocation (LUA_ERRMEM) */
	return strcmp(msg, "not enough memory") == 0 ? -ENOMEM : -ECANCELED;
}
EXPORT_SYMBOL_GPL(lunatik_unprotected);

/*
 * Lua's warnings (warn), in the kernel log once turned on with "@on"; each
 * piece (an argument of warn) at most LUAI_LOGLINE bytes of it.
 */
static void lunatik_warn(void *ud, const char *msg, int tocont)
{
	lunatik_runtime_t *runtime = ud;

	if (!runtime->warning_cont && !tocont && msg[0] == '@') {
		if (strcmp(msg, "@on") == 0)
			runtime->warnings = true;
		else if (strcmp(msg, "@off") == 0)
			runtime->warnings = false;
		return;
	}
	/* a warning is logged whole or not at all (in print's burst) */
	if (runtime->warnings && !runtime->warning_cont)
		runtime->warning_muted = !luai_logallowed();
	if (runtime->warnings && !runtime->warning_muted) {
		if (!runtime->warning_cont)
			pr_warn("Lua warning: ");
		luai_logpiece(KERN_CONT, msg, strnlen(msg, LUAI_LOGLINE), tocont ? "" : "\n");
	}
	runtime->warning_cont = tocont;
}

/* closes the state: an entry in progress ends at its next check */
static void lunatik_close(lunatik_runtime_t *runtime)
{
	lua_State *L;

	WRITE_ONCE(runtime->stopping, true);
	lunatik_lock(runtime);
	L = runtime->L;
	if (L != NULL) {
		/* finalizers run within a fresh entry's limits */
		WRITE_ONCE(runtime->stopping, false);
		lunatik_arm(runtime, L);
		lua_close(L);
		runtime->L = NULL;
	}
	lunatik_arena_free(runtime);
	/* Lua has freed all it allocated: the accounting is right */
	WARN_ON_ONCE(runtime->memory != 0);
	lunatik_unlock(runtime);
}

static void lunatik_release(struct kref *kref)
{
	lunatik_runtime_t *runtime = container_of(kref, lunatik_runtime_t, kref);

	/* the last reference, not stopped: what lunatik_stop() would do */
	lunatik_close(runtime);
	if (runtime->sleep)
		mutex_destroy(&runtime->mutex);
	kfree(runtime);
}

int lunatik_put(lunatik_runtime_t *runtime)
{
	return kref_put(&runtime->kref, lunatik_release);
}
EXPORT_SYMBOL_GPL(lunatik_put);

int lunatik_stop(lunatik_runtime_t *runtime)
{
	lunatik_close(runtime);
	return lunatik_put(runtime);
}
EXPORT_SYMBOL_GPL(lunatik_stop);

/*
 * The metatable holds the metamethods (names that start with "__") and
 * __metatable; the other functions are in a table of methods, its
 * __index.  Neither is reachable from a script: not through getmetatable
 * (__metatable), nor as ud.__index or ud.__gc (not methods).
 */
void lunatik_newclass(lua_State *L, const char *name, const luaL_Reg *methods)
{
	const luaL_Reg *reg;

	luaL_newmetatable(L, name);
	lua_newtable(L);
	for (reg = methods; reg->name != NULL; reg++) {
		lua_pushcfunction(L, reg->func);
		lua_setfield(L, strncmp(reg->name, "__", 2) == 0 ? -3 : -2, reg->name);
	}
	lua_setfield(L, -2, "__index");
	lua_pushstring(L, name);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);
}
EXPORT_SYMBOL_GPL(lunatik_newclass);

/*
 * A script is named for its file under LUA_ROOT without ".lua"; a name
 * that could leave that folder is refused.
 */
static bool lunatik_validname(const char *script)
{
	const char *s;

	if (script[0] == '\0' || script[0] == '/' || strlen(script) > NAME_MAX)
		return false;
	for (s = script; s != NULL; s = strchr(s, '/')) {
		if (*s == '/')
			s++;
		if (strncmp(s, "..", 2) == 0 && (s[2] == '/' || s[2] == '\0'))
			return false;
	}
	return true;
}

struct lunatik_script {
	const char *chunkname;
	void *buf;
	size_t size;
	bool lunatik;	/* open the 'lunatik' library */
};

static int lunatik_setup(lua_State *L)
{
	struct lunatik_script *script = lua_touserdata(L, 1);

	/* the libraries make next to no garbage: no collection while they open */
	lua_gc(L, LUA_GCSTOP);
	luaL_openlibs(L);
	lua_pushliteral(L, LUNATIK_VERSION);
	lua_setglobal(L, "_LUNATIK_VERSION");
	if (script->lunatik) {
		luaL_requiref(L, "lunatik", luaopen_lunatik, 1);
		lua_pop(L, 1);
	}
	lua_gc(L, LUA_GCRESTART);
	lunatik_arena_close(lunatik_toruntime(L));
	if (luai_loadchunk(L, script->buf, script->size, script->chunkname, "t") != LUA_OK)
		return lua_error(L);
	lua_call(L, 0, 0);
	return 0;
}

/*
 * Runtimes without the 'lunatik' library cannot make runtimes: theirs is
 * the lock class taken inside another runtime's (lockdep).
 */
static struct lock_class_key lunatik_leaf_mutex;
static struct lock_class_key lunatik_leaf_spin;

static lunatik_runtime_t *lunatik_new(bool sleep, bool leaf)
{
	lunatik_runtime_t *runtime = kzalloc(sizeof(*runtime), GFP_KERNEL);
	lua_State *L;

	if (runtime == NULL)
		return NULL;
	kref_init(&runtime->kref);
	runtime->sleep = sleep;
	if (sleep) {
		mutex_init(&runtime->mutex);
		if (leaf)
			lockdep_set_class(&runtime->mutex, &lunatik_leaf_mutex);
	} else {
		spin_lock_init(&runtime->spin);
		if (leaf)
			lockdep_set_class(&runtime->spin, &lunatik_leaf_spin);
	}
	runtime->gfp = sleep ? GFP_KERNEL : GFP_ATOMIC;
	runtime->max_memory = READ_ONCE(max_memory);
	runtime->timeout_ns = (u64)(sleep ? READ_ONCE(max_time_ms) :
					    READ_ONCE(max_atomic_time_ms)) * NSEC_PER_MSEC;

	lunatik_arena_open(runtime);
	L = lua_newstate(lunatik_alloc, runtime);
	if (L == NULL) {
		lunatik_release(&runtime->kref);
		return NULL;
	}
	/* luai_protected finds the runtime there, and its 'unprotected' first */
	BUILD_BUG_ON(LUA_EXTRASPACE != 8 || offsetof(lunatik_runtime_t, unprotected) != 0 ||
		     offsetof(struct luai_protect, jb) != 8);
	*(lunatik_runtime_t **)lua_getextraspace(L) = runtime;
	lua_atpanic(L, lunatik_panic);
	lua_setwarnf(L, lunatik_warn, runtime);
	luai_limits(L)->nosleep = !sleep;
	luai_limits(L)->check = lunatik_check;
	runtime->L = L;
	return runtime;
}

/*
 * lunatik_newruntime() is lunatik_runtime(), with the 'lunatik' library
 * or not, and on failure the error message in 'msg'.  The script is read
 * before the runtime is locked: reading sleeps.
 */
int lunatik_newruntime(lunatik_runtime_t **pruntime, const char *name, bool sleep,
		       bool lunatik, char *msg, size_t msgsize)
{
	struct lunatik_script script = {.lunatik = lunatik};
	lunatik_runtime_t *runtime;
	lua_State *L;
	ssize_t size;
	int status;
	int ret;

	/* reading the script sleeps; then lunatik_enter() cannot refuse */
	if (!lunatik_maysleep()) {
		snprintf(msg, msgsize, "a runtime is made where one may sleep");
		return -EPERM;
	}
	if (!lunatik_validname(name)) {
		snprintf(msg, msgsize, "invalid script name '%s'", name);
		return -EINVAL;
	}
	script.chunkname = kasprintf(GFP_KERNEL, "@" LUA_ROOT "%s.lua", name);
	if (script.chunkname == NULL)
		return -ENOMEM;
	size = luai_readfile(script.chunkname + 1, &script.buf);
	if (size < 0) {
		snprintf(msg, msgsize, "cannot open %s (%pe)", script.chunkname + 1,
			 ERR_PTR(size));
		ret = size == -ENOMEM ? -ENOMEM : -EINVAL;
		goto out;
	}
	script.size = size;

	runtime = lunatik_new(sleep, !lunatik);
	if (runtime == NULL) {
		ret = -ENOMEM;
		goto out;
	}
	L = lunatik_enter(runtime);
	lua_pushcfunction(L, lunatik_setup);
	lua_pushlightuserdata(L, &script);
	status = lua_pcall(L, 1, 0, 0);
	if (status != LUA_OK) {
		strscpy(msg, lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) :
			     "(error object is not a string)", msgsize);
		lua_pop(L, 1);
	}
	lunatik_leave(runtime);

	if (status != LUA_OK) {
		lunatik_stop(runtime);
		ret = status == LUA_ERRMEM ? -ENOMEM : -EINVAL;
		goto out;
	}
	*pruntime = runtime;
	ret = 0;
out:
	kvfree(script.buf);
	kfree(script.chunkname);
	return ret;
}

int lunatik_runtime(lunatik_runtime_t **pruntime, const char *script, bool sleep)
{
	char msg[128];
	int ret = lunatik_newruntime(pruntime, script, sleep, sleep, msg, sizeof(msg));

	if (ret == -EINVAL)
		pr_err("%s: %s\n", script, msg);
	return ret;
}
EXPORT_SYMBOL_GPL(lunatik_runtime);

static int __init lunatik_init(void)
{
	luai_initrandom();
	return 0;
}

static void __exit lunatik_exit(void)
{
}

module_init(lunatik_init);
module_exit(lunatik_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("Lunatik");
MODULE_DESCRIPTION("Lua in the kernel: runtime environments and the C API");
