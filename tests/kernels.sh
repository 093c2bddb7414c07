#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kernels.sh: Debian's packaged kernels that the tests boot, by release
# (uname -r).
#   kernels.sh default       Debian 12's own: what linux-headers-amd64 depends on
#   kernels.sh matrix        the newest 6.1, 6.1-rt, 6.12 and 6.12-rt apt offers
#   kernels.sh image REL     where the image to boot is (or would be)
#   kernels.sh install REL   installs linux-headers-REL (root), and unpacks
#                            linux-image-REL's image where 'image' says,
#                            unless it is installed in /boot
# The image is not installed: the machine's boot loader would take the
# newest kernel for its default, and without its initramfs it would not
# boot.  The guest needs the image alone, and brings its own initramfs.
set -eu
arch=amd64
images=${XDG_CACHE_HOME:-$HOME/.cache}/lunatik/kernels

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
		sed -n 's/^linux-headers-\([^ ,]*\).*/\1/p'
	;;
matrix)
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
image)
	rel=${2:?usage: kernels.sh image RELEASE}
	if [ -f "/boot/vmlinuz-$rel" ]; then echo "/boot/vmlinuz-$rel"; else echo "$images/vmlinuz-$rel"; fi
	;;
install)
	rel=${2:?usage: kernels.sh install RELEASE}
	export DEBIAN_FRONTEND=noninteractive
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
	echo "usage: kernels.sh {default|matrix|image RELEASE|install RELEASE}" >&2
	exit 1
	;;
esac
