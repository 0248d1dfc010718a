#!/usr/bin/env bash
# The release build, as root on Debian 12: one static Linux binary with the gost engine inside,
# and around it the tar.gz, the .deb and the .rpm; perechen.exe, cross-compiled with mingw-w64
# with the gost engine inside too, in its zip (scripts/release/windows.sh); all in dist/.
#   bash scripts/release.sh            # writes dist/, prints each artefact and its size
#
# Invariants:
# - Idempotent: run again, it rebuilds perechen and the packages only. The third-party libraries
#   (scripts/release/versions.env, built by scripts/release/build-deps.sh from Debian's source
#   packages, `apt-get source` from deb-src of the same archive, nothing else downloaded) live in
#   ~/.cache/perechen-release/<key>/, the key being made of those files and fetch.sh; a folder is used only
#   once its build finished (.complete).
# - The binary loads no shared library at all (checked: no PT_INTERP, no DT_NEEDED), so it runs in
#   an empty chroot and on any x86_64 Linux with a 3.2+ kernel.
# - Debian's packages only: what is missing is installed with apt-get.
# - perechen.exe imports only Windows' own DLLs (scripts/release/windows.sh checks it); its
#   libraries are built the same way, into ~/.cache/perechen-release/windows-x86_64-<key>/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
start=$SECONDS
[ "$(id -u)" -eq 0 ] || { echo "release: run as root (apt-get installs what is missing)" >&2; exit 1; }
# shellcheck source=scripts/release/versions.env
. scripts/release/versions.env

# --- Tools and Debian's static archives -----------------------------------------------------
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2206
packages=(g++ cmake ninja-build pkg-config git file dpkg-dev lintian rpm rpmlint xz-utils gzip
  ca-certificates ${DEBIAN_STATIC_PACKAGES})
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "release: installing ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# deb-src of the archive the machine already uses (the deb entries of its deb822 sources),
# so `apt-get source` gets the very versions of that archive.
src_list=/etc/apt/sources.list.d/perechen-release-src.sources
if [ ! -f "$src_list" ]; then
  shopt -s nullglob
  for f in /etc/apt/sources.list.d/*.sources; do
    sed -n 's/^Types: *deb$/Types: deb-src/;p' "$f"
    echo
  done >"$src_list.tmp"
  shopt -u nullglob
  if [ -f /etc/apt/sources.list ] && grep -q '^deb ' /etc/apt/sources.list; then
    sed -n 's/^deb /deb-src /p' /etc/apt/sources.list >"${src_list%.sources}.list"
  fi
  if grep -q '^Types: deb-src' "$src_list.tmp"; then
    mv "$src_list.tmp" "$src_list"
  else
    rm -f "$src_list.tmp"
    touch "$src_list"  # the one-line format only; the .list beside it has the deb-src lines
  fi
  apt-get update -qq
fi

# --- The libraries, cached ------------------------------------------------------------------
key=$(cat scripts/release/versions.env scripts/release/build-deps.sh scripts/release/fetch.sh | sha256sum | cut -c1-16)
cache=${PERECHEN_RELEASE_CACHE:-$HOME/.cache/perechen-release}/linux-x86_64-$key
if [ -f "$cache/.complete" ]; then
  echo "release: libraries from the cache $cache"
else
  echo "release: building the libraries into $cache"
  rm -rf "$cache"
  if ! apt-cache showsrc "$LIBZIP_SOURCE" 2>/dev/null | grep -q "^Version: $LIBZIP_VERSION"; then
    apt-get update -qq
  fi
  deps_start=$SECONDS
  bash scripts/release/build-deps.sh "$cache"
  touch "$cache/.complete"
  echo "release: libraries built in $((SECONDS - deps_start)) s"
fi

# --- perechen ---------------------------------------------------------------------------------
build=${PERECHEN_RELEASE_BUILD:-$root/build-release}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
mkdir -p "$build"
# Configured afresh each time: the cache folder's key may have changed, and CMake's cache would
# keep the libraries it found before.
rm -f "$build/CMakeCache.txt"
PKG_CONFIG_PATH="$cache/lib/pkgconfig" cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DPERECHEN_STATIC=ON -DPERECHEN_TESTS=OFF -DCMAKE_PREFIX_PATH="$cache" \
  -DGOST_ENGINE_LIBRARIES="$cache/lib/libgost_engine_static.a;$cache/lib/libgost_core.a;$cache/lib/libgost_err.a" \
  "${launcher[@]}" >"$build/release-configure.log" 2>&1 || { tail -30 "$build/release-configure.log" >&2; exit 1; }
# glibc's warnings about getpwnam and dlopen in a static program are expected: see
# docs/install.md (the binary reads $HOME, and loads nothing).
nice -n 10 cmake --build "$build" -j2 --target perechen >"$build/release-build.log" 2>&1 ||
  { grep -E 'error|Error' "$build/release-build.log" | head -30 >&2; tail -20 "$build/release-build.log" >&2; exit 1; }
binary=$build/perechen
if ! file "$binary" | grep -q 'statically linked' || readelf -lW "$binary" | grep -q INTERP ||
  readelf -dW "$binary" | grep -q NEEDED; then
  echo "release: $binary is not a static program:" >&2
  file "$binary" >&2
  exit 1
fi
version=$("$binary" --version | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1)
"$binary" doctor --help >/dev/null

# --- Artefacts ----------------------------------------------------------------------------------
dist=${PERECHEN_DIST:-$root/dist}
rm -rf "$dist"
mkdir -p "$dist"
bash scripts/release/package-linux.sh "$build" "$version" "$dist"
bash scripts/release/windows.sh "$binary" "$version" "$dist"
echo "release: done in $((SECONDS - start)) s"
(cd "$dist" && ls -l)
