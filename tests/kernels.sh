#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kernels.sh: Debian's packaged kernels that the tests boot, by release
# (uname -r).  A release ending in -arm64 is arm64's, the others amd64's.
#   kernels.sh default       Debian 12's own: what linux-headers-amd64 depends on
#                            (with ARCH=arm64, its arm64 twin: -arm64 for -amd64)
#   kernels.sh matrix        the newest 6.1, 6.1-rt, 6.12 and 6.12-rt apt offers
#   kernels.sh headers REL   where its build tree (KDIR) is (or would be)
#   kernels.sh image REL     where the image to boot is (or would be)
#   kernels.sh modules REL   where the modules of the image are (arm64's: those
#                            of drivers/virtio alone)
#   kernels.sh install REL   installs linux-headers-REL (root), and unpacks
#                            linux-image-REL's image where 'image' says,
#                            unless it is installed in /boot
# The image is not installed: the machine's boot loader would take the
# newest kernel for its default, and without its initramfs it would not
# boot.  The guest needs the image alone, and brings its own initramfs.
#
# An arm64 release's packages are not installed either (they are not the
# machine's architecture): linux-headers-REL and linux-image-REL are
# fetched with tests/apt-arch.sh and unpacked into ~/.cache/lunatik/kernels/REL.
# The headers' tree there includes the common headers of its version,
# installed as amd64's are (linux-headers-VERSION-common, Architecture: all),
# and takes its scripts and tools from the machine's linux-kbuild (Multi-Arch:
# foreign: the host's programs, which serve any target), through a link
# REL/usr/lib/linux-kbuild-VERSION to /usr/lib/linux-kbuild-VERSION.
set -eu
arch=amd64
here=$(cd "$(dirname "$0")" && pwd)
images=${XDG_CACHE_HOME:-$HOME/.cache}/lunatik/kernels

# whether a release is arm64's
arm64() {
	case $1 in *-arm64) return 0 ;; esac
	return 1
}

# the newest release whose headers' package matches $1 (a regex), or nothing
newest() {
	apt-cache search --names-only "^linux-headers-$1\$" | awk '{ print $1 }' |
		sed 's/^linux-headers-//' | sort -V | tail -n 1
}

refresh() {
	[ "$(id -u)" = 0 ] && apt-get -q update > /dev/null
}

case ${1:-} in
default)
	dpkg-query -W -f='${Depends}\n' "linux-headers-$arch" 2>/dev/null |
		sed -n 's/^linux-headers-\([^ ,]*\).*/\1/p' |
		if [ "${ARCH:-amd64}" = arm64 ]; then sed 's/-amd64$/-arm64/'; else cat; fi
	;;
matrix)
	[ "${ARCH:-amd64}" = amd64 ] || { echo "kernels.sh: the matrix is amd64's" >&2; exit 1; }
	# lists that lack a series are refreshed once
	for pass in 1 2; do
		rels=
		for series in '6\.1\.0-[0-9]*' '6\.12\.[0-9]*[+]deb12'; do
			for flavour in '' 'rt-'; do
				rels="$rels $(newest "$series-$flavour$arch")"
			done
		done
		[ "$(echo $rels | wc -w)" = 4 ] && break
		[ $pass = 1 ] && refresh || { echo "kernels.sh: apt offers no kernel of a series (found:$rels)" >&2; exit 1; }
	done
	echo $rels | tr ' ' '\n'
	;;
headers)
	rel=${2:?usage: kernels.sh headers RELEASE}
	if arm64 "$rel"; then echo "$images/$rel/usr/src/linux-headers-$rel"; else echo "/usr/src/linux-headers-$rel"; fi
	;;
image)
	rel=${2:?usage: kernels.sh image RELEASE}
	if arm64 "$rel"; then echo "$images/$rel/boot/vmlinuz-$rel"
	elif [ -f "/boot/vmlinuz-$rel" ]; then echo "/boot/vmlinuz-$rel"; else echo "$images/vmlinuz-$rel"; fi
	;;
modules)
	rel=${2:?usage: kernels.sh modules RELEASE}
	if arm64 "$rel"; then echo "$images/$rel/lib/modules/$rel"; else echo "/lib/modules/$rel"; fi
	;;
install)
	rel=${2:?usage: kernels.sh install RELEASE}
	export DEBIAN_FRONTEND=noninteractive
	if arm64 "$rel"; then
		root=$images/$rel
		[ -f "$root/boot/vmlinuz-$rel" ] && [ -d "$root/usr/src/linux-headers-$rel" ] && exit 0
		echo "kernels.sh: unpacking linux-headers-$rel and linux-image-$rel's image into $root"
		tmp=$(mktemp -d)
		trap 'rm -rf "$tmp"' EXIT
		"$here/apt-arch.sh" arm64 "$tmp" "linux-headers-$rel" "linux-image-$rel"
		# what the headers need of the machine: the common headers, kbuild
		need=
		for p in $(dpkg-deb -f "$tmp"/linux-headers-*.deb Depends | tr ',|' '\n\n' |
				sed -n 's/^ *\(linux-headers-[^ ]*-common\|linux-kbuild-[^ ]*\).*/\1/p'); do
			dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || need="$need $p"
		done
		if [ -n "$need" ]; then
			if [ "$(id -u)" != 0 ]; then
				echo "kernels.sh: $rel needs$need; as root, make check installs them" >&2
				exit 1
			fi
			echo "kernels.sh: installing$need"
			refresh
			# shellcheck disable=SC2086
			apt-get -q install -y --no-install-recommends $need > /dev/null
		fi
		mkdir -p "$tmp/root"
		dpkg-deb -x "$tmp"/linux-headers-*.deb "$tmp/root"
		dpkg-deb --fsys-tarfile "$tmp"/linux-image-*.deb |
			tar -x -C "$tmp/root" ./boot "./lib/modules/$rel/kernel/drivers/virtio"
		kbuild=$(readlink "$tmp/root/usr/src/linux-headers-$rel/scripts")
		kbuild=${kbuild#../../lib/}
		kbuild=${kbuild%/scripts}
		mkdir -p "$tmp/root/usr/lib"
		ln -s "/usr/lib/$kbuild" "$tmp/root/usr/lib/$kbuild"
		rm -rf "$root"
		mkdir -p "$images"
		mv "$tmp/root" "$root"
		exit 0
	fi
	if [ ! -d "/usr/src/linux-headers-$rel" ]; then
		if [ "$(id -u)" != 0 ]; then
			echo "kernels.sh: linux-headers-$rel is not installed; as root, make check installs it" >&2
			exit 1
		fi
		echo "kernels.sh: installing linux-headers-$rel"
		refresh
		apt-get -q install -y --no-install-recommends "linux-headers-$rel" > /dev/null
	fi
	image=$("$0" image "$rel")
	if [ ! -f "$image" ]; then
		echo "kernels.sh: unpacking linux-image-$rel's image into $images"
		tmp=$(mktemp -d)
		trap 'rm -rf "$tmp"' EXIT
		(cd "$tmp" && apt-get -q download "linux-image-$rel" > /dev/null 2>&1) ||
			{ refresh && (cd "$tmp" && apt-get -q download "linux-image-$rel" > /dev/null); }
		dpkg-deb --fsys-tarfile "$tmp"/linux-image-*.deb | tar -x -C "$tmp" "./boot/vmlinuz-$rel"
		mkdir -p "$images"
		mv "$tmp/boot/vmlinuz-$rel" "$image"
	fi
	;;
*)
	echo "usage: kernels.sh {default|matrix|headers RELEASE|image RELEASE|modules RELEASE|install RELEASE}" >&2
	exit 1
	;;
esac
