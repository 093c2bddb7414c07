# SPDX-License-Identifier: GPL-2.0
#
# lib.sh: the test guest, for check.sh and guest.sh.  The guest boots
# Debian's packaged kernel under QEMU, with an initramfs of busybox, our
# modules, the Lua scripts and tests/guest/init.

top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/guest

# Debian's packaged kernel KVER (a release, its headers installed and its
# image unpacked if they are not yet: kernels.sh), by default Debian 12's own; or the kernel tree in LUNATIK_KERNEL (the
# debug kernel of make check-debug)
guest_kernel() {
	if [ -n "${LUNATIK_KERNEL:-}" ]; then
		kdir=$LUNATIK_KERNEL
		kver=$(make -s -C "$kdir" kernelrelease)
		vmlinuz=$kdir/arch/x86/boot/bzImage
		return 0
	fi
	kver=${KVER:-$("$top/tests/kernels.sh" default)}
	[ -n "$kver" ] || { echo "no linux-headers-amd64 (make deps)" >&2; return 1; }
	kdir=/usr/src/linux-headers-$kver
	vmlinuz=$("$top/tests/kernels.sh" image "$kver")
	[ -d "$kdir" ] && [ -f "$vmlinuz" ] || "$top/tests/kernels.sh" install "$kver"
}

# builds lunatik and installs it in $out/installed (make install), builds
# the test modules in the tree, mydevice against the installed headers, and
# the guest's tools, for the guest kernel, with warnings as errors; from
# clean if asked ("guest_build clean"); output in $out/build.log
guest_build() {
	installed=$out/installed
	if [ "${1:-}" = clean ]; then
		make -C "$top" clean
		make -C "$kdir" M="$top/tests/kernel" clean
		make -C "$kdir" M="$top/examples/mydevice" clean
	fi > /dev/null 2>&1
	rm -rf "$installed"
	mkdir -p "$out"
	{
		make -C "$top" KDIR="$kdir" KCFLAGS=-Werror CFLAGS="-O2 -g -Werror" &&
		make -C "$top" KDIR="$kdir" DESTDIR="$installed" install &&
		make -C "$kdir" M="$top/tests/kernel" KCFLAGS=-Werror \
			KBUILD_EXTRA_SYMBOLS="$top/Module.symvers" modules &&
		make -C "$kdir" M="$top/examples/mydevice" LUNATIK="$installed/usr/src/lunatik" \
			KCFLAGS=-Werror KBUILD_EXTRA_SYMBOLS="$installed/usr/src/lunatik/Module.symvers" \
			modules &&
		for tool in devio pty ktap; do
			cc -static -O2 -Wall -Wextra -Werror -o "$out/$tool" "$top/tests/guest/$tool.c" ||
				exit 1
		done
	} > "$out/build.log" 2>&1
}

# copies a program and the shared libraries it needs into $root
guest_program() {
	mkdir -p "$root$(dirname "$2")"
	cp "$1" "$root$2"
	ldd "$1" 2>/dev/null | grep -o '/[^ ]*' | while read -r lib; do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}

# makes $out/initramfs.gz for 'mode' (check, bench, or shell with an
# example to run): /lunatik is the part of the build tree that the guest uses
guest_initramfs() {
	root=$out/root
	rm -rf "$root"
	mkdir -p "$root/bin" "$root/sbin" "$root/proc" "$root/sys" "$root/dev" "$root/tmp" \
		"$root/lunatik/sbin" "$root/lunatik/tests" "$root/lib/modules/lua/tests"
	cp /bin/busybox "$root/bin/busybox"
	cp "$top/tests/guest/init" "$root/init"
	echo "$*" > "$root/mode"
	cp "$top"/*.ko "$top/lunatik.lua" "$root/lunatik/"
	cp "$top/sbin/lunatik.sh" "$root/lunatik/sbin/"
	guest_program "$top/sbin/lunatik" /lunatik/sbin/lunatik
	cp -R "$top/examples" "$top/tests/guest" "$root/lunatik/"
	mv "$root/lunatik/guest" "$root/lunatik/tests/"
	mkdir -p "$root/lunatik/tests/kernel"
	cp "$top"/tests/kernel/*.ko "$root/lunatik/tests/kernel/"
	cp "$out/devio" "$out/pty" "$out/ktap" "$root/bin/"
	cp -R "$top/bench" "$root/lunatik/"
	[ ! -f "$out/rate" ] || cp "$out/rate" "$root/bin/"
	cp -R "$out/installed" "$root/installed"
	[ ! -d "$out/packaged" ] || cp -R "$out/packaged" "$root/packaged"
	cp -R /lib/terminfo "$root/lib/"
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
