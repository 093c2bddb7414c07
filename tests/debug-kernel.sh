#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# debug-kernel.sh: builds, once, a 6.1 kernel from Debian's linux-source-6.1
# with KASAN, lockdep, DEBUG_ATOMIC_SLEEP, kmemleak and UBSAN, for
# 'make check-debug'; prints its tree.  Cached in $LUNATIK_DEBUG_KERNEL
# (default ~/.cache/lunatik/linux-debug): about 30 minutes on 2 cores.
set -eu

dir=${LUNATIK_DEBUG_KERNEL:-${XDG_CACHE_HOME:-$HOME/.cache}/lunatik/linux-debug}
# the kernel's symbols, which external modules are checked against: the
# tree builds no modules of its own, so they are vmlinux's
symvers() {
	[ -f "$dir/Module.symvers" ] || cp "$dir/vmlinux.symvers" "$dir/Module.symvers"
}
if [ -f "$dir/.built" ]; then
	symvers
	echo "$dir"
	exit 0
fi
if ! dpkg-query -W -f='${Status}' linux-source-6.1 2>/dev/null | grep -q "ok installed"; then
	[ "$(id -u)" = 0 ] || { echo "debug-kernel.sh: run as root to install linux-source-6.1" >&2; exit 1; }
	DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends \
		linux-source-6.1 bc bison flex libssl-dev libelf-dev >&2
fi
tarball=$(ls /usr/src/linux-source-6.1*.tar.xz | head -n 1)
rm -rf "$dir"
mkdir -p "$dir"
tar -xJf "$tarball" -C "$dir" --strip-components=1
cd "$dir"
{
	make defconfig
	make kvm_guest.config
	scripts/config -e KASAN -e KASAN_GENERIC -e KASAN_INLINE \
		-e PROVE_LOCKING -e DEBUG_ATOMIC_SLEEP \
		-e DEBUG_KMEMLEAK -d DEBUG_KMEMLEAK_DEFAULT_OFF \
		-e UBSAN -e UBSAN_BOUNDS -d UBSAN_TRAP \
		-e DEBUG_OBJECTS -e DEBUG_LIST \
		-e SOFTLOCKUP_DETECTOR -e DETECT_HUNG_TASK \
		-e MODULES -e MODULE_UNLOAD -e INPUT_KEYBOARD -e KEYBOARD_ATKBD -e VT \
		-d DEBUG_INFO -d DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT -e DEBUG_INFO_NONE \
		-d RANDOMIZE_BASE
	make olddefconfig
	make -j"$(nproc)" bzImage modules_prepare
} > build.log 2>&1
symvers
touch .built
echo "$dir"
