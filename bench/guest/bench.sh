# SPDX-License-Identifier: GPL-2.0
#
# The benchmarks, in the guest (sourced by init): each figure 5 times, as
# lines "bench: NAME VALUE" that bench/bench.sh turns into a table.  A
# figure that could not be measured (a wrong reply, a short read, a module
# that failed) gives a line "bench-failed: NAME: WHY" instead, and fails
# make bench; "bench-done" ends a run that got to its end.  The words
# after "bench" in /mode, if any, name the only figures to measure.
only=$example
samples=5

# wanted NAME...: whether any of the figures NAME is to be measured
wanted() {
	for want in "$@"; do
		case " ${only:-$want} " in
		*" $want "*) return 0 ;;
		esac
	done
	return 1
}

# measure NAME COMMAND...: the figure NAME is what COMMAND prints
measure() {
	name=$1
	shift
	wanted "$name" || return 0
	if value=$("$@" 2> /tmp/why); then
		echo "bench: $name $value"
	else
		echo "bench-failed: $name: $(cat /tmp/why)"
	fi
}

# failed NAME COMMAND...: runs COMMAND, whose figures if any it prints
# itself (to the kernel's log); if it fails, a line says so, and so does
# the status
failed() {
	name=$1
	shift
	"$@" > /tmp/why 2>&1 && return 0
	echo "bench-failed: $name: $(cat /tmp/why)"
	return 1
}

# what each run of a bench/lua script must return: its "-- checksum"
checksum() {
	sed -n 's/^-- checksum \([0-9]*\).*/\1/p' "$1"
}

failed setup lunatik.sh install
failed setup lunatik.sh start
failed setup insmod bench/kernel/natdev.ko
mkdir -p /lib/modules/lua/bench
cp examples/passwd.lua /lib/modules/lua/
cp bench/lua/*.lua /lib/modules/lua/bench/
failed setup lunatik --run passwd
failed setup lunatik --run bench/page
# a fresh runtime with each library of probes, threads and shared objects
libraries="data rcu thread probe syscall"
for lib in $libraries; do
	printf 'require("%s")\ncollectgarbage()\nprint("bench: memory_%s", collectgarbage("count"))\n' \
		"$lib" "$lib" > "/lib/modules/lua/bench/memory_$lib.lua"
done
runtimes='local n = 0 for i = 1, 100 do lunatik.runtime("bench/empty"):stop() n = n + 1 end return n'
i=1
while [ $i -le $samples ]; do
	measure passwd_1b rate read /dev/passwd 1 2
	measure native_1b rate read /dev/natpasswd 1 2
	measure lua_4k rate read /dev/luapage 4096 2
	measure native_4k rate read /dev/natpage 4096 2
	measure repl_cli rate repl 2
	measure repl_shell rate shell 2
	measure runtime rate chunk 100 "$runtimes" 100
	for b in fib sieve tables strings patterns; do
		f=/lib/modules/lua/bench/$b.lua
		measure kernel_$b rate kernel 3 "$f" "$(checksum "$f")"
		measure user_$b rate user 3 "$f" "$(checksum "$f")"
	done
	# getpid(2) without a probe, with a native C one, with a Lua one
	measure getpid_none rate getpid 2
	if wanted getpid_native && failed natprobe insmod bench/kernel/natprobe.ko; then
		measure getpid_native rate getpid 2
		failed natprobe rmmod natprobe
	fi
	if wanted getpid_lua && failed luaprobe lunatik --run bench/probe; then
		measure getpid_lua rate getpid 2
		failed luaprobe lunatik --stop bench/probe
	fi
	# bench/lua/memory.lua prints "bench: memory BYTES", memory_LIB the same
	if wanted memory; then
		failed memory lunatik --run bench/memory --stop bench/memory
	fi
	for lib in $libraries; do
		if wanted "memory_$lib"; then
			failed "memory_$lib" lunatik --run "bench/memory_$lib" --stop "bench/memory_$lib"
		fi
	done
	# bench/kernel/capibench.c prints its figures when it is loaded
	if wanted memory_held capi_lua capi_ref capi_none capi_native; then
		failed capibench insmod bench/kernel/capibench.ko &&
			failed capibench rmmod capibench
	fi
	i=$((i + 1))
done
echo "bench-done"
