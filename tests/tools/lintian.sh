#!/usr/bin/env bash
# The Debian package as Debian's own checker sees it: `cpack -G DEB` from the build folder, then
# `lintian` (Debian's package), which must report no errors (compressed manual pages, a copyright
# file, a changelog).
#   tests/tools/lintian.sh PERECHEN SOURCE_DIR
set -euo pipefail
build=$(dirname "$(realpath "$1")")
# shellcheck source=tests/support/tools.sh
. "$2/tests/support/tools.sh"
command -v cpack >/dev/null || skip "cpack is not installed"
command -v dpkg-deb >/dev/null || skip "dpkg-deb is not installed"
if ! command -v lintian >/dev/null; then
  install_packages lintian || skip "lintian is needed: $install_failure"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/perechen_*.deb)
# lintian says "E:" for errors; warnings and notes are reported, not failed on.
out=$(lintian --allow-root --tag-display-limit 0 "$deb" 2>&1 || true)
echo "$out"
if grep -q '^E: ' <<<"$out"; then
  echo "FAIL: lintian reports errors in $(basename "$deb")"
  exit 1
fi
echo "ok: lintian reports no errors in $(basename "$deb")"
