#!/usr/bin/env bash
# The Debian package as Debian's own checker sees it: `cpack -G DEB` from the build folder, then
# `lintian` (Debian's package), which must report no errors (compressed manual pages, a copyright
# file, a changelog).
#   tests/tools/lintian.sh PERECHEN SOURCE_DIR
set -euo pipefail
build=$(dirname "$(realpath "$1")")
skip() {
  echo "SKIPPED: $*"
  exit 77
}
command -v cpack >/dev/null || skip "cpack is not installed"
command -v dpkg-deb >/dev/null || skip "dpkg-deb is not installed"
if ! command -v lintian >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends lintian \
      >/dev/null 2>&1 || true
  fi
  command -v lintian >/dev/null || skip "lintian is not installed (apt-get install lintian)"
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
