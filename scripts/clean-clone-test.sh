#!/usr/bin/env bash
# The README's second command in a fresh clone with nothing beside it: HEAD of this repository is
# cloned into a folder of its own (PERECHEN_CLEAN_CLONE_DIR, default /tmp/perechen-clean-clone,
# which holds the clone and nothing else) and `bash scripts/test.sh` runs there, so that a test
# reading anything outside the project's own tree fails here as it would for a new user.
#   scripts/clean-clone-test.sh [--plain]   (the options go on to scripts/test.sh)
# A second run reuses that clone: it checks out the new HEAD and removes every file git does not
# track but the build folders, so that only what changed is rebuilt.
set -euo pipefail
cd "$(dirname "$0")/.."
source=$(pwd)
head=$(git rev-parse HEAD)
parent=${PERECHEN_CLEAN_CLONE_DIR:-${TMPDIR:-/tmp}/perechen-clean-clone}
clone=$parent/perechen
mkdir -p "$parent"
if [ -d "$clone/.git" ]; then
  git -C "$clone" fetch -q "$source" "$head"
  git -C "$clone" checkout -q -f --detach "$head"
  git -C "$clone" clean -q -ffdx -e /build-test -e /build-plain
else
  rm -rf "$clone"
  git clone -q --no-local --no-checkout "$source" "$clone"
  git -C "$clone" checkout -q --detach "$head"
fi
# Nothing beside the clone.
find "$parent" -mindepth 1 -maxdepth 1 ! -name perechen -exec rm -rf {} +
echo "clean clone of $(git rev-parse --short HEAD) in $clone; beside it: $(ls -A "$parent" | grep -vx perechen | wc -l) entries"
cd "$clone"
bash scripts/test.sh "$@"
