# SPDX-License-Identifier: GPL-2.0
#
# Stress (sourced by init): eight processes at once for 30 seconds, every
# result checked; then start, run and stop cycles, with the kernel's slab
# and vmalloc memory back where it was.

# repeats a checked operation until $end; prints "operations failures"
repeat_checked() {
	ops=0 bad=0
	while [ "$(date +%s)" -lt "$end" ]; do
		"$@" $ops || bad=$((bad + 1))
		ops=$((ops + 1))
	done
	echo "$ops $bad"
}
# the checked operations; the last argument is the operation's number
repl_op() {
	[ "$(printf 'return %s * 1000 + %s\nreturn "u%s", %s\n' $1 $2 $1 $2 | lunatik 2>&1)" = \
		"$(printf '%s\nu%s\t%s' $(($1 * 1000 + $2)) $1 $2)" ]
}
passwd_op() {
	pw=$(head -c 32 /dev/passwd)
	[ ${#pw} = 32 ] && [ -z "$(printf '%s' "$pw" | tr -d ' -~')" ]
}
echo_op() {
	word="w$1-$2"
	[ "$(devio /dev/lt_echo$1 "w$word" s0 r64)" = "$(printf '%s\n0\n%s' ${#word} "$word")" ]
}

lunatik.sh start
cp examples/passwd.lua /lib/modules/lua/
lunatik --run passwd
lunatik --run tests/echo
end=$(($(date +%s) + 30))
for u in 1 2 3 4; do repeat_checked repl_op $u > /tmp/stress.repl$u & done
for u in 1 2; do repeat_checked passwd_op > /tmp/stress.passwd$u & done
for u in 1 2; do repeat_checked echo_op $u > /tmp/stress.echo$u & done
wait
total=0 failed=0
for f in /tmp/stress.*; do
	read -r ops bad < "$f"
	total=$((total + ops))
	failed=$((failed + bad))
	[ "$bad" = 0 ] || echo "# $f: $bad of $ops failed"
done
echo "# stress: $total operations checked, $failed failed"
check "stress: 8 processes for 30 s, $total operations, every result right" \
	[ "$failed" = 0 -a "$total" -gt 100 ]
lunatik.sh stop

cycle() {
	lunatik.sh start &&
	lunatik --run passwd && head -c 8 /dev/passwd > /dev/null &&
	[ "$(echo 'return 6 * 7' | lunatik)" = 42 ] &&
	lunatik --run tests/echo && devio /dev/lt_echo1 wx > /dev/null &&
	lunatik.sh stop
}
cycle
before=$(held)
ok=0
i=0
while [ $i -lt 100 ]; do
	cycle || ok=1
	i=$((i + 1))
done
sync
echo 2 > /proc/sys/vm/drop_caches
after=$(held)
echo "# cycles: unreclaimable slab and vmalloc went from $before kB to $after kB"
check "100 cycles of lunatik.sh start, scripts, lunatik.sh stop" [ $ok = 0 ]
check "after them the kernel holds no more memory (within 1 MB)" [ $((after - before)) -lt 1024 ]
