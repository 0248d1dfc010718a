#!/usr/bin/env bash
# Builds the static libraries of scripts/release/versions.env from Debian's source packages into
# PREFIX (lib/*.a, include/, lib/pkgconfig/, lib/cmake/). Called by scripts/release.sh, which
# keeps PREFIX as the cache; run alone it needs deb-src enabled (release.sh does that).
#   bash scripts/release/build-deps.sh PREFIX
#
# Every build is niced and runs two jobs: the machine is shared. A source package whose Debian
# part the archive no longer serves (404 for its .debian.tar.*) is built from its .orig tarball,
# the same upstream code without Debian's patches, and the script says so (fetch.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/release/versions.env
. "$here/versions.env"
prefix=$1
mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/perechen-deps.XXXXXX")
trap 'rm -rf "$work"' EXIT
jobs=(nice -n 15)
cmake_common=(-G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix"
  -DCMAKE_INSTALL_LIBDIR=lib -DBUILD_SHARED_LIBS=OFF -DCMAKE_POSITION_INDEPENDENT_CODE=ON
  -DCMAKE_PREFIX_PATH="$prefix")

# shellcheck source=scripts/release/fetch.sh
. "$here/fetch.sh"

configure() {  # source folder, then cmake options
  local src=$1
  shift
  "${jobs[@]}" cmake -S "$src" -B "$src/build-release" "${cmake_common[@]}" "$@" >"$src/configure.log" 2>&1 ||
    { tail -40 "$src/configure.log" >&2; return 1; }
}
build() {  # source folder, then the targets (all when none)
  local src=$1
  shift
  local targets=()
  [ $# -eq 0 ] || targets=(--target "$@")
  "${jobs[@]}" cmake --build "$src/build-release" -j2 "${targets[@]}" >"$src/build.log" 2>&1 ||
    { tail -40 "$src/build.log" >&2; return 1; }
}
build_cmake() {  # source folder, then cmake options
  configure "$@"
  build "$1"
}

echo "release: fmt $FMTLIB_VERSION"
src=$(fetch "$FMTLIB_SOURCE" "$FMTLIB_VERSION")
build_cmake "$src" -DFMT_TEST=OFF -DFMT_DOC=OFF -DFMT_INSTALL=ON
cmake --install "$src/build-release" >/dev/null

echo "release: yaml-cpp $YAML_CPP_VERSION"
src=$(fetch "$YAML_CPP_SOURCE" "$YAML_CPP_VERSION")
build_cmake "$src" -DYAML_CPP_BUILD_TESTS=OFF -DYAML_CPP_BUILD_TOOLS=OFF -DYAML_CPP_BUILD_CONTRIB=OFF
cmake --install "$src/build-release" >/dev/null

echo "release: libgit2 $LIBGIT2_VERSION"
src=$(fetch "$LIBGIT2_SOURCE" "$LIBGIT2_VERSION")
# Local repositories only (perechen runs no git transport: people push with git itself), so no
# HTTPS, SSH, GSSAPI or NTLM; Debian's libgit2.a needs libgssapi_krb5, which has no static
# archive. Debian's +ds source has no bundled deps/: regular expressions from libpcre2-8.a, the
# HTTP parser from libhttp_parser.a, zlib from libz.a; SHA-1 with collision detection.
build_cmake "$src" -DBUILD_TESTS=OFF -DBUILD_CLI=OFF -DBUILD_EXAMPLES=OFF -DUSE_HTTPS=OFF \
  -DUSE_SSH=OFF -DUSE_GSSAPI=OFF -DUSE_NTLMCLIENT=OFF -DUSE_ICONV=OFF -DREGEX_BACKEND=pcre2 \
  -DUSE_HTTP_PARSER=system -DUSE_SHA1=CollisionDetection -DUSE_SHA256=Builtin \
  -DUSE_BUNDLED_ZLIB=OFF
cmake --install "$src/build-release" >/dev/null

echo "release: libzip $LIBZIP_VERSION"
src=$(fetch "$LIBZIP_SOURCE" "$LIBZIP_VERSION")
# Deflate only (zlib), as the documents perechen reads and writes need; no encryption.
build_cmake "$src" -DENABLE_BZIP2=OFF -DENABLE_LZMA=OFF -DENABLE_ZSTD=OFF -DENABLE_COMMONCRYPTO=OFF \
  -DENABLE_GNUTLS=OFF -DENABLE_MBEDTLS=OFF -DENABLE_OPENSSL=OFF -DENABLE_WINDOWS_CRYPTO=OFF \
  -DBUILD_TOOLS=OFF -DBUILD_REGRESS=OFF -DBUILD_EXAMPLES=OFF -DBUILD_DOC=OFF
cmake --install "$src/build-release" >/dev/null

echo "release: libxlsxwriter $LIBXLSXWRITER_VERSION"
src=$(fetch "$LIBXLSXWRITER_SOURCE" "$LIBXLSXWRITER_VERSION")
# MD5 (of embedded images) from libcrypto, which perechen links anyway: the bundled md5.c defines
# the same MD5_* symbols as libcrypto.a.
build_cmake "$src" -DBUILD_TESTS=OFF -DBUILD_EXAMPLES=OFF -DUSE_SYSTEM_MINIZIP=OFF -DUSE_OPENSSL_MD5=ON
cmake --install "$src/build-release" >/dev/null
# Its pkg-config file is written by the Makefile build only; the one CMake needs is this.
mkdir -p "$prefix/lib/pkgconfig"
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

echo "release: gost-engine $GOST_ENGINE_VERSION"
src=$(fetch "$GOST_ENGINE_SOURCE" "$GOST_ENGINE_VERSION")
# The engine in library form (ENGINE_load_gost registers it) as a static archive; upstream builds
# that form as a shared library only.
cat >>"$src/CMakeLists.txt" <<'CM'

add_library(gost_engine_static STATIC ${GOST_ENGINE_SOURCE_FILES})
target_compile_definitions(gost_engine_static PRIVATE BUILDING_ENGINE_AS_LIBRARY)
target_link_libraries(gost_engine_static PRIVATE OpenSSL::Crypto)
CM
configure "$src" -DOPENSSL_USE_STATIC_LIBS=ON
build "$src" gost_engine_static gost_core gost_err
for lib in gost_engine_static gost_core gost_err; do
  find "$src/build-release" -name "lib$lib.a" -exec cp {} "$prefix/lib/" \;
  [ -f "$prefix/lib/lib$lib.a" ] || { echo "release: lib$lib.a was not built" >&2; exit 1; }
done
cp "$src/gost-engine.h" "$prefix/include/"
echo "release: libraries in $prefix"
