// SPDX-License-Identifier: GPL-2.0
/*
 * luathread.c: the Lua library 'thread', kernel threads that run a
 * runtime's task.
 *
 * A thread is an object (lunatik.h).  While its kthread runs, the thread
 * holds a reference to itself and one to the runtime it runs, dropped
 * when the task ends; the kthread also holds this module, which it drops
 * as it exits (module_put_and_kthread_exit), after its last use of our
 * code.  The runtime that made a thread stops it when it closes: it keeps
 * its running threads on a list, in a userdata of its registry whose
 * finalizer stops them.  Stopping is kthread_stop(): it wakes the
 * thread from linux.schedule() (lunatik_sleep) and from waiting for a
 * runtime, and waits until it has ended; a task that does not look at
 * thread.shouldstop() ends at its time limit, as sleeping no longer
 * starts a new one.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>

#include "lunatik.h"

struct luathread {
	lunatik_object_t object;
	struct task_struct *task;	/* a reference */
	lunatik_runtime_t *runtime;	/* that it runs, while it runs */
	struct list_head sibling;	/* in its maker's running threads */
	atomic_t ended;			/* its end (luathread_end) has been done */
	/*
	 * kthread_stop() waits once for a thread's exit (its completion is
	 * consumed): the first stopper calls it, under 'stop', and the others
	 * wait there for it
	 */
	struct mutex stop;
	bool stopped;
};

/* a runtime's running threads, in its registry */
struct luathread_maker {
	struct list_head threads;
};

/* the lists of running threads */
static DEFINE_MUTEX(luathread_mutex);

static const luaL_Reg luathread_methods[];
static void luathread_release(lunatik_object_t *object);

static const lunatik_class_t luathread_class = {
	.name = "thread",
	.methods = luathread_methods,
	.release = luathread_release,
	.owner = THIS_MODULE,
};

/* its address is the registry's key of the runtime's luathread_maker */
static const char luathread_makerkey;

static struct luathread *luathread_check(lua_State *L, int idx)
{
	return container_of(lunatik_checkobject(L, idx, &luathread_class), struct luathread, object);
}

/* waits for the kthread to exit, having asked it to stop */
static void luathread_kthreadstop(struct luathread *thread)
{
	mutex_lock(&thread->stop);
	if (!thread->stopped) {
		kthread_stop(thread->task);
		thread->stopped = true;
	}
	mutex_unlock(&thread->stop);
}

/*
 * The kthread has ended its task, or never ran it: it exits, and then its
 * code is no more ours (module_put_and_kthread_exit).  From the kthread
 * itself, it is exiting.
 */
static void luathread_release(lunatik_object_t *object)
{
	struct luathread *thread = container_of(object, struct luathread, object);

	if (thread->task != current)
		luathread_kthreadstop(thread);
	put_task_struct(thread->task);
	mutex_destroy(&thread->stop);
	kfree(thread);
}

/*
 * The end of a thread, once: it leaves its maker's list and drops what it
 * held while it ran (which may free it).  By the kthread when its task
 * ends, or by the one that stopped it, if it was stopped before it ran.
 */
static bool luathread_end(struct luathread *thread)
{
	if (atomic_xchg(&thread->ended, 1))
		return false;
	mutex_lock(&luathread_mutex);
	list_del_init(&thread->sibling);
	mutex_unlock(&luathread_mutex);
	lunatik_put(thread->runtime);
	lunatik_object_put(&thread->object);
	return true;
}

static int luathread_run(void *arg)
{
	struct luathread *thread = arg;
	char msg[256];
	int ret = lunatik_resume(thread->runtime, NULL, NULL, NULL, msg, sizeof(msg));

	if (ret < 0 && ret != -EINTR)
		pr_err("%s: %s\n", current->comm, msg[0] != '\0' ? msg :
		       ret == -ENXIO ? "runtime is stopped" : "the task failed");
	luathread_end(thread);	/* (not stopped before it ran: it is running) */
	module_put_and_kthread_exit(0);
}

/*
 * Stops the thread and waits for it; the caller holds a reference.  A
 * thread that stops itself (closing, in its task, the runtime that made
 * it) only leaves its maker's list: it ends when its task returns.
 */
static void luathread_stop(struct luathread *thread)
{
	if (thread->task == current) {
		mutex_lock(&luathread_mutex);
		list_del_init(&thread->sibling);
		mutex_unlock(&luathread_mutex);
		return;
	}
	luathread_kthreadstop(thread);
	/* a thread stopped before it ran holds this module still */
	if (luathread_end(thread))
		module_put(THIS_MODULE);
}

static int luathread_stopall(lua_State *L)
{
	struct luathread_maker *maker = lua_touserdata(L, 1);
	struct luathread *thread;

	for (;;) {
		mutex_lock(&luathread_mutex);
		thread = list_first_entry_or_null(&maker->threads, struct luathread, sibling);
		if (thread != NULL) {
			lunatik_object_get(&thread->object);
			list_del_init(&thread->sibling);
		}
		mutex_unlock(&luathread_mutex);
		if (thread == NULL)
			return 0;
		luathread_stop(thread);
		lunatik_object_put(&thread->object);
	}
}

static const luaL_Reg luathread_maker_mt[] = {
	{"__gc", luathread_stopall},
	{NULL, NULL}
};

/* the runtime's list of running threads, made when it makes its first */
static struct luathread_maker *luathread_maker(lua_State *L)
{
	struct luathread_maker *maker;

	if (lunatik_toruntime(L)->closing)
		luaL_error(L, "runtime is closing: it makes no thread");
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &luathread_makerkey) == LUA_TUSERDATA) {
		maker = lua_touserdata(L, -1);
	} else {
		lua_pop(L, 1);
		lunatik_newclass(L, "thread.maker", luathread_maker_mt);
		maker = lua_newuserdatauv(L, sizeof(*maker), 0);
		INIT_LIST_HEAD(&maker->threads);
		luaL_setmetatable(L, "thread.maker");
		lua_pushvalue(L, -1);
		lua_rawsetp(L, LUA_REGISTRYINDEX, &luathread_makerkey);
	}
	lua_pop(L, 1);
	return maker;
}

/* thread.run(rt, name) */
static int luathread_new(lua_State *L)
{
	lunatik_runtime_t *runtime = lunatik_checkruntime(L, 1);
	const char *name = luaL_checkstring(L, 2);
	struct luathread_maker *maker;
	struct luathread *thread;
	lunatik_object_t **box;
	struct task_struct *task;

	luaL_argcheck(L, runtime->sleep, 1, "a thread runs a runtime that may sleep");
	if (!lunatik_cansleep(L))
		return luaL_error(L, "thread.run cannot run where the runtime may not sleep");
	maker = luathread_maker(L);
	box = lunatik_newbox(L, &luathread_class);
	thread = kzalloc(sizeof(*thread), GFP_KERNEL);
	if (thread == NULL)
		return luaL_error(L, "not enough memory");
	task = kthread_create(luathread_run, thread, "%s", name);
	lunatik_checktime(L);
	if (IS_ERR(task)) {
		kfree(thread);
		return luaL_error(L, "cannot start thread '%s' (%pe)", name, task);
	}
	lunatik_object_init(&thread->object, &luathread_class);
	mutex_init(&thread->stop);
	get_task_struct(task);
	thread->task = task;
	*box = &thread->object;
	/* what it holds while it runs */
	lunatik_get(runtime);
	thread->runtime = runtime;
	lunatik_object_get(&thread->object);
	__module_get(THIS_MODULE);
	mutex_lock(&luathread_mutex);
	list_add(&thread->sibling, &maker->threads);
	mutex_unlock(&luathread_mutex);
	wake_up_process(task);
	return 1;
}

/* thrd:stop() */
static int luathread_stopmethod(lua_State *L)
{
	struct luathread *thread = luathread_check(L, 1);

	if (thread->task == current)
		return luaL_error(L, "a thread cannot stop itself (return from its task)");
	luathread_stop(thread);
	lunatik_checktime(L);
	return 0;
}

/* thread.shouldstop() */
static int luathread_shouldstop(lua_State *L)
{
	lua_pushboolean(L, (current->flags & PF_KTHREAD) && kthread_should_stop());
	return 1;
}

/* thread.current(): the calling thread's object, or nil if it is none of ours */
static int luathread_current(lua_State *L)
{
	struct luathread *thread;

	if (!(current->flags & PF_KTHREAD) || kthread_func(current) != luathread_run) {
		lua_pushnil(L);
		return 1;
	}
	/* it runs: its own reference holds it */
	thread = kthread_data(current);
	lunatik_pushobject(L, &thread->object);
	return 1;
}

/* thrd:task(): {cpu, command, pid, tgid} */
static int luathread_task(lua_State *L)
{
	struct luathread *thread = luathread_check(L, 1);
	struct task_struct *task = thread->task;
	char comm[TASK_COMM_LEN];

	lua_createtable(L, 0, 4);
	lua_pushinteger(L, task_cpu(task));
	lua_setfield(L, -2, "cpu");
	lua_pushstring(L, get_task_comm(comm, task));
	lua_setfield(L, -2, "command");
	lua_pushinteger(L, task_pid_nr(task));
	lua_setfield(L, -2, "pid");
	lua_pushinteger(L, task_tgid_nr(task));
	lua_setfield(L, -2, "tgid");
	return 1;
}

static const luaL_Reg luathread_methods[] = {
	{"stop", luathread_stopmethod},
	{"task", luathread_task},
	{"__gc", lunatik_object_gc},
	{NULL, NULL}
};

static const luaL_Reg luathread_lib[] = {
	{"run", luathread_new},
	{"shouldstop", luathread_shouldstop},
	{"current", luathread_current},
	{NULL, NULL}
};

int luaopen_thread(lua_State *L)
{
	luaL_newlib(L, luathread_lib);
	lunatik_newobjectclass(L, &luathread_class);
	return 1;
}
EXPORT_SYMBOL_GPL(luaopen_thread);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Lunatik: the Lua library 'thread', kernel threads in Lua");
