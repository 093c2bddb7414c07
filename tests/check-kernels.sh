#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# check-kernels.sh: make check on each kernel of the matrix (kernels.sh
# matrix), installing them as need be, then the Debian packages' test
# (deb.sh check), then make check ARCH=arm64 on Debian 12's arm64 kernel,
# then a table of the results; the last line sums them up, "N passed, N
# failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
logs=$top/build/kernels

if ! "$top/tests/deps.sh" || ! matrix=$("$top/tests/kernels.sh" matrix); then
	echo "not ok - kernels: the dependencies are installed and the matrix is found"
	echo "0 passed, 1 failed"
	exit 1
fi
rm -rf "$logs"
mkdir -p "$logs"

# a line of the table: what, seconds, passed, failed
row() {
	echo "$1 $2 $3 $4" >> "$logs/table"
}

# make check on kernel $1 of architecture $2, a row of the table
check() {
	echo "# make check KVER=$1 ARCH=$2"
	start=$(date +%s)
	KVER=$1 ARCH=$2 "$top/tests/check.sh" 2>&1 | tee "$logs/$1.log"
	# (a run that ends before its last line counts as one failure)
	set -- "$1" $(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$logs/$1.log" | tail -n 1)
	row "$1" $(($(date +%s) - start)) "${2:-0}" "${3:-1}"
}

for kver in $matrix; do
	check "$kver" amd64
done

echo "# the Debian packages, DKMS on each kernel, the guest with them"
start=$(date +%s)
"$top/tests/deb.sh" check 2>&1 | tee "$logs/deb.log"
planned=$(awk '$3 == "usage" || $1 == "log" { n += $2 } END { print n }' "$top/tests/plan")
passed=$(grep -c '^ok - ' "$logs/deb.log")
failed=$(grep -c '^not ok - ' "$logs/deb.log")
if [ $((passed + failed)) != "$planned" ]; then
	echo "not ok - deb: the packages' test gave $((passed + failed)) results of $planned planned"
	failed=$((failed + 1))
fi
row packages $(($(date +%s) - start)) "$passed" "$failed"

# arm64: Debian 12's own kernel for it, in QEMU's virt machine
check "$(ARCH=arm64 "$top/tests/kernels.sh" default)" arm64

echo "# what                           seconds  passed  failed"
awk '{ printf "# %-28s %9d %7d %7d\n", $1, $2, $3, $4 }' "$logs/table"
awk '{ passed += $3; failed += $4 }
END { printf "%d passed, %d failed\n", passed, failed; exit failed > 0 }' "$logs/table"
