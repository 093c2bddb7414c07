# SPDX-License-Identifier: GPL-2.0
#
# Probes, threads and shared objects from user space (sourced by init):
# the examples, sbin/lunatik's --spawn and --list, and probes that fire on
# both CPUs while their runtime stops and the modules go.
section=probes

lunatik.sh start
cp examples/*.lua /lib/modules/lua/
preemptrt=
uname -v | grep -q PREEMPT_RT && preemptrt=yes

# the system-call counter: probes and a device in one runtime (not on
# PREEMPT_RT, whose runtimes do not serve probes yet: it says so)
if [ -n "$preemptrt" ]; then
	check "lunatik --run syscounter on PREEMPT_RT says probes are not served" \
		sh -c "lunatik --run syscounter 2>&1 | grep -q 'probes are not served on PREEMPT_RT yet'"
else
check "lunatik --run syscounter: probes need a runtime that may not sleep" lunatik --run syscounter
ls / > /dev/null
cat /proc/version > /dev/null
check "/dev/syscounter counts openat and read" \
	awk '$1 == "openat" && $2 > 0 { o = 1 } $1 == "read" && $2 > 0 { r = 1 } END { exit !(o && r) }' \
	/dev/syscounter
same "lunatik --list tells its kind" "syscounter	nosleep" lunatik --list
check "lunatik --stop syscounter" lunatik --stop syscounter
check "... removes its device" test ! -e /dev/syscounter
fi

# a thread publishes in an rcu table, a device of another runtime reads it
check "lunatik --spawn ticker" lunatik --spawn ticker
same "lunatik --list tells the thread" "ticker	sleep	thread" lunatik --list
check "the thread is named after the script" grep -q -x ticker /proc/[0-9]*/comm
sleep 1
check "/dev/ticker tells the ticks" awk '$1 >= 3 && $2 == "ticks," { ok = 1 } END { exit !ok }' \
	/dev/ticker
check "lunatik --spawn ticker again is refused" refused lunatik --spawn ticker
check "lunatik --stop ticker" lunatik --stop ticker
check "... ends the thread" sh -c "! grep -q -x ticker /proc/[0-9]*/comm"
check "... and removes the other runtime's device" test ! -e /dev/ticker
same "lunatik --list tells nothing once all stopped" "" lunatik --list

# a worker runtime and a thread per job, kept by neither
check "lunatik --run jobs" lunatik --run jobs
i=0
while grep -q running /dev/jobs && [ $i -lt 100 ]; do sleep 0.2; i=$((i + 1)); done
same "/dev/jobs tells each job's result" "small	500500
medium	5000050000
large	45000150000" cat /dev/jobs
check "the jobs' threads have ended" sh -c "! grep -q '^job-' /proc/[0-9]*/comm"
check "lunatik --stop jobs" lunatik --stop jobs

# an rcu table written by probes and read by a device at once, while
# reads run on both CPUs; the runtime stops while the probes fire; then
# again, and the modules go while the probed function runs
if [ -z "$preemptrt" ]; then
pids=
fire() {
	for cpu in 1 2; do
		dd if=/dev/zero of=/dev/null bs=1 count=50000 2> /dev/null &
		pids="$pids $!"
	done
}
# waits for what ran in the background, 60 s at most: what is left is
# shown (its state and kernel stack) and killed, and the wait fails
settle() {
	i=0
	while [ $i -lt 600 ]; do
		left=
		for pid in $pids; do kill -0 "$pid" 2> /dev/null && left="$left $pid"; done
		[ -z "$left" ] && { pids=; return 0; }
		sleep 0.1
		i=$((i + 1))
	done
	for pid in $left; do
		echo "# left: $pid $(tr '\0' ' ' < /proc/$pid/cmdline) $(grep State /proc/$pid/status)"
		sed 's/^/#   /' /proc/$pid/stack
		kill -9 "$pid"
	done
	pids=
	return 1
}
check "lunatik --run tests/rcuboth" lunatik --run tests/rcuboth
end=$(($(date +%s) + 4))
for cpu in 1 2; do
	(while [ "$(date +%s)" -lt "$end" ]; do cat /dev/lt_rcuboth > /dev/null; done) &
	pids="$pids $!"
done
fire
sleep 2
check "the device reads the table while probes write it" \
	awk '$1 > 0 && $2 > 0 && $4 > 1000 { ok = 1 } END { exit !ok }' /dev/lt_rcuboth
check "hits in the runtime's own kfree calls are missed" \
	awk '$3 > 0 { ok = 1 } END { exit !ok }' /dev/lt_rcuboth
check "lunatik --stop while the probes fire" lunatik --stop tests/rcuboth
check "what read and probed has ended" settle
check "lunatik --run tests/rcuboth again" lunatik --run tests/rcuboth
fire
sleep 1
check "lunatik.sh stop while the probes fire" lunatik.sh stop
check "what probed has ended" settle
check "the modules are gone" sh -c "! grep -q -e '^lua' -e '^lunatik' /proc/modules"
else
	check "lunatik.sh stop" lunatik.sh stop
fi
