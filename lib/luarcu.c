// SPDX-License-Identifier: GPL-2.0
/*
 * luarcu.c: the Lua library 'rcu', hash tables shared between runtimes.
 *
 * A table is an object (lunatik.h) whose entries map strings to objects.
 * Readers walk a bucket under rcu_read_lock() and never wait; writers
 * take the table's raw spinlock, with interrupts off (a probe may write),
 * and allocate before they take it.  A write never changes an entry in
 * place: it links a new one in the old one's stead, and the old one, with
 * its reference to its value, goes after a grace period (call_rcu), as a
 * reader may still hold it.  Entries count against the memory limit of
 * the runtime that made the table, from when they are linked to when they
 * are unlinked.
 *
 * A table may hold a table: a write that would make a cycle, which no
 * reference count would ever free, is refused.  Writes of table values
 * are serialized by one lock for all tables, under which the check walks
 * what the value reaches, within bounds.  Releasing a table leaves the
 * release of the tables it holds to a work item: a chain of any length
 * is released one table at a time, not by recursion.
 */
#include <linux/jhash.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "lunatik.h"

#define LUARCU_DEFAULT	1024
#define LUARCU_MAXSIZE	(1 << 20)	/* buckets */
/* how deep tables may hold tables, and how many entries a cycle check walks */
#define LUARCU_MAXDEPTH	8
#define LUARCU_MAXWALK	4096
/* how often a writer in a probe's handler tries a lock */
#define LUARCU_TRIES	1000

struct luarcu_entry {
	struct hlist_node node;
	struct rcu_head rcu;
	lunatik_object_t *value;	/* a reference */
	size_t len;
	char key[];
};

struct luarcu_table {
	lunatik_object_t object;
	raw_spinlock_t lock;	/* of the writers */
	u32 seed;
	unsigned int mask;	/* buckets - 1 */
	size_t count;		/* of entries, under 'lock' */
	size_t tables;		/* of entries whose value is a table, under 'lock' */
	unsigned long visited;	/* the last cycle check that saw it */
	struct hlist_head buckets[];
};

static const luaL_Reg luarcu_methods[];
static void luarcu_release(lunatik_object_t *object);

static const lunatik_class_t luarcu_class = {
	.name = "rcu.table",
	.methods = luarcu_methods,
	.release = luarcu_release,
	.atomic = true,
	.owner = THIS_MODULE,
};

/* writes of table values: the cycle check and the link, as one */
static DEFINE_RAW_SPINLOCK(luarcu_nesting);
static unsigned long luarcu_generation;
static unsigned int luarcu_walked;	/* entries, by the current check */

static struct luarcu_table *luarcu_totable(lunatik_object_t *object)
{
	return container_of(object, struct luarcu_table, object);
}

static struct luarcu_table *luarcu_check(lua_State *L, int idx)
{
	return luarcu_totable(lunatik_checkobject(L, idx, &luarcu_class));
}

static size_t luarcu_entrysize(size_t len)
{
	return sizeof(struct luarcu_entry) + len;
}

/* a table's release puts its values: tables of tables release on the worker, one by one */
static void luarcu_free(struct luarcu_entry *entry)
{
	lunatik_object_putlater(entry->value);
	kfree(entry);
}

static void luarcu_freercu(struct rcu_head *rcu)
{
	luarcu_free(container_of(rcu, struct luarcu_entry, rcu));
}

/* no reference is left, so no reader: the entries go at once */
static void luarcu_release(lunatik_object_t *object)
{
	struct luarcu_table *table = luarcu_totable(object);
	struct luarcu_entry *entry;
	struct hlist_node *next;
	unsigned int i;

	for (i = 0; i <= table->mask; i++)
		hlist_for_each_entry_safe(entry, next, &table->buckets[i], node)
			luarcu_free(entry);
	kvfree(table);
}

static struct hlist_head *luarcu_bucket(struct luarcu_table *table, const char *key, size_t len)
{
	return &table->buckets[jhash(key, len, table->seed) & table->mask];
}

/* under rcu_read_lock() or the table's lock */
static struct luarcu_entry *luarcu_find(struct luarcu_table *table, const char *key, size_t len)
{
	struct luarcu_entry *entry;

	hlist_for_each_entry_rcu(entry, luarcu_bucket(table, key, len), node,
				 lockdep_is_held(&table->lock))
		if (entry->len == len && memcmp(entry->key, key, len) == 0)
			return entry;
	return NULL;
}

/* rcu.table([size]) */
static int luarcu_table(lua_State *L)
{
	lua_Integer size = luaL_optinteger(L, 1, LUARCU_DEFAULT);
	struct luarcu_table *table;
	lunatik_object_t **box;
	size_t bytes;
	unsigned int i;

	luaL_argcheck(L, size > 0 && size <= LUARCU_MAXSIZE, 1,
		      "size must be from 1 to " __stringify(LUARCU_MAXSIZE));
	size = roundup_pow_of_two(size);
	bytes = struct_size(table, buckets, size);
	box = lunatik_newbox(L, &luarcu_class);
	/* kvmalloc sleeps; so does kvfree, but the last reference goes where one may */
	table = lunatik_cansleep(L) ? kvmalloc(bytes, GFP_KERNEL | __GFP_NOWARN) :
				      kmalloc(bytes, GFP_ATOMIC | __GFP_NOWARN);
	if (table == NULL)
		return luaL_error(L, "not enough memory");
	lunatik_object_init(&table->object, &luarcu_class);
	raw_spin_lock_init(&table->lock);
	table->seed = get_random_u32();
	table->mask = size - 1;
	table->count = 0;
	table->tables = 0;
	table->visited = 0;
	for (i = 0; i < size; i++)
		INIT_HLIST_HEAD(&table->buckets[i]);
	*box = &table->object;
	lunatik_object_charge(L, &table->object, bytes);
	return 1;
}

static const char *luarcu_checkkey(lua_State *L, int idx, size_t *len)
{
	if (lua_type(L, idx) != LUA_TSTRING)
		luaL_typeerror(L, idx, "string");
	return lua_tolstring(L, idx, len);
}

/* t[k]: its object, or nil */
static int luarcu_index(lua_State *L)
{
	struct luarcu_table *table = luarcu_check(L, 1);
	size_t len;
	const char *key = luarcu_checkkey(L, 2, &len);
	lunatik_object_t **box = lunatik_newbox(L, NULL);
	struct luarcu_entry *entry;

	rcu_read_lock();
	entry = luarcu_find(table, key, len);
	if (entry != NULL) {
		/* the entry holds a reference until a grace period after it goes */
		*box = entry->value;
		lunatik_object_get(*box);
	}
	rcu_read_unlock();
	if (*box == NULL)
		lua_pushnil(L);
	else
		lunatik_setclass(L, -1);
	return 1;
}

/*
 * Does 'from' reach 'to' through tables?  Also true, to refuse, where
 * tables nest too deep or are too many to walk.  Under luarcu_nesting,
 * with interrupts off: the walk is bounded, tables that hold no tables
 * cost nothing but their buckets.
 */
static bool luarcu_reaches(struct luarcu_table *from, struct luarcu_table *to, int depth)
{
	struct luarcu_entry *entry;
	bool reaches = false;
	unsigned int i;

	if (from == to || depth == 0)
		return true;
	if (from->visited == luarcu_generation || READ_ONCE(from->tables) == 0)
		return false;
	from->visited = luarcu_generation;
	rcu_read_lock();
	for (i = 0; i <= from->mask && !reaches; i++)
		hlist_for_each_entry_rcu(entry, &from->buckets[i], node) {
			if (++luarcu_walked > LUARCU_MAXWALK ||
			    (entry->value->class == &luarcu_class &&
			     luarcu_reaches(luarcu_totable(entry->value), to, depth - 1))) {
				reaches = true;
				break;
			}
		}
	rcu_read_unlock();
	return reaches;
}

/*
 * Takes a writers' lock.  In an entry that may not sleep (a probe's
 * handler) it is tried a while rather than waited for: the handler may run
 * where this CPU holds it already.
 */
static bool luarcu_lock(raw_spinlock_t *lock, unsigned long *flags, bool atomic)
{
	int tries;

	if (!atomic) {
		raw_spin_lock_irqsave(lock, *flags);
		return true;
	}
	for (tries = 0; tries < LUARCU_TRIES; tries++) {
		if (raw_spin_trylock_irqsave(lock, *flags))
			return true;
		cpu_relax();
	}
	return false;
}

/*
 * Links 'entry' in the stead of the key's entry, if any (NULL: removes the
 * key), and counts it; -ENOMEM past the memory limit, -ELOOP if it would
 * make a cycle, -EBUSY if a lock was not taken.
 */
static int luarcu_set(struct luarcu_table *table, const char *key, size_t len,
		      struct luarcu_entry *entry, bool atomic)
{
	bool nesting = entry != NULL && entry->value->class == &luarcu_class;
	struct luarcu_entry *old;
	unsigned long nestflags;
	unsigned long flags;
	int ret = 0;

	if (nesting) {
		if (!luarcu_lock(&luarcu_nesting, &nestflags, atomic))
			return -EBUSY;
		luarcu_generation++;
		luarcu_walked = 0;
		if (luarcu_reaches(luarcu_totable(entry->value), table, LUARCU_MAXDEPTH)) {
			raw_spin_unlock_irqrestore(&luarcu_nesting, nestflags);
			return -ELOOP;
		}
	}
	if (!luarcu_lock(&table->lock, &flags, atomic)) {
		ret = -EBUSY;
		goto nesting;
	}
	if (entry != NULL && lunatik_object_addcharge(&table->object, luarcu_entrysize(len)) < 0) {
		ret = -ENOMEM;
		goto unlock;
	}
	old = luarcu_find(table, key, len);
	if (old != NULL) {
		if (entry != NULL)
			hlist_replace_rcu(&old->node, &entry->node);
		else
			hlist_del_rcu(&old->node);
		lunatik_object_subcharge(&table->object, luarcu_entrysize(len));
		table->count--;
		table->tables -= old->value->class == &luarcu_class;
		call_rcu(&old->rcu, luarcu_freercu);
	} else if (entry != NULL) {
		hlist_add_head_rcu(&entry->node, luarcu_bucket(table, key, len));
	}
	if (entry != NULL) {
		table->count++;
		table->tables += nesting;
	}
unlock:
	raw_spin_unlock_irqrestore(&table->lock, flags);
nesting:
	if (nesting)
		raw_spin_unlock_irqrestore(&luarcu_nesting, nestflags);
	return ret;
}

/* t[k] = v: an object, or nil to remove the key */
static int luarcu_newindex(lua_State *L)
{
	struct luarcu_table *table = luarcu_check(L, 1);
	size_t len;
	const char *key = luarcu_checkkey(L, 2, &len);
	lunatik_object_t *value = lunatik_toobject(L, 3);
	struct luarcu_entry *entry = NULL;
	int ret;

	luaL_argcheck(L, value != NULL || lua_isnil(L, 3), 3, "an rcu.table holds objects or nil");
	luaL_argcheck(L, value == NULL || !value->lent, 3, "a view lent for a call cannot be kept");
	if (value != NULL) {
		entry = kmalloc(luarcu_entrysize(len), lunatik_cansleep(L) ? GFP_KERNEL : GFP_ATOMIC);
		if (entry == NULL)
			return luaL_error(L, "not enough memory");
		lunatik_object_get(value);
		entry->value = value;
		entry->len = len;
		memcpy(entry->key, key, len);
	}
	ret = luarcu_set(table, key, len, entry, !lunatik_cansleep(L));
	if (ret == 0)
		return 0;
	if (entry != NULL)
		luarcu_free(entry);
	if (ret == -ENOMEM)
		return luaL_error(L, "not enough memory");
	if (ret == -EBUSY)
		return luaL_error(L, "rcu.table is busy where this runs (its lock is held)");
	return luaL_error(L, "rcu.table: the value would hold the table (a cycle), or tables "
			  "nest too deep (at most %d) or too many to check (%d entries)",
			  LUARCU_MAXDEPTH, LUARCU_MAXWALK);
}

/*
 * rcu.map(t, f): f(key, value) for each entry, from a snapshot taken
 * under rcu_read_lock(): f may read and write the table, and an entry
 * that a writer adds meanwhile may be missed.
 */
static int luarcu_map(lua_State *L)
{
	struct luarcu_table *table = luarcu_check(L, 1);
	gfp_t gfp = (lunatik_cansleep(L) ? GFP_KERNEL : GFP_ATOMIC) | __GFP_NOWARN;
	lunatik_values_t **box;
	lunatik_values_t *values;
	struct luarcu_entry *entry;
	size_t capacity;
	unsigned int i;
	int n;

	luaL_checktype(L, 2, LUA_TFUNCTION);
	box = lunatik_newvalues(L);
	capacity = min_t(size_t, READ_ONCE(table->count) + 16, INT_MAX / 2);
	values = kvmalloc(struct_size(values, value, 2 * capacity), gfp);
	if (values == NULL)
		return luaL_error(L, "not enough memory");
	values->n = 0;
	*box = values;
	rcu_read_lock();
	for (i = 0; i <= table->mask && values->n < 2 * capacity; i++) {
		hlist_for_each_entry_rcu(entry, &table->buckets[i], node) {
			lunatik_value_t *key;

			if (values->n == 2 * capacity)
				break;
			key = &values->value[values->n];
			key->string = kmalloc(entry->len, GFP_ATOMIC | __GFP_NOWARN);
			if (key->string == NULL)
				break;
			memcpy(key->string, entry->key, entry->len);
			key->len = entry->len;
			key->type = LUA_TSTRING;
			key[1].type = LUA_TUSERDATA;
			key[1].object = entry->value;
			lunatik_object_get(entry->value);
			values->n += 2;
		}
	}
	rcu_read_unlock();
	for (n = 0; n < values->n; n += 2) {
		lua_pushvalue(L, 2);
		lua_pushlstring(L, values->value[n].string, values->value[n].len);
		lunatik_pushobject(L, values->value[n + 1].object);
		lua_call(L, 2, 0);
	}
	return 0;
}

static const luaL_Reg luarcu_methods[] = {
	{"__index", luarcu_index},
	{"__newindex", luarcu_newindex},
	{"__gc", lunatik_object_gc},
	{NULL, NULL}
};

static const luaL_Reg luarcu_lib[] = {
	{"table", luarcu_table},
	{"map", luarcu_map},
	{NULL, NULL}
};

int luaopen_rcu(lua_State *L)
{
	luaL_newlib(L, luarcu_lib);
	lunatik_newobjectclass(L, &luarcu_class);
	return 1;
}
EXPORT_SYMBOL_GPL(luaopen_rcu);

static void __exit luarcu_exit(void)
{
	rcu_barrier();	/* entries' frees are our code */
}

module_exit(luarcu_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Lunatik: the Lua library 'rcu', hash tables shared between runtimes");
