# SPDX-License-Identifier: GPL-2.0
#
# Devices, /dev/lunatik, sbin/lunatik and sbin/lunatik.sh (sourced by init).
section=devices
L=/lib/modules/lua

# the specification's "Usage", as written
check "lunatik.sh without lunatik.lua refuses to start" refused lunatik.sh start
same "lunatik without /dev/lunatik says how to start" \
	"lunatik: cannot open /dev/lunatik: No such file or directory
lunatik: load Lunatik first: sbin/lunatik.sh start" lunatik
check "lunatik.sh install" lunatik.sh install
check "lunatik.sh install puts lunatik.lua in /lib/modules/lua" cmp lunatik.lua $L/lunatik.lua
check "lunatik.sh start" lunatik.sh start
check "lunatik.sh start again does nothing" lunatik.sh start
same "lunatik.sh status" "lunatik: loaded
luadevice: loaded
lualinux: loaded
luanotifier: loaded
luadata: loaded
luarcu: loaded
luathread: loaded
luaprobe: loaded
luasyscall: loaded
lunatik_run: loaded" lunatik.sh status
same "/dev/lunatik is 0600" "600" stat -c %a /dev/lunatik
same "lunatik.sh run: the REPL answers return 42" "42" sh -c "echo 'return 42' | lunatik.sh run"
check "lunatik.sh with no command fails" refused lunatik.sh
check "lunatik.sh with a bad command fails" refused lunatik.sh bogus

# the REPL
same "the REPL prints what a chunk returns" "42" sh -c "echo 'return 42' | lunatik"
same "the REPL takes an expression" "42" sh -c "echo '6 * 7' | lunatik"
same "the REPL prints all returned values" "1	nil	x	true" \
	sh -c "echo 'return 1, nil, \"x\", true' | lunatik"
same "the REPL keeps globals between lines" "3" sh -c "printf 'x = 1\nx = x + 2\nreturn x\n' | lunatik"
same "the REPL continues a chunk that is not finished" "6" \
	sh -c "printf 's = 0\nfor i = 1, 3 do\ns = s + i\nend\nreturn s\n' | lunatik"
same "the REPL prints errors and goes on" "lunatik:1: boom
1" sh -c "printf 'error(\"boom\")\nreturn 1\n' | lunatik"
same "the REPL prints syntax errors" "lunatik:1: unexpected symbol near '='" \
	sh -c "echo '= 1' | lunatik"
same "the REPL reports an endless loop" "lunatik:1: time limit exceeded" \
	sh -c "echo 'while true do end' | lunatik"
check "the REPL says when input ends inside a chunk" sh -c "echo 'for i = 1, 2 do' | lunatik 2>&1 | grep -q unfinished"
# the REPL on a terminal: banner, prompts, line editing with history
TERM=linux pty 'return 1 + 1\nfor i = 1, 2 do\nx = i end\nreturn x * 10\n\e[A\n\d' lunatik |
	tr -d '\r' > /tmp/tty
check "on a terminal: the banner" grep -q "^Lunatik 3.0  Copyright (C) 2023 ring-0 Ltda.$" /tmp/tty
check "... the prompts" sh -c "grep -q '^> return 1 + 1' /tmp/tty && grep -q '^>> x = i end' /tmp/tty"
check "... the answers" sh -c "grep -q '^2$' /tmp/tty && grep -q '^20$' /tmp/tty"
check "... history: the up arrow runs the last line again" [ "$(grep -c '^20$' /tmp/tty)" = 2 ]
grep -q '^20$' /tmp/tty || sed 's/^/# /' /tmp/tty | head -20
same "lunatik with a bad option" "usage: lunatik [[--run] <script>] [--spawn <script>] [--stop <script>] [--list]" lunatik --bogus
check "lunatik with a bad option fails" refused lunatik --bogus
check "lunatik --run of a missing script fails" refused lunatik --run nosuch
same "lunatik --run of a missing script says why" \
	"lunatik: cannot open /lib/modules/lua/nosuch.lua (-ENOENT)" lunatik --run nosuch

# the shell's way
same "echo > /dev/lunatik; cat /dev/lunatik" "42" sh -c "echo 'return 42' > /dev/lunatik; cat /dev/lunatik"
same "a reply is read once" "" cat /dev/lunatik
same "an error through the shell" "lunatik:1: oops" sh -c "echo 'error(\"oops\")' > /dev/lunatik; cat /dev/lunatik"
same "a command through the shell" "error
nosuch is not running" sh -c "echo '#stop nosuch' > /dev/lunatik; cat /dev/lunatik"

# two users at once, each with its own replies
for u in 1 2 3 4; do
	(i=1; while [ $i -le 40 ]; do echo "return $u * 1000 + $i"; i=$((i + 1)); done |
		lunatik > /tmp/user$u 2>&1) &
done
# shell users in sessions of their own, as on terminals of their own
for u in 1 2 3 4; do
	i=1
	while [ $i -le 40 ]; do echo "return $u, $i"; i=$((i + 1)); done > /tmp/chunks$u
	setsid sh -c 'while read -r line; do echo "$line" > /dev/lunatik; cat /dev/lunatik; done' \
		< /tmp/chunks$u > /tmp/shell$u 2>&1 &
done
wait
ok=0
for u in 1 2 3 4; do
	i=1
	while [ $i -le 40 ]; do echo $((u * 1000 + i)); i=$((i + 1)); done > /tmp/expected$u
	cmp -s /tmp/user$u /tmp/expected$u || { ok=1; echo "# user $u: $(head -3 /tmp/user$u)"; }
	i=1
	while [ $i -le 40 ]; do printf '%s\t%s\n' $u $i; i=$((i + 1)); done > /tmp/expected$u
	cmp -s /tmp/shell$u /tmp/expected$u || { ok=1; echo "# shell $u: $(head -3 /tmp/shell$u)"; }
done
check "four REPLs and four shells at once: no reply lost or crossed" [ $ok = 0 ]

# passwd, the specification's example
cp examples/passwd.lua $L/
check "lunatik --run passwd" lunatik --run passwd
same "/dev/passwd is 0444" "444" stat -c %a /dev/passwd
pw=$(head -c 16 /dev/passwd)
check "head -c 16 /dev/passwd: 16 characters" [ ${#pw} = 16 ]
check "... all printable" [ -z "$(printf '%s' "$pw" | tr -d ' -~')" ]
check "lunatik --run passwd again is refused" refused lunatik --run passwd
check "lunatik passwd (no --run) of a running script is refused" refused lunatik passwd
check "lunatik --stop passwd" lunatik --stop passwd
check "/dev/passwd is gone" [ ! -e /dev/passwd ]
check "lunatik --stop passwd again fails" refused lunatik --stop passwd
check "lunatik passwd runs it" lunatik passwd
check "lunatik --run and --stop at once" sh -c "lunatik --run tests/devices --stop passwd && [ ! -e /dev/passwd ]"

# the driver's fields, and the rules of read and write (tests/lua/devices.lua)
same "mode defaults to 0600" "600" stat -c %a /dev/lt_cut
same "mode" "644" stat -c %a /dev/lt_off
same "read: a longer string is cut; the offset moves by its length" "abcd
4
abcd
8" devio /dev/lt_cut r4 o r4 o
same "read: the returned offset" "xy
100" devio /dev/lt_off r8 o
same "read: length 0" "
0" devio /dev/lt_cut r0 o
same "lseek, then read at the new offset" "7
xy
107" devio /dev/lt_off s7 r2 o
same "write: the whole buffer; the offset moves by it" "5
5
0
hello" devio /dev/lt_wr whello o s0 r5
same "write: a length beyond the buffer is corrected" "3
3" devio /dev/lt_wrlen wbig o
same "write: the returned length and offset" "2
50" devio /dev/lt_wrlen wabcdef o
same "no read or write: ENXIO" "error: ENXIO
error: ENXIO" devio /dev/lt_noread r1 wx
same "no open: ENXIO" "error: ENXIO" devio /dev/lt_none
same "read that errs: ECANCELED" "error: ECANCELED" devio /dev/lt_err r1
check "... and its error is in the kernel log" sh -c "dmesg | grep -q 'lt_err: read: .*read failed on purpose'"
same "write that returns a table: ECANCELED" "error: ECANCELED" devio /dev/lt_err wx
same "read that returns a table: ECANCELED" "error: ECANCELED" devio /dev/lt_badread r1
same "a session per open file" "1
2
1
3" devio /dev/lt_session r1 r1 "!devio /dev/lt_session r1" r1

# lifetimes
exec 3< /dev/lt_del
same "delete from a callback, another file open" "alive
6
error: ENXIO" devio /dev/lt_del r5 wdelete r5
same "the open file gets ENXIO" "error: ENXIO" devio -3 r5
exec 3<&-
check "/dev/lt_del is gone" [ ! -e /dev/lt_del ]
exec 3< /dev/lt_cut
check "lunatik --stop with a device open" lunatik --stop tests/devices
same "the open file gets ENXIO" "error: ENXIO" devio -3 r1
exec 3<&-
check "the devices are gone" sh -c "[ ! -e /dev/lt_cut ] && [ ! -e /dev/lt_session ]"
check "lunatik --run tests/devices again" lunatik --run tests/devices
exec 3< /dev/lt_cut
check "lunatik.sh stop with a device open fails" refused lunatik.sh stop
same "the open file gets ENXIO" "error: ENXIO" devio -3 r1
exec 3<&-
check "lunatik.sh stop" lunatik.sh stop
same "lunatik.sh status after stop" "lunatik: not loaded
luadevice: not loaded
lualinux: not loaded
luanotifier: not loaded
luadata: not loaded
luarcu: not loaded
luathread: not loaded
luaprobe: not loaded
luasyscall: not loaded
lunatik_run: not loaded" lunatik.sh status
check "lunatik.sh stop again does nothing" lunatik.sh stop
check "lunatik.sh restart" sh -c "lunatik.sh start && lunatik.sh restart && [ -e /dev/lunatik ]"

# mydevice, the C API example
cp examples/mydevice/mydevice.lua $L/
check "insmod mydevice" insmod examples/mydevice/mydevice.ko
same "head -c 2 /dev/mydevice" "42" head -c 2 /dev/mydevice
check "rmmod mydevice" rmmod mydevice
check "lunatik.sh stop at the end" lunatik.sh stop

# after 'make install' (its DESTDIR, copied in): modprobe, and the installed tools
cp -R /installed/. /
check "installed: depmod, as a package's installation runs it" depmod
check "installed: lunatik.sh start (modprobe)" /usr/local/sbin/lunatik.sh start
same "installed: the modules come from /lib/modules" "$(echo /lib/modules/*/extra/lunatik.ko)" \
	modinfo -n lunatik
same "installed: lunatik.sh run" "42" sh -c "echo 'return 42' | /usr/local/sbin/lunatik.sh run"
check "installed: lunatik.sh install keeps the installed lunatik.lua" \
	sh -c "/usr/local/sbin/lunatik.sh install && cmp /installed/lib/modules/lua/lunatik.lua $L/lunatik.lua"
check "installed: lunatik.sh stop" /usr/local/sbin/lunatik.sh stop
check "installed: everything is unloaded" sh -c "! grep -q -E '^(lunatik|lua)' /proc/modules"
