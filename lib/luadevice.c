// SPDX-License-Identifier: GPL-2.0
/*
 * luadevice.c: the Lua library 'device', character devices written in Lua.
 *
 * A device is an object (lunatik.h): one reference for each userdata of
 * it, in any runtime, and one for each open file; it holds a reference to
 * the runtime that made it.  Its Lua side (the driver table, and that
 * runtime's userdata, kept in its registry so that a script needs no
 * reference of its own) lives while it is installed: until delete() or
 * that runtime's end.  Every callback runs through lunatik_run(), so the
 * runtime's lock serializes callbacks and deletion; once the device is
 * deleted, an open file fails with -ENXIO.  Removing it from the system
 * sleeps: a callback of a runtime that may not sleep that deletes it
 * leaves that to a work item.  User memory is copied outside the lock, through
 * a buffer of at most LUADEVICE_MAXIO bytes (a page fault may take long)
 * charged to the caller's memory cgroup; a caller that waits for the
 * runtime can be killed.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/namei.h>
#include <linux/slab.h>
#include <linux/stat.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>

#include "lunatik.h"
#include "lunatik_compat.h"

#define LUADEVICE_MT		"device"
#define LUADEVICE_MINORS	256
#define LUADEVICE_NAMEMAX	64
#define LUADEVICE_MAXIO		(1 << 20)
#define LUADEVICE_SMALLIO	64	/* reads up to this size use the stack */

struct luadevice {
	lunatik_object_t object;
	lunatik_runtime_t *runtime;	/* that made it */
	struct work_struct remove;	/* from the system, where one may sleep */
	struct cdev *cdev;
	dev_t devt;
	umode_t mode;
	bool installed;
	int driver;	/* registry reference to the driver; LUA_NOREF once deleted */
	int self;	/* registry reference to the userdata while installed */
	char name[LUADEVICE_NAMEMAX];
};

/* an open file */
struct luadevice_file {
	struct luadevice *dev;
	int session;	/* registry reference to what open() returned, or LUA_NOREF */
};

/* installed devices by minor; held to install, to delete and to open */
static DEFINE_MUTEX(luadevice_mutex);
static DEFINE_IDR(luadevice_idr);
static struct class *luadevice_sysclass;
static dev_t luadevice_base;

static void luadevice_free(lunatik_object_t *object)
{
	struct luadevice *dev = container_of(object, struct luadevice, object);

	lunatik_put(dev->runtime);
	kfree(dev);
}

static void luadevice_put(struct luadevice *dev)
{
	lunatik_object_put(&dev->object);
}

/*
 * A callback, run by lunatik_run(): the file's session (or the driver) is
 * 'self', and the Lua function is self[name].  Only the function runs in a
 * protected call, so that its errors are logged with the device's name;
 * an error around it (a failing __index of a session, an allocation)
 * is lunatik_run()'s to report.
 */
enum luadevice_kind { LUADEVICE_OPEN, LUADEVICE_RELEASE, LUADEVICE_READ, LUADEVICE_WRITE };

static const char *const luadevice_names[] = {"open", "release", "read", "write"};

struct luadevice_op {
	struct luadevice_file *file;
	enum luadevice_kind kind;
	char *buf;	/* in the kernel */
	size_t len;
	loff_t *off;
};

static int luadevice_error(lua_State *L, struct luadevice_op *op, int status, const char *why)
{
	if (why == NULL)
		why = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "(error is not a string)";
	pr_err("%s: %s: %s\n", op->file->dev->name, luadevice_names[op->kind], why);
	return status == LUA_ERRMEM ? -ENOMEM : -ECANCELED;
}

/* sets 'off' to the offset a callback returned at 'idx', if any; false if it is no offset */
static bool luadevice_offset(lua_State *L, int idx, loff_t *off)
{
	int isnum = 1;

	if (!lua_isnil(L, idx))
		*off = lua_tointegerx(L, idx, &isnum);
	return isnum && *off >= 0;
}

static ssize_t luadevice_read(lua_State *L, struct luadevice_op *op)
{
	loff_t off = *op->off;
	const char *s;
	size_t len;
	int status;

	lua_pushinteger(L, op->len);
	lua_pushinteger(L, off);
	status = lua_pcall(L, 3, 2, 0);
	if (status != LUA_OK)
		return luadevice_error(L, op, status, NULL);
	if (!lua_isstring(L, -2))
		return luadevice_error(L, op, LUA_ERRRUN, "read must return a string");
	s = lua_tolstring(L, -2, &len);
	len = min(len, op->len);
	off += len;
	if (!luadevice_offset(L, -1, &off))
		return luadevice_error(L, op, LUA_ERRRUN,
				       "read must return an offset that is not negative");
	memcpy(op->buf, s, len);
	*op->off = off;
	return len;
}

static ssize_t luadevice_write(lua_State *L, struct luadevice_op *op)
{
	loff_t off = *op->off;
	lua_Integer len;
	int isnum = 1;
	int status;

	lua_pushlstring(L, op->buf, op->len);
	lua_pushinteger(L, off);
	status = lua_pcall(L, 3, 2, 0);
	if (status != LUA_OK)
		return luadevice_error(L, op, status, NULL);
	len = lua_isnil(L, -2) ? (lua_Integer)op->len : lua_tointegerx(L, -2, &isnum);
	if (!isnum || len < 0)
		return luadevice_error(L, op, LUA_ERRRUN,
				       "write must return a length that is not negative");
	len = min_t(lua_Integer, len, op->len);
	off += len;
	if (!luadevice_offset(L, -1, &off))
		return luadevice_error(L, op, LUA_ERRRUN,
				       "write must return an offset that is not negative");
	*op->off = off;
	return len;
}

/* the session ends with its file, callback or not */
static void luadevice_endsession(lua_State *L, struct luadevice_op *op)
{
	if (op->kind == LUADEVICE_RELEASE) {
		luaL_unref(L, LUA_REGISTRYINDEX, op->file->session);
		op->file->session = LUA_NOREF;
	}
}

static ssize_t luadevice_run(lua_State *L, struct luadevice_op *op)
{
	struct luadevice_file *file = op->file;
	int session;
	int status;

	if (file->dev->driver == LUA_NOREF) {
		luadevice_endsession(L, op);
		return -ENXIO;
	}
	lua_rawgeti(L, LUA_REGISTRYINDEX,
		    file->session != LUA_NOREF ? file->session : file->dev->driver);
	luadevice_endsession(L, op);	/* the session stays on the stack as 'self' */
	if (lua_getfield(L, -1, luadevice_names[op->kind]) != LUA_TFUNCTION)
		return -ENXIO;
	lua_pushvalue(L, -2);	/* self (lunatik_run() restores the stack) */
	switch (op->kind) {
	case LUADEVICE_OPEN:
		/* a session's reference is made first: none can fail after open() */
		lua_pushboolean(L, false);
		session = luaL_ref(L, LUA_REGISTRYINDEX);
		status = lua_pcall(L, 1, 1, 0);
		if (status == LUA_OK && lua_istable(L, -1)) {
			/* a table that open() returns is 'self' for the file's callbacks */
			lua_rawseti(L, LUA_REGISTRYINDEX, session);
			file->session = session;
			return 0;
		}
		luaL_unref(L, LUA_REGISTRYINDEX, session);
		return status == LUA_OK ? 0 : luadevice_error(L, op, status, NULL);
	case LUADEVICE_RELEASE:
		status = lua_pcall(L, 1, 0, 0);
		return status == LUA_OK ? 0 : luadevice_error(L, op, status, NULL);
	case LUADEVICE_READ:
		return luadevice_read(L, op);
	case LUADEVICE_WRITE:
		return luadevice_write(L, op);
	}
	return -EINVAL;
}

static ssize_t luadevice_op(struct file *f, enum luadevice_kind kind, char *buf, size_t len,
			    loff_t *off)
{
	struct luadevice_file *file = f->private_data;
	struct luadevice_op op = {.file = file, .kind = kind, .buf = buf, .len = len, .off = off};
	ssize_t ret;

	/* a user may kill a task that waits for the runtime, but a release must run */
	if (kind == LUADEVICE_RELEASE)
		lunatik_run(file->dev->runtime, luadevice_run, ret, &op);
	else
		lunatik_run_killable(file->dev->runtime, luadevice_run, ret, &op);
	return ret;
}

static ssize_t luadevice_fop_read(struct file *f, char __user *ubuf, size_t len, loff_t *off)
{
	char small[LUADEVICE_SMALLIO];
	char *buf = small;
	ssize_t ret;

	len = min_t(size_t, len, LUADEVICE_MAXIO);
	if (len > sizeof(small)) {
		buf = kvmalloc(len, GFP_KERNEL_ACCOUNT);
		if (buf == NULL)
			return -ENOMEM;
	}
	ret = luadevice_op(f, LUADEVICE_READ, buf, len, off);
	if (ret > 0 && copy_to_user(ubuf, buf, ret) != 0)
		ret = -EFAULT;
	if (buf != small)
		kvfree(buf);
	return ret;
}

static ssize_t luadevice_fop_write(struct file *f, const char __user *ubuf, size_t len,
				   loff_t *off)
{
	char *buf;
	ssize_t ret;

	len = min_t(size_t, len, LUADEVICE_MAXIO);
	buf = kvmalloc(len, GFP_KERNEL_ACCOUNT);
	if (buf == NULL)
		return -ENOMEM;
	if (copy_from_user(buf, ubuf, len) != 0)
		ret = -EFAULT;
	else
		ret = luadevice_op(f, LUADEVICE_WRITE, buf, len, off);
	kvfree(buf);
	return ret;
}

static int luadevice_fop_open(struct inode *inode, struct file *f)
{
	struct luadevice_file *file;
	struct luadevice *dev;
	int ret;

	mutex_lock(&luadevice_mutex);
	dev = idr_find(&luadevice_idr, iminor(inode));
	if (dev != NULL)
		lunatik_object_get(&dev->object);
	mutex_unlock(&luadevice_mutex);
	if (dev == NULL)
		return -ENXIO;

	file = kzalloc(sizeof(*file), GFP_KERNEL);
	ret = -ENOMEM;
	if (file != NULL) {
		file->dev = dev;
		file->session = LUA_NOREF;
		f->private_data = file;
		ret = luadevice_op(f, LUADEVICE_OPEN, NULL, 0, NULL);
		if (ret >= 0)
			return 0;
		kfree(file);
	}
	luadevice_put(dev);
	return ret;
}

static int luadevice_fop_release(struct inode *inode, struct file *f)
{
	struct luadevice_file *file = f->private_data;
	struct luadevice *dev = file->dev;

	luadevice_op(f, LUADEVICE_RELEASE, NULL, 0, NULL);
	kfree(file);
	luadevice_put(dev);
	return 0;
}

static const struct file_operations luadevice_fops = {
	.owner = THIS_MODULE,
	.open = luadevice_fop_open,
	.release = luadevice_fop_release,
	.read = luadevice_fop_read,
	.write = luadevice_fop_write,
	.llseek = default_llseek,
};

static char *luadevice_devnode(lunatik_devnode_device *device, umode_t *mode)
{
	struct luadevice *dev = dev_get_drvdata(device);

	if (mode != NULL && dev != NULL)
		*mode = dev->mode;
	return NULL;
}

/* is 'name' in use, by a device of ours or by anything in /dev? */
static bool luadevice_taken(const char *name)
{
	struct luadevice *dev;
	struct path path;
	char *devpath;
	bool taken = false;
	int id;

	idr_for_each_entry(&luadevice_idr, dev, id)
		if (strcmp(dev->name, name) == 0)
			return true;
	devpath = kasprintf(GFP_KERNEL, "/dev/%s", name);
	if (devpath != NULL && kern_path(devpath, 0, &path) == 0) {
		path_put(&path);
		taken = true;
	}
	kfree(devpath);
	return taken;
}

/* installs 'dev' in the system; a negative errno, or the message of an error */
static int luadevice_install(struct luadevice *dev, const char **why)
{
	struct device *device;
	int minor;
	int ret;

	mutex_lock(&luadevice_mutex);
	if (luadevice_taken(dev->name)) {
		*why = "name already in use";
		ret = -EEXIST;
		goto unlock;
	}
	ret = minor = idr_alloc(&luadevice_idr, dev, 0, LUADEVICE_MINORS, GFP_KERNEL);
	if (minor < 0) {
		*why = "too many devices";
		goto unlock;
	}
	dev->devt = MKDEV(MAJOR(luadevice_base), minor);
	ret = -ENOMEM;
	dev->cdev = cdev_alloc();
	if (dev->cdev == NULL)
		goto remove;
	dev->cdev->owner = THIS_MODULE;
	dev->cdev->ops = &luadevice_fops;
	ret = cdev_add(dev->cdev, dev->devt, 1);
	if (ret < 0)
		goto cdev;
	device = device_create(luadevice_sysclass, NULL, dev->devt, dev, "%s", dev->name);
	ret = PTR_ERR_OR_ZERO(device);
	if (ret == 0) {
		dev->installed = true;
		goto unlock;
	}
cdev:
	cdev_del(dev->cdev);
remove:
	idr_remove(&luadevice_idr, minor);
unlock:
	mutex_unlock(&luadevice_mutex);
	return ret;
}

static void luadevice_unref(lua_State *L, struct luadevice *dev)
{
	luaL_unref(L, LUA_REGISTRYINDEX, dev->driver);
	luaL_unref(L, LUA_REGISTRYINDEX, dev->self);
	dev->driver = dev->self = LUA_NOREF;
}

static void luadevice_uninstall(struct luadevice *dev)
{
	mutex_lock(&luadevice_mutex);
	idr_remove(&luadevice_idr, MINOR(dev->devt));
	mutex_unlock(&luadevice_mutex);
	device_destroy(luadevice_sysclass, dev->devt);
	cdev_del(dev->cdev);
}

static void luadevice_removework(struct work_struct *work)
{
	struct luadevice *dev = container_of(work, struct luadevice, remove);

	luadevice_uninstall(dev);
	luadevice_put(dev);
}

/* where the module goes: the removals left to work items are done */
static struct workqueue_struct *luadevice_wq;

/*
 * Ends the Lua side of 'dev' and removes it from the system, now or,
 * where the entry may not sleep, from a work item; the runtime is locked.
 */
static void luadevice_remove(lua_State *L, struct luadevice *dev)
{
	dev->installed = false;
	luadevice_unref(L, dev);
	if (lunatik_cansleep(L)) {
		luadevice_uninstall(dev);
	} else {
		lunatik_object_get(&dev->object);
		queue_work(luadevice_wq, &dev->remove);
	}
}

static const lunatik_class_t luadevice_class;

static struct luadevice *luadevice_check(lua_State *L, int idx)
{
	return container_of(lunatik_checkobject(L, idx, &luadevice_class), struct luadevice, object);
}

static void luadevice_checkfield(lua_State *L, const char *field, int type, bool optional)
{
	int t = lua_getfield(L, 1, field);

	if (t != type && !(optional && t == LUA_TNIL))
		luaL_error(L, "driver field '%s' must be %s%s, not %s", field,
			   optional ? "nil or " : "", lua_typename(L, type), luaL_typename(L, -1));
	lua_pop(L, 1);
}

/*
 * A name is a file in /dev: no '/', and no '!', which the driver core and
 * devtmpfs turn into '/'; nothing invisible in a listing.
 */
static bool luadevice_validname(const char *name, size_t len)
{
	size_t i;

	if (len == 0 || len >= LUADEVICE_NAMEMAX || strcmp(name, ".") == 0 ||
	    strcmp(name, "..") == 0)
		return false;
	for (i = 0; i < len; i++) {
		unsigned char c = name[i];

		if (c <= ' ' || c > '~' || c == '/' || c == '!')
			return false;
	}
	return true;
}

static void luadevice_checkname(lua_State *L, struct luadevice *dev)
{
	size_t len;
	const char *name;

	luadevice_checkfield(L, "name", LUA_TSTRING, false);
	lua_getfield(L, 1, "name");
	name = lua_tolstring(L, -1, &len);
	if (!luadevice_validname(name, len))
		luaL_error(L, "invalid device name (1 to %d visible ASCII characters, no '/' or '!')",
			   LUADEVICE_NAMEMAX - 1);
	strscpy(dev->name, name, sizeof(dev->name));
	lua_pop(L, 1);
}

static umode_t luadevice_checkmode(lua_State *L)
{
	lua_Integer mode;

	luadevice_checkfield(L, "mode", LUA_TNUMBER, true);
	lua_getfield(L, 1, "mode");
	mode = luaL_optinteger(L, -1, 0600);
	lua_pop(L, 1);
	if (mode < 0 || mode > S_IALLUGO)
		luaL_error(L, "invalid device mode %d", (int)mode);
	return mode;
}

/* device.new(driver) */
static int luadevice_new(lua_State *L)
{
	lunatik_runtime_t *runtime = lunatik_toruntime(L);
	lunatik_object_t **box;
	struct luadevice *dev;
	const char *why = NULL;
	int ret;
	int i;

	luaL_checktype(L, 1, LUA_TTABLE);
	if (!lunatik_cansleep(L))
		return luaL_error(L, "device.new cannot run where the runtime may not sleep "
				  "(a callback): make devices in the script's top level");
	for (i = 0; i < ARRAY_SIZE(luadevice_names); i++)
		luadevice_checkfield(L, luadevice_names[i], LUA_TFUNCTION, true);

	box = lunatik_newbox(L, &luadevice_class);
	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (dev == NULL)
		return luaL_error(L, "not enough memory for a device");
	lunatik_object_init(&dev->object, &luadevice_class);
	lunatik_get(runtime);
	dev->runtime = runtime;
	dev->driver = dev->self = LUA_NOREF;
	INIT_WORK(&dev->remove, luadevice_removework);
	*box = &dev->object;
	luadevice_checkname(L, dev);
	dev->mode = luadevice_checkmode(L);

	/* what may raise an error comes before installing */
	lua_pushvalue(L, 1);
	dev->driver = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_pushvalue(L, -1);
	dev->self = luaL_ref(L, LUA_REGISTRYINDEX);
	ret = luadevice_install(dev, &why);
	lunatik_checktime(L);	/* a device takes long to make (uevents) */
	if (ret < 0) {
		luadevice_unref(L, dev);
		return luaL_error(L, "cannot create device '%s': %s", dev->name,
				  why != NULL ? why : "error from the kernel");
	}
	return 1;
}

/*
 * device.delete(dev), dev:delete(): deleting again does nothing.  Its Lua
 * side is in the state of the runtime that made it: only that runtime
 * deletes it.
 */
static int luadevice_delete(lua_State *L)
{
	struct luadevice *dev = luadevice_check(L, 1);

	if (dev->runtime != lunatik_toruntime(L))
		return luaL_error(L, "device '%s' is deleted by the runtime that made it", dev->name);
	if (dev->installed) {
		luadevice_remove(L, dev);
		lunatik_checktime(L);
	}
	return 0;
}

/*
 * A finalizer raises no error: what it releases must all be released.
 * An installed device's own userdata is finalized only when the state
 * closes (its registry holds it): the device goes with it.
 */
static int luadevice_gc(lua_State *L)
{
	lunatik_object_t **box = lua_touserdata(L, 1);
	struct luadevice *dev;

	if (*box == NULL)
		return 0;
	dev = container_of(*box, struct luadevice, object);
	if (dev->installed && dev->runtime == lunatik_toruntime(L) && lunatik_isref(L, 1, dev->self))
		luadevice_remove(L, dev);
	return lunatik_object_gc(L);
}

static const luaL_Reg luadevice_lib[] = {
	{"new", luadevice_new},
	{"delete", luadevice_delete},
	{NULL, NULL}
};

static const luaL_Reg luadevice_mt[] = {
	{"delete", luadevice_delete},
	{"__gc", luadevice_gc},
	{"__close", luadevice_delete},
	{NULL, NULL}
};

static const lunatik_class_t luadevice_class = {
	.name = LUADEVICE_MT,
	.methods = luadevice_mt,
	.release = luadevice_free,
	.atomic = true,
	.owner = THIS_MODULE,
};

int luaopen_device(lua_State *L)
{
	luaL_newlib(L, luadevice_lib);
	lunatik_newobjectclass(L, &luadevice_class);
	return 1;
}
EXPORT_SYMBOL_GPL(luaopen_device);

static int __init luadevice_init(void)
{
	int ret = alloc_chrdev_region(&luadevice_base, 0, LUADEVICE_MINORS, "luadevice");

	if (ret < 0)
		return ret;
	luadevice_sysclass = lunatik_class_create("luadevice");
	ret = PTR_ERR_OR_ZERO(luadevice_sysclass);
	if (ret < 0)
		goto region;
	luadevice_sysclass->devnode = luadevice_devnode;
	luadevice_wq = alloc_workqueue("luadevice", 0, 0);
	if (luadevice_wq != NULL)
		return 0;
	ret = -ENOMEM;
	class_destroy(luadevice_sysclass);
region:
	unregister_chrdev_region(luadevice_base, LUADEVICE_MINORS);
	return ret;
}

static void __exit luadevice_exit(void)
{
	destroy_workqueue(luadevice_wq);
	class_destroy(luadevice_sysclass);
	unregister_chrdev_region(luadevice_base, LUADEVICE_MINORS);
	idr_destroy(&luadevice_idr);
}

module_init(luadevice_init);
module_exit(luadevice_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Lunatik: the Lua library 'device', character devices in Lua");
