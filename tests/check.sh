#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# check.sh: Lunatik's tests (make check).  Installs what they need, builds
# from clean for Debian's packaged kernel (or LUNATIK_KERNEL's tree: make
# check-debug) with warnings as errors, boots it under QEMU and reports in
# TAP; the last line is "N passed, N failed".  Every section of tests
# gives the number of results that tests/plan says, or fails.
set -u
. "$(dirname "$0")/lib.sh"

"$top/tests/deps.sh" || exit 1
guest_kernel || exit 1
log=$out/console.log
tap=$out/tap.log
results=$out/results

echo "# building for $kver, from clean"
guest_build clean
build=$?
echo "# the dialect in user space: the fuzzer's seeds and regressions"
inputs=$(ls "$top/tests/fuzz/corpus" "$top/tests/fuzz/regressions" 2> /dev/null | grep -c -v -e '^$' -e ':$')
make -C "$top" build/fuzz/lunatik_fuzz >> "$out/build.log" 2>&1 &&
	"$top/build/fuzz/lunatik_fuzz" -runs=0 -close_fd_mask=1 -artifact_prefix="$out/" \
		"$top/tests/fuzz/corpus" "$top/tests/fuzz/regressions" > "$out/fuzz.log" 2>&1
fuzz=$?
ran=$(sed -n 's/^fuzz: \([0-9]*\) inputs run$/\1/p' "$out/fuzz.log")
guest_initramfs check
echo "# booting the guest"
# the guest's TAP goes to a serial port of its own (tapdev: lib.sh); the
# console is the kernel's.  The guest asks for key presses with a line
# "lunatik-sendkey: KEY...": they go to QEMU's monitor, on its standard input
rm -f "$log" "$tap" "$out/monitor"
touch "$tap"
mkfifo "$out/monitor"
setsid sh -c 'tail -n +1 -F "$1" 2>/dev/null | while read -r line; do
	case $line in
	lunatik-sendkey:*)
		for key in $(echo "${line#lunatik-sendkey: }" | tr -d "\r"); do
			echo "sendkey $key"
			sleep 0.2
		done ;;
	esac
done > "$2"' keys "$tap" "$out/monitor" &
keys=$!
# (the debug kernel is many times slower, and its kmemleak scans long)
GUEST_TIMEOUT=${LUNATIK_KERNEL:+3600}
GUEST_TIMEOUT=${GUEST_TIMEOUT:-1800}
# shellcheck disable=SC2086
guest_boot -display none -monitor stdio -serial "file:$log" -chardev "file,id=tap,path=$tap" \
	$tapdev < "$out/monitor" > "$out/monitor.log"
booted=$?
kill -- -$keys 2>/dev/null
touch "$log"

tr -d '\r' < "$tap" | grep -E '^(ok|not ok) - ' > "$results"

# what the host checks
host() {
	if [ "$1" = 0 ]; then echo "ok - host: $2"; else echo "not ok - host: $2"; fi >> "$results"
}
host "$fuzz" "the fuzz target runs its seeds and regressions cleanly"
[ "$inputs" -gt 0 ] && [ "${ran:-0}" = "$inputs" ]
host $? "the fuzz target ran every one of the $inputs seeds and regressions (it says ${ran:-nothing})"
# (case-blind: modpost and depmod say "WARNING"; not the "-Werror" of a command)
problems='(^|[^-a-z])(warning|error)'
warnings=$(grep -c -i -E "$problems" "$out/build.log")
host "$((build + warnings))" "the build from clean has no error and no warning (compiler, modpost, objtool)"
grep -q "^guest: done" "$tap"
host $? "the guest finished (qemu exit $booted)"
! grep -q -F -f "$top/tests/guest/kernel-errors" "$log"
host $? "the console shows no kernel error (tests/guest/kernel-errors) and no dropped message"
grep -q "lunatik-print	42	nil	true" "$log"
host $? "print writes a line to the kernel log"
grep -q "lunatik: tests/runerror: /lib/modules/lua/tests/runerror.lua:3: boom" "$log"
host $? "a script's error goes to the kernel log with its file and line"

# the plan: every section gives as many results as planned, its lines
# with no tag or with one of this run's: the guest's architecture, whether
# its kernel counts preemption, and "debug" on make check-debug
tags="$arch $(grep -q '^CONFIG_PREEMPT_COUNT=y' "$kdir/.config" && echo preempt-count ||
	echo no-preempt-count) $(grep -q '^CONFIG_PREEMPT_RT=y' "$kdir/.config" && echo rt ||
	echo no-rt)${LUNATIK_KERNEL:+ debug}"
echo "# the plan's tags: $tags"
awk -v tags=" $tags " '
FNR == NR {
	if ($0 !~ /^#/ && NF >= 2 && ($3 == "" || index(tags, " " $3 " "))) {
		if (!($1 in plan)) order[++n] = $1
		plan[$1] = $2
	}
	next
}
{
	section = $0
	sub(/^(not )?ok - /, "", section)
	section = substr(section, 1, index(section, ": ") - 1)
	last[section] = $0
	got[section]++
	print
}
END {
	for (i = 1; i <= n; i++) {
		s = order[i]
		if (got[s] == plan[s])
			printf "ok - plan: %s gave its %d results\n", s, plan[s]
		else
			printf "not ok - plan: %s gave %d results of %d planned (the last: %s)\n",
				s, got[s], plan[s], last[s] == "" ? "none" : last[s]
	}
	for (s in got)
		if (!(s in plan))
			printf "not ok - plan: %s gave %d results, and it is not in tests/plan\n", s, got[s]
}' "$top/tests/plan" "$results" > "$results.planned"

awk '
{
	n++
	if ($0 ~ /^not ok/) { failed++; sub(/^not ok - /, ""); print "not ok " n " - " $0 }
	else { passed++; sub(/^ok - /, ""); print "ok " n " - " $0 }
}
END { print "1.." n; printf "%d passed, %d failed\n", passed, failed; exit failed > 0 || n == 0 }
' "$results.planned"
status=$?
if [ "$status" != 0 ]; then
	echo "# failures: see $tap, $log and $out/build.log"
	grep -i -E "$problems" "$out/build.log" | head -20 | sed 's/^/# /'
	tr -d '\r' < "$tap" | grep -E -A3 "^not ok|^# " | head -80 | sed 's/^/# /'
	grep -F -f "$top/tests/guest/kernel-errors" -A5 "$log" | head -40 | sed 's/^/# /'
fi
exit "$status"
