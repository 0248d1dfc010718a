#!/usr/bin/env bash
# Times `perechen validate` on the hostile registries of issue #13, in every format, beside a clean
# registry of the same size: median wall time of 3 runs and peak memory (max RSS), as a Markdown
# table.
#   flow:   four point files of 1 MiB, each a flow list of half a million unknown clients
#   clean:  the same four files, with `x` a known client: as large, and no finding
#   line:   one point file of 40 KB on one line, 20,000 unknown clients, text on a terminal
#   ids:    40 point files whose process is an unknown id of 1,000 characters
#   bench/hostile/run.sh [PERECHEN_BINARY]
# The binary should be a Release build (cmake -DCMAKE_BUILD_TYPE=Release).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(realpath "${1:-$here/../../build/perechen}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
g++ -O2 -std=c++20 "$here/../generate_registry.cpp" -o "$work/generate"

# A registry of `count` points whose clients line is replaced by `line`.
make_registry() {
  local dir="$1" count="$2" line="$3"
  "$work/generate" "$dir" "$count"
  find "$dir/points" -name '*.yaml' | while read -r file; do
    grep -v '^clients:' "$file" >"$file.new"
    printf '%s\n' "$line" >>"$file.new"
    mv "$file.new" "$file"
  done
}
# "clients: [ITEM,ITEM,...]" of about `bytes` bytes.
flow_list() {
  local item="$1" bytes="$2"
  local n=$((bytes / (${#item} + 1)))
  printf 'clients: ['
  yes "$item" | head -n "$n" | paste -sd, | tr -d '\n'
  printf ']'
}

make_registry "$work/flow" 4 "$(flow_list x 1000000)"
make_registry "$work/clean" 4 "$(flow_list x 1000000)"
sed -i 's/^clients:$/clients:\n  - id: x\n    title: Клиент x/' "$work/clean/perechen.yaml"
make_registry "$work/line" 1 "$(flow_list x 40000)"
"$work/generate" "$work/ids" 40
long_id="$(head -c 1000 </dev/zero | tr '\0' 'q')"
find "$work/ids/points" -name '*.yaml' | while read -r file; do
  sed -i "s/^process: .*/process: $long_id/" "$file"
done

# measure NAME REGISTRY FORMAT [tty]: one table row.
measure() {
  local name="$1" reg="$2" format="$3" tty="${4:-}"
  local cmd=("$bin" -C "$reg" validate --format "$format")
  local times=() rss=0 size=0
  for run in 1 2 3; do
    if [ -n "$tty" ]; then
      # A terminal: the text format shows source lines and carets.
      /usr/bin/time -f "%e %M" -o "$work/time" \
        script -qec "${cmd[*]}" /dev/null >"$work/out" || true
    else
      /usr/bin/time -f "%e %M" -o "$work/time" "${cmd[@]}" >"$work/out" || true
    fi
    read -r t m < <(tail -1 "$work/time")
    times+=("$t")
    [ "$m" -gt "$rss" ] && rss=$m
    size=$(stat -c %s "$work/out")
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  echo "| $name | $format${tty:+ (terminal)} | $median | $((rss / 1024)) | $((size / 1024)) |"
}

echo "| registry | format | median wall time, s | peak memory, MiB | output, KiB |"
echo "|---|---|---:|---:|---:|"
for format in text json sarif junit github; do
  measure "clean, 4 × 1 MiB" "$work/clean" "$format"
  measure "flow, 4 × 1 MiB" "$work/flow" "$format"
done
measure "line, 40 KB" "$work/line" text tty
measure "ids, 40 × 1,000 characters" "$work/ids" text
