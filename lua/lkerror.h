/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lkerror.h: Lua's errors do not return, which lua.h and lauxlib.h do not
 * say (they return int, for "return luaL_error(...)").  Where objtool
 * checks a module once linked (with IBT or Clang's LTO: 6.12 on Debian),
 * it finds that out in lunatik.o, where their bodies are, and then wants
 * nothing after their calls: lunatik.ko's files that call them include
 * this.  Where it checks each object alone, it cannot see the bodies and
 * takes a call with nothing after it for a fall through; so do other
 * modules, which must not include this.
 */
#ifndef lkerror_h
#define lkerror_h

#include "lua.h"

#if defined(CONFIG_X86_KERNEL_IBT) || defined(CONFIG_LTO_CLANG)
int lua_error (lua_State *L) __attribute__((__noreturn__));
int luaL_error (lua_State *L, const char *fmt, ...) __attribute__((__noreturn__));
int luaL_argerror (lua_State *L, int arg, const char *extramsg) __attribute__((__noreturn__));
int luaL_typeerror (lua_State *L, int arg, const char *tname) __attribute__((__noreturn__));
#endif

#endif
