// SPDX-License-Identifier: GPL-2.0
/*
 * mydevice.c: the C API example of Lunatik's specification, whole.
 *
 * /dev/mydevice reads what the Lua function myread(len, off) of
 * /lib/modules/lua/mydevice.lua returns, in a runtime of this module's.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/uaccess.h>

#include <lunatik.h>

static lunatik_runtime_t *runtime;

static int l_read(lua_State *L, char __user *buf, size_t len, loff_t *off)
{
	size_t llen;
	const char *lbuf;

	lua_getglobal(L, "myread");
	lua_pushinteger(L, len);
	lua_pushinteger(L, *off);
	if (lua_pcall(L, 2, 2, 0) != LUA_OK) { /* calls myread(len, off) */
		pr_err("%s\n", lua_tostring(L, -1));
		return -ECANCELED;
	}

	lbuf = lua_tolstring(L, -2, &llen);
	if (lbuf == NULL)
		return -EINVAL;
	llen = min(len, llen);
	if (copy_to_user(buf, lbuf, llen) != 0)
		return -EFAULT;

	*off = (loff_t)luaL_optinteger(L, -1, *off + llen);
	return (ssize_t)llen;
}

static ssize_t mydevice_read(struct file *f, char __user *buf, size_t len, loff_t *off)
{
	ssize_t ret;
	lunatik_runtime_t *runtime = (lunatik_runtime_t *)f->private_data;

	lunatik_run(runtime, l_read, ret, buf, len, off);
	return ret;
}

/* each open file holds a reference to the runtime */
static int mydevice_open(struct inode *inode, struct file *f)
{
	lunatik_get(runtime);
	f->private_data = runtime;
	return 0;
}

static int mydevice_release(struct inode *inode, struct file *f)
{
	lunatik_put(f->private_data);
	return 0;
}

static const struct file_operations mydevice_fops = {
	.owner = THIS_MODULE,
	.open = mydevice_open,
	.release = mydevice_release,
	.read = mydevice_read,
};

static struct miscdevice mydevice = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mydevice",
	.fops = &mydevice_fops,
	.mode = 0444,
};

static int __init mydevice_init(void)
{
	int ret = lunatik_runtime(&runtime, "mydevice", true);

	if (ret != 0)
		return ret;
	ret = misc_register(&mydevice);
	if (ret != 0)
		lunatik_stop(runtime);
	return ret;
}

static void __exit mydevice_exit(void)
{
	misc_deregister(&mydevice);
	lunatik_stop(runtime);
}

module_init(mydevice_init);
module_exit(mydevice_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Lunatik's C API example: /dev/mydevice");
