#!/usr/bin/env bash
# Makes sure a program the tests drive is there: prints its path, installing the Debian packages
# that hold it first when it is missing and this runs as root with apt-get. Exits 1 with the
# reason on standard error when it cannot be had; the test is skipped then (or fails, under
# PERECHEN_TEST_STRICT=1).
#   tests/support/ensure-program.sh PROGRAM "PACKAGE..."
set -uo pipefail
program=$1
packages=$2
# shellcheck source=tests/support/tools.sh
. "$(dirname "$0")/tools.sh"
if ! command -v "$program" >/dev/null; then
  # shellcheck disable=SC2086 # the packages are words
  install_packages $packages || { echo "$program: $install_failure" >&2; exit 1; }
fi
command -v "$program" || { echo "$program is still missing after installing $packages" >&2; exit 1; }
