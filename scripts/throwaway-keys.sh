#!/bin/sh
# Gives every person of roster.yaml (in the current folder) a freshly made Ed25519 key without a
# passphrase, in KEYS_DIR/<id> and KEYS_DIR/<id>.pub: each person's first key in roster.yaml is
# replaced by the new one, any further keys are dropped. Prints the ids of the people, one a line.
# For demonstrations and tests on a throwaway copy of a registry (scripts/lifecycle-demo.sh,
# tests/render/run.sh); never run it on a real roster.
#
# Usage: scripts/throwaway-keys.sh KEYS_DIR
set -eu
if [ $# -ne 1 ] || [ ! -f roster.yaml ]; then
  echo "usage: $0 KEYS_DIR (in a folder with roster.yaml)" >&2
  exit 2
fi
keys=$1
mkdir -p "$keys"
people=$(awk '/^people:/ { p = 1; next } /^[a-z]/ { p = 0 }
              p && $1 == "-" && $2 == "id:" { print $3 }' roster.yaml)
for id in $people; do
  ssh-keygen -q -t ed25519 -N '' -C "$id" -f "$keys/$id"
done
awk -v keys="$keys" '
  /^people:/ { p = 1 }
  /^roles:/ { p = 0 }
  p && $1 == "-" && $2 == "id:" { id = $3 }
  p && $1 == "-" && $2 ~ /^(ssh-|ecdsa-|sk-)/ {
    if (done[id]++) next
    indent = substr($0, 1, index($0, "-") - 1)
    getline line < (keys "/" id ".pub")
    print indent "- " line
    next
  }
  { print }' roster.yaml > "$keys/roster.yaml.new"
mv "$keys/roster.yaml.new" roster.yaml
printf '%s\n' $people
