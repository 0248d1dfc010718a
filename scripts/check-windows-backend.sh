#!/usr/bin/env bash
# Compiles every source of perechen for Windows with Debian's mingw-w64 cross compiler, syntax
# only: src/**/*.cpp but the POSIX backend of the platform module (src/platform/posix/) and the
# gost engine loaded at run time (src/cms/gost_loaded/: the Windows build links the engine in),
# as C++20 for Windows 10, with the project's warnings (cmake/StandardWarnings.cmake) as errors.
# It keeps the code base compiling for Windows while it is written on Linux; the link of
# perechen.exe is scripts/release.sh's. Installs the compiler when it is missing (apt-get,
# through sudo unless root) and never skips: a CTest test (platform/windows-backend) runs it.
#   bash scripts/check-windows-backend.sh [FILE.cpp...]
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

# The third-party headers are Debian's Linux -dev packages', each through a link of its own in
# one folder: -I/usr/include would put glibc's headers before mingw's. OpenSSL's
# configuration.h is the amd64 one (/usr/include/x86_64-linux-gnu/openssl/), which says what
# is built in, not what the platform is: good enough to check syntax against.
include=$(mktemp -d)
trap 'rm -rf "$include"' EXIT
headers=(fmt nlohmann yaml-cpp CLI git2.h git2 zip.h zipconf.h expat.h expat_external.h
         xlsxwriter.h xlsxwriter zlib.h zconf.h)
for header in "${headers[@]}"; do
  if [ ! -e "/usr/include/$header" ]; then
    echo "check-windows-backend: /usr/include/$header is missing (bash scripts/install-deps.sh)" >&2
    exit 1
  fi
  ln -s "/usr/include/$header" "$include/$header"
done
mkdir "$include/openssl"
for header in /usr/include/openssl/*.h /usr/include/x86_64-linux-gnu/openssl/*.h; do
  ln -sf "$header" "$include/openssl/"
done

mapfile -t warnings < <(grep -o -- '-W[a-z-]*' cmake/StandardWarnings.cmake | sort -u)
if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(find src -name '*.cpp' -not -path 'src/platform/posix/*' \
                         -not -path 'src/cms/gost_loaded/*' | sort)
fi
# Two compilers at a time (the machine is shared); each file's errors are printed after it.
flags="-std=c++20 -fsyntax-only -D_WIN32_WINNT=0x0A00 -DFMT_HEADER_ONLY ${warnings[*]} -Werror"
flags+=" -Iinclude -isystem $include"
# Each file's errors go to a file in the temporary folder, never beside the source.
errors="$include/errors"
mkdir "$errors"
export cxx flags errors
failed=$(printf '%s\0' "${files[@]}" |
  xargs -0 -n 1 -P 2 sh -c 'log="$errors/$$.log"; $cxx $flags "$0" 2>"$log" || echo "$0"
    cat "$log" >&2; rm -f "$log"' | sort)
if [ -n "$failed" ]; then
  echo "check-windows-backend: $(wc -l <<<"$failed") of ${#files[@]} files do not compile for Windows:" >&2
  echo "$failed" >&2
  exit 1
fi
echo "check-windows-backend: ${#files[@]} files compile for Windows with $("$cxx" -dumpversion)"
