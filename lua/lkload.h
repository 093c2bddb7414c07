/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lkload.h: Lua chunks from files, in the kernel (lkload.c).
 */
#ifndef lkload_h
#define lkload_h

#include <linux/types.h>

#include "lua.h"

/* Reads the file at 'path' whole into '*buf' (kvfree it); may sleep. */
ssize_t luai_readfile(const char *path, void **buf);

/* Loads the text chunk in 'buf', as luaL_loadbufferx, ignoring a "#!" line. */
int luai_loadchunk(lua_State *L, const char *buf, size_t size, const char *chunkname,
		   const char *mode);

#endif
