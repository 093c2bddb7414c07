#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# check.sh: Lunatik's tests (make check).  Installs what they need, builds
# for Debian's packaged kernel (or LUNATIK_KERNEL's tree: make check-debug),
# boots it under QEMU and reports in TAP; the last line is
# "N passed, N failed".
set -u
. "$(dirname "$0")/lib.sh"

"$top/tests/deps.sh" || exit 1
guest_kernel || exit 1
log=$out/console.log
results=$out/results

echo "# building for $kver"
guest_build
build=$?
echo "# the dialect in user space: the fuzzer's seeds and regressions"
make -C "$top" build/fuzz/lunatik_fuzz >> "$out/build.log" 2>&1 &&
	"$top/build/fuzz/lunatik_fuzz" -runs=0 -close_fd_mask=1 \
		"$top/tests/fuzz/corpus" "$top/tests/fuzz/regressions" > "$out/fuzz.log" 2>&1
fuzz=$?
guest_initramfs check
echo "# booting the guest"
# the guest asks for key presses with a line "lunatik-sendkey: KEY...":
# they go to QEMU's monitor, on its standard input
rm -f "$log" "$out/monitor"
mkfifo "$out/monitor"
setsid sh -c 'tail -n +1 -F "$1" 2>/dev/null | while read -r line; do
	case $line in
	*lunatik-sendkey:*)
		for key in $(echo "${line#*lunatik-sendkey: }" | tr -d "\r"); do
			echo "sendkey $key"
			sleep 0.2
		done ;;
	esac
done > "$2"' keys "$log" "$out/monitor" &
keys=$!
GUEST_TIMEOUT=1800 guest_boot -display none -monitor stdio -serial "file:$log" \
	< "$out/monitor" > "$out/monitor.log"
booted=$?
kill -- -$keys 2>/dev/null
touch "$log"

# the guest's TAP lines, with or without the kernel log's prefixes
sed -n 's/^\(\[ *[0-9.]*\] \)\{0,1\}\([a-z_]*: \)\{0,1\}\(ok\|not ok\)\( [0-9]*\)\{0,1\} - /\3 - /p' \
	"$log" 2>/dev/null | tr -d '\r' > "$results"

# what the host checks
host() {
	if [ "$1" = 0 ]; then echo "ok - $2"; else echo "not ok - $2"; fi >> "$results"
}
host "$fuzz" "user space: the fuzz target runs its seeds and regressions cleanly"
warnings=$(grep -c -E "warning:|error:" "$out/build.log")
host "$((build + warnings))" "the build has no error and no warning"
grep -q "guest: done" "$log" 2>/dev/null
host $? "the guest finished (qemu exit $booted)"
! grep -q -E "BUG:|WARNING:|Oops|soft lockup|hard LOCKUP|sleeping function called from invalid context|scheduling while atomic|Kernel panic|general protection|UBSAN:|possible circular locking|kmemleak: .*new suspected" "$log"
host $? "the kernel log has no BUG, WARNING, Oops, lockup, atomic sleep, UBSAN or leak"
grep -q "lunatik-print	42	nil	true" "$log"
host $? "dialect: print writes a line to the kernel log"
grep -q "lunatik: tests/runerror: /lib/modules/lua/tests/runerror.lua:3: boom" "$log"
host $? "capi: a script's error goes to the kernel log with its file and line"

awk '
/^# / { print; next }
{
	n++
	sub(/^(not )?ok - /, "&")
	if ($0 ~ /^not ok/) { failed++; sub(/^not ok - /, ""); print "not ok " n " - " $0 }
	else { passed++; sub(/^ok - /, ""); print "ok " n " - " $0 }
}
END { print "1.." n; printf "%d passed, %d failed\n", passed, failed; exit failed > 0 || n == 0 }
' "$results"
status=$?
if [ "$status" != 0 ]; then
	echo "# failures: see $log and $out/build.log"
	grep -E "warning:|error:" "$out/build.log" | head -20 | sed 's/^/# /'
	grep -E -A2 "not ok|BUG:|WARNING:|Oops|lockup|invalid context|while atomic|^# " "$log" | head -60 | sed 's/^/# /'
fi
exit "$status"
