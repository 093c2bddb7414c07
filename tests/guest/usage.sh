# SPDX-License-Identifier: GPL-2.0
#
# usage.sh: the specification's "Usage" with Debian's packages (make
# check-kernels, tests/deb.sh): /packaged holds the files of the package
# lunatik and the modules DKMS built for this kernel, as installed.
section=usage

cp -R /packaged/. /
check "depmod finds the modules DKMS built" \
	sh -c 'depmod && grep -q "updates/dkms/lunatik.ko:" /lib/modules/$(uname -r)/modules.dep'
check "lunatik.sh install" /usr/sbin/lunatik.sh install
check "lunatik.sh start loads them (modprobe)" /usr/sbin/lunatik.sh start
same "lunatik.sh run: the REPL runs 'return 42' in the kernel" "42" \
	sh -c "echo 'return 42' | /usr/sbin/lunatik.sh run"
check "lunatik.sh stop" /usr/sbin/lunatik.sh stop
check "everything is unloaded" sh -c "! grep -q -E '^(lunatik|lua)' /proc/modules"
