#!/usr/bin/env bash
# Builds the static libraries perechen.exe needs for 64-bit Windows (x86_64-w64-mingw32, Debian's
# mingw-w64 with the posix thread model) from Debian's source packages pinned in
# scripts/release/versions.env, into PREFIX (lib/*.a, include/, lib/pkgconfig/, lib/cmake/).
# Called by scripts/release/windows.sh, which keeps PREFIX as the cache; run alone it needs deb-src
# enabled (scripts/release.sh does that) and the packages of windows.sh installed.
#   bash scripts/release/build-deps-windows.sh PREFIX
#
# Unlike Linux, Debian ships none of these for mingw, so all come from source: zlib, OpenSSL's
# libcrypto (with ENGINE support: the gost engine is one), expat, PCRE2 and http-parser (libgit2's
# +ds source has no bundled deps/), libgit2, fmt, yaml-cpp, libzip, libxlsxwriter, the gost engine,
# and the header-only CLI11 and nlohmann-json (installed from their sources so that nothing of the
# build machine's /usr/include reaches the cross compiler). A library whose build finished leaves
# PREFIX/.built/NAME, so a run stopped half-way goes on where it stopped. Builds are niced and run
# two jobs: the machine is shared.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
# shellcheck source=scripts/release/versions.env
. "$here/versions.env"
# shellcheck source=scripts/release/fetch.sh
. "$here/fetch.sh"
prefix=$1
mkdir -p "$prefix/.built" "$prefix/lib/pkgconfig" "$prefix/include"
prefix=$(cd "$prefix" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/perechen-deps-windows.XXXXXX")
trap 'rm -rf "$work"' EXIT
export PERECHEN_MINGW_PREFIX=$prefix
triple=x86_64-w64-mingw32
cc=$triple-gcc-posix
nice=(nice -n 10)
cmake_common=(-G Ninja -DCMAKE_TOOLCHAIN_FILE="$source_dir/cmake/toolchain-mingw64.cmake"
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR=lib
  -DBUILD_SHARED_LIBS=OFF)

built() { [ -f "$prefix/.built/$1" ]; }
mark() { touch "$prefix/.built/$1"; }
run_logged() {  # log file, then the command
  local log=$1
  shift
  "${nice[@]}" "$@" >"$log" 2>&1 || { tail -40 "$log" >&2; return 1; }
}
build_cmake() {  # source folder, then cmake options: configure, build, install
  local src=$1
  shift
  run_logged "$src/configure.log" cmake -S "$src" -B "$src/build-windows" "${cmake_common[@]}" "$@"
  run_logged "$src/build.log" cmake --build "$src/build-windows" -j2
  cmake --install "$src/build-windows" >/dev/null
}

if ! built zlib; then
  echo "release (windows): zlib $ZLIB_VERSION"
  src=$(fetch "$ZLIB_SOURCE" "$ZLIB_VERSION")
  # Debian's +dfsg source has no win32/ makefile: the library's files, compiled as they are.
  objects=()
  for c in adler32 compress crc32 deflate gzclose gzlib gzread gzwrite infback inffast inflate \
    inftrees trees uncompr zutil; do
    run_logged "$src/build.log" "$cc" -O2 -c "$src/$c.c" -o "$src/$c.o"
    objects+=("$src/$c.o")
  done
  rm -f "$prefix/lib/libz.a"
  $triple-ar rcs "$prefix/lib/libz.a" "${objects[@]}"
  cp "$src/zlib.h" "$src/zconf.h" "$prefix/include/"
  cat >"$prefix/lib/pkgconfig/zlib.pc" <<PC
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: zlib
Description: zlib compression library
Version: $(sed -n 's/^#define ZLIB_VERSION "\(.*\)"/\1/p' "$src/zlib.h")
Libs: -L\${libdir} -lz
Cflags: -I\${includedir}
PC
  mark zlib
fi

if ! built openssl; then
  echo "release (windows): OpenSSL $OPENSSL_VERSION (libcrypto)"
  src=$(fetch "$OPENSSL_SOURCE" "$OPENSSL_VERSION")
  # libcrypto only (perechen uses no TLS; OpenSSL 3.0 knows no no-apps or no-docs, but only the
  # library is made); no tests, modules or DSO loading
  # (the gost engine is linked in, nothing is loaded at run time), but ENGINE support stays: the
  # gost engine is one.
  (cd "$src" && run_logged "$src/configure.log" ./Configure mingw64 --cross-compile-prefix="$triple-" \
    CC=gcc-posix --prefix="$prefix" --libdir=lib --openssldir="$prefix/ssl" no-shared no-tests \
    no-module no-dso no-ui-console no-async no-legacy)
  run_logged "$src/build-generated.log" make -C "$src" -j2 build_generated
  run_logged "$src/build.log" make -C "$src" -j2 libcrypto.a libcrypto.pc
  cp "$src/libcrypto.a" "$prefix/lib/"
  mkdir -p "$prefix/include/openssl"
  cp "$src"/include/openssl/*.h "$prefix/include/openssl/"
  cp "$src/libcrypto.pc" "$prefix/lib/pkgconfig/"
  mark openssl
fi

if ! built expat; then
  echo "release (windows): expat $EXPAT_VERSION"
  src=$(fetch "$EXPAT_SOURCE" "$EXPAT_VERSION")
  [ -f "$src/CMakeLists.txt" ] || src=$src/expat
  run_logged "$src/configure.log" cmake -S "$src" -B "$src/build-windows" "${cmake_common[@]}" \
    -DEXPAT_BUILD_TOOLS=OFF -DEXPAT_BUILD_EXAMPLES=OFF -DEXPAT_BUILD_TESTS=OFF \
    -DEXPAT_BUILD_DOCS=OFF -DEXPAT_SHARED_LIBS=OFF -DEXPAT_BUILD_FUZZERS=OFF
  # Debian's security patches test `#if XML_DTD == 1`, as the autotools build defines it; the
  # CMake build defines its switches empty.
  sed -i 's/^#define \(XML_[A-Z_]*\)$/#define \1 1/' "$src/build-windows/expat_config.h"
  run_logged "$src/build.log" cmake --build "$src/build-windows" -j2
  cmake --install "$src/build-windows" >/dev/null
  mark expat
fi

if ! built pcre2; then
  echo "release (windows): PCRE2 $PCRE2_VERSION"
  src=$(fetch "$PCRE2_SOURCE" "$PCRE2_VERSION")
  build_cmake "$src" -DPCRE2_BUILD_PCRE2_8=ON -DPCRE2_BUILD_PCRE2_16=OFF -DPCRE2_BUILD_PCRE2_32=OFF \
    -DPCRE2_BUILD_PCRE2GREP=OFF -DPCRE2_BUILD_TESTS=OFF -DPCRE2_SUPPORT_JIT=OFF \
    -DPCRE2_SUPPORT_LIBBZ2=OFF -DPCRE2_SUPPORT_LIBZ=OFF -DPCRE2_SUPPORT_LIBEDIT=OFF \
    -DPCRE2_SUPPORT_LIBREADLINE=OFF -DPCRE2_STATIC_PIC=OFF
  mark pcre2
fi

if ! built http-parser; then
  echo "release (windows): http-parser $HTTP_PARSER_VERSION"
  src=$(fetch "$HTTP_PARSER_SOURCE" "$HTTP_PARSER_VERSION")
  run_logged "$src/build.log" "$cc" -O2 -c "$src/http_parser.c" -o "$src/http_parser.o"
  rm -f "$prefix/lib/libhttp_parser.a"
  $triple-ar rcs "$prefix/lib/libhttp_parser.a" "$src/http_parser.o"
  cp "$src/http_parser.h" "$prefix/include/"
  mark http-parser
fi

if ! built libgit2; then
  echo "release (windows): libgit2 $LIBGIT2_VERSION"
  src=$(fetch "$LIBGIT2_SOURCE" "$LIBGIT2_VERSION")
  # As on Linux: local repositories only (perechen runs no git transport), so no HTTPS, SSH,
  # GSSAPI, NTLM or WinHTTP (whose mingw import library is one of the deps/ that +ds lacks);
  # regular expressions from PCRE2 (linked statically: PCRE2_STATIC), the HTTP
  # parser and zlib from the builds above, SHA-1 with collision detection.
  build_cmake "$src" -DBUILD_TESTS=OFF -DBUILD_CLI=OFF -DBUILD_EXAMPLES=OFF -DUSE_HTTPS=OFF \
    -DUSE_SSH=OFF -DUSE_GSSAPI=OFF -DUSE_NTLMCLIENT=OFF -DUSE_ICONV=OFF -DREGEX_BACKEND=pcre2 \
    -DUSE_HTTP_PARSER=system -DUSE_SHA1=CollisionDetection -DUSE_SHA256=Builtin \
    -DUSE_BUNDLED_ZLIB=OFF -DUSE_WINHTTP=OFF -DCMAKE_C_FLAGS="-DPCRE2_STATIC"
  mark libgit2
fi

if ! built fmt; then
  echo "release (windows): fmt $FMTLIB_VERSION"
  src=$(fetch "$FMTLIB_SOURCE" "$FMTLIB_VERSION")
  build_cmake "$src" -DFMT_TEST=OFF -DFMT_DOC=OFF -DFMT_INSTALL=ON
  mark fmt
fi

if ! built yaml-cpp; then
  echo "release (windows): yaml-cpp $YAML_CPP_VERSION"
  src=$(fetch "$YAML_CPP_SOURCE" "$YAML_CPP_VERSION")
  build_cmake "$src" -DYAML_CPP_BUILD_TESTS=OFF -DYAML_CPP_BUILD_TOOLS=OFF \
    -DYAML_CPP_BUILD_CONTRIB=OFF -DYAML_BUILD_SHARED_LIBS=OFF
  mark yaml-cpp
fi

if ! built libzip; then
  echo "release (windows): libzip $LIBZIP_VERSION"
  src=$(fetch "$LIBZIP_SOURCE" "$LIBZIP_VERSION")
  build_cmake "$src" -DENABLE_BZIP2=OFF -DENABLE_LZMA=OFF -DENABLE_ZSTD=OFF \
    -DENABLE_COMMONCRYPTO=OFF -DENABLE_GNUTLS=OFF -DENABLE_MBEDTLS=OFF -DENABLE_OPENSSL=OFF \
    -DENABLE_WINDOWS_CRYPTO=OFF -DBUILD_TOOLS=OFF -DBUILD_REGRESS=OFF -DBUILD_EXAMPLES=OFF \
    -DBUILD_DOC=OFF
  mark libzip
fi

if ! built libxlsxwriter; then
  echo "release (windows): libxlsxwriter $LIBXLSXWRITER_VERSION"
  src=$(fetch "$LIBXLSXWRITER_SOURCE" "$LIBXLSXWRITER_VERSION")
  build_cmake "$src" -DBUILD_TESTS=OFF -DBUILD_EXAMPLES=OFF -DUSE_SYSTEM_MINIZIP=OFF -DUSE_OPENSSL_MD5=ON
  cat >"$prefix/lib/pkgconfig/xlsxwriter.pc" <<PC
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: xlsxwriter
Description: A C library for creating Excel XLSX files
Version: ${LIBXLSXWRITER_VERSION%-*}
Libs: -L\${libdir} -lxlsxwriter
Libs.private: -lz -lcrypto
Cflags: -I\${includedir}
PC
  mark libxlsxwriter
fi

if ! built gost-engine; then
  echo "release (windows): gost-engine $GOST_ENGINE_VERSION"
  src=$(fetch "$GOST_ENGINE_SOURCE" "$GOST_ENGINE_VERSION")
  # As on Linux: the engine in library form (ENGINE_load_gost registers it) as a static archive.
  # Its two checks that run a program are answered for x86_64 (a cross build runs nothing):
  # _addcarry_u64 is there, and unaligned reads are allowed. Only libcrypto was built: its test
  # of TLS (never built here) gets an empty OpenSSL::SSL to name.
  sed -i 's/^\(find_package(OpenSSL .*)\)$/\1\nif(NOT TARGET OpenSSL::SSL)\n  add_library(OpenSSL::SSL INTERFACE IMPORTED)\nendif()/' \
    "$src/CMakeLists.txt"
  cat >>"$src/CMakeLists.txt" <<'CM'

add_library(gost_engine_static STATIC ${GOST_ENGINE_SOURCE_FILES})
target_compile_definitions(gost_engine_static PRIVATE BUILDING_ENGINE_AS_LIBRARY)
target_link_libraries(gost_engine_static PRIVATE OpenSSL::Crypto)
CM
  run_logged "$src/configure.log" cmake -S "$src" -B "$src/build-windows" "${cmake_common[@]}" \
    -DOPENSSL_USE_STATIC_LIBS=ON -DOPENSSL_ROOT_DIR="$prefix" -DADDCARRY_U64=1 -DRELAXED_ALIGNMENT=1
  run_logged "$src/build.log" cmake --build "$src/build-windows" -j2 --target gost_engine_static gost_core gost_err
  for lib in gost_engine_static gost_core gost_err; do
    find "$src/build-windows" -name "lib$lib.a" -exec cp {} "$prefix/lib/" \;
    [ -f "$prefix/lib/lib$lib.a" ] || { echo "release: lib$lib.a was not built" >&2; exit 1; }
  done
  cp "$src/gost-engine.h" "$prefix/include/"
  mark gost-engine
fi

if ! built headers; then
  echo "release (windows): CLI11 $CLI11_VERSION, nlohmann-json $NLOHMANN_JSON_VERSION (headers)"
  src=$(fetch "$CLI11_SOURCE" "$CLI11_VERSION")
  build_cmake "$src" -DCLI11_BUILD_TESTS=OFF -DCLI11_BUILD_EXAMPLES=OFF -DCLI11_BUILD_DOCS=OFF \
    -DCLI11_SINGLE_FILE=OFF -DCLI11_INSTALL=ON
  src=$(fetch "$NLOHMANN_JSON_SOURCE" "$NLOHMANN_JSON_VERSION")
  build_cmake "$src" -DJSON_BuildTests=OFF -DJSON_Install=ON -DJSON_MultipleHeaders=ON
  mark headers
fi
echo "release (windows): libraries in $prefix"
