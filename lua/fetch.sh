#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# fetch.sh DEST: put Lua 5.4.4's sources, adapted to the kernel, in DEST
# (and as they came in DEST.orig).
#
# The sources come from $LUA_SRC (an unpacked lua-5.4.4 tree) or else from
# Debian's lua5.4 source package, which carries the official tarball byte
# for byte; the tarball is checked against its sha256 before use.  Debian's
# fixes for CVE-2022-28805 and CVE-2022-33099 are applied when present,
# then our adaptation (lua-5.4.4.patch).
set -eu

dest=$1
here=$(cd "$(dirname "$0")" && pwd)
version=5.4.4
sha256=164c7849653b80ae67bec4b7473b884bf5cc8d2dca05653475ec2ed27b9ebf61
cache=${LUA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lunatik}

die() {
	echo "lua/fetch.sh: $*" >&2
	echo "lua/fetch.sh: run 'make deps' as root (it installs what apt-get source needs)," >&2
	echo "lua/fetch.sh: or point LUA_SRC at an unpacked lua-$version tree: make LUA_SRC=/path/to/lua-$version" >&2
	exit 1
}

# Download Debian's lua5.4 source package into $cache with a private apt
# configuration, so the machine's own apt sources stay untouched.
debian_fetch() {
	command -v apt-get >/dev/null || die "apt-get not found"
	apt=$cache/apt
	rm -rf "$apt"
	mkdir -p "$apt/etc" "$apt/lists/partial" "$apt/cache/archives/partial"
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] && sed -n 's/^deb \(.*\)/deb-src \1/p' "$f"
	done > "$apt/etc/sources.list"
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] && sed 's/^Types:.*/Types: deb-src/' "$f" > "$apt/etc/$(basename "$f")"
	done
	cat > "$apt/apt.conf" <<CONF
Dir::Etc::SourceList "$apt/etc/sources.list";
Dir::Etc::SourceParts "$apt/etc";
Dir::State "$apt";
Dir::State::Lists "$apt/lists";
Dir::Cache "$apt/cache";
APT::Sandbox::User "root";
CONF
	APT_CONFIG=$apt/apt.conf apt-get -q update >"$apt/log" 2>&1 ||
		die "apt-get update failed (see $apt/log)"
	(cd "$cache" && APT_CONFIG=$apt/apt.conf apt-get -q source \
		--download-only lua5.4 >>"$apt/log" 2>&1) ||
		die "apt-get source lua5.4 failed (see $apt/log)"
}

unpack() {
	tarball=$cache/lua5.4_$version.orig.tar.gz
	if [ ! -f "$tarball" ]; then
		mkdir -p "$cache"
		debian_fetch
	fi
	echo "$sha256  $tarball" | sha256sum -c --quiet - ||
		die "$tarball does not match the sha256 of lua-$version.tar.gz"
	tar -xzf "$tarball" -C "$work"
	src=$work/lua-$version
	for d in "$cache"/lua5.4_$version-*.debian.tar.xz; do
		[ -f "$d" ] || continue
		tar -xJf "$d" -C "$work"
		for p in "$work"/debian/patches/*cve*.patch; do
			[ -f "$p" ] && patch -s -d "$src" -p1 < "$p"
		done
	done
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -n "${LUA_SRC:-}" ]; then
	[ -f "$LUA_SRC/src/lua.h" ] || die "LUA_SRC=$LUA_SRC has no src/lua.h"
	grep -q "LUA_VERSION_RELEASE	\"4\"" "$LUA_SRC/src/lua.h" &&
		grep -q "LUA_VERSION_MINOR	\"4\"" "$LUA_SRC/src/lua.h" ||
		die "LUA_SRC=$LUA_SRC is not Lua $version"
	mkdir -p "$work/lua-$version"
	cp -R "$LUA_SRC/src" "$work/lua-$version/"
	src=$work/lua-$version
else
	unpack
fi

# Keep the sources as they came, for 'make lua-patch', then adapt them.
rm -rf "$dest" "$dest.orig"
mkdir -p "$(dirname "$dest")"
cp -R "$src/src" "$dest.orig"
patch -s -d "$src" -p1 < "$here/lua-$version.patch" ||
	die "lua-$version.patch does not apply to the sources"
cp -R "$src/src" "$dest"
