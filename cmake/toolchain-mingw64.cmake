# SPDX-License-Identifier: Apache-2.0
# Cross build for 64-bit Windows with Debian's mingw-w64 (g++-mingw-w64-x86-64-posix: the posix
# thread model, which std::thread needs), used by scripts/release/windows.sh and
# scripts/release/build-deps-windows.sh:
#   PERECHEN_MINGW_PREFIX=DIR cmake -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-mingw64.cmake ...
# DIR (the release cache, ~/.cache/perechen-release/windows-x86_64-KEY) is the only place where
# libraries, headers, CMake packages and pkg-config files are looked for: nothing of the build
# machine's /usr may reach a Windows program. It comes from the environment because CMake reads
# this file again in every try_compile, where only the environment is sure to be passed on.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_VERSION 10.0)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(PERECHEN_MINGW_TRIPLE x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${PERECHEN_MINGW_TRIPLE}-gcc-posix)
set(CMAKE_CXX_COMPILER ${PERECHEN_MINGW_TRIPLE}-g++-posix)
set(CMAKE_RC_COMPILER ${PERECHEN_MINGW_TRIPLE}-windres)
# Windows 10 and later.
set(CMAKE_C_FLAGS_INIT "-D_WIN32_WINNT=0x0A00")
set(CMAKE_CXX_FLAGS_INIT "-D_WIN32_WINNT=0x0A00")

if(DEFINED ENV{PERECHEN_MINGW_PREFIX})
  set(CMAKE_FIND_ROOT_PATH "$ENV{PERECHEN_MINGW_PREFIX}")
  list(APPEND CMAKE_PREFIX_PATH "$ENV{PERECHEN_MINGW_PREFIX}")
  set(ENV{PKG_CONFIG_LIBDIR} "$ENV{PERECHEN_MINGW_PREFIX}/lib/pkgconfig:$ENV{PERECHEN_MINGW_PREFIX}/share/pkgconfig")
  set(ENV{PKG_CONFIG_PATH} "")
endif()
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
