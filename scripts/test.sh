#!/usr/bin/env bash
# The README's second command: installs what is missing, builds perechen and every test, runs them.
#   scripts/test.sh            a Debug build in build-test/ under AddressSanitizer and
#                              UndefinedBehaviorSanitizer: every run of the suite is a sanitizer run
#   scripts/test.sh --plain    the same without sanitizers, in build-plain/ (quicker to build)
# (--sanitize, the former name of the default, is still accepted.)
# A test that cannot run here is reported as skipped; when CI is set (or PERECHEN_TEST_STRICT=1 is
# given) it fails instead, so that a CI run never passes on tests that did not run.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${CI:-}" ]; then
  export PERECHEN_TEST_STRICT=1
fi
bash scripts/install-deps.sh
dir=build-test
flags=(-DCMAKE_BUILD_TYPE=Debug -DPERECHEN_WERROR=ON)
# A compiler cache, when the machine has one, makes the second build of a clone nearly free.
if command -v ccache >/dev/null; then
  flags+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
case "${1:-}" in
  "" | --sanitize)
    flags+=(-DPERECHEN_SANITIZE=ON)
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    ;;
  --plain)
    dir=build-plain
    flags+=(-DPERECHEN_SANITIZE=OFF)
    ;;
  *)
    echo "usage: scripts/test.sh [--plain]" >&2
    exit 2
    ;;
esac
cmake -S . -B "$dir" -G Ninja "${flags[@]}" >/dev/null
cmake --build "$dir" -j "$(nproc)"
ctest --test-dir "$dir" -j "$(nproc)" --output-on-failure --no-tests=error
