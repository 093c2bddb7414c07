#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh: Lunatik against native C in the same guest (make bench).  Every
# figure is measured 5 times in one guest run; the table gives the median,
# the spread (min-max) and ratios; build/bench/bench.csv has the figures,
# and build/bench/bench.png plots the ratios against their targets.  A
# figure that failed in the guest, or has not 5 samples, fails the run.
set -eu
. "$(dirname "$0")/../tests/lib.sh"
# (the guest runs the machine's lua5.4 and its own rate tool, amd64's)
[ "$arch" = amd64 ] || { echo "bench.sh: make bench is amd64's" >&2; exit 1; }

"$top/tests/deps.sh"
guest_kernel
guest_build || { tail -20 "$out/build.log"; exit 1; }
make -C "$kdir" M="$top/bench/kernel" KCFLAGS=-Werror KBUILD_EXTRA_SYMBOLS="$top/Module.symvers" modules \
	>> "$out/build.log" 2>&1
cc -static -O2 -Wall -Wextra -Werror -o "$out/rate" "$top/bench/guest/rate.c"
guest_initramfs bench ${BENCH:-}
guest_program /usr/bin/lua5.4 /bin/lua5.4
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$out/initramfs.gz"
log=$out/bench.log
GUEST_TIMEOUT=1800 guest_boot -display none -monitor none -serial "file:$log" </dev/null

# the guest's lines "bench...", without the kernel log's timestamps
lines=$out/bench.lines
tr -d '\r' < "$log" | sed -n 's/^\(\[ *[0-9.]*\] \)\{0,1\}bench/bench/p' > "$lines"
# a figure that failed fails the run: no table, where a failure could
# pass for a fast run
if grep '^bench-failed: ' "$lines" >&2 || ! grep -q '^bench-done' "$lines"; then
	echo "bench.sh: failed (the guest's output: $log)" >&2
	exit 1
fi

mkdir -p "$top/build/bench"
sed -n 's/^bench: //p' "$lines" | awk -v samples=5 -v wanted="${BENCH:-}" '
{ v[$1] = v[$1] " " $2; count[$1]++ }
function stats(name,   a, n, i, j, t) {
	n = split(v[name], a, " ")
	for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
	med[name] = a[int((n + 1) / 2)]; lo[name] = a[1]; hi[name] = a[n]
	printf "%s,%s,%s,%s\n", name, med[name], lo[name], hi[name] > csv
}
END {
	split(wanted, w, " ")
	for (k in w) count[w[k]] += 0
	for (k in count) if (count[k] != samples) {
		printf "bench.sh: %s has %d samples, not %d\n", k, count[k], samples > "/dev/stderr"
		bad = 1
	}
	if (bad)
		exit 1
	csv = "'"$top"'/build/bench/bench.csv"
	tsv = "'"$top"'/build/bench/ratios.tsv"
	print "name,median,min,max" > csv
	for (k in v) stats(k)
	printf "%-44s %12s %22s\n", "benchmark", "median", "spread (min-max)"
	row("one-byte reads/s, /dev/passwd (Lua)", "passwd_1b")
	row("one-byte reads/s, native C device", "native_1b")
	ratio("  Lua / native", "passwd_1b", "native_1b", "1-byte reads, Lua/C (>= 0.85)", 0.85)
	row("4 KiB reads/s, Lua device", "lua_4k")
	row("4 KiB reads/s, native C device", "native_4k")
	ratio("  Lua / native", "lua_4k", "native_4k", "4 KiB reads, Lua/C")
	row("REPL chunks/s, as sbin/lunatik", "repl_cli")
	row("REPL chunks/s, the shell way", "repl_shell")
	row("runtime(empty):stop() per s", "runtime")
	ratio("  one-byte passwd reads per runtime", "passwd_1b", "runtime",
		"runtime+stop, in 1-byte reads (<= 15)", 15)
	row("getpid(2)/s, no probe", "getpid_none")
	row("getpid(2)/s, a C kprobe (a per-CPU count)", "getpid_native")
	row("getpid(2)/s, a Lua probe (a count in a table)", "getpid_lua")
	ratio("  Lua probe / C probe", "getpid_lua", "getpid_native",
		"getpid with a probe, Lua/C (>= 0.7)", 0.7)
	ratio("  C probe / no probe", "getpid_native", "getpid_none", "getpid, C probe/none")
	row("fresh runtime, bytes (collectgarbage)", "memory")
	split("data rcu thread probe syscall", lib, " ")
	for (i = 1; i <= 5; i++)
		row("  the same, with require(\"" lib[i] "\")", "memory_" lib[i])
	row("  the same, bytes the allocator holds", "memory_held")
	row("lunatik_run() of an empty Lua function, ns", "capi_lua")
	row("the same, an empty C function, ns", "capi_native")
	ratio("  Lua / C", "capi_lua", "capi_native", "lunatik_run(), Lua/C (<= 5)", 5)
	row("the same, registry ref and lua_call, ns", "capi_ref")
	ratio("  Lua / C", "capi_ref", "capi_native", "lunatik_run(), ref+lua_call, Lua/C")
	row("the same, a C handler that does nothing, ns", "capi_none")
	split("fib sieve tables strings patterns", b, " ")
	for (i = 1; i <= 5; i++) {
		row("runs/s of " b[i] ", kernel runtime", "kernel_" b[i])
		row("runs/s of " b[i] ", user-space lua5.4", "user_" b[i])
		ratio("  kernel / user space", "kernel_" b[i], "user_" b[i],
			b[i] ", kernel/user (>= 1)", 1)
	}
}
function row(label, k) { if (k in med) printf "%-44s %12s %10s-%-11s\n", label, med[k], lo[k], hi[k] }
# a ratio in the table, and in the plot as 'short' with its spread and target
function ratio(label, a, b, short, target) {
	if (!(a in med && b in med && med[b] > 0 && lo[b] > 0))
		return
	printf "%-44s %12.2f\n", label, med[a] / med[b]
	printf "%s\t%f\t%f\t%f\t%s\n", short, med[a] / med[b], lo[a] / hi[b], hi[a] / lo[b],
		(target + 0 > 0 ? target : 0) > tsv
}
'
gnuplot -c "$top/bench/plot.gp" "$top/build/bench/ratios.tsv" "$top/build/bench/bench.png"
echo "bench.sh: build/bench/bench.csv, build/bench/bench.png"
