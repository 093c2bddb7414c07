# SPDX-License-Identifier: GPL-2.0
#
# Stress (sourced by init): eight processes at once for 30 seconds, every
# result checked; then start, run and stop cycles, after which the
# kernel's memory has not grown.
section=stress

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
total=0 failed=0 died=0
for f in repl1 repl2 repl3 repl4 passwd1 passwd2 echo1 echo2; do
	ops= bad=
	read -r ops bad < /tmp/stress.$f
	case "$ops $bad" in
	*[!0-9\ ]* | " "* | *" ") died=$((died + 1)); echo "# $f: the worker gave no count"; continue ;;
	esac
	total=$((total + ops))
	failed=$((failed + bad))
	[ "$bad" = 0 ] || echo "# $f: $bad of $ops failed"
done
echo "# stress: $total operations checked, $failed failed, $died workers gave no count"
check "8 processes for 30 s, every result right" \
	[ "$failed" = 0 -a "$died" = 0 -a "$total" -gt 100 ]
leaks
lunatik.sh stop

cycle() {
	lunatik.sh start &&
	lunatik --run passwd && head -c 8 /dev/passwd > /dev/null &&
	[ "$(echo 'return 6 * 7' | lunatik)" = 42 ] &&
	lunatik --run tests/echo && devio /dev/lt_echo1 wx > /dev/null &&
	lunatik.sh stop
}
cycle
held cycles
ok=0
i=0
while [ $i -lt 120 ]; do
	cycle || ok=1
	i=$((i + 1))
	[ $i != 60 ] || held cycles.60
done
held cycles.120
check "120 cycles of lunatik.sh start, scripts, lunatik.sh stop" [ $ok = 0 ]
check "the kernel's memory grew in no cache in both halves of them" \
	no_growth cycles cycles.60 cycles.120
