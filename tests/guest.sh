#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# guest.sh: boot the test guest with Lunatik loaded and get its shell (make guest).
set -eu
. "$(dirname "$0")/lib.sh"

"$top/tests/deps.sh"
guest_kernel
guest_build || { cat "$out/build.log"; exit 1; }
guest_initramfs shell ${EXAMPLE:-}
# the kernel's log stays in dmesg unless BOOTLOG is set
[ -n "${BOOTLOG:-}" ] || GUEST_CMDLINE="$GUEST_CMDLINE quiet"
guest_boot -nographic
