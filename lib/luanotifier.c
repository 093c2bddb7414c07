// SPDX-License-Identifier: GPL-2.0
/*
 * luanotifier.c: the Lua library 'notifier', kernel notifier chains in Lua.
 *
 * Keyboard notifiers run with interrupts off and a spinlock held: their
 * callbacks need a runtime that may not sleep, whose lock is a spinlock
 * taken with interrupts off.  A notifier is an object (lunatik.h); being
 * registered holds a reference.  Unregistering waits for callbacks in
 * flight (synchronize_rcu), which sleeps: delete() only ends its Lua side,
 * and its work unregisters it in process context, then drops its
 * references.  Until then a callback that fires finds it deleted and does
 * nothing.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/keyboard.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "lunatik.h"

#define LUANOTIFIER_MT	"notifier"

/*
 * Registered keyboard notifiers, of all runtimes: each key event runs each
 * of them (in an entry of its own, with its own time limit), and each
 * registration walks the kernel's chain, with interrupts off.
 */
#define LUANOTIFIER_MAX	64
static atomic_t luanotifier_count = ATOMIC_INIT(0);

struct luanotifier {
	lunatik_object_t object;
	struct notifier_block nb;
	lunatik_runtime_t *runtime;	/* that made it: a reference, until unregistered */
	int callback;	/* registry reference to the callback; LUA_NOREF once deleted */
	int self;	/* registry reference to the userdata while registered */
	struct work_struct work;
};

/* where deleted notifiers are unregistered; drained before unloading */
static struct workqueue_struct *luanotifier_wq;

static int luanotifier_run(lua_State *L, struct luanotifier *n, unsigned long event,
			   struct keyboard_notifier_param *param)
{
	lua_Integer ret;
	int isnum;

	if (n->callback == LUA_NOREF || !lua_checkstack(L, 5))
		return NOTIFY_DONE;
	lua_rawgeti(L, LUA_REGISTRYINDEX, n->callback);
	lua_pushinteger(L, event);
	lua_pushboolean(L, param->down);
	lua_pushboolean(L, param->shift != 0);
	lua_pushinteger(L, param->value);
	if (lua_pcall(L, 4, 1, 0) != LUA_OK) {
		pr_err("keyboard: %s\n", lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) :
			 "(error is not a string)");
		return NOTIFY_DONE;
	}
	if (lua_isnil(L, -1))
		return NOTIFY_DONE;
	ret = lua_tointegerx(L, -1, &isnum);
	if (!isnum || !(ret == NOTIFY_DONE || ret == NOTIFY_OK || ret == NOTIFY_BAD ||
			ret == NOTIFY_STOP)) {
		pr_err("keyboard: the callback returned no value of notifier.notify\n");
		return NOTIFY_DONE;
	}
	/* the keyboard stops a key on NOTIFY_STOP: BAD stops it too */
	return ret & NOTIFY_STOP_MASK ? NOTIFY_STOP : ret;
}

static int luanotifier_keyboard(struct notifier_block *nb, unsigned long event, void *data)
{
	struct luanotifier *n = container_of(nb, struct luanotifier, nb);
	int ret;

	lunatik_run(n->runtime, luanotifier_run, ret, n, event, data);
	return ret < 0 ? NOTIFY_DONE : ret;
}

static void luanotifier_free(lunatik_object_t *object)
{
	kfree(container_of(object, struct luanotifier, object));
}

static void luanotifier_unregister(struct work_struct *work)
{
	struct luanotifier *n = container_of(work, struct luanotifier, work);

	unregister_keyboard_notifier(&n->nb);
	atomic_dec(&luanotifier_count);
	lunatik_put(n->runtime);
	lunatik_object_put(&n->object);
}

/* ends the Lua side of a notifier; its work unregisters it */
static void luanotifier_drop(lua_State *L, struct luanotifier *n)
{
	if (n->self != LUA_NOREF) {
		luaL_unref(L, LUA_REGISTRYINDEX, n->callback);
		luaL_unref(L, LUA_REGISTRYINDEX, n->self);
		n->callback = n->self = LUA_NOREF;
		queue_work(luanotifier_wq, &n->work);
	}
}

static const lunatik_class_t luanotifier_class;

/* notifier.keyboard(callback) */
static int luanotifier_new(lua_State *L)
{
	lunatik_runtime_t *runtime = lunatik_toruntime(L);
	lunatik_object_t **box;
	struct luanotifier *n;
	int ret;

	luaL_checktype(L, 1, LUA_TFUNCTION);
	if (runtime->sleep)
		return luaL_error(L, "notifier.keyboard needs a runtime that may not sleep "
				  "(lunatik.runtime(script, false))");
	if (!lunatik_cansleep(L))
		return luaL_error(L, "notifier.keyboard cannot run where the runtime may not sleep "
				  "(a callback): register notifiers in the script's top level");
	box = lunatik_newbox(L, &luanotifier_class);
	n = kzalloc(sizeof(*n), GFP_KERNEL);
	if (n == NULL)
		return luaL_error(L, "not enough memory for a notifier");
	lunatik_object_init(&n->object, &luanotifier_class);
	n->nb.notifier_call = luanotifier_keyboard;
	n->runtime = runtime;
	n->callback = n->self = LUA_NOREF;
	INIT_WORK(&n->work, luanotifier_unregister);
	*box = &n->object;	/* from here, garbage collection frees it */
	lua_pushvalue(L, 1);
	n->callback = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_pushvalue(L, -1);
	n->self = luaL_ref(L, LUA_REGISTRYINDEX);
	/* counted once nothing raises before its work would uncount it */
	if (atomic_inc_return(&luanotifier_count) > LUANOTIFIER_MAX) {
		atomic_dec(&luanotifier_count);
		luaL_unref(L, LUA_REGISTRYINDEX, n->callback);
		luaL_unref(L, LUA_REGISTRYINDEX, n->self);
		n->callback = n->self = LUA_NOREF;
		return luaL_error(L, "too many keyboard notifiers (at most %d)", LUANOTIFIER_MAX);
	}
	/* the registration's references, which its work drops */
	lunatik_get(runtime);
	lunatik_object_get(&n->object);
	ret = register_keyboard_notifier(&n->nb);
	if (ret != 0) {
		luanotifier_drop(L, n);
		return luaL_error(L, "cannot register a keyboard notifier (%d)", ret);
	}
	return 1;
}

/* notifier.delete(n), n:delete(): deleting again does nothing */
static int luanotifier_delete(lua_State *L)
{
	struct luanotifier *n = container_of(lunatik_checkobject(L, 1, &luanotifier_class),
					     struct luanotifier, object);

	if (n->runtime != lunatik_toruntime(L))
		return luaL_error(L, "a notifier is deleted by the runtime that made it");
	luanotifier_drop(L, n);
	return 0;
}

/* a registered notifier's own userdata is finalized when the state closes */
static int luanotifier_gc(lua_State *L)
{
	lunatik_object_t **box = lua_touserdata(L, 1);
	struct luanotifier *n;

	if (*box == NULL)
		return 0;
	n = container_of(*box, struct luanotifier, object);
	if (n->runtime == lunatik_toruntime(L) && lunatik_isref(L, 1, n->self))
		luanotifier_drop(L, n);
	return lunatik_object_gc(L);
}

static const luaL_Reg luanotifier_lib[] = {
	{"keyboard", luanotifier_new},
	{"delete", luanotifier_delete},
	{NULL, NULL}
};

static const luaL_Reg luanotifier_mt[] = {
	{"delete", luanotifier_delete},
	{"__gc", luanotifier_gc},
	{"__close", luanotifier_delete},
	{NULL, NULL}
};

#define LUANOTIFIER_FLAG(prefix, flag)	{#flag, prefix##_##flag}

static const struct luanotifier_flag {
	const char *name;
	lua_Integer value;
} luanotifier_kbd[] = {
	LUANOTIFIER_FLAG(KBD, KEYCODE), LUANOTIFIER_FLAG(KBD, UNBOUND_KEYCODE),
	LUANOTIFIER_FLAG(KBD, UNICODE), LUANOTIFIER_FLAG(KBD, KEYSYM),
	LUANOTIFIER_FLAG(KBD, POST_KEYSYM), {NULL, 0}
}, luanotifier_notify[] = {
	LUANOTIFIER_FLAG(NOTIFY, DONE), LUANOTIFIER_FLAG(NOTIFY, OK),
	LUANOTIFIER_FLAG(NOTIFY, BAD), LUANOTIFIER_FLAG(NOTIFY, STOP), {NULL, 0}
};

static void luanotifier_flags(lua_State *L, const struct luanotifier_flag *flag,
			      const char *name)
{
	lua_newtable(L);
	for (; flag->name != NULL; flag++) {
		lua_pushinteger(L, flag->value);
		lua_setfield(L, -2, flag->name);
	}
	lua_setfield(L, -2, name);
}

static const lunatik_class_t luanotifier_class = {
	.name = LUANOTIFIER_MT,
	.methods = luanotifier_mt,
	.release = luanotifier_free,
	.atomic = true,
	.owner = THIS_MODULE,
};

int luaopen_notifier(lua_State *L)
{
	luaL_newlib(L, luanotifier_lib);
	luanotifier_flags(L, luanotifier_kbd, "kbd");
	luanotifier_flags(L, luanotifier_notify, "notify");
	lunatik_newobjectclass(L, &luanotifier_class);
	return 1;
}
EXPORT_SYMBOL_GPL(luaopen_notifier);

static int __init luanotifier_init(void)
{
	luanotifier_wq = alloc_workqueue("luanotifier", 0, 0);
	return luanotifier_wq != NULL ? 0 : -ENOMEM;
}

static void __exit luanotifier_exit(void)
{
	destroy_workqueue(luanotifier_wq);
}

module_init(luanotifier_init);
module_exit(luanotifier_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Lunatik: the Lua library 'notifier', keyboard notifiers in Lua");
