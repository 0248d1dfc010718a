#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Every C++ file of the project says its licence on its first line, as SPDX has it:
#   // SPDX-License-Identifier: Apache-2.0
# (LICENSE holds the full text). Lists every tracked .cpp, .hpp and .cpp.in without it and exits 1
# when there is any.
#   scripts/check-spdx.sh
set -euo pipefail
cd "$(dirname "$0")/.."
expected='// SPDX-License-Identifier: Apache-2.0'
missing=()
while IFS= read -r -d '' file; do
  first=$(head -n 1 -- "$file")
  [ "$first" = "$expected" ] || missing+=("$file")
done < <(git ls-files -z -- '*.cpp' '*.hpp' '*.cpp.in')
if [ ${#missing[@]} -gt 0 ]; then
  echo "check-spdx: these files do not begin with \"$expected\":"
  printf '  %s\n' "${missing[@]}"
  exit 1
fi
[ -f LICENSE ] && grep -q "Apache License" LICENSE || {
  echo "check-spdx: LICENSE with the Apache License 2.0 is missing"
  exit 1
}
echo "check-spdx: every C++ file names its licence (Apache-2.0)"
