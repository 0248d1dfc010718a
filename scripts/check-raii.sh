#!/usr/bin/env bash
# libgit2 is used through the RAII handles of include/perechen/git/ only (docs/style.md, 9): no
# C++ file outside src/git/ and include/perechen/git/ frees a libgit2 object itself. Lists every
# call of git_*_free found elsewhere, as file:line: text, and exits 1 when there is any.
#   scripts/check-raii.sh
set -euo pipefail
cd "$(dirname "$0")/.."
offenders=$(git grep -n -E '\bgit_[a-z_]*_free\b' -- '*.cpp' '*.hpp' '*.c' '*.h' \
  ':!src/git/' ':!include/perechen/git/' || true)
if [ -n "$offenders" ]; then
  echo "check-raii: libgit2 objects freed by hand outside src/git/ and include/perechen/git/;"
  echo "use the handles of include/perechen/git/handle.hpp instead:"
  echo "$offenders"
  exit 1
fi
echo "check-raii: no git_*_free outside src/git/ and include/perechen/git/"
