/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lunatik.h: Lunatik's C API, runtime environments for Lua in the kernel.
 *
 * A runtime holds a Lua state, the lock that serializes its use (a mutex
 * if it may sleep, a spinlock taken with interrupts off if not) and a
 * reference count.  Everything that enters the state goes through
 * lunatik_run(), which also arms the runtime's limits (memory, time and
 * C stack; see the README).
 */
#ifndef lunatik_h
#define lunatik_h

#include <linux/atomic.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#define LUNATIK_VERSION	"Lunatik 3.0"

struct lunatik_object;

/*
 * A class of objects: the kernel resources (a buffer, a table, a thread,
 * a runtime) that Lua libraries give scripts as userdata.  An object
 * lives while anything holds a reference to it: each userdata of it, in
 * any runtime, holds one, and so does what stores it (lunatik_object.c).
 */
typedef struct lunatik_class {
	const char *name;		/* its metatable's, as lunatik_newclass() */
	const luaL_Reg *methods;	/* as lunatik_newclass() takes them */
	/* the last reference went: frees it, in process context */
	void (*release)(struct lunatik_object *object);
	bool atomic;	/* a runtime that may not sleep may hold it */
	struct module *owner;	/* of 'release' and 'methods' */
} lunatik_class_t;

/*
 * What the objects that a runtime made hold in the kernel, counted against
 * its memory limit: it lives while the runtime or any of them does.
 */
typedef struct lunatik_account {
	struct kref kref;
	atomic_long_t charged;	/* bytes */
	size_t max;		/* the runtime's memory limit */
} lunatik_account_t;

typedef struct lunatik_object {
	struct kref kref;
	const lunatik_class_t *class;
	lunatik_account_t *account;	/* a reference, while 'charge' */
	size_t charge;	/* bytes counted in account */
	bool lent;	/* valid during a call only (a view): never shared */
	struct llist_node deferred;	/* released from atomic context */
} lunatik_object_t;

typedef struct lunatik_runtime {
	/* first: L's extra space points at the runtime, luai_protected at this */
	struct luai_protect unprotected;	/* lunatik_run's handler, and where
						   an error outside any pcall lands */
	lunatik_object_t object;	/* its reference count */
	lua_State *L;		/* NULL once closed */
	bool sleep;
	bool ready;		/* its script ran: entries are served, until it closes */
	bool atomic;		/* the current entry may not sleep */
	bool driver;		/* lunatik_driver()'s */
	/*
	 * how far from a runtime made by the C API (0) in the makers' line:
	 * lockdep's subclass of its mutex, which its maker's close and its
	 * maker's entry, while its script runs, hold
	 */
	unsigned int depth;
	/*
	 * An entry of a runtime that may sleep holds 'mutex'; one of a
	 * runtime that may not, 'spin', with interrupts off.  Its script's
	 * top level and its closing hold 'mutex' in process context.
	 */
	struct mutex mutex;
	spinlock_t spin;
	unsigned long irqflags;	/* while 'spin' is held */
	struct task_struct *holder;	/* of the current entry */
	struct task_struct *sleeper;	/* in lunatik_sleep(): woken by a stop */
	size_t memory;		/* bytes allocated by L */
	size_t max_memory;
	lunatik_account_t *account;	/* of objects it made (lunatik_object.c) */
	char *arena;		/* of the state's first objects (lunatik_alloc.c) */
	size_t arena_used;
	size_t arena_size;	/* what it may hand out */
	u64 timeout_ns;		/* of the current entry */
	u64 sleep_timeout_ns;	/* of an entry that may sleep */
	u64 atomic_timeout_ns;	/* of one that may not */
	u64 deadline_ns;	/* of the current entry, from its first check */
	bool overtime;		/* past its time limit, in the grace to report it */
	bool stopping;		/* lunatik_stop() waits for the current entry */
	bool closing;		/* its state is being closed: finalizers run */
	/* the runtime in whose entry the current entry is nested (rt:resume, a child's script) */
	struct lunatik_runtime *outer;
	bool warnings;		/* Lua's warn("@on") */
	bool warning_cont;
	bool warning_muted;	/* past the log's burst */
	unsigned int ccalls;	/* of L when lunatik_run() entered it */
	/* runtimes made by L (lualunatik.c), which it stops when it closes */
	struct lunatik_runtime *maker;	/* a reference */
	struct list_head children;
	struct list_head sibling;	/* in its maker's children */
	unsigned int nchildren;
	atomic_t probes;	/* installed by L (luaprobe.c) */
} lunatik_runtime_t;

int lunatik_runtime(lunatik_runtime_t **pruntime, const char *script, bool sleep);
int lunatik_stop(lunatik_runtime_t *runtime);
/*
 * lunatik_driver() is lunatik_runtime(..., true) for /dev/lunatik's
 * driver: the runtimes its lunatik.runtime makes are made as
 * lunatik_runtime() makes them (one that may sleep has the 'lunatik'
 * library).
 */
int lunatik_driver(lunatik_runtime_t **pruntime, const char *script);

static inline void lunatik_object_get(lunatik_object_t *object)
{
	kref_get(&object->kref);
}

int lunatik_object_put(lunatik_object_t *object);

static inline void lunatik_get(lunatik_runtime_t *runtime)
{
	lunatik_object_get(&runtime->object);
}

int lunatik_put(lunatik_runtime_t *runtime);

static inline lunatik_runtime_t *lunatik_toruntime(lua_State *L)
{
	return *(lunatik_runtime_t **)lua_getextraspace(L);
}

/*
 * lunatik_enter() locks the runtime and arms its limits; it returns its
 * state, or NULL (still locked) if it has been stopped, or ERR_PTR(-EPERM)
 * (not locked) if this context may not take its lock (see the README:
 * a runtime that may sleep needs a task that may; on PREEMPT_RT, one that
 * may not still needs a context that may be preempted).
 * lunatik_enter_killable() may also give up with ERR_PTR(-EINTR) (not
 * locked) if a fatal signal comes while it waits for a sleepable runtime.
 * lunatik_tryenter() never waits: ERR_PTR(-EBUSY) if the runtime is in
 * use, on this CPU or another (for a probe, which must not wait).
 * lunatik_leave() unlocks it.  An error raised outside any protected call
 * in lunatik_run()'s handler ends the handler's call ('unprotected');
 * lunatik_unprotected() then logs it and restores the state for the next
 * entry.
 */
lua_State *lunatik_enter(lunatik_runtime_t *runtime);
lua_State *lunatik_enter_killable(lunatik_runtime_t *runtime);
lua_State *lunatik_tryenter(lunatik_runtime_t *runtime);
void lunatik_leave(lunatik_runtime_t *runtime);
int lunatik_unprotected(lunatik_runtime_t *runtime);

/*
 * lunatik_run(runtime, handler, ret, ...) sets 'ret' to handler(L, ...)
 * run on the runtime's state, or to -ENXIO if the runtime has been
 * stopped, -EPERM if this context may not enter it, or -ECANCELED
 * (-ENOMEM for "not enough memory") if the handler raised a Lua error
 * outside a protected call.  The Lua stack is restored afterwards.
 * lunatik_run_killable() may also set 'ret' to -EINTR, as
 * lunatik_enter_killable() gives up: for callers in a system call, which
 * a user may want to kill while it waits.  lunatik_run_try() sets it to
 * -EBUSY rather than wait (lunatik_tryenter()).
 *
 * The handler is called through luai_protected (lksetjmp.S), which an
 * error ends as if the handler had returned; the error is known by the
 * handler's pointer, which lunatik_panic clears.  Outside that call the
 * pointer is NULL, and there is nowhere to land: an error outside any
 * pcall between lunatik_enter() and lunatik_leave() makes Lua abort (the
 * kernel panics), as in a state of luaL_newstate().  The handler returns
 * an integer or a pointer, as 'ret' is one: a structure returned through
 * memory would take the place of L.
 */
#define __lunatik_run(runtime, enter, handler, ret, ...)		\
do {									\
	lunatik_runtime_t *__runtime = (runtime);			\
	lua_State *__L = enter(__runtime);				\
									\
	if (IS_ERR(__L)) {						\
		ret = PTR_ERR(__L);					\
	} else {							\
		if (unlikely(__L == NULL)) {				\
			ret = -ENXIO;					\
		} else {						\
			int __top = lua_gettop(__L);			\
									\
			__runtime->unprotected.fn = (void *)(handler);	\
			ret = ((typeof(&*(handler)))(const void *)luai_protected)(__L, ## __VA_ARGS__); \
			if (unlikely(__runtime->unprotected.fn == NULL)) \
				ret = lunatik_unprotected(__runtime);	\
			__runtime->unprotected.fn = NULL;		\
			if (lua_gettop(__L) != __top)			\
				lua_settop(__L, __top);			\
		}							\
		lunatik_leave(__runtime);				\
	}								\
} while (0)

#define lunatik_run(runtime, handler, ret, ...)				\
	__lunatik_run(runtime, lunatik_enter, handler, ret, ## __VA_ARGS__)
#define lunatik_run_killable(runtime, handler, ret, ...)		\
	__lunatik_run(runtime, lunatik_enter_killable, handler, ret, ## __VA_ARGS__)
#define lunatik_run_try(runtime, handler, ret, ...)			\
	__lunatik_run(runtime, lunatik_tryenter, handler, ret, ## __VA_ARGS__)

/*
 * For Lua libraries whose calls take time outside Lua (a device's
 * creation, a child runtime's script): the runtime checks its time limit
 * at its next unit (a call, a jump), not some thousand units later.  It
 * raises no error itself, so a library may call it after acquiring what
 * the script must get.
 */
void lunatik_checktime(lua_State *L);

/*
 * For Lua libraries: makes the metatable 'name' for their userdata from
 * 'methods': those named "__..." are its metamethods, the others methods
 * in a table of their own, its __index.  It has __metatable: scripts can
 * neither see nor change it, nor the methods (LUA_SEALED covers the
 * debug library).
 */
void lunatik_newclass(lua_State *L, const char *name, const luaL_Reg *methods);

/*
 * Whether the current entry of L's runtime may sleep: an entry of a
 * runtime that may, or the top level or finalizers of one that may not
 * (they run in process context).  A library refuses what would sleep
 * otherwise.
 */
static inline bool lunatik_cansleep(lua_State *L)
{
	return !lunatik_toruntime(L)->atomic;
}

/*
 * Objects (lunatik_object.c).  lunatik_object_init() gives the object its
 * first reference (the caller's) and pins the class's module until it is
 * released; lunatik_object_put() releases it when that was the last one,
 * at once where it may sleep, else from a work item.
 * lunatik_object_charge() counts 'size' bytes of it against the memory
 * limit of L's runtime until it is released, or raises "not enough
 * memory".  lunatik_pushobject() pushes a new userdata of the object,
 * which holds a reference of its own; it raises if L's runtime may not
 * sleep and the class is not 'atomic'.  Its metatable is the class's,
 * made in L's state when first needed (lunatik_newobjectclass(), which a
 * library's luaopen calls).  lunatik_newbox() pushes such a userdata
 * empty, for a new object and its first reference: made first, it
 * releases the object if an error comes between.  With 'class' NULL, for
 * a reference taken before the class is known (a lookup), the box only
 * releases it; lunatik_setclass() then makes it the class's userdata.
 * lunatik_object_addcharge() counts 'size' bytes more in the object's
 * account (-ENOMEM past its limit, which then counts what the objects
 * hold only), and lunatik_object_subcharge() fewer; their caller
 * serializes them.  lunatik_object_putlater() drops a reference but
 * leaves a release to the work item: for a release that drops others
 * (a table of tables), whose chain could be of any length.  lunatik_checkobject() is the
 * object of the userdata at 'idx', of 'class', or raises;
 * lunatik_toobject() any object's, or NULL.  lunatik_object_gc() is a
 * __gc that drops the userdata's reference.
 */
void lunatik_object_init(lunatik_object_t *object, const lunatik_class_t *class);
void lunatik_object_charge(lua_State *L, lunatik_object_t *object, size_t size);
int lunatik_object_addcharge(lunatik_object_t *object, size_t size);
void lunatik_object_putlater(lunatik_object_t *object);
void lunatik_object_subcharge(lunatik_object_t *object, size_t size);
void lunatik_pushobject(lua_State *L, lunatik_object_t *object);
lunatik_object_t **lunatik_newbox(lua_State *L, const lunatik_class_t *class);
void lunatik_setclass(lua_State *L, int idx);
lunatik_object_t *lunatik_checkobject(lua_State *L, int idx, const lunatik_class_t *class);
lunatik_object_t *lunatik_toobject(lua_State *L, int idx);
int lunatik_object_gc(lua_State *L);
/*
 * Whether the value at 'idx' is the one that 'ref' of L's registry holds:
 * what installs something in the kernel (a device, a probe) keeps its
 * maker's userdata so, and is removed when that userdata is finalized,
 * as the state closes.
 */
bool lunatik_isref(lua_State *L, int idx, int ref);
lunatik_runtime_t *lunatik_checkruntime(lua_State *L, int idx);	/* a runtime's userdata */
void lunatik_newobjectclass(lua_State *L, const lunatik_class_t *class);

/*
 * Values passed between runtimes: nil, booleans, integers and strings
 * are copied, objects shared; anything else "cannot be shared".
 * lunatik_newvalues() pushes a userdata that holds values (none yet),
 * which frees them with it unless they are taken from it (set to NULL).
 * lunatik_getvalues() pushes one with 'n' values of L from 'idx' on,
 * raising for one that cannot be shared (or for an object that a runtime
 * that may not sleep would receive, if 'atomic'), or for want of memory.
 * lunatik_pushvalues() pushes them on a state (raising for want of
 * memory there, or for an object it may not hold); lunatik_freevalues()
 * frees them.
 */
typedef struct lunatik_value {
	int type;
	union {
		lua_Integer integer;
		bool boolean;
		lunatik_object_t *object;
		struct {
			char *string;
			size_t len;
		};
	};
} lunatik_value_t;

typedef struct lunatik_values {
	int n;
	lunatik_value_t value[];
} lunatik_values_t;

lunatik_values_t **lunatik_newvalues(lua_State *L);
lunatik_values_t **lunatik_getvalues(lua_State *L, int idx, int n, bool atomic);
void lunatik_pushvalues(lua_State *L, const lunatik_values_t *values);
void lunatik_freevalues(lunatik_values_t *values);

/*
 * A runtime's task is the function its script returned, if it returned
 * one.  lunatik_resume() calls it in 'runtime' with 'args' (NULL: none)
 * and sets '*results' to what it returned, but a first result that is a
 * function, which becomes the task.  It gives -ENXIO if the runtime is
 * stopped, -ENOENT if it has no task, -EDEADLK if the caller is in an
 * entry of that runtime, -EINTR if it gave up waiting for the runtime
 * (a fatal signal, its kthread or the runtime 'caller' stopping),
 * -ECANCELED if the task raised, and the message in 'msg'.
 */
int lunatik_resume(lunatik_runtime_t *runtime, lunatik_runtime_t *caller,
		   const lunatik_values_t *args, lunatik_values_t **results,
		   char *msg, size_t msgsize);

/*
 * lunatik_sleep() puts the calling task to sleep in 'state' for 'timeout'
 * jiffies (MAX_SCHEDULE_TIMEOUT: until woken), in an entry that may
 * sleep; it returns the jiffies left.  Stopping the runtime or its
 * kthread wakes it (and it does not sleep once they are stopping).  A
 * sleep ends the entry's time-limit period.
 */
long lunatik_sleep(lua_State *L, long timeout, unsigned int state);

/*
 * The Lua libraries (lib/): 'lunatik' is the core's, the others are
 * modules of their own, which require() finds by these names.
 */
int luaopen_lunatik(lua_State *L);
int luaopen_device(lua_State *L);
int luaopen_linux(lua_State *L);
int luaopen_notifier(lua_State *L);
int luaopen_data(lua_State *L);
int luaopen_rcu(lua_State *L);
int luaopen_thread(lua_State *L);
int luaopen_probe(lua_State *L);
int luaopen_syscall(lua_State *L);

#endif
