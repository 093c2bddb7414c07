// SPDX-License-Identifier: GPL-2.0
/*
 * lkload.c: Lua chunks from files, in the kernel.
 *
 * A file is read whole with kernel_read_file(), which sleeps: states that
 * may not sleep (luai_Limits.nosleep) cannot open files.  Its buffer is
 * ours, from kvmalloc: a script is small, and a vmalloc'd buffer (what
 * kernel_read_file() would make) costs page tables and a TLB flush.  A
 * relative name is taken from LUA_ROOT, the folder of runtime scripts and
 * modules.
 */
#define lkload_c
#define LUA_LIB

#include <linux/cred.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/kernel_read_file.h>
#include <linux/mm.h>
#include <linux/namei.h>

#include "lua.h"
#include "lauxlib.h"
#include "lkerror.h"
#include "lkload.h"

/* the largest chunk read from a file */
#define LKLOAD_MAXFILE	(1 << 20)

/* pushes the chunk name of 'filename': '@' and its absolute path */
static const char *lkload_pushname(lua_State *L, const char *filename)
{
	return lua_pushfstring(L, "@%s%s", filename[0] == '/' ? "" : LUA_ROOT, filename);
}

/*
 * Opens 'path' for reading if it is a regular file, decided before it is
 * opened: the open of a device (/dev/lunatik's would wait for the runtime
 * that reads), a FIFO or a socket never runs.  An O_PATH file runs no
 * open; the file is then opened from the same path, which cannot change,
 * with the permission check that dentry_open() leaves to its caller.
 */
static struct file *lkload_open(const char *path)
{
	struct file *where = filp_open(path, O_PATH, 0);
	struct file *file;
	int ret;

	if (IS_ERR(where))
		return where;
	if (!S_ISREG(file_inode(where)->i_mode)) {
		file = ERR_PTR(-EINVAL);
	} else {
		ret = path_permission(&where->f_path, MAY_OPEN | MAY_READ);
		file = ret != 0 ? ERR_PTR(ret) : dentry_open(&where->f_path, O_RDONLY,
							     current_cred());
	}
	fput(where);
	return file;
}

ssize_t luai_readfile(const char *path, void **buf)
{
	struct file *file = lkload_open(path);
	loff_t size;
	ssize_t ret;

	*buf = NULL;
	if (IS_ERR(file))
		return PTR_ERR(file);
	size = i_size_read(file_inode(file));
	ret = -EFBIG;
	if (size <= LKLOAD_MAXFILE) {
		*buf = kvmalloc(size, GFP_KERNEL);
		/*
		 * (a file that grew since is too big, one that is empty
		 * invalid).  A script is code the kernel runs: security
		 * modules (LoadPin, IPE, IMA) judge it as they judge a
		 * module's file; IPE has no rule for READING_UNKNOWN, and
		 * warns (6.12).
		 */
		ret = *buf == NULL ? -ENOMEM :
		      kernel_read_file(file, 0, buf, size, NULL, READING_MODULE);
	}
	fput(file);
	if (ret < 0) {
		kvfree(*buf);
		*buf = NULL;
	}
	return ret;
}

int luai_loadchunk(lua_State *L, const char *buf, size_t size, const char *chunkname,
		   const char *mode)
{
	size_t skip = 0;

	/* a first line starting with '#' (a "#!" line) is ignored, its newline kept */
	if (size > 0 && buf[0] == '#')
		while (skip < size && buf[skip] != '\n')
			skip++;
	return luaL_loadbufferx(L, buf + skip, size - skip, chunkname, mode);
}

static int lkload_error(lua_State *L, const char *path, const char *why)
{
	lua_pushfstring(L, "cannot open %s (%s)", path, why);
	return LUA_ERRFILE;
}

LUALIB_API int luaL_loadfilex(lua_State *L, const char *filename, const char *mode)
{
	const char *name;
	char why[32];
	void *buf;
	ssize_t size;
	int status;

	if (filename == NULL)
		return lkload_error(L, "stdin", "there is no standard input");
	name = lkload_pushname(L, filename);
	if (luai_limits(L)->nosleep) {
		status = lkload_error(L, name + 1, "the runtime may not sleep");
	} else {
		size = luai_readfile(name + 1, &buf);
		if (size < 0) {
			snprintf(why, sizeof(why), "%pe", ERR_PTR(size));
			status = lkload_error(L, name + 1, why);
		} else {
			luai_spendbytes(luai_limits(L), size);
			/* loading raises no error: 'buf' is always freed */
			status = luai_loadchunk(L, buf, size, name, mode);
			kvfree(buf);
		}
	}
	lua_remove(L, -2);
	return status;
}

int luai_readable(lua_State *L, const char *filename)
{
	struct path path;
	int regular;

	if (luai_limits(L)->nosleep)
		return luaL_error(L, "cannot open %s (the runtime may not sleep)", filename);
	luai_tick(L);	/* a path may have any number of entries */
	if (kern_path(filename, LOOKUP_FOLLOW, &path) != 0)
		return 0;
	regular = d_is_reg(path.dentry);
	path_put(&path);
	return regular;
}
