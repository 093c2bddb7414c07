// SPDX-License-Identifier: GPL-2.0
/*
 * luadata.c: the Lua library 'data', memory buffers shared between
 * runtimes.
 *
 * A buffer is an object (lunatik.h): runtimes that hold it see each
 * other's writes, and it lives while any of them (or a table) holds it.
 * Its bytes count against the memory limit of the runtime that made it.
 * Its size never changes, so a bounds check needs no lock: runtimes that
 * write the same bytes at once may see each other's writes torn, never
 * memory outside the buffer.  A view is a buffer over memory that a
 * library lends for a call (luadata_view()): it is valid until the
 * library closes it, and an access after that raises.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "lunatik.h"
#include "lunatik_compat.h"
#include "luadata.h"

struct luadata {
	lunatik_object_t object;
	char *ptr;	/* NULL once a view is closed */
	size_t size;
	bool view;	/* of memory not its own */
};

static void luadata_free(lunatik_object_t *object)
{
	struct luadata *data = container_of(object, struct luadata, object);

	if (!data->view)
		kvfree(data->ptr);
	kfree(data);
}

static const luaL_Reg luadata_methods[];

static const lunatik_class_t luadata_class = {
	.name = "data",
	.methods = luadata_methods,
	.release = luadata_free,
	.atomic = true,
	.owner = THIS_MODULE,
};

static struct luadata *luadata_check(lua_State *L, int idx)
{
	return container_of(lunatik_checkobject(L, idx, &luadata_class), struct luadata, object);
}

/*
 * The address of 'len' bytes at the offset at 'idx' of the buffer at 1,
 * or raises.  A view is closed in the lender's call, which L's runtime
 * is in: its memory stays until L's call returns.
 */
static char *luadata_at(lua_State *L, int idx, size_t len)
{
	struct luadata *data = luadata_check(L, 1);
	lua_Integer off = luaL_checkinteger(L, idx);
	char *ptr = READ_ONCE(data->ptr);

	if (ptr == NULL)
		luaL_argerror(L, 1, "data view used after its call");
	if (off < 0 || len > data->size || (lua_Unsigned)off > data->size - len)
		luaL_error(L, "data access out of bounds (offset %I, %I bytes, size %I)", off,
			   (lua_Integer)len, (lua_Integer)data->size);
	return ptr + off;
}

/* data.new(size) */
static int luadata_new(lua_State *L)
{
	lua_Integer size = luaL_checkinteger(L, 1);
	gfp_t gfp = __GFP_NOWARN | __GFP_ZERO;
	lunatik_object_t **box;
	struct luadata *data;

	luaL_argcheck(L, size >= 0, 1, "size must not be negative");
	box = lunatik_newbox(L, &luadata_class);
	data = kzalloc(sizeof(*data), lunatik_cansleep(L) ? GFP_KERNEL : GFP_ATOMIC);
	if (data == NULL)
		return luaL_error(L, "not enough memory");
	lunatik_object_init(&data->object, &luadata_class);
	*box = &data->object;
	lunatik_object_charge(L, &data->object, size);
	/* kvmalloc sleeps; so does vfree, but the last reference goes where one may */
	data->ptr = lunatik_cansleep(L) ? kvmalloc(size, GFP_KERNEL | gfp) :
					  kmalloc(size, GFP_ATOMIC | gfp);
	if (data->ptr == NULL)
		return luaL_error(L, "not enough memory");
	data->size = size;
	return 1;
}

#define LUADATA_ACCESSORS(name, T)					\
static int luadata_get##name(lua_State *L)				\
{									\
	lua_pushinteger(L, (lua_Integer)get_unaligned((T *)luadata_at(L, 2, sizeof(T)))); \
	return 1;							\
}									\
									\
static int luadata_set##name(lua_State *L)				\
{									\
	T value = (T)luaL_checkinteger(L, 3);				\
									\
	put_unaligned(value, (T *)luadata_at(L, 2, sizeof(T)));	\
	return 0;							\
}

LUADATA_ACCESSORS(byte, u8)
LUADATA_ACCESSORS(int8, s8)
LUADATA_ACCESSORS(uint8, u8)
LUADATA_ACCESSORS(int16, s16)
LUADATA_ACCESSORS(uint16, u16)
LUADATA_ACCESSORS(int32, s32)
LUADATA_ACCESSORS(uint32, u32)
LUADATA_ACCESSORS(int64, s64)
LUADATA_ACCESSORS(number, lua_Integer)

/* d:getstring(o [, len]): 'len' bytes from 'o', or up to the end */
static int luadata_getstring(lua_State *L)
{
	struct luadata *data = luadata_check(L, 1);
	lua_Integer off = luaL_checkinteger(L, 2);
	lua_Integer len;

	if (off < 0 || (lua_Unsigned)off > data->size)
		return luaL_error(L, "data access out of bounds (offset %I, size %I)", off,
				  (lua_Integer)data->size);
	len = luaL_optinteger(L, 3, data->size - off);
	luaL_argcheck(L, len >= 0, 3, "length must not be negative");
	lua_pushlstring(L, luadata_at(L, 2, len), len);
	return 1;
}

/* d:setstring(o, s) */
static int luadata_setstring(lua_State *L)
{
	size_t len;
	const char *s = luaL_checklstring(L, 3, &len);

	memcpy(luadata_at(L, 2, len), s, len);
	return 0;
}

static int luadata_len(lua_State *L)
{
	lua_pushinteger(L, luadata_check(L, 1)->size);
	return 1;
}

static const luaL_Reg luadata_methods[] = {
	{"getbyte", luadata_getbyte}, {"setbyte", luadata_setbyte},
	{"getint8", luadata_getint8}, {"setint8", luadata_setint8},
	{"getuint8", luadata_getuint8}, {"setuint8", luadata_setuint8},
	{"getint16", luadata_getint16}, {"setint16", luadata_setint16},
	{"getuint16", luadata_getuint16}, {"setuint16", luadata_setuint16},
	{"getint32", luadata_getint32}, {"setint32", luadata_setint32},
	{"getuint32", luadata_getuint32}, {"setuint32", luadata_setuint32},
	{"getint64", luadata_getint64}, {"setint64", luadata_setint64},
	{"getnumber", luadata_getnumber}, {"setnumber", luadata_setnumber},
	{"getstring", luadata_getstring}, {"setstring", luadata_setstring},
	{"__len", luadata_len},
	{"__gc", lunatik_object_gc},
	{NULL, NULL}
};

lunatik_object_t *luadata_view(lua_State *L, void *ptr, size_t size)
{
	lunatik_object_t **box = lunatik_newbox(L, &luadata_class);
	struct luadata *data = kzalloc(sizeof(*data), lunatik_cansleep(L) ? GFP_KERNEL : GFP_ATOMIC);

	if (data == NULL)
		luaL_error(L, "not enough memory");
	lunatik_object_init(&data->object, &luadata_class);
	data->ptr = ptr;
	data->size = size;
	data->view = true;
	data->object.lent = true;
	*box = &data->object;
	return &data->object;
}
EXPORT_SYMBOL_GPL(luadata_view);

void luadata_close(lunatik_object_t *object)
{
	WRITE_ONCE(container_of(object, struct luadata, object)->ptr, NULL);
}
EXPORT_SYMBOL_GPL(luadata_close);

static const luaL_Reg luadata_lib[] = {
	{"new", luadata_new},
	{NULL, NULL}
};

int luaopen_data(lua_State *L)
{
	luaL_newlib(L, luadata_lib);
	lunatik_newobjectclass(L, &luadata_class);
	return 1;
}
EXPORT_SYMBOL_GPL(luaopen_data);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Lunatik: the Lua library 'data', memory buffers shared between runtimes");
