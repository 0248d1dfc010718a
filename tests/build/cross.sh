#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A cross build never runs the perechen it builds (cmake/Packaging.cmake): configured as a cross
# build (CMAKE_SYSTEM_NAME set), it stops with advice unless PERECHEN_HOST_PROGRAM names a
# perechen for the build machine; with one, the completions and man pages are made by that
# program, and the build runs no binary of the target.
#   tests/build/cross.sh SOURCE_DIR HOST_PERECHEN
set -euo pipefail
source_dir=$1
host=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "cross test: $*" >&2
  exit 1
}
configure() {
  cmake -S "$source_dir" -B "$work/build" -G Ninja -DCMAKE_SYSTEM_NAME=Linux \
    -DCMAKE_SYSTEM_PROCESSOR=aarch64 -DPERECHEN_TESTS=OFF "$@" >"$work/log" 2>&1
}
if configure; then
  fail "a cross configuration without PERECHEN_HOST_PROGRAM was accepted"
fi
grep -q "PERECHEN_HOST_PROGRAM" "$work/log" || fail "no advice: $(tail -5 "$work/log")"
rm -rf "$work/build"
configure "-DPERECHEN_HOST_PROGRAM=$host" || fail "with a host program: $(tail -5 "$work/log")"
grep -q -- "-DPERECHEN=$host" "$work/build/build.ninja" ||
  fail "the shell files are not made by $host"
echo "cross test: refused without a host program, made by $host with one"
