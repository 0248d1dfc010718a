#!/bin/sh
# The whole life of a change, on a throwaway copy of examples/registry with throwaway keys:
# a git repository is made, the roster gets freshly generated keys, the first version is
# committed, every role holder approves it with `perechen approve`, and `perechen status` and
# `perechen verify` show it fully approved. Nothing outside a temporary folder is touched.
#
# Usage: scripts/lifecycle-demo.sh PATH/TO/perechen
set -eu

if [ $# -ne 1 ]; then
  echo "usage: $0 PATH/TO/perechen" >&2
  exit 2
fi
case $1 in
  /*) perechen=$1 ;;
  *) perechen=$(pwd)/$1 ;;
esac
if [ ! -x "$perechen" ]; then
  echo "$0: $1 is not an executable" >&2
  exit 2
fi
source_dir=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -f "$source_dir/examples/registry/perechen.yaml" ]; then
  echo "$0: $source_dir/examples/registry is missing" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/perechen-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
registry=$work/registry
keys=$work/keys
mkdir "$keys"
cp -R "$source_dir/examples/registry" "$registry"
cd "$registry"

# Only this repository's settings count: no user configuration (git's or libgit2's, which reads
# $HOME/.gitconfig), no commit signing of the demo commit itself.
mkdir "$work/home"
HOME=$work/home
GIT_CONFIG_GLOBAL=/dev/null
GIT_CONFIG_NOSYSTEM=1
export HOME GIT_CONFIG_GLOBAL GIT_CONFIG_NOSYSTEM

if [ -t 1 ]; then
  say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
else
  say() { printf '\n$ %s\n' "$*"; }
fi
run() { say "$*"; "$@"; }

# A fresh key for each person of roster.yaml, and who holds a role of clause 3.4 (in the order of
# `roles:`, each once).
people=$(sh "$source_dir/scripts/throwaway-keys.sh" "$keys")
holders=$(awk '/^roles:/ { r = 1; next } /^[a-z]/ { r = 0 }
               r && $1 == "initiators:" { next }
               r && $1 ~ /:$/ && NF == 2 && !seen[$2]++ { print $2 }' roster.yaml)

printf 'Ключи-однодневки для:'
# shellcheck disable=SC2086 # ids are slugs: splitting them into words is the point
printf ' %s' $people
printf '\n'

run git init -q -b main
git config user.name "Демонстрация"
git config user.email demo@example.ru
git config commit.gpgsign false
run git add -A
run git commit -q -m "Первая версия перечня"

say "$perechen" status
"$perechen" status || true

for id in $holders; do
  run "$perechen" approve --key "$keys/$id" --yes --message "Согласовано (демонстрация)"
done

run "$perechen" status
run "$perechen" verify
say git log --oneline
git log --oneline
printf '\n%s\n' "Готово: первая версия согласована всеми ролями."
