// SPDX-License-Identifier: GPL-2.0
/*
 * lkexport.c: Lua's C API, for other modules (GPL only: symbol_get of a
 * C library works only on GPL exports, and so does everything here).
 */
#include <linux/export.h>

#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"

/* made from the headers by lua/exports.sh */
#include "lkexport.h"

/* lunatik_run() calls its handler through it, in the module that calls it */
EXPORT_SYMBOL_GPL(luai_protected);
