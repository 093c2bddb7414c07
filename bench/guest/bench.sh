# SPDX-License-Identifier: GPL-2.0
#
# The benchmarks, in the guest (sourced by init): each figure 5 times, as
# lines "bench: NAME VALUE" that bench/bench.sh turns into a table.  The
# words after "bench" in /mode, if any, name the only figures to measure.
only=$example

# measure NAME COMMAND...: the figure NAME is what COMMAND prints
measure() {
	name=$1
	shift
	case " ${only:-$name} " in
	*" $name "*) echo "bench: $name $("$@")" ;;
	esac
}

lunatik.sh install && lunatik.sh start
insmod bench/kernel/natdev.ko
mkdir -p /lib/modules/lua/bench
cp examples/passwd.lua /lib/modules/lua/
cp bench/lua/*.lua /lib/modules/lua/bench/
case " ${only:-capi_lua} " in
*" capi_lua "*)
	for i in 1 2 3; do
		insmod bench/kernel/capibench.ko && rmmod capibench
	done
esac
lunatik --run passwd
lunatik --run bench/page
lunatik --run bench/memory
i=1
while [ $i -le 5 ]; do
	measure passwd_1b rate read /dev/passwd 1 2
	measure native_1b rate read /dev/natpasswd 1 2
	measure lua_4k rate read /dev/luapage 4096 2
	measure native_4k rate read /dev/natpage 4096 2
	measure repl_cli rate repl 2
	measure repl_shell rate shell 2
	measure runtime rate chunk 100 'for i = 1, 100 do lunatik.runtime("bench/empty"):stop() end'
	for b in fib sieve tables strings patterns; do
		f=/lib/modules/lua/bench/$b.lua
		measure kernel_$b rate chunk 3 "for i = 1, 3 do dofile('$f') end"
		measure user_$b rate lua 3 $f
	done
	i=$((i + 1))
done
