// SPDX-License-Identifier: GPL-2.0
/*
 * lunatik_object.c: objects shared between runtimes, and the values
 * passed from one runtime to another.
 *
 * A userdata of an object is a box that holds a pointer to it and a
 * reference.  The class's metatable is made in a state when the state
 * first needs it (a library's luaopen, or an object passed in), and pins
 * the class's module until the state closes: its methods live there.
 * The memory an object holds in the kernel (a buffer, a table's entries)
 * counts against the memory limit of the runtime that made it, for as
 * long as the object lives, wherever it is held.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/irq_work.h>
#include <linux/llist.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include "lunatik.h"
#include "lunatik_core.h"

/* the metatable's field that names the class, for lunatik_toobject() */
#define LUNATIK_CLASSFIELD	"__lunatikclass"

static void lunatik_account_free(struct kref *kref)
{
	kfree(container_of(kref, lunatik_account_t, kref));
}

void lunatik_account_put(lunatik_account_t *account)
{
	kref_put(&account->kref, lunatik_account_free);
}

lunatik_account_t *lunatik_account_new(size_t max)
{
	lunatik_account_t *account = kzalloc(sizeof(*account), GFP_KERNEL);

	if (account != NULL) {
		kref_init(&account->kref);
		account->max = max;
	}
	return account;
}

static void lunatik_object_uncharge(lunatik_object_t *object)
{
	if (object->account != NULL) {
		atomic_long_sub(object->charge, &object->account->charged);
		lunatik_account_put(object->account);
		object->account = NULL;
	}
}

static void lunatik_object_free(lunatik_object_t *object)
{
	struct module *owner = object->class->owner;

	lunatik_object_uncharge(object);
	object->class->release(object);
	module_put(owner);
}

/* objects whose last reference went where one may not sleep */
static LLIST_HEAD(lunatik_deferred);

/* (what it frees may add to the list: each is freed on the worker's stack) */
static void lunatik_object_work(struct work_struct *work)
{
	struct llist_node *node;
	lunatik_object_t *object;
	lunatik_object_t *next;

	while ((node = llist_del_all(&lunatik_deferred)) != NULL)
		llist_for_each_entry_safe(object, next, node, deferred)
			lunatik_object_free(object);
}

static DECLARE_WORK(lunatik_deferred_work, lunatik_object_work);

/*
 * From atomic context the work is queued by an irq_work: a probe's
 * handler may run where this CPU holds the workqueue's own lock.
 */
static void lunatik_object_kick(struct irq_work *work)
{
	schedule_work(&lunatik_deferred_work);
}

static struct irq_work lunatik_deferred_kick = IRQ_WORK_INIT(lunatik_object_kick);

static void lunatik_object_defer(struct kref *kref)
{
	lunatik_object_t *object = container_of(kref, lunatik_object_t, kref);

	if (llist_add(&object->deferred, &lunatik_deferred))
		irq_work_queue(&lunatik_deferred_kick);
}

static void lunatik_object_release(struct kref *kref)
{
	if (lunatik_maysleep())
		lunatik_object_free(container_of(kref, lunatik_object_t, kref));
	else
		lunatik_object_defer(kref);
}

int lunatik_object_put(lunatik_object_t *object)
{
	return kref_put(&object->kref, lunatik_object_release);
}
EXPORT_SYMBOL_GPL(lunatik_object_put);

void lunatik_object_putlater(lunatik_object_t *object)
{
	kref_put(&object->kref, lunatik_object_defer);
}
EXPORT_SYMBOL_GPL(lunatik_object_putlater);

/* before lunatik.ko goes: every object released has been freed */
void lunatik_object_flush(void)
{
	irq_work_sync(&lunatik_deferred_kick);
	flush_work(&lunatik_deferred_work);
}

void lunatik_object_init(lunatik_object_t *object, const lunatik_class_t *class)
{
	kref_init(&object->kref);
	object->class = class;
	object->account = NULL;
	object->charge = 0;
	object->lent = false;
	__module_get(class->owner);
}
EXPORT_SYMBOL_GPL(lunatik_object_init);

/*
 * The limit holds what the runtime's state holds and what its objects
 * hold together; objects made on several CPUs at once may pass it by the
 * size of one each.
 */
void lunatik_object_charge(lua_State *L, lunatik_object_t *object, size_t size)
{
	lunatik_runtime_t *runtime = lunatik_toruntime(L);

	if (size > lunatik_memory_left(runtime))
		luaL_error(L, "not enough memory");
	atomic_long_add(size, &runtime->account->charged);
	kref_get(&runtime->account->kref);
	object->account = runtime->account;
	object->charge = size;
}
EXPORT_SYMBOL_GPL(lunatik_object_charge);

int lunatik_object_addcharge(lunatik_object_t *object, size_t size)
{
	lunatik_account_t *account = object->account;

	if (size > account->max || atomic_long_read(&account->charged) > account->max - size)
		return -ENOMEM;
	atomic_long_add(size, &account->charged);
	object->charge += size;
	return 0;
}
EXPORT_SYMBOL_GPL(lunatik_object_addcharge);

void lunatik_object_subcharge(lunatik_object_t *object, size_t size)
{
	atomic_long_sub(size, &object->account->charged);
	object->charge -= size;
}
EXPORT_SYMBOL_GPL(lunatik_object_subcharge);

/* what a state holds of a class's module, until it closes */
static int lunatik_unpin(lua_State *L)
{
	struct module **owner = lua_touserdata(L, 1);

	if (*owner != NULL) {
		module_put(*owner);
		*owner = NULL;
	}
	return 0;
}

static const luaL_Reg lunatik_pin_mt[] = {
	{"__gc", lunatik_unpin},
	{NULL, NULL}
};

static void lunatik_checkopen(lua_State *L)
{
	if (lunatik_toruntime(L)->closing)
		luaL_error(L, "runtime is closing: no object is made or received");
}

/*
 * Makes the class's metatable in L's state if it has none: made whole,
 * then registered.  Its pin holds the module, and goes with it: the last
 * of its objects' userdata to be finalized.
 */
void lunatik_newobjectclass(lua_State *L, const lunatik_class_t *class)
{
	struct module **owner;
	bool same;

	if (luaL_getmetatable(L, class->name) != LUA_TNIL) {
		same = lua_getfield(L, -1, LUNATIK_CLASSFIELD) == LUA_TLIGHTUSERDATA &&
		       lua_touserdata(L, -1) == class;
		lua_pop(L, 2);
		if (!same)
			luaL_error(L, "two classes are named '%s'", class->name);
		return;
	}
	lua_pop(L, 1);
	lunatik_checkopen(L);
	lunatik_newclass(L, "lunatik.pin", lunatik_pin_mt);
	lunatik_pushclass(L, class->name, class->methods);
	owner = lua_newuserdatauv(L, sizeof(*owner), 0);
	*owner = NULL;
	luaL_setmetatable(L, "lunatik.pin");
	__module_get(class->owner);
	*owner = class->owner;
	lua_setfield(L, -2, "__lunatikpin");
	lua_pushlightuserdata(L, (void *)class);
	lua_setfield(L, -2, LUNATIK_CLASSFIELD);
	lua_setfield(L, LUA_REGISTRYINDEX, class->name);
}
EXPORT_SYMBOL_GPL(lunatik_newobjectclass);

static const luaL_Reg lunatik_box_mt[] = {
	{"__gc", lunatik_object_gc},
	{NULL, NULL}
};

/*
 * A box without a class ('class' NULL) holds its object for a library
 * that takes a reference before it knows the class (a lookup);
 * lunatik_setclass() gives it the class's metatable.
 */
lunatik_object_t **lunatik_newbox(lua_State *L, const lunatik_class_t *class)
{
	lunatik_object_t **box;

	if (class != NULL && !class->atomic && !lunatik_toruntime(L)->sleep)
		luaL_error(L, "%s cannot be shared with a runtime that may not sleep", class->name);
	lunatik_checkopen(L);
	if (class != NULL)
		lunatik_newobjectclass(L, class);
	else
		lunatik_newclass(L, "lunatik.object", lunatik_box_mt);
	box = lua_newuserdatauv(L, sizeof(*box), 0);
	*box = NULL;
	luaL_setmetatable(L, class != NULL ? class->name : "lunatik.object");
	return box;
}
EXPORT_SYMBOL_GPL(lunatik_newbox);

void lunatik_setclass(lua_State *L, int idx)
{
	lunatik_object_t **box = lua_touserdata(L, idx);
	const lunatik_class_t *class = (*box)->class;

	idx = lua_absindex(L, idx);
	if (!class->atomic && !lunatik_toruntime(L)->sleep)
		luaL_error(L, "%s cannot be shared with a runtime that may not sleep", class->name);
	lunatik_newobjectclass(L, class);
	luaL_getmetatable(L, class->name);
	lua_setmetatable(L, idx);	/* raises nothing: the box's reference is safe */
}
EXPORT_SYMBOL_GPL(lunatik_setclass);

void lunatik_pushobject(lua_State *L, lunatik_object_t *object)
{
	lunatik_object_t **box = lunatik_newbox(L, NULL);

	lunatik_object_get(object);
	*box = object;
	lunatik_setclass(L, -1);
}
EXPORT_SYMBOL_GPL(lunatik_pushobject);

lunatik_object_t *lunatik_checkobject(lua_State *L, int idx, const lunatik_class_t *class)
{
	lunatik_object_t **box = luaL_checkudata(L, idx, class->name);

	if (*box == NULL || (*box)->class != class)
		luaL_argerror(L, idx, "object released");
	return *box;
}
EXPORT_SYMBOL_GPL(lunatik_checkobject);

lunatik_object_t *lunatik_toobject(lua_State *L, int idx)
{
	lunatik_object_t **box = lua_touserdata(L, idx);
	const lunatik_class_t *class = NULL;

	if (box == NULL || lua_islightuserdata(L, idx) || !lua_getmetatable(L, idx))
		return NULL;
	if (lua_rawlen(L, idx) == sizeof(*box) &&
	    lua_getfield(L, -1, LUNATIK_CLASSFIELD) == LUA_TLIGHTUSERDATA) {
		class = lua_touserdata(L, -1);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	return class != NULL && *box != NULL && (*box)->class == class ? *box : NULL;
}
EXPORT_SYMBOL_GPL(lunatik_toobject);

bool lunatik_isref(lua_State *L, int idx, int ref)
{
	bool same;

	if (ref == LUA_NOREF || ref == LUA_REFNIL)
		return false;
	idx = lua_absindex(L, idx);
	lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
	same = lua_rawequal(L, idx, -1);
	lua_pop(L, 1);
	return same;
}
EXPORT_SYMBOL_GPL(lunatik_isref);

int lunatik_object_gc(lua_State *L)
{
	lunatik_object_t **box = lua_touserdata(L, 1);

	if (box != NULL && *box != NULL) {
		lunatik_object_put(*box);
		*box = NULL;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(lunatik_object_gc);

void lunatik_freevalues(lunatik_values_t *values)
{
	int i;

	if (values == NULL)
		return;
	for (i = 0; i < values->n; i++) {
		lunatik_value_t *value = &values->value[i];

		if (value->type == LUA_TSTRING)
			kvfree(value->string);
		else if (value->type == LUA_TUSERDATA)
			lunatik_object_put(value->object);
	}
	kvfree(values);
}
EXPORT_SYMBOL_GPL(lunatik_freevalues);

/* takes the value at 'idx' in 'value'; false if it cannot be shared */
static bool lunatik_getvalue(lua_State *L, int idx, lunatik_value_t *value, bool atomic,
			     gfp_t gfp)
{
	const char *s;

	value->type = lua_type(L, idx);
	switch (value->type) {
	case LUA_TNIL:
		return true;
	case LUA_TBOOLEAN:
		value->boolean = lua_toboolean(L, idx);
		return true;
	case LUA_TNUMBER:
		value->integer = lua_tointeger(L, idx);	/* integers only */
		return true;
	case LUA_TSTRING:
		s = lua_tolstring(L, idx, &value->len);
		value->string = gfp == GFP_KERNEL ? kvmalloc(value->len, gfp | __GFP_NOWARN) :
			kmalloc(value->len, gfp | __GFP_NOWARN);
		if (value->string != NULL)
			memcpy(value->string, s, value->len);
		if (value->string == NULL && value->len > 0) {
			value->type = LUA_TNIL;
			luaL_error(L, "not enough memory");
		}
		return true;
	case LUA_TUSERDATA:
		value->object = lunatik_toobject(L, idx);
		if (value->object == NULL || value->object->lent ||
		    (atomic && !value->object->class->atomic)) {
			value->type = LUA_TNIL;
			return false;
		}
		lunatik_object_get(value->object);
		return true;
	}
	value->type = LUA_TNIL;
	return false;
}

static int lunatik_values_gc(lua_State *L)
{
	lunatik_values_t **box = lua_touserdata(L, 1);

	lunatik_freevalues(*box);
	*box = NULL;
	return 0;
}

static const luaL_Reg lunatik_values_mt[] = {
	{"__gc", lunatik_values_gc},
	{NULL, NULL}
};

lunatik_values_t **lunatik_newvalues(lua_State *L)
{
	lunatik_values_t **box;

	lunatik_checkopen(L);
	lunatik_newclass(L, "lunatik.values", lunatik_values_mt);
	box = lua_newuserdatauv(L, sizeof(*box), 0);
	*box = NULL;
	luaL_setmetatable(L, "lunatik.values");
	return box;
}
EXPORT_SYMBOL_GPL(lunatik_newvalues);

lunatik_values_t **lunatik_getvalues(lua_State *L, int idx, int n, bool atomic)
{
	gfp_t gfp = lunatik_cansleep(L) ? GFP_KERNEL : GFP_ATOMIC;
	lunatik_values_t **box;
	lunatik_values_t *values;
	int i;

	idx = lua_absindex(L, idx);
	box = lunatik_newvalues(L);
	values = kmalloc(struct_size(values, value, n), gfp | __GFP_NOWARN);
	if (values == NULL)
		luaL_error(L, "not enough memory");
	values->n = 0;
	*box = values;
	for (i = 0; i < n; i++) {
		if (!lunatik_getvalue(L, idx + i, &values->value[i], atomic, gfp))
			luaL_error(L, "%s cannot be shared%s", luaL_typename(L, idx + i),
				   lunatik_toobject(L, idx + i) == NULL ? "" :
				   lunatik_toobject(L, idx + i)->lent ? " (it is lent for a call)" :
				   " with a runtime that may not sleep");
		values->n = i + 1;
	}
	return box;
}
EXPORT_SYMBOL_GPL(lunatik_getvalues);

void lunatik_pushvalues(lua_State *L, const lunatik_values_t *values)
{
	int i;

	luaL_checkstack(L, values->n, "too many values");
	for (i = 0; i < values->n; i++) {
		const lunatik_value_t *value = &values->value[i];

		switch (value->type) {
		case LUA_TBOOLEAN:
			lua_pushboolean(L, value->boolean);
			break;
		case LUA_TNUMBER:
			lua_pushinteger(L, value->integer);
			break;
		case LUA_TSTRING:
			lua_pushlstring(L, value->string, value->len);
			break;
		case LUA_TUSERDATA:
			lunatik_pushobject(L, value->object);
			break;
		default:
			lua_pushnil(L);
		}
	}
}
EXPORT_SYMBOL_GPL(lunatik_pushvalues);
