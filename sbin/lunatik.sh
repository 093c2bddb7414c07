#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# lunatik.sh: load and unload Lunatik's kernel modules.
#
# Modules come from the build tree this script sits in, after 'make', or
# else from the running kernel's modules, after 'make install'.
set -u

usage="usage: $0 {start|stop|restart|status|install|run}"
top=$(cd "$(dirname "$0")/.." && pwd)
modules="lunatik luadevice lualinux luanotifier luadata luarcu luathread luaprobe luasyscall lunatik_run"
script=/lib/modules/lua/lunatik.lua

loaded() {
	[ -d "/sys/module/$1" ]
}

load() {
	if [ -f "$top/$1.ko" ]; then
		insmod "$top/$1.ko"
	else
		modprobe "$1"
	fi
}

start() {
	if [ ! -f "$script" ]; then
		echo "$0: $script is missing: run '$0 install' first" >&2
		return 1
	fi
	for m in $modules; do
		loaded "$m" && continue
		load "$m" || { echo "$0: cannot load $m" >&2; return 1; }
	done
}

stop() {
	status=0
	for m in $(echo "$modules" | tr ' ' '\n' | tac); do
		loaded "$m" || continue
		rmmod "$m" || { echo "$0: cannot unload $m" >&2; status=1; }
	done
	return $status
}

status() {
	for m in $modules; do
		if loaded "$m"; then echo "$m: loaded"; else echo "$m: not loaded"; fi
	done
}

# lunatik.lua and the Lua modules of the libraries (syscall.table)
install_driver() {
	# installed by 'make install' already, where there is no lunatik.lua to copy
	[ -f "$top/lunatik.lua" ] || [ ! -f "$script" ] || return 0
	mkdir -p /lib/modules/lua/syscall && cp "$top/lunatik.lua" "$script" &&
		cp "$top/lib/syscall/table.lua" /lib/modules/lua/syscall/table.lua
}

run() {
	if [ -x "$top/sbin/lunatik" ]; then
		exec "$top/sbin/lunatik" "$@"
	fi
	exec lunatik "$@"
}

[ $# -ge 1 ] || { echo "$usage" >&2; exit 1; }
command=$1
shift
case "$command" in
start) start ;;
stop) stop ;;
restart) stop && start ;;
status) status ;;
install) install_driver ;;
run) run "$@" ;;
*) echo "$usage" >&2; exit 1 ;;
esac
