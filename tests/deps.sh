#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# deps.sh [deb]: install what building Lunatik and its test guest needs
# (Debian); with "deb", what building and testing its packages needs too;
# with ARCH=arm64, what the arm64 guest needs too: the cross compiler and
# QEMU's arm64 machines (its kernel, busybox and libedit are arm64's
# packages, unpacked by tests/kernels.sh and tests/lib.sh, not installed).
set -eu

packages="build-essential linux-headers-amd64 linux-image-amd64 qemu-system-x86
	busybox-static cpio patch xz-utils dpkg-dev libedit-dev ncurses-base
	clang libclang-rt-14-dev lua5.4 gnuplot-nox"
[ "${1:-}" != deb ] || packages="$packages debhelper dh-dkms dkms lintian git"
[ "${ARCH:-amd64}" != arm64 ] ||
	packages="$packages gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-system-arm"

missing=
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "tests/deps.sh: missing packages:$missing; run 'make deps' as root" >&2
	exit 1
fi
echo "tests/deps.sh: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get -q update >/dev/null
# shellcheck disable=SC2086
apt-get -q install -y --no-install-recommends $missing >/dev/null
