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

#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kref.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#define LUNATIK_VERSION	"Lunatik 3.0"

typedef struct lunatik_runtime {
	/* first: L's extra space points at the runtime, luai_protected at this */
	struct luai_protect unprotected;	/* lunatik_run's handler, and where
						   an error outside any pcall lands */
	lua_State *L;		/* NULL once stopped */
	struct kref kref;
	bool sleep;
	union {
		struct mutex mutex;	/* if sleep */
		spinlock_t spin;	/* if !sleep, taken with IRQs off */
	};
	unsigned long irqflags;	/* while 'spin' is held */
	gfp_t gfp;
	size_t memory;		/* bytes allocated by L */
	size_t max_memory;
	char *arena;		/* of the state's first objects (lunatik_alloc.c) */
	size_t arena_used;
	size_t arena_size;	/* what it may hand out */
	u64 timeout_ns;		/* for each entry into L */
	u64 deadline_ns;	/* of the current entry, from its first check */
	bool overtime;		/* past its time limit, in the grace to report it */
	bool stopping;		/* lunatik_stop() waits for the current entry */
	bool warnings;		/* Lua's warn("@on") */
	bool warning_cont;
	bool warning_muted;	/* past the log's burst */
	unsigned int ccalls;	/* of L when lunatik_run() entered it */
	unsigned int children;	/* runtimes made by L (lualunatik.c) */
} lunatik_runtime_t;

int lunatik_runtime(lunatik_runtime_t **pruntime, const char *script, bool sleep);
int lunatik_stop(lunatik_runtime_t *runtime);

static inline void lunatik_get(lunatik_runtime_t *runtime)
{
	kref_get(&runtime->kref);
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
 * lunatik_leave() unlocks it.  An error raised outside any protected call
 * in lunatik_run()'s handler ends the handler's call ('unprotected');
 * lunatik_unprotected() then logs it and restores the state for the next
 * entry.
 */
lua_State *lunatik_enter(lunatik_runtime_t *runtime);
lua_State *lunatik_enter_killable(lunatik_runtime_t *runtime);
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
 * a user may want to kill while it waits.
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
 * The Lua libraries (lib/): 'lunatik' is the core's, the others are
 * modules of their own, which require() finds by these names.
 */
int luaopen_lunatik(lua_State *L);
int luaopen_device(lua_State *L);
int luaopen_linux(lua_State *L);
int luaopen_notifier(lua_State *L);

#endif
