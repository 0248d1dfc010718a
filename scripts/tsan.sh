#!/usr/bin/env bash
# ThreadSanitizer over what runs on several threads: parallel_for and the work it spreads (reading
# and parsing a registry's files, the rule units), through the unit tests that drive it
# (tests/unit/parallel_test.cpp: a large registry loaded and checked, exceptions thrown on worker
# threads). Built with clang and -fsanitize=thread in build-tsan/; fails on any race report.
# A stage of .ci/run.
#   scripts/tsan.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build-tsan
targets=(unit_parallel_test)
if ! command -v clang++ >/dev/null; then
  echo "scripts/tsan.sh: clang++ is needed (apt-get install clang)" >&2
  exit 3
fi
sanitize="-fsanitize=thread -fno-omit-frame-pointer -g -O1"
flags=(-DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++
       "-DCMAKE_C_FLAGS=$sanitize" "-DCMAKE_CXX_FLAGS=$sanitize"
       -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread -DPERECHEN_SANITIZE=OFF)
if command -v ccache >/dev/null; then
  flags+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
start=$SECONDS
cmake -S . -B "$dir" -G Ninja "${flags[@]}" >/dev/null
cmake --build "$dir" -j "$(nproc)" --target "${targets[@]}"
built=$SECONDS
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1 second_deadlock_stack=1}"
# clang 14's ThreadSanitizer cannot map its shadow memory under the address-space randomisation
# of newer kernels; the tests run without it.
norandom=()
if command -v setarch >/dev/null && setarch "$(uname -m)" -R true 2>/dev/null; then
  norandom=(setarch "$(uname -m)" -R)
fi
status=0
for target in "${targets[@]}"; do
  "${norandom[@]}" "$dir/tests/$target" || status=1
done
echo "scripts/tsan.sh: built in $((built - start)) s, ran in $((SECONDS - built)) s"
exit $status
