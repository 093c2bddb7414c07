# SPDX-License-Identifier: GPL-2.0
#
# The benchmarks, in the guest (sourced by init): each figure 5 times, as
# lines "bench: NAME VALUE" that bench/bench.sh turns into a table.
lunatik.sh install && lunatik.sh start
insmod bench/kernel/natdev.ko
mkdir -p /lib/modules/lua/bench
cp examples/passwd.lua /lib/modules/lua/
cp bench/lua/*.lua /lib/modules/lua/bench/
insmod bench/kernel/capibench.ko && rmmod capibench
insmod bench/kernel/capibench.ko && rmmod capibench
insmod bench/kernel/capibench.ko && rmmod capibench
lunatik --run passwd
lunatik --run bench/page
lunatik --run bench/memory
i=1
while [ $i -le 5 ]; do
	echo "bench: passwd_1b $(rate read /dev/passwd 1 2)"
	echo "bench: native_1b $(rate read /dev/natpasswd 1 2)"
	echo "bench: lua_4k $(rate read /dev/luapage 4096 2)"
	echo "bench: native_4k $(rate read /dev/natpage 4096 2)"
	echo "bench: repl_cli $(rate repl 2)"
	echo "bench: repl_shell $(rate shell 2)"
	echo "bench: runtime $(rate chunk 100 'for i = 1, 100 do lunatik.runtime("bench/empty"):stop() end')"
	for b in fib sieve tables strings patterns; do
		f=/lib/modules/lua/bench/$b.lua
		echo "bench: kernel_$b $(rate chunk 3 "for i = 1, 3 do dofile('$f') end")"
		echo "bench: user_$b $(rate lua 3 $f)"
	done
	i=$((i + 1))
done
