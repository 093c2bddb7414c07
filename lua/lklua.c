// SPDX-License-Identifier: GPL-2.0
/*
 * lklua.c: Lua 5.4's core and standard libraries, adapted to the kernel
 * by lua-5.4.4.patch and lkconf.h, as one translation unit.
 *
 * One unit lets the compiler inline across Lua's files, and lets objtool
 * see which of Lua's functions never return (luaD_throw and its callers).
 * lundump.c is left out: binary chunks are refused (LUA_NOBYTECODE);
 * lmathlib.c, liolib.c and loslib.c too (lkmath.c, LUA_NOSTDIO).
 */
#include "lzio.c"
#include "lctype.c"
#include "lopcodes.c"
#include "lmem.c"
#include "ldump.c"
#include "lstate.c"
#include "lgc.c"
#include "llex.c"
#include "lcode.c"
#include "lparser.c"
#include "ldebug.c"
#include "lfunc.c"
#include "lobject.c"
#include "ltm.c"
#include "lstring.c"
#include "ltable.c"
#include "ldo.c"
#include "lvm.c"
#include "lapi.c"

/* lauxlib.c has a static 'panic', the name of the kernel's */
#define panic	lauxlib_panic
#include "lauxlib.c"
#undef panic
#include "lbaselib.c"
#include "lcorolib.c"
#include "ldblib.c"
#include "lstrlib.c"
#include "ltablib.c"
#include "lutf8lib.c"
#include "loadlib.c"
#include "linit.c"
