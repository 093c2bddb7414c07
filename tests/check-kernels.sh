#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# check-kernels.sh: make check on each kernel of the matrix (kernels.sh
# matrix), installing them as need be, then the Debian packages' test
# (deb.sh check), then a table of the results; the last line sums them
# up, "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
logs=$top/build/kernels

"$top/tests/deps.sh" || exit 1
matrix=$("$top/tests/kernels.sh" matrix) || exit 1
rm -rf "$logs"
mkdir -p "$logs"
for kver in $matrix; do
	echo "# make check KVER=$kver"
	start=$(date +%s)
	KVER=$kver "$top/tests/check.sh" 2>&1 | tee "$logs/$kver.log"
	echo "$kver $(($(date +%s) - start)) $(tail -n 1 "$logs/$kver.log")" >> "$logs/table"
done

echo "# the Debian packages, DKMS on each kernel, the guest with them"
start=$(date +%s)
"$top/tests/deb.sh" check 2>&1 | tee "$logs/deb.log"
echo "packages $(($(date +%s) - start)) $(grep -c '^ok - ' "$logs/deb.log") passed," \
	"$(grep -c '^not ok - ' "$logs/deb.log") failed" >> "$logs/table"

echo "# kernel                      seconds  results"
awk '{ printf "# %-28s %7d  %s\n", $1, $2, substr($0, index($0, $3)) }' "$logs/table"
awk '
$4 == "passed," && $6 == "failed" { passed += $3; failed += $5; next }
{ failed++ }	# a run that did not get as far as its results
END { printf "%d passed, %d failed\n", passed, failed; exit failed > 0 }
' "$logs/table"
