# SPDX-License-Identifier: GPL-2.0
#
# Keyboard notifiers with real key presses (sourced by init).  The host
# watches the console for "lunatik-sendkey: KEY..." and presses those keys
# through QEMU's monitor (check.sh); the keys go to the first VT, which a
# reader here copies to /tmp/typed.
section=keyboard

sendkey() {
	echo "lunatik-sendkey: $*"
	sleep 3
}
# what reached the console, lines ended by '|'
typed() {
	tr '\n' '|' < /tmp/typed
}
keylog() {
	dmesg | grep "$1" | sed 's/^\[[^]]*\] //'
}

lunatik.sh start
cat /dev/tty1 > /tmp/typed &
reader=$!

check "lunatik --run of a keyboard script gets a runtime that may not sleep" \
	lunatik --run tests/kbrecord
sendkey a shift-b ret
same "a callback sees a and shift-b: keycodes, down and up, shift" "lunatik-key	30	true	false
lunatik-key	30	false	false
lunatik-key	42	true	false
lunatik-key	48	true	true
lunatik-key	48	false	true
lunatik-key	42	false	true
lunatik-key	28	true	false
lunatik-key	28	false	false" keylog lunatik-key
same "the keys reach the console" "aB|" typed
check "lunatik --stop tests/kbrecord" lunatik --stop tests/kbrecord

lunatik --run tests/kbstop
sendkey a ret
same "STOP keeps a key from the console" "aB||" typed
sendkey d a ret
same "delete() lets it through again" "aB||da|" typed
lunatik --stop tests/kbstop

lunatik --run tests/kberror
sendkey x ret
same "a callback that fails: the key goes on" "x" sh -c "tail -n 1 /tmp/typed"
check "... and its error is in the kernel log" sh -c "dmesg | grep -q 'luanotifier: keyboard: .*lunatik-kberror on purpose'"
lunatik --stop tests/kberror

lunatik --run tests/kbloop
sendkey y ret
same "a callback that never ends: the key goes on" "y" sh -c "tail -n 1 /tmp/typed"
check "... ended by the time limit" sh -c "dmesg | grep -q 'luanotifier: keyboard: .*time limit exceeded'"
lunatik --stop tests/kbloop

lunatik --run tests/kbdelete
sendkey z ret
same "delete from its own callback: it runs once" "lunatik-kbdelete" keylog lunatik-kbdelete
same "... and the keys go on" "z" sh -c "tail -n 1 /tmp/typed"
lunatik --stop tests/kbdelete

# eleven keys, 0.2 s apart: 22 keycode events, each a line in the log
lunatik --run tests/kbslow
echo "lunatik-sendkey: q w e r t y u i o p ret"
i=0
while [ $i -lt 50 ] && ! dmesg | grep -q "lunatik-kbslow"; do
	sleep 0.1
	i=$((i + 1))
done
check "stop while key events are in flight" lunatik --stop tests/kbslow
sleep 3
seen=$(dmesg | grep -c "lunatik-kbslow")
echo "# the script saw $seen of the 22 events before it stopped"
check "... the script saw some events, and the rest came after it stopped" \
	[ "$seen" -ge 1 -a "$seen" -lt 22 ]
same "... and every key reached the console" "qwertyuiop" sh -c "tail -n 1 /tmp/typed"
cp examples/keylocker.lua /lib/modules/lua/
check "lunatik --run keylocker" lunatik --run keylocker
sendkey h i ret
sendkey u n l o c k ret
sendkey o k ret
same "keylocker swallows keys until 'unlock' is typed" "
ok" sh -c "tail -n 2 /tmp/typed"
check "keylocker says it is unlocked" sh -c "dmesg | grep -q 'keylocker: unlocked'"
check "lunatik --stop keylocker" lunatik --stop keylocker

kill $reader
check "lunatik.sh stop with keyboard scripts done" lunatik.sh stop
