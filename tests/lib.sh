# SPDX-License-Identifier: GPL-2.0
#
# lib.sh: the test guest, for check.sh and guest.sh.  The guest boots
# Debian's packaged kernel under QEMU, with an initramfs of busybox, our
# modules, the Lua scripts and tests/guest/init.

top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/guest

# the newest packaged kernel that has its headers
guest_kernel() {
	kdir=$(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n 1)
	[ -n "$kdir" ] || { echo "no /usr/src/linux-headers-*-amd64 (make deps)" >&2; return 1; }
	kver=${kdir#/usr/src/linux-headers-}
	vmlinuz=/boot/vmlinuz-$kver
	[ -f "$vmlinuz" ] || { echo "no $vmlinuz (make deps)" >&2; return 1; }
}

# builds lunatik and the test modules for the guest kernel; output in $out/build.log
guest_build() {
	mkdir -p "$out"
	{
		make -C "$top" KDIR="$kdir" &&
		make -C "$kdir" M="$top/tests/kernel" \
			KBUILD_EXTRA_SYMBOLS="$top/Module.symvers" modules
	} > "$out/build.log" 2>&1
}

# makes $out/initramfs.gz for 'mode' (check or shell)
guest_initramfs() {
	root=$out/root
	rm -rf "$root"
	mkdir -p "$root/bin" "$root/sbin" "$root/proc" "$root/sys" "$root/dev" "$root/tmp" \
		"$root/lib/modules/lunatik" "$root/lib/modules/lua/tests"
	cp /bin/busybox "$root/bin/busybox"
	cp "$top/tests/guest/init" "$root/init"
	echo "$1" > "$root/mode"
	cp "$top"/*.ko "$top"/tests/kernel/*.ko "$root/lib/modules/lunatik/"
	cp "$top"/tests/lua/*.lua "$root/lib/modules/lua/tests/"
	(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$out/initramfs.gz"
}

# boots the guest, within GUEST_TIMEOUT seconds if set; QEMU arguments follow
guest_boot() {
	${GUEST_TIMEOUT:+timeout "$GUEST_TIMEOUT"} qemu-system-x86_64 -m 1024 -smp 2 -no-reboot \
		-kernel "$vmlinuz" -initrd "$out/initramfs.gz" \
		-append "console=ttyS0 oops=panic panic=-1 softlockup_panic=1 hung_task_panic=1 $GUEST_CMDLINE" \
		"$@"
}
GUEST_CMDLINE=${GUEST_CMDLINE:-}
