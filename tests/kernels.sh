#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kernels.sh: Debian's packaged kernels that the tests boot, by release
# (uname -r).
#   kernels.sh default       Debian 12's own: what linux-headers-amd64 depends on
#   kernels.sh matrix        the newest 6.1, 6.1-rt, 6.12 and 6.12-rt apt offers
#   kernels.sh install REL   installs linux-image-REL and linux-headers-REL (root)
set -eu
arch=amd64

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
	[ -n "$(newest "6\.1\.0-[0-9]*-$arch")" ] || refresh || true
	for series in '6\.1\.0-[0-9]*' '6\.12\.[0-9]*[+]deb12'; do
		for flavour in '' 'rt-'; do
			rel=$(newest "$series-$flavour$arch")
			[ -n "$rel" ] || { echo "kernels.sh: apt offers no $series-$flavour$arch" >&2; exit 1; }
			echo "$rel"
		done
	done
	;;
install)
	rel=${2:?usage: kernels.sh install RELEASE}
	if [ "$(id -u)" != 0 ]; then
		echo "kernels.sh: kernel $rel is not installed; as root, make check installs it" >&2
		exit 1
	fi
	echo "kernels.sh: installing linux-image-$rel and linux-headers-$rel"
	# the guest boots the image with its own initramfs: none is made for it
	export DEBIAN_FRONTEND=noninteractive INITRD=No
	apt-cache show "linux-image-$rel" > /dev/null 2>&1 || refresh
	apt-get -q install -y --no-install-recommends "linux-image-$rel" "linux-headers-$rel" > /dev/null
	;;
*)
	echo "usage: kernels.sh {default|matrix|install RELEASE}" >&2
	exit 1
	;;
esac
