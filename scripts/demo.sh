#!/usr/bin/env bash
# The README's first command: installs what is missing, builds perechen, checks the example
# registry (clean) and the broken one (findings in Russian), then shows the approval lifecycle on a
# temporary copy of the example with throwaway keys.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
echo "== сборка (build/perechen; журнал — build/build.log)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DPERECHEN_TESTS=OFF >/dev/null
# The log is shown only when the build fails: GCC 12 at -O2 prints false -Wrestrict and
# -Wmaybe-uninitialized warnings inside libstdc++'s std::string that would only be noise here.
if ! cmake --build build --target perechen >build/build.log 2>&1; then
  cat build/build.log
  exit 1
fi
echo
echo "== perechen validate: examples/registry"
./build/perechen -C examples/registry validate
echo
echo "== perechen validate: examples/broken (находки ожидаемы, код выхода 1)"
./build/perechen -C examples/broken validate && status=0 || status=$?
echo "код выхода: $status"
echo
echo "== согласование на временной копии примера с одноразовыми ключами"
sh scripts/lifecycle-demo.sh "$PWD/build/perechen"
