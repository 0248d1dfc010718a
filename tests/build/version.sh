#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# cmake/Version.cmake, which makes the commit `perechen --version` prints, at every build: the
# commit of the working tree, "-dirty" once a tracked file changes, back to the plain id when the
# change is committed, "unknown" outside git; the file is rewritten only when its text changes.
#   tests/build/version.sh SOURCE_DIR
set -euo pipefail
source_dir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "version test: $*" >&2
  exit 1
}
printf 'commit=@PERECHEN_GIT_COMMIT@ version=@PROJECT_VERSION@\n' >"$work/template.in"
make_version() {
  cmake -DSOURCE="$1" -DTEMPLATE="$work/template.in" -DOUTPUT="$work/version.txt" \
    -DPROJECT_VERSION=9.8.7 -DPROJECT_HOMEPAGE_URL=https://x.example/ \
    -P "$source_dir/cmake/Version.cmake"
  cat "$work/version.txt"
}
repo="$work/repo"
mkdir "$repo"
git -C "$repo" init -q
echo one >"$repo/file"
git -C "$repo" add file
git -C "$repo" -c user.name=T -c user.email=t@x commit -qm one
id=$(git -C "$repo" rev-parse --short=12 HEAD)

[ "$(make_version "$repo")" = "commit=$id version=9.8.7" ] || fail "clean tree: $(cat "$work/version.txt")"
before=$(stat -c %Y.%i "$work/version.txt")
sleep 1
make_version "$repo" >/dev/null
[ "$(stat -c %Y.%i "$work/version.txt")" = "$before" ] || fail "the same commit rewrote the file"

echo two >"$repo/file"
[ "$(make_version "$repo")" = "commit=$id-dirty version=9.8.7" ] || fail "changed tree: $(cat "$work/version.txt")"

git -C "$repo" -c user.name=T -c user.email=t@x commit -qam two
id2=$(git -C "$repo" rev-parse --short=12 HEAD)
[ "$(make_version "$repo")" = "commit=$id2 version=9.8.7" ] || fail "after the commit: $(cat "$work/version.txt")"

mkdir "$work/plain"
[ "$(make_version "$work/plain")" = "commit=unknown version=9.8.7" ] || fail "outside git: $(cat "$work/version.txt")"
echo "version test: clean, dirty, committed and outside git as expected"
