# SPDX-License-Identifier: GPL-2.0
#
# lib.sh: the test guest, for check.sh and guest.sh.  The guest boots
# Debian's packaged kernel under QEMU, with an initramfs of busybox, our
# modules, the Lua scripts and tests/guest/init.

top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/guest

# The guest's machine, ARCH: amd64 (the default) or arm64, and all that
# differs between them: QEMU and its machine, the console, the device the
# guest's TAP goes out by (a chardev "tap" that check.sh makes), the
# compiler of the guest's programs and where their libraries and busybox
# come from, the modules of the image the guest loads first (in order),
# and the kernel's image in a built tree (LUNATIK_KERNEL).  The guest's
# init finds its own part (its TAP port, the modules) in what it is given.
# ARCH and CROSS_COMPILE are exported for the kernel's build (empty, they
# would stand for no architecture: unset on amd64).
guest_arch() {
	case ${ARCH:-amd64} in
	amd64)
		unset ARCH CROSS_COMPILE
		arch=amd64
		qemu="qemu-system-x86_64"
		machine=
		console=ttyS0
		# a second 16550, the guest's ttyS1
		tapdev="-serial chardev:tap"
		cc=cc
		sysroot=
		kmods=
		kimage=arch/x86/boot/bzImage
		;;
	arm64)
		export ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
		arch=arm64
		qemu="qemu-system-aarch64"
		# (pauth-impdef: QEMU's own pointer authentication, twice as fast as
		# the architected QARMA; the keyboard is virtio's, virt has no PS/2)
		machine="-M virt -cpu max,pauth-impdef=on -device virtio-keyboard-pci"
		console=ttyAMA0
		# virt has one UART, the console: the TAP goes to a PCI 16550, ttyS0
		tapdev="-device pci-serial,chardev=tap"
		cc=aarch64-linux-gnu-gcc
		sysroot=${XDG_CACHE_HOME:-$HOME/.cache}/lunatik/sysroot-arm64
		kmods="virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_input"
		kimage=arch/arm64/boot/Image
		;;
	*)
		echo "ARCH=$ARCH: the guest is amd64 (the default) or arm64" >&2
		exit 1
		;;
	esac
}
guest_arch

# the guest's user space where the machine's is not the guest's (arm64):
# busybox, and libedit for sbin/lunatik (with the libraries it needs),
# from Debian's packages for the guest's architecture (tests/apt-arch.sh),
# unpacked in $sysroot; the C library is the cross compiler's
sysroot_packages="busybox-static libedit-dev libedit2 libbsd0 libmd0 libtinfo6"
guest_sysroot() {
	[ -n "$sysroot" ] || return 0
	[ "$(cat "$sysroot/.packages" 2>/dev/null)" = "$sysroot_packages" ] && return 0
	echo "# unpacking $sysroot_packages for $arch into $sysroot"
	rm -rf "$sysroot" "$sysroot.debs"
	# shellcheck disable=SC2086
	"$top/tests/apt-arch.sh" "$arch" "$sysroot.debs" $sysroot_packages || return 1
	for deb in "$sysroot.debs"/*.deb; do
		dpkg-deb -x "$deb" "$sysroot" || return 1
	done
	rm -rf "$sysroot.debs"
	echo "$sysroot_packages" > "$sysroot/.packages"
}

# sbin/lunatik for another architecture, against the sysroot's libedit
# (made first: the build of 'all' then finds it made)
guest_repl() {
	[ -n "$sysroot" ] || return 0
	triplet=$($cc -dumpmachine)
	make -C "$top" CC="$cc" CFLAGS="-O2 -g -Werror" CPPFLAGS="-I$sysroot/usr/include" \
		LDFLAGS="-L$sysroot/usr/lib/$triplet -Wl,-rpath-link,$sysroot/lib/$triplet:$sysroot/usr/lib/$triplet" \
		sbin/lunatik
}

# Debian's packaged kernel KVER (a release, its headers installed and its
# image unpacked if they are not yet: kernels.sh), by default Debian 12's own; or the kernel tree in LUNATIK_KERNEL (the
# debug kernel of make check-debug)
guest_kernel() {
	if [ -n "${LUNATIK_KERNEL:-}" ]; then
		kdir=$LUNATIK_KERNEL
		kver=$(make -s -C "$kdir" kernelrelease)
		vmlinuz=$kdir/$kimage
		return 0
	fi
	kver=${KVER:-$("$top/tests/kernels.sh" default)}
	[ -n "$kver" ] || { echo "no linux-headers-amd64 (make deps)" >&2; return 1; }
	case $kver in
	*-arm64) [ $arch = arm64 ] ;;
	*) [ $arch = amd64 ] ;;
	esac || { echo "KVER=$kver is not a kernel of ARCH=$arch" >&2; return 1; }
	kdir=$("$top/tests/kernels.sh" headers "$kver")
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
	# sbin/lunatik made for another architecture than the guest's is made anew
	[ "$(cat "$out/arch" 2>/dev/null)" = "$arch" ] || rm -f "$top/sbin/lunatik"
	echo "$arch" > "$out/arch"
	guest_sysroot || return 1
	{
		guest_repl &&
		make -C "$top" KDIR="$kdir" KCFLAGS=-Werror CFLAGS="-O2 -g -Werror" &&
		make -C "$top" KDIR="$kdir" DESTDIR="$installed" install &&
		make -C "$kdir" M="$top/tests/kernel" KCFLAGS=-Werror \
			KBUILD_EXTRA_SYMBOLS="$top/Module.symvers" modules &&
		make -C "$kdir" M="$top/examples/mydevice" LUNATIK="$installed/usr/src/lunatik" \
			KCFLAGS=-Werror KBUILD_EXTRA_SYMBOLS="$installed/usr/src/lunatik/Module.symvers" \
			modules &&
		for tool in devio pty ktap; do
			$cc -static -O2 -Wall -Wextra -Werror -o "$out/$tool" "$top/tests/guest/$tool.c" ||
				exit 1
		done
	} > "$out/build.log" 2>&1
}

# copies a program and the shared libraries it needs into $root
guest_program() {
	mkdir -p "$root$(dirname "$2")"
	cp "$1" "$root$2"
	[ -z "$sysroot" ] || { guest_foreign_libs "$1"; return; }
	ldd "$1" 2>/dev/null | grep -o '/[^ ]*' | while read -r lib; do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}

# the shared libraries of a program of another architecture (no ldd runs
# it here), from the sysroot or the cross compiler's C library: its
# loader where it names it, the rest in /lib, where the loader looks
guest_foreign_libs() {
	triplet=$($cc -dumpmachine)
	interp=$("${CROSS_COMPILE}readelf" -l "$1" | sed -n 's/.*program interpreter: \(.*\)]$/\1/p')
	[ -z "$interp" ] || { mkdir -p "$root$(dirname "$interp")" && cp -L "/usr/$triplet/lib/$(basename "$interp")" "$root$interp"; } ||
		return 1
	todo=$1
	while [ -n "$todo" ]; do
		set -- $todo
		file=$1
		shift
		todo=$*
		for lib in $("${CROSS_COMPILE}readelf" -d "$file" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'); do
			[ ! -f "$root/lib/$lib" ] || continue
			found=
			for dir in "$sysroot/lib/$triplet" "$sysroot/usr/lib/$triplet" "/usr/$triplet/lib"; do
				[ -f "$dir/$lib" ] && found=$dir/$lib && break
			done
			[ -n "$found" ] || { echo "guest_program: no $lib for $arch" >&2; return 1; }
			cp -L "$found" "$root/lib/$lib"
			todo="$todo $found"
		done
	done
}

# makes $out/initramfs.gz for 'mode' (check, bench, or shell with an
# example to run): /lunatik is the part of the build tree that the guest uses
guest_initramfs() {
	root=$out/root
	rm -rf "$root"
	mkdir -p "$root/bin" "$root/sbin" "$root/proc" "$root/sys" "$root/dev" "$root/tmp" \
		"$root/lunatik/sbin" "$root/lunatik/tests" "$root/lib/modules/lua/tests"
	# (the machine's /bin/busybox where there is no sysroot)
	cp "$sysroot/bin/busybox" "$root/bin/busybox"
	# the image's modules that the guest loads first, in the order of /kmods/order
	[ -z "$kmods" ] || kmoddir=$("$top/tests/kernels.sh" modules "$kver")
	for m in $kmods; do
		ko=$(find "$kmoddir/kernel" -name "$m.ko" -o -name "$m.ko.xz" | head -n 1)
		[ -n "$ko" ] || continue	# built in
		mkdir -p "$root/kmods"
		case $ko in
		*.xz) xz -d -c "$ko" > "$root/kmods/$m.ko" ;;
		*) cp "$ko" "$root/kmods/$m.ko" ;;
		esac
		echo "$m" >> "$root/kmods/order"
	done
	cp "$top/tests/guest/init" "$root/init"
	echo "$*" > "$root/mode"
	cp "$top"/*.ko "$top/lunatik.lua" "$root/lunatik/"
	mkdir -p "$root/lunatik/lib" && cp -R "$top/lib/syscall" "$root/lunatik/lib/"
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
	# shellcheck disable=SC2086
	${GUEST_TIMEOUT:+timeout "$GUEST_TIMEOUT"} $qemu $machine -m 1024 -smp 2 -no-reboot \
		-kernel "$vmlinuz" -initrd "$out/initramfs.gz" \
		-append "console=$console oops=panic panic=-1 softlockup_panic=1 hung_task_panic=1 $GUEST_CMDLINE" \
		"$@"
}
GUEST_CMDLINE=${GUEST_CMDLINE:-}
