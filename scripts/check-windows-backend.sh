#!/usr/bin/env bash
# Compiles the Windows backend of the platform module with Debian's mingw-w64 cross compiler,
# syntax only: src/platform/*.cpp (shared by every backend) and src/platform/windows/*.cpp, as
# C++20 for Windows 10, with the project's warnings (cmake/StandardWarnings.cmake) as errors. It
# keeps the Windows code compiling while it is written on Linux; a full Windows build of perechen
# is another matter. Installs the compiler when it is missing (apt-get, through sudo unless root)
# and never skips: a CTest test (platform/windows-backend) runs it.
#   bash scripts/check-windows-backend.sh
set -euo pipefail
cd "$(dirname "$0")/.."

cxx=x86_64-w64-mingw32-g++-posix
package=g++-mingw-w64-x86-64-posix
if ! command -v "$cxx" >/dev/null; then
  echo "check-windows-backend: installing $package"
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  if ! "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$package" >/dev/null; then
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$package" >/dev/null
  fi
fi

# fmt is used header-only here. Its headers come through a folder of their own: -I/usr/include
# would put glibc's headers before mingw's.
fmt_headers=$(pkg-config --variable=includedir fmt)/fmt
if [ ! -f "$fmt_headers/format.h" ]; then
  echo "check-windows-backend: fmt's headers are not in $fmt_headers (libfmt-dev)" >&2
  exit 1
fi
include=$(mktemp -d)
trap 'rm -rf "$include"' EXIT
ln -s "$fmt_headers" "$include/fmt"

mapfile -t warnings < <(grep -o -- '-W[a-z-]*' cmake/StandardWarnings.cmake)
files=(src/platform/*.cpp src/platform/windows/*.cpp)
for file in "${files[@]}"; do
  "$cxx" -std=c++20 -fsyntax-only -D_WIN32_WINNT=0x0A00 -DFMT_HEADER_ONLY "${warnings[@]}" \
    -Werror -Iinclude -I"$include" "$file"
done
echo "check-windows-backend: ${#files[@]} files compile for Windows with $("$cxx" -dumpversion)"
