#!/usr/bin/env bash
# The Windows part of the release build (called by scripts/release.sh, as root on Debian 12):
# perechen.exe cross-compiled with Debian's mingw-w64 (x86_64-w64-mingw32, posix threads), linked
# statically with the gost engine inside, and around it perechen-VERSION-windows-x86_64.zip.
#   bash scripts/release/windows.sh HOST_PERECHEN VERSION DIST
# HOST_PERECHEN is a perechen of the same source built for this machine (the static Linux one):
# it writes the man pages, which the zip carries as UTF-8 text.
#
# Invariants:
# - The libraries (scripts/release/build-deps-windows.sh, every one from Debian's source packages
#   pinned in scripts/release/versions.env) live in ~/.cache/perechen-release/windows-x86_64-KEY/,
#   KEY being made of the pins and of the scripts and toolchain file that build them; a second run
#   builds perechen only.
# - perechen.exe imports only Windows' own DLLs (the list `allowed` below; checked with objdump):
#   it runs from the unpacked folder with nothing installed beside it.
# - Text files of the zip are for Notepad: UTF-8 with a BOM, CRLF line endings.
set -euo pipefail
host_perechen=$(realpath "$1")
version=$2
dist=$(cd "$3" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
start=$SECONDS
# shellcheck source=scripts/release/versions.env
. scripts/release/versions.env

export DEBIAN_FRONTEND=noninteractive
packages=(g++-mingw-w64-x86-64-posix binutils-mingw-w64-x86-64 cmake ninja-build pkg-config
  groff-base zip dpkg-dev make perl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "release (windows): installing ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- The libraries, cached ------------------------------------------------------------------
key=$(cat scripts/release/versions.env scripts/release/build-deps-windows.sh scripts/release/fetch.sh \
  cmake/toolchain-mingw64.cmake | sha256sum | cut -c1-16)
cache=${PERECHEN_RELEASE_CACHE:-$HOME/.cache/perechen-release}/windows-x86_64-$key
if [ -f "$cache/.complete" ]; then
  echo "release (windows): libraries from the cache $cache"
else
  # A folder left by a run that stopped goes on where it stopped (build-deps-windows.sh marks
  # each library it finished).
  echo "release (windows): building the libraries into $cache"
  if ! apt-cache showsrc "$OPENSSL_SOURCE" 2>/dev/null | grep -q "^Version: $OPENSSL_VERSION"; then
    apt-get update -qq
  fi
  deps_start=$SECONDS
  bash scripts/release/build-deps-windows.sh "$cache"
  touch "$cache/.complete"
  echo "release (windows): libraries built in $((SECONDS - deps_start)) s"
fi

# --- perechen.exe ---------------------------------------------------------------------------------
build=${PERECHEN_RELEASE_WINDOWS_BUILD:-$root/build-release-windows}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
mkdir -p "$build"
rm -f "$build/CMakeCache.txt"
export PERECHEN_MINGW_PREFIX=$cache
cmake -S . -B "$build" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchain-mingw64.cmake" \
  -DCMAKE_BUILD_TYPE=Release -DPERECHEN_STATIC=ON -DPERECHEN_TESTS=OFF \
  -DPERECHEN_HOST_PROGRAM="$host_perechen" \
  -DGOST_ENGINE_LIBRARIES="$cache/lib/libgost_engine_static.a;$cache/lib/libgost_core.a;$cache/lib/libgost_err.a" \
  "${launcher[@]}" >"$build/release-configure.log" 2>&1 || { tail -30 "$build/release-configure.log" >&2; exit 1; }
nice -n 10 cmake --build "$build" -j2 --target perechen >"$build/release-build.log" 2>&1 ||
  { grep -E 'error|Error' "$build/release-build.log" | head -40 >&2; tail -20 "$build/release-build.log" >&2; exit 1; }
exe=$build/perechen.exe

# Windows' own DLLs only (API sets and the C runtime that ships with every Windows 10).
allowed='^(kernel32|advapi32|user32|ws2_32|crypt32|bcrypt|shell32|ole32|rpcrt4|secur32|msvcrt|ntdll|api-ms-win-[a-z0-9-]+)\.dll$'
dlls=$(x86_64-w64-mingw32-objdump -p "$exe" | sed -n 's/^\s*DLL Name: //p' | tr '[:upper:]' '[:lower:]' | sort -u)
foreign=$(echo "$dlls" | grep -Ev "$allowed" || true)
if [ -n "$foreign" ]; then
  echo "release (windows): perechen.exe needs DLLs that are not Windows' own:" >&2
  echo "$foreign" >&2
  exit 1
fi
echo "release (windows): perechen.exe imports $(echo "$dlls" | tr '\n' ' ')"

# --- The zip ----------------------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/perechen-windows.XXXXXX")
trap 'rm -rf "$work"' EXIT
name=perechen-$version-windows-x86_64
stage=$work/$name
mkdir -p "$stage/man/en" "$stage/man/ru"
x86_64-w64-mingw32-strip -o "$stage/perechen.exe" "$exe"
# For Notepad: a BOM, CRLF line endings.
notepad() {  # source file (UTF-8, LF), target
  { printf '\357\273\277'; sed 's/$/\r/' "$1"; } >"$2"
}
notepad scripts/release/README-windows.txt "$stage/README-windows.txt"
notepad LICENSE "$stage/LICENSE.txt"
# The man pages as plain UTF-8 text (groff's utf8 device without bold or underlining).
for lang in en ru; do
  dir=$build/shell/man/man1
  [ "$lang" = en ] || dir=$build/shell/man/$lang/man1
  for page in "$dir"/*.1; do
    base=$(basename "$page" .1)
    GROFF_NO_SGR=1 groff -k -mandoc -Tutf8 -P-cbuo "$page" 2>"$work/groff.err" >"$work/$base.txt" ||
      { cat "$work/groff.err" >&2; exit 1; }
    notepad "$work/$base.txt" "$stage/man/$lang/$base.txt"
  done
done
[ -f "$stage/man/ru/perechen.txt" ] || { echo "release (windows): no man pages in $build/shell/man" >&2; exit 1; }
# The same bytes for the same source: fixed dates, sorted names, no extra attributes.
find "$stage" -exec touch -h -d @315532800 {} +
rm -f "$dist/$name.zip"
(cd "$work" && find "$name" | LC_ALL=C sort | zip -q -X -9 -@ "$dist/$name.zip")
echo "release (windows): $name.zip in $((SECONDS - start)) s"
