# SPDX-License-Identifier: GPL-2.0
#
# The core (sourced by init): the C API, the Lua suites, unloading.
section=core
K=tests/kernel

# memory hogs must reach the memory limit before the time limit, even on a
# debug kernel; the overrun suite's limit is long enough there for what
# else takes the CPU for a second (kmemleak's scan) not to double it
time_ms=2000 memory=8388608 overrun_ms=250
if [ -n "$kasan" ]; then
	time_ms=20000 memory=4194304 overrun_ms=5000
fi
check "insmod lunatik" insmod lunatik.ko max_time_ms=$time_ms max_memory=$memory
check "insmod lunatik_testlib" insmod $K/lunatik_testlib.ko
check "insmod luadevice" insmod luadevice.ko
check "insmod lualinux" insmod lualinux.ko
check "insmod luanotifier" insmod luanotifier.ko
check "insmod luadata" insmod luadata.ko
check "insmod luarcu" insmod luarcu.ko
check "insmod luathread" insmod luathread.ko
check "insmod luaprobe" insmod luaprobe.ko
check "insmod luasyscall" insmod luasyscall.ko
check "make install installed syscall.table" cp -R /installed/lib/modules/lua/syscall /lib/modules/lua/
check "insmod lunatik_test: the C API and the suites" \
	insmod $K/lunatik_test.ko capi=1 \
	suites=dialect,lunatiklib,limits,device,linux,notifier,sandbox,data,rcu,thread,resume,probe pin=1
check "no thread of a suite is left" sh -c "! grep -q -e lunatik-test -e lunatik-cycle -e lunatik-made /proc/[0-9]*/comm"
check "rmmod of a C library in use is refused" refused rmmod lunatik_testlib
check "rmmod lunatik_test stops its runtime" rmmod lunatik_test
check "then rmmod lunatik_testlib succeeds" rmmod lunatik_testlib

# C work that a script makes long, against a short time limit
echo $overrun_ms > /sys/module/lunatik/parameters/max_time_ms
check "insmod lunatik_test: the overrun suite" insmod $K/lunatik_test.ko suites=overrun
check "rmmod lunatik_test" rmmod lunatik_test
echo $time_ms > /sys/module/lunatik/parameters/max_time_ms

echo 16384 > /sys/module/lunatik/parameters/max_memory
check "insmod lunatik_test: a runtime beyond max_memory" insmod $K/lunatik_test.ko enomem=1
check "rmmod lunatik_test" rmmod lunatik_test
echo $memory > /sys/module/lunatik/parameters/max_memory
leaks

check "rmmod luasyscall" rmmod luasyscall
check "rmmod luaprobe" rmmod luaprobe
check "rmmod luathread" rmmod luathread
check "rmmod luarcu" rmmod luarcu
check "rmmod luadata" rmmod luadata
check "rmmod luanotifier" rmmod luanotifier
check "rmmod lualinux" rmmod lualinux
check "rmmod luadevice" rmmod luadevice
# now only a module of our own uses lunatik
check "rmmod of lunatik is refused while a module uses it" \
	sh -c "insmod $K/lunatik_testlib.ko && ! rmmod lunatik 2>/dev/null && rmmod lunatik_testlib"
check "rmmod lunatik" rmmod lunatik
