#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# exports.sh HEADER...: EXPORT_SYMBOL_GPL lines for the Lua API the headers
# declare (LUA_API, LUALIB_API, LUAMOD_API), leaving out what they put
# under '#if !defined(LUA_NOSTDIO)' (lua-5.4.4.patch).
set -eu
awk '
/^#if !defined\(LUA_NOSTDIO\)/ { skip = 1; next }
skip && /^#endif/ { skip = 0; next }
skip { next }
/^(LUA_API|LUALIB_API|LUAMOD_API)[ \t]/ {
	if (match($0, /\((lua[A-Za-z0-9_]*)\)/))
		name = substr($0, RSTART + 1, RLENGTH - 2)
	else
		next
	if (!(name in seen)) {
		seen[name] = 1
		print "EXPORT_SYMBOL_GPL(" name ");"
	}
}' "$@"
