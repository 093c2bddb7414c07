# SPDX-License-Identifier: GPL-2.0
#
# Hostile input and unloading in use (sourced by init): each ends in a clean
# error, and Lunatik goes on working.
section=adversarial
works() {
	[ "$(echo 'return 40 + 2' | lunatik 2>&1)" = 42 ]
}

# runtimes (the REPL's too) with a small memory limit: hogs reach it
# before the time limit, even on a debug kernel
small=4194304
start_small() {
	insmod lunatik.ko max_memory=$small ${kasan:+max_time_ms=20000} && lunatik.sh start
}

# the REPL's answer to a chunk contains 'text'
answers() {
	answer=$(echo "$1" | lunatik 2>&1)
	echo "$answer" | grep -q "$2" && return 0
	echo "$answer" | head -3 | sed 's/^/# answer: /'
	return 1
}

# CPU and memory in the REPL: the kernel's memory is back afterwards
held hogs
start_small
check "the REPL: pattern matching that backtracks" \
	answers 'return string.find(string.rep("a", 5000), ".-.-.-.-.-b")' "time limit exceeded"
check "the REPL: a sort comparator that errs" \
	answers 'local t = {3, 1, 2} table.sort(t, function() error("no order") end)' "no order"
check "the REPL: a table of strings up to the memory limit" answers \
	'local t = {} for i = 1, math.maxinteger do t[i] = string.rep("x", 1000) .. i end' \
	"not enough memory"
# (a string takes twice its length while it is made: its buffer, then it)
same "the REPL: a string of a quarter of the memory limit" "$((small / 4))" \
	sh -c "echo 'return #string.rep(\"x\", $((small / 4)))' | lunatik"
check "the REPL: a string of half the memory limit and a byte" \
	answers "return #string.rep('x', $((small / 2 + 1)))" "not enough memory"
check "the REPL: one huge string" answers 'return string.rep("x", 1 << 40)' "too large\|not enough memory"
check "the REPL: many small tables, the collector stopped" answers \
	'collectgarbage("stop") local t = {} for i = 1, math.maxinteger do t[i] = {} end' \
	"not enough memory"
check "... and the REPL works" works
lunatik.sh stop
held hogs.after
check "... and the kernel holds what it held before" as_before hogs hogs.after
start_small

# input
check "garbage bytes to /dev/lunatik" sh -c "head -c 512 /dev/urandom > /dev/lunatik; cat /dev/lunatik > /dev/null"
check "... and the REPL works" works
printf 'return #"a\000b"' > /tmp/zero
same "a chunk with a zero byte in it" "13
3" devio /dev/lunatik f/tmp/zero r8
same "truncated UTF-8" "2	nil	1" sh -c "printf 'return #\"\\342\\202\", utf8.len(\"\\342\\202\")' > /dev/lunatik; cat /dev/lunatik"
same "a binary chunk written to /dev/lunatik" "attempt to load a binary chunk (not supported)" \
	sh -c "printf '\\033Lua\\124\\000' > /dev/lunatik; cat /dev/lunatik"
# the largest chunk, 1 MiB, in one write; a larger write is cut to it
chunk() {
	{ printf 'return 1 --'; head -c $(($1 - 11)) /dev/zero | tr '\0' x; } > /tmp/big
}
chunk 1048576
same "a chunk of 1 MiB in one write" "1048576
1" devio /dev/lunatik f/tmp/big r8
chunk 1048577
same "a write of 1 MiB and a byte is cut to 1 MiB" "1048576
1" devio /dev/lunatik f/tmp/big r8
rm /tmp/big
check "... and the REPL works" works
same "an error object whose __tostring fails" "(error object is a table value)" \
	sh -c "echo 'error(setmetatable({}, {__tostring = function() error(\"x\") end}))' | lunatik"
same "an error object that has no text" "(error object is a table value)" \
	sh -c "echo 'error({})' | lunatik"
same "an error object whose __tostring works" "mine" \
	sh -c "echo 'error(setmetatable({}, {__tostring = function() return \"mine\" end}))' | lunatik"
same "a nil error object" "(error object is a nil value)" sh -c "echo 'error(nil)' | lunatik"
same "a result whose __tostring fails" "(table that has no text)" \
	sh -c "echo 'return setmetatable({}, {__tostring = function() error(\"x\") end})' | lunatik"
same "writes of 0 bytes and reads of 0 bytes" "0

0" devio /dev/lunatik w r0 o
same "lseek on /dev/lunatik, then a chunk" "100
9
42" devio /dev/lunatik s100 "wreturn 42" r8
check "an endless loop in a read callback ends in ECANCELED" sh -c \
	"lunatik --run tests/badcallbacks && [ \"\$(devio /dev/lt_endless r1)\" = 'error: ECANCELED' ]"
check "... and says why in the kernel log" sh -c "dmesg | grep -q 'lt_endless: read: .*time limit exceeded'"
same "a callback's error object whose __tostring fails" "error: ECANCELED" devio /dev/lt_badobject r1
same "pattern matching that backtracks in a read callback" "error: ECANCELED" devio /dev/lt_backtrack r1
check "... and says why in the kernel log" sh -c "dmesg | grep -q 'lt_backtrack: read: .*time limit exceeded'"
same "a read callback up to the memory limit: ENOMEM" "error: ENOMEM" devio /dev/lt_hog r1
check "... and says why in the kernel log" sh -c "dmesg | grep -q 'lt_hog: read: .*not enough memory'"
check "... and the REPL works" works
devio /dev/lt_slow r1 > /tmp/slow 2>&1 &
reader=$!
i=0
while [ $i -lt 100 ] && ! dmesg | grep -q "lt_slow: reading"; do
	sleep 0.1
	i=$((i + 1))
done
devio /dev/lt_endless r1 > /dev/null 2>&1 &
waiter=$!
sleep 0.5
kill -9 $waiter
wait $waiter
check "a reader that waits for a busy runtime can be killed" kill -0 $reader
check "lunatik --stop while a read callback runs" lunatik --stop tests/badcallbacks
wait $reader
same "... the read gets ECANCELED" "error: ECANCELED" cat /tmp/slow
check "... because the runtime stopped" sh -c "dmesg | grep -q 'lt_slow: read: .*runtime stopped'"
check "... and the REPL works" works

# a script file beyond the largest chunk (1 MiB)
{ printf 'return 1 --'; head -c 1100000 /dev/zero | tr '\\0' x; } > /lib/modules/lua/tests/huge.lua
check "lunatik --run of a script of 1.1 MiB is refused" refused lunatik --run tests/huge
same "... and says why" "lunatik: cannot open /lib/modules/lua/tests/huge.lua (-EFBIG)" \
	sh -c "lunatik --run tests/huge 2>&1"
rm /lib/modules/lua/tests/huge.lua

# files that are not regular: refused before anything opens them
mkfifo /tmp/fifo /lib/modules/lua/tests/fifo.lua
same "loadfile of a FIFO is refused at once" "nil	cannot open /tmp/fifo (-EINVAL)" \
	sh -c "echo 'return loadfile(\"/tmp/fifo\")' | lunatik"
check "loadfile of /dev/lunatik, from its own runtime, is refused at once" \
	answers 'return loadfile("/dev/lunatik")' "cannot open /dev/lunatik (-EINVAL)"
same "lunatik --run of a FIFO is refused at once" \
	"lunatik: cannot open /lib/modules/lua/tests/fifo.lua (-EINVAL)" \
	sh -c "lunatik --run tests/fifo 2>&1"
rm /tmp/fifo /lib/modules/lua/tests/fifo.lua
check "... and the REPL works" works

# output
echo 'print(string.rep("x", 40000))' | lunatik
check "print of 40000 characters writes lines of the log" \
	[ "$(dmesg | grep -o 'x*$' | awk 'length($0) == 768' | wc -l)" -ge 52 ]
echo 'print("lt-line-one\nlt-line-two")' | lunatik
check "print writes each line of its text as a line of the log" \
	sh -c "dmesg | grep -q ' lt-line-one$' && dmesg | grep -q ' lt-line-two$'"
echo 'warn("@on") warn(string.rep("y", 40000)) warn("@off")' | lunatik
check "warn of 40000 characters: no kernel warning" works

# a stop whose finalizers never end still releases what the state made in
# the kernel: devices, child runtimes, pinned modules
insmod tests/kernel/lunatik_testlib.ko
check "a runtime whose finalizers never end" lunatik --run tests/gcclose
check "... is stopped" lunatik --stop tests/gcclose
check "... and its device is gone" [ ! -e /dev/lt_gcclose ]
check "... and it pins no module" rmmod lunatik_testlib
insmod tests/kernel/lunatik_testlib.ko
check "a REPL with a child runtime and finalizers that never end" answers \
	'keep = {lunatik.runtime("tests/gcchild"), setmetatable({}, {__gc = function() while true do end end})} return "made"' made
check "... is stopped" rmmod lunatik_run
check "... and the child's device is gone" [ ! -e /dev/lt_gcchild ]
check "... and the child pins no module" rmmod lunatik_testlib
lunatik.sh start

leaks

# unloading what is in use: refused, or clean
check "rmmod lualinux while a runtime uses it is refused" refused rmmod lualinux
check "rmmod luadevice while a device exists is refused" \
	sh -c "[ -c /dev/lunatik ] && ! rmmod luadevice 2> /dev/null && [ -c /dev/lunatik ]"
lunatik --run tests/kbrecord
check "rmmod luanotifier while a notifier is registered is refused" refused rmmod luanotifier
lunatik --stop tests/kbrecord
exec 3<> /dev/lunatik
check "rmmod lunatik_run with a REPL session open" rmmod lunatik_run
same "... the session gets ENXIO" "error: ENXIO" devio -3 "wreturn 1"
exec 3<&-
check "lunatik.sh start after that" lunatik.sh start
check "... and the REPL works" works
check "lunatik.sh stop" lunatik.sh stop
