// SPDX-License-Identifier: GPL-2.0
/*
 * lunatik_core.c: runtime environments, their limits and the C API.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/kthread.h>
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

/* runtimes and the runtimes they made (lualunatik.c) */
DEFINE_MUTEX(lunatik_family);

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

/* it, or a runtime whose entry its entry is in, is stopping */
static bool lunatik_stopping(lunatik_runtime_t *runtime)
{
	for (; runtime != NULL; runtime = runtime->outer)
		if (READ_ONCE(runtime->stopping))
			return true;
	return false;
}

/* called by Lua every LUAI_BUDGET calls and jumps (lkconf.h) */
static void lunatik_check(lua_State *L)
{
	lunatik_runtime_t *runtime = lunatik_toruntime(L);
	const char *why = NULL;
	u64 now;

	if (!runtime->atomic) {
		cond_resched();
		if (fatal_signal_pending(current))
			why = "interrupted by a fatal signal";
	}
	now = ktime_get_mono_fast_ns();
	if (runtime->deadline_ns == 0) {
		/* the clock starts at the first check, which comes early (lkconf.h) */
		runtime->deadline_ns = now + runtime->timeout_ns;
	}
	if (lunatik_stopping(runtime)) {
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

/*
 * arms the limits of an entry by this context; the runtime is locked.
 * The clock starts at the first check, LUAI_FIRSTBUDGET units in: an entry
 * that ends sooner reads no clock.  ktime_get_mono_fast_ns() reads the
 * clocksource, which advances with interrupts off too (local_clock() may
 * not, where the TSC is unstable).
 */
static void lunatik_arm(lunatik_runtime_t *runtime, lua_State *L, bool atomic)
{
	runtime->atomic = atomic;
	luai_limits(L)->nosleep = atomic;
	runtime->timeout_ns = atomic ? runtime->atomic_timeout_ns : runtime->sleep_timeout_ns;
	runtime->deadline_ns = 0;
	runtime->overtime = false;
	runtime->holder = current;
	runtime->ccalls = luai_enter(L, lunatik_cstack());
}

/* the state, if it serves entries, armed; else NULL */
static lua_State *lunatik_entered(lunatik_runtime_t *runtime)
{
	lua_State *L = runtime->ready ? runtime->L : NULL;

	if (L != NULL)
		lunatik_arm(runtime, L, !runtime->sleep);
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

bool lunatik_maysleep(void)
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
	if (runtime->sleep)
		mutex_lock(&runtime->mutex);
	else
		spin_lock_irqsave(&runtime->spin, runtime->irqflags);
	return lunatik_entered(runtime);
}
EXPORT_SYMBOL_GPL(lunatik_enter);

/* a sleepable runtime's waiter that gets a fatal signal gives up: -EINTR */
lua_State *lunatik_enter_killable(lunatik_runtime_t *runtime)
{
	if (unlikely(!lunatik_mayenter(runtime)))
		return ERR_PTR(-EPERM);
	if (!runtime->sleep)
		return lunatik_enter(runtime);
	if (mutex_lock_killable(&runtime->mutex) != 0)
		return ERR_PTR(-EINTR);
	return lunatik_entered(runtime);
}
EXPORT_SYMBOL_GPL(lunatik_enter_killable);

/*
 * An entry that found the state closed, or not yet open, leaves 'holder'
 * as it was: the task of the script's top level or of closing.
 */
lua_State *lunatik_tryenter(lunatik_runtime_t *runtime)
{
	unsigned long flags;

	if (unlikely(!lunatik_mayenter(runtime)))
		return ERR_PTR(-EPERM);
	if (runtime->sleep) {
		if (!mutex_trylock(&runtime->mutex))
			return ERR_PTR(-EBUSY);
	} else {
		/* the holder's flags stay: it may be this CPU's, interrupted */
		if (!spin_trylock_irqsave(&runtime->spin, flags))
			return ERR_PTR(-EBUSY);
		runtime->irqflags = flags;
	}
	return lunatik_entered(runtime);
}
EXPORT_SYMBOL_GPL(lunatik_tryenter);

void lunatik_leave(lunatik_runtime_t *runtime)
{
	if (runtime->ready)
		runtime->holder = NULL;
	if (runtime->sleep)
		mutex_unlock(&runtime->mutex);
	else
		spin_unlock_irqrestore(&runtime->spin, runtime->irqflags);
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

/*
 * Takes the runtime's mutex for a task that may be in an entry of another
 * runtime ('caller'), or a kthread: it gives up (-EINTR) when a fatal
 * signal comes, when its kthread is asked to stop, when 'caller' is
 * stopping or past its time limit, and (-EDEADLK) at once if it is in an
 * entry of the runtime itself.  It polls, every tick, rather than sleep on
 * the mutex: two runtimes that wait for each other would wait for ever.
 */
static int lunatik_lock_from(lunatik_runtime_t *runtime, lunatik_runtime_t *caller)
{
	bool kthread = current->flags & PF_KTHREAD;

	if (READ_ONCE(runtime->holder) == current)
		return -EDEADLK;
	while (!mutex_trylock(&runtime->mutex)) {
		if (fatal_signal_pending(current) || (kthread && kthread_should_stop()))
			return -EINTR;
		if (caller != NULL) {
			u64 now = ktime_get_mono_fast_ns();

			if (caller->deadline_ns == 0)
				caller->deadline_ns = now + caller->timeout_ns;
			if (lunatik_stopping(caller) || now > caller->deadline_ns)
				return -EINTR;
		}
		schedule_timeout_killable(1);
	}
	return 0;
}

static lua_State *lunatik_enter_resume(lunatik_runtime_t *runtime, lunatik_runtime_t *caller)
{
	int ret;

	if (unlikely(!lunatik_mayenter(runtime)))
		return ERR_PTR(-EPERM);
	if (!runtime->sleep)
		return lunatik_enter(runtime);
	ret = lunatik_lock_from(runtime, caller);
	return ret < 0 ? ERR_PTR(ret) : lunatik_entered(runtime);
}

/* wakes the task asleep in the runtime (lunatik_sleep), if any */
static void lunatik_wake(lunatik_runtime_t *runtime)
{
	struct task_struct *sleeper;

	/* a task is freed after a grace period once it has exited */
	rcu_read_lock();
	sleeper = READ_ONCE(runtime->sleeper);
	if (sleeper != NULL)
		wake_up_process(sleeper);
	rcu_read_unlock();
}

/* stops the runtimes that L made and that still run (lualunatik.c) */
static void lunatik_stopchildren(lunatik_runtime_t *runtime)
{
	lunatik_runtime_t *child;

	for (;;) {
		mutex_lock(&lunatik_family);
		list_for_each_entry(child, &runtime->children, sibling)
			if (kref_get_unless_zero(&child->object.kref))
				break;
		mutex_unlock(&lunatik_family);
		if (list_entry_is_head(child, &runtime->children, sibling))
			return;
		lunatik_stop(child);
	}
}

/* leaves its maker's children; the maker's reference goes */
static void lunatik_orphan(lunatik_runtime_t *runtime)
{
	lunatik_runtime_t *maker = runtime->maker;

	if (maker == NULL)
		return;
	mutex_lock(&lunatik_family);
	list_del(&runtime->sibling);
	maker->nchildren--;
	runtime->maker = NULL;
	mutex_unlock(&lunatik_family);
	lunatik_put(maker);
}

/*
 * Closes the state, in process context: an entry in progress ends at its
 * next check, or is woken from its sleep; no entry comes after.  The
 * finalizers then run within a fresh time limit, where they may sleep.
 * A runtime closed from an entry of another ('caller') waits for it as
 * lunatik_lock_from() does, and may give up: it is then stopping, and
 * closes when its last reference goes.
 */
int lunatik_close(lunatik_runtime_t *runtime, lunatik_runtime_t *caller)
{
	unsigned long flags;
	lua_State *L;
	int ret;

	might_sleep();
	if (caller != NULL && READ_ONCE(runtime->holder) == current)
		return -EDEADLK;	/* (before it stops the entry of the caller's own task) */
	WRITE_ONCE(runtime->stopping, true);
	smp_mb();	/* stopping, then sleeper: lunatik_sleep() does the reverse */
	lunatik_wake(runtime);
	if (caller == NULL) {
		/* (it may be closed in an entry of its maker: see 'depth') */
		mutex_lock_nested(&runtime->mutex, runtime->depth);
	} else {
		ret = lunatik_lock_from(runtime, caller);
		if (ret < 0)
			return ret;
	}
	if (!runtime->sleep) {
		/* the entry in flight leaves; those after find it closed */
		spin_lock_irqsave(&runtime->spin, flags);
		runtime->ready = false;
		spin_unlock_irqrestore(&runtime->spin, flags);
	}
	runtime->ready = false;
	lunatik_stopchildren(runtime);
	L = runtime->L;
	if (L != NULL) {
		WRITE_ONCE(runtime->stopping, false);
		runtime->closing = true;
		lunatik_arm(runtime, L, false);
		lua_close(L);
		runtime->L = NULL;
		runtime->holder = NULL;
	}
	lunatik_arena_free(runtime);
	/* Lua has freed all it allocated: the accounting is right */
	WARN_ON_ONCE(runtime->memory != 0);
	mutex_unlock(&runtime->mutex);
	lunatik_orphan(runtime);
	return 0;
}

/* the last reference, not stopped: what lunatik_stop() would do */
static void lunatik_release(lunatik_object_t *object)
{
	lunatik_runtime_t *runtime = container_of(object, lunatik_runtime_t, object);

	lunatik_close(runtime, NULL);
	mutex_destroy(&runtime->mutex);
	lunatik_account_put(runtime->account);
	kfree(runtime);
}

int lunatik_put(lunatik_runtime_t *runtime)
{
	return lunatik_object_put(&runtime->object);
}
EXPORT_SYMBOL_GPL(lunatik_put);

int lunatik_stop(lunatik_runtime_t *runtime)
{
	lunatik_close(runtime, NULL);
	return lunatik_put(runtime);
}
EXPORT_SYMBOL_GPL(lunatik_stop);

/* its address is the registry's key of the task */
static const char lunatik_task;

struct lunatik_call {
	lunatik_runtime_t *caller;
	const lunatik_values_t *args;
	lunatik_values_t **results;	/* NULL: not wanted */
	bool atomic;	/* they go to a runtime that may not sleep */
	char *msg;
	size_t msgsize;
};

/* the task's call, protected: its errors and the sharing's are the message */
static int lunatik_dotask(lua_State *L)
{
	struct lunatik_call *call = lua_touserdata(L, 1);
	int base;
	int n;

	lua_settop(L, 0);
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &lunatik_task) != LUA_TFUNCTION)
		return luaL_error(L, "runtime has no task");
	if (call->args != NULL)
		lunatik_pushvalues(L, call->args);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	n = lua_gettop(L);
	base = 1;
	if (n > 0 && lua_isfunction(L, 1)) {
		lua_pushvalue(L, 1);
		lua_rawsetp(L, LUA_REGISTRYINDEX, &lunatik_task);
		base = 2;
	}
	if (call->results != NULL) {
		lunatik_values_t **box = lunatik_getvalues(L, base, n - base + 1, call->atomic);

		*call->results = *box;
		*box = NULL;
	}
	return 0;
}

static int lunatik_calltask(lua_State *L, struct lunatik_call *call)
{
	lunatik_runtime_t *runtime = lunatik_toruntime(L);
	int status;

	lua_pushcfunction(L, lunatik_dotask);
	lua_pushlightuserdata(L, call);
	runtime->outer = call->caller;
	status = lua_pcall(L, 1, 0, 0);
	runtime->outer = NULL;
	if (status == LUA_OK)
		return 0;
	strscpy(call->msg, lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) :
		"(error object is not a string)", call->msgsize);
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &lunatik_task) != LUA_TFUNCTION)
		return -ENOENT;
	return status == LUA_ERRMEM ? -ENOMEM : -ECANCELED;
}

int lunatik_resume(lunatik_runtime_t *runtime, lunatik_runtime_t *caller,
		   const lunatik_values_t *args, lunatik_values_t **results,
		   char *msg, size_t msgsize)
{
	struct lunatik_call call = {
		.caller = caller, .args = args, .results = results, .msg = msg, .msgsize = msgsize,
		.atomic = caller != NULL && !caller->sleep,
	};
	int ret;

	msg[0] = '\0';
	if (results != NULL)
		*results = NULL;
#define lunatik_enter_caller(runtime)	lunatik_enter_resume(runtime, caller)
	__lunatik_run(runtime, lunatik_enter_caller, lunatik_calltask, ret, &call);
#undef lunatik_enter_caller
	return ret;
}
EXPORT_SYMBOL_GPL(lunatik_resume);

long lunatik_sleep(lua_State *L, long timeout, unsigned int state)
{
	lunatik_runtime_t *runtime = lunatik_toruntime(L);
	bool kthread = current->flags & PF_KTHREAD;
	bool stopping = runtime->closing;	/* finalizers share one time limit */
	lunatik_runtime_t *r;

	set_current_state(state);
	/* the runtimes whose entries this one is in: stopping any wakes it */
	for (r = runtime; r != NULL; r = r->outer) {
		smp_store_mb(r->sleeper, current);	/* then stopping: see lunatik_close() */
		stopping |= READ_ONCE(r->stopping);
	}
	if (!stopping && !(kthread && kthread_should_stop()) && !fatal_signal_pending(current)) {
		timeout = schedule_timeout(timeout);
		/* a new period of the time limit, from the next check */
		runtime->deadline_ns = 0;
		runtime->overtime = false;
	}
	__set_current_state(TASK_RUNNING);
	for (r = runtime; r != NULL; r = r->outer)
		WRITE_ONCE(r->sleeper, NULL);
	return timeout;
}
EXPORT_SYMBOL_GPL(lunatik_sleep);

/*
 * The metatable holds the metamethods (names that start with "__") and
 * __metatable; the other functions are in a table of methods, its
 * __index.  A metatable of that name already made stays.  Neither is reachable from a script: not through getmetatable
 * (__metatable), nor as ud.__index or ud.__gc (not methods).
 */
void lunatik_pushclass(lua_State *L, const char *name, const luaL_Reg *methods)
{
	const luaL_Reg *reg;

	lua_newtable(L);
	lua_newtable(L);
	for (reg = methods; reg->name != NULL; reg++) {
		lua_pushcfunction(L, reg->func);
		lua_setfield(L, strncmp(reg->name, "__", 2) == 0 ? -3 : -2, reg->name);
	}
	/* an __index of its own (a table's lookup) leaves no room for methods */
	if (lua_getfield(L, -2, "__index") == LUA_TNIL) {
		lua_pop(L, 1);
		lua_setfield(L, -2, "__index");
	} else {
		lua_pop(L, 2);
	}
	lua_pushstring(L, name);
	lua_setfield(L, -2, "__metatable");
	lua_pushstring(L, name);
	lua_setfield(L, -2, "__name");	/* as luaL_newmetatable's */
}

/* registered whole, once made: an error on the way leaves no part of it */
void lunatik_newclass(lua_State *L, const char *name, const luaL_Reg *methods)
{
	if (luaL_getmetatable(L, name) != LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	lua_pop(L, 1);
	lunatik_pushclass(L, name, methods);
	lua_setfield(L, LUA_REGISTRYINDEX, name);
}
EXPORT_SYMBOL_GPL(lunatik_newclass);

/*
 * A script is named for its file under LUA_ROOT without ".lua": one name
 * for one file (no "." or empty component, no trailing '/'), nothing
 * invisible in it, and nothing that could leave that folder.
 */
static bool lunatik_validname(const char *script)
{
	const char *s;
	size_t len;

	if (strlen(script) > NAME_MAX)
		return false;
	for (s = script; *s != '\0'; s++)
		if ((unsigned char)*s < ' ' || *s == 0x7f)
			return false;
	for (s = script;; s += len + 1) {
		len = strcspn(s, "/");
		if (len == 0 || (len == 1 && s[0] == '.') || (len == 2 && strncmp(s, "..", 2) == 0))
			return false;
		if (s[len] == '\0')
			return true;
	}
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
	lua_call(L, 0, 1);
	if (lua_isfunction(L, -1))
		lua_rawsetp(L, LUA_REGISTRYINDEX, &lunatik_task);
	return 0;
}

/*
 * Runtimes without the 'lunatik' library cannot make runtimes: theirs is
 * the lock class taken inside another runtime's (lockdep).
 */
static struct lock_class_key lunatik_leaf_mutex;
static struct lock_class_key lunatik_leaf_spin;

const lunatik_class_t lunatik_runtime_class = {
	.name = "lunatik.runtime",
	.methods = lualunatik_methods,
	.release = lunatik_release,
};

static lunatik_runtime_t *lunatik_new(bool sleep, bool leaf)
{
	lunatik_runtime_t *runtime = kzalloc(sizeof(*runtime), GFP_KERNEL);
	lua_State *L;

	if (runtime == NULL)
		return NULL;
	lunatik_object_init(&runtime->object, &lunatik_runtime_class);
	runtime->sleep = sleep;
	mutex_init(&runtime->mutex);
	spin_lock_init(&runtime->spin);
	if (leaf) {
		lockdep_set_class(&runtime->mutex, &lunatik_leaf_mutex);
		lockdep_set_class(&runtime->spin, &lunatik_leaf_spin);
	}
	INIT_LIST_HEAD(&runtime->children);
	INIT_LIST_HEAD(&runtime->sibling);
	runtime->max_memory = READ_ONCE(max_memory);
	runtime->account = lunatik_account_new(runtime->max_memory);
	if (runtime->account == NULL) {
		kfree(runtime);
		return NULL;
	}
	runtime->sleep_timeout_ns = (u64)READ_ONCE(max_time_ms) * NSEC_PER_MSEC;
	runtime->atomic_timeout_ns = (u64)READ_ONCE(max_atomic_time_ms) * NSEC_PER_MSEC;

	lunatik_arena_open(runtime);
	L = lua_newstate(lunatik_alloc, runtime);
	if (L == NULL) {
		lunatik_put(runtime);
		return NULL;
	}
	/* luai_protected finds the runtime there, and its 'unprotected' first */
	BUILD_BUG_ON(LUA_EXTRASPACE != 8 || offsetof(lunatik_runtime_t, unprotected) != 0 ||
		     offsetof(struct luai_protect, jb) != 8);
	*(lunatik_runtime_t **)lua_getextraspace(L) = runtime;
	lua_atpanic(L, lunatik_panic);
	lua_setwarnf(L, lunatik_warn, runtime);
	luai_limits(L)->check = lunatik_check;
	runtime->L = L;
	return runtime;
}

/* from now on, entries find the state ready (or not) */
static void lunatik_serve(lunatik_runtime_t *runtime, bool ready)
{
	unsigned long flags;

	if (runtime->sleep) {
		runtime->ready = ready;
	} else {
		spin_lock_irqsave(&runtime->spin, flags);
		runtime->ready = ready;
		spin_unlock_irqrestore(&runtime->spin, flags);
	}
}

/*
 * lunatik_newruntime() is lunatik_runtime(), with the 'lunatik' library
 * or not, and on failure the error message in 'msg'.  The script is read
 * before the runtime is locked: reading sleeps.
 */
int lunatik_newruntime(lunatik_runtime_t **pruntime, const char *name, bool sleep,
		       unsigned int flags, lunatik_runtime_t *outer, char *msg, size_t msgsize)
{
	struct lunatik_script script = {.lunatik = flags & LUNATIK_LIB};
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

	runtime = lunatik_new(sleep, !(flags & LUNATIK_LIB));
	if (runtime == NULL) {
		ret = -ENOMEM;
		goto out;
	}
	runtime->driver = flags & LUNATIK_DRIVER;
	runtime->depth = outer != NULL ? min(outer->depth + 1, MAX_LOCKDEP_SUBCLASSES - 1) : 0;
	/* no entry is served before the script has run, in process context */
	mutex_lock_nested(&runtime->mutex, runtime->depth);
	L = runtime->L;
	lunatik_arm(runtime, L, false);
	lua_pushcfunction(L, lunatik_setup);
	lua_pushlightuserdata(L, &script);
	runtime->outer = outer;
	status = lua_pcall(L, 1, 0, 0);
	runtime->outer = NULL;
	if (status != LUA_OK) {
		strscpy(msg, lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) :
			     "(error object is not a string)", msgsize);
		lua_pop(L, 1);
	}
	runtime->holder = NULL;
	lunatik_serve(runtime, status == LUA_OK);
	mutex_unlock(&runtime->mutex);

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

static int lunatik_make(lunatik_runtime_t **pruntime, const char *script, bool sleep,
			unsigned int flags)
{
	char msg[128];
	int ret = lunatik_newruntime(pruntime, script, sleep, flags, NULL, msg, sizeof(msg));

	if (ret == -EINVAL)
		pr_err("%s: %s\n", script, msg);
	return ret;
}

int lunatik_runtime(lunatik_runtime_t **pruntime, const char *script, bool sleep)
{
	return lunatik_make(pruntime, script, sleep, sleep ? LUNATIK_LIB : 0);
}
EXPORT_SYMBOL_GPL(lunatik_runtime);

int lunatik_driver(lunatik_runtime_t **pruntime, const char *script)
{
	return lunatik_make(pruntime, script, true, LUNATIK_LIB | LUNATIK_DRIVER);
}
EXPORT_SYMBOL_GPL(lunatik_driver);

static int __init lunatik_init(void)
{
	luai_initrandom();
	return 0;
}

static void __exit lunatik_exit(void)
{
	lunatik_object_flush();
}

module_init(lunatik_init);
module_exit(lunatik_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("Lunatik");
MODULE_DESCRIPTION("Lua in the kernel: runtime environments and the C API");
