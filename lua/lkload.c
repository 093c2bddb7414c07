// SPDX-License-Identifier: GPL-2.0
/*
 * lkload.c: Lua chunks from files, in the kernel.
 *
 * A file is read whole with kernel_read_file(), which sleeps: states that
 * may not sleep (luai_Limits.nosleep) cannot open files.  A relative name
 * is taken from LUA_ROOT, the folder of runtime scripts and modules.
 */
#define lkload_c
#define LUA_LIB

#include <linux/err.h>
#include <linux/kernel_read_file.h>
#include <linux/namei.h>
#include <linux/vmalloc.h>

#include "lua.h"
#include "lauxlib.h"
#include "lkload.h"

/* the largest chunk read from a file */
#define LKLOAD_MAXFILE	(1 << 20)

/* pushes the chunk name of 'filename': '@' and its absolute path */
static const char *lkload_pushname(lua_State *L, const char *filename)
{
	return lua_pushfstring(L, "@%s%s", filename[0] == '/' ? "" : LUA_ROOT, filename);
}

ssize_t luai_readfile(const char *path, void **buf)
{
	*buf = NULL;
	return kernel_read_file_from_path(path, 0, buf, LKLOAD_MAXFILE, NULL,
					  READING_UNKNOWN);
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
			/* loading raises no error: 'buf' is always freed */
			status = luai_loadchunk(L, buf, size, name, mode);
			vfree(buf);
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
		luaL_error(L, "cannot open %s (the runtime may not sleep)", filename);
	if (kern_path(filename, LOOKUP_FOLLOW, &path) != 0)
		return 0;
	regular = d_is_reg(path.dentry);
	path_put(&path);
	return regular;
}
