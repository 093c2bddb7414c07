#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# apt-arch.sh ARCH DIR PACKAGE...: downloads Debian packages of another
# architecture (arm64) into DIR, with a private apt configuration in
# ~/.cache/lunatik/apt-ARCH: the machine's Debian entries (its release,
# -updates, -security), for ARCH, and a state of its own.  The machine's
# dpkg is not told of ARCH: `dpkg --add-architecture arm64` would make
# apt remove the packages that are not Multi-Arch co-installable (gcc,
# the amd64 headers' own dependencies among them).  The packages are
# unpacked (dpkg-deb -x) by the caller, never installed.
set -eu
arch=${1:?usage: apt-arch.sh ARCH DIR PACKAGE...}
dir=${2:?usage: apt-arch.sh ARCH DIR PACKAGE...}
shift 2
apt=${XDG_CACHE_HOME:-$HOME/.cache}/lunatik/apt-$arch
codename=$(. /etc/os-release && echo "$VERSION_CODENAME")

# the machine's deb entries for its release, for $arch alone
configure() {
	mkdir -p "$apt/etc/sources.list.d" "$apt/etc/preferences.d" "$apt/lists/partial" \
		"$apt/cache/archives/partial"
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		awk -v arch="$arch" -v codename="$codename" '
		$1 == "deb" {
			opts = ""
			i = 2
			if ($2 ~ /^\[/) {
				while ($i !~ /\]$/ && i < NF) i++
				for (j = 2; j <= i; j++) opts = opts " " $j
				gsub(/[][]/, "", opts)
				gsub(/ arch=[^ ]*/, "", opts)
				gsub(/ +/, " ", opts)
				sub(/ $/, "", opts)
				i++
			}
			if ($(i + 1) !~ "^" codename "(-|$)") next
			line = "deb [arch=" arch opts "]"
			for (; i <= NF; i++) line = line " " $i
			print line
		}' "$f"
	done > "$apt/etc/sources.list"
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk -v arch="$arch" -v codename="$codename" '
		BEGIN { RS = ""; FS = "\n" }
		{
			keep = 0; out = ""
			for (i = 1; i <= NF; i++) {
				if ($i ~ /^#/ || $i ~ /^(Architectures|Types):/) continue
				if ($i ~ /^Enabled: *no/) { keep = -1; break }
				if ($i ~ "^Suites:.*[ \t]" codename "(-[a-z]*)?([ \t]|$)") keep = 1
				out = out $i "\n"
			}
			if (keep == 1 && $0 ~ /(^|\n)Types:[^\n]*deb([ \t]|\n|$)/)
				printf "Types: deb\nArchitectures: %s\n%s\n", arch, out
		}' "$f" > "$apt/etc/sources.list.d/$(basename "$f")"
	done
	cat > "$apt/apt.conf" <<CONF
Dir::Etc::SourceList "$apt/etc/sources.list";
Dir::Etc::SourceParts "$apt/etc/sources.list.d";
Dir::Etc::PreferencesParts "$apt/etc/preferences.d";
Dir::State "$apt";
Dir::State::Lists "$apt/lists";
Dir::State::status "/dev/null";
Dir::Cache "$apt/cache";
APT::Architecture "$arch";
APT::Architectures { "$arch"; };
APT::Sandbox::User "root";
CONF
}

update() {
	configure
	echo "apt-arch.sh: apt-get update for $arch ($apt)" >&2
	APT_CONFIG=$apt/apt.conf apt-get -q update > "$apt/log" 2>&1 ||
		{ echo "apt-arch.sh: apt-get update failed (see $apt/log)" >&2; return 1; }
}

download() {
	(cd "$dir" && APT_CONFIG=$apt/apt.conf apt-get -q download "$@") >> "$apt/log" 2>&1
}

mkdir -p "$dir"
[ -f "$apt/apt.conf" ] || update
# lists that lack a package, or name a version the archive no longer has,
# are refreshed once
download "$@" || { update && download "$@"; } ||
	{ echo "apt-arch.sh: apt-get download $* for $arch failed (see $apt/log)" >&2; exit 1; }
