#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# deb.sh: Lunatik's Debian packages.
#   deb.sh build   builds lunatik and lunatik-dkms in build/deb (make deb),
#                  from a copy of the tree with Lua's sources in lua/dist,
#                  and checks them with lintian
#   deb.sh check   (root) builds them, installs them, has DKMS build the
#                  modules for each kernel of the matrix, boots the guest
#                  with DKMS's modules and the package's tools and runs the
#                  specification's "Usage" there, then removes the packages;
#                  TAP, section "deb" (and the guest's "usage" and "log")
set -u
. "$(dirname "$0")/lib.sh"

deb=$top/build/deb
cache=${LUA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lunatik}

build() {
	"$top/tests/deps.sh" deb || return 1
	version=$(dpkg-parsechangelog -l "$top/debian/changelog" -S Version) || return 1
	src=$deb/lunatik-$version
	files=$(cd "$top" && git ls-files -c -o --exclude-standard) || return 1
	rm -rf "$deb"
	mkdir -p "$src/lua/dist"
	make -C "$top" lua > /dev/null &&
	(cd "$top" && echo "$files" | cpio -pdm --quiet "$src") &&
	lua_copyright >> "$src/debian/copyright" &&
	cp "$cache/lua5.4_5.4.4.orig.tar.gz" "$cache"/lua5.4_5.4.4-*.debian.tar.xz \
		"$src/lua/dist/" &&
	(cd "$src" && dpkg-buildpackage -us -uc -b) > "$deb/build.log" 2>&1 ||
		{ tail -n 30 "$deb/build.log" >&2; return 1; }
	lintian --allow-root --fail-on error,warning "$deb"/lunatik_"$version"_*.changes
}

# the copyright paragraph of Lua's tarball, from the notice at the end of
# its lua.h: "Copyright (C) ..." and the license, as Debian's format wants
lua_copyright() {
	sed -n '/^\* Copyright (C)/,/^\*\*\*/p' "$top/build/lua.orig/lua.h" | sed '$d' |
		sed 's/^\* \{0,1\}//' | awk '
		NR == 1 { sub(/^Copyright \(C\) /, ""); printf "\nFiles: lua/dist/*\nCopyright: %s\nLicense: Expat\n", $0; next }
		NR == 2 && $0 == "" { next }
		{ print $0 == "" ? " ." : " " $0 }'
}

result() {
	if [ "$1" = 0 ]; then echo "ok - deb: $2"; else echo "not ok - deb: $2"; fi
}

# the guest, with the package's files and the modules DKMS built for $kver
# in /packaged, runs tests/guest/usage.sh
usage() {
	packaged=$out/packaged
	rm -rf "$packaged"
	mkdir -p "$packaged/lib/modules/$kver/updates"
	dpkg -L lunatik | while read -r f; do
		[ -f "$f" ] && mkdir -p "$packaged$(dirname "$f")" && cp -p "$f" "$packaged$f"
	done
	cp -R "/lib/modules/$kver/updates/dkms" "$packaged/lib/modules/$kver/updates/"
	guest_initramfs usage
	rm -rf "$packaged"
	rm -f "$out/tap.log"
	GUEST_TIMEOUT=600 guest_boot -display none -serial "file:$out/console.log" \
		-serial "file:$out/tap.log" > /dev/null 2>&1
	tr -d '\r' < "$out/tap.log" | grep -E '^(ok|not ok) - ' > "$out/results"
	cat "$out/results"
	for s in usage log; do
		n=$(awk -v s=$s '$1 == s { print $2 }' "$top/tests/plan")
		got=$(grep -c -E "^(ok|not ok) - $s: " "$out/results")
		[ "$got" = "$n" ]
		result $? "the guest's section $s gave the $n results planned (it gave $got)"
	done
	grep -q "^guest: done" "$out/tap.log"
	result $? "the guest finished"
	! grep -q -F -f "$top/tests/guest/kernel-errors" "$out/console.log"
	result $? "the console shows no kernel error"
}

# what the packages leave once purged: nothing
leftovers() {
	for f in /usr/src/lunatik-* /var/lib/dkms/lunatik /lib/modules/*/updates/dkms/lunatik* \
		/lib/modules/*/updates/dkms/lua* /usr/sbin/lunatik /usr/sbin/lunatik.sh \
		/usr/src/lunatik /lib/modules/lua/lunatik.lua; do
		[ ! -e "$f" ] || echo "# left: $f"
	done | grep .
}

purge() {
	apt-get -q purge -y lunatik lunatik-dkms > "$deb/purge.log" 2>&1
}

# the results, in order; every one of them is printed, whatever fails
check() {
	if [ "$(id -u)" != 0 ]; then
		echo "not ok - deb: the packages' test runs as root"
		return 1
	fi
	build > "$deb.log" 2>&1
	result $? "the packages build, and lintian finds no error and no warning"
	sed 's/^/# /' "$deb.log"
	export DEBIAN_FRONTEND=noninteractive
	trap purge EXIT
	apt-get -q install -y --no-install-recommends "$deb"/lunatik_"$version"_*.deb \
		"$deb"/lunatik-dkms_"$version"_all.deb > "$deb/install.log" 2>&1
	result $? "the packages install"
	matrix=$("$top/tests/kernels.sh" matrix)
	[ "$(echo $matrix | wc -w)" = 4 ]
	result $? "the matrix has its four kernels"
	for i in 1 2 3 4; do
		k=$(echo $matrix | cut -d ' ' -f $i)
		# (the installation built them already for each kernel with headers)
		dkms install "lunatik/$version" -k "${k:-none}" >> "$deb/install.log" 2>&1
		dkms status -k "${k:-none}" "lunatik/$version" | grep -q ": installed" &&
			ls /lib/modules/"$k"/updates/dkms/lunatik.ko* > /dev/null 2>&1
		result $? "DKMS builds and installs the modules for kernel $i of the matrix (${k:-none})"
	done
	if guest_kernel && guest_build; then
		usage
	else
		result 1 "the guest for $kver is built (see $out/build.log)"
	fi
	purge
	result $? "the packages are removed"
	trap - EXIT
	! leftovers
	result $? "nothing of them is left behind"
}

case ${1:-} in
build) build ;;
check) check ;;
*) echo "usage: deb.sh {build|check}" >&2; exit 1 ;;
esac
