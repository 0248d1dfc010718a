#!/usr/bin/env bash
# Times `perechen validate` on synthetic registries of 1, 1,000, 10,000 and 100,000 points:
# the median wall time of 3 runs and the peak memory (max RSS), written as a Markdown table.
#   bench/validate/run.sh [PERECHEN_BINARY] [SIZES...]
# The binary should be a Release build (cmake -DCMAKE_BUILD_TYPE=Release).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:-$here/../../build/perechen}"
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 1000 10000 100000)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
g++ -O2 -std=c++20 "$here/../generate_registry.cpp" -o "$work/generate"

echo "| points | median wall time, s | runs, s | peak memory, MiB |"
echo "|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  reg="$work/reg-$n"
  "$work/generate" "$reg" "$n"
  "$bin" -C "$reg" validate --format json >/dev/null  # warm the page cache
  times=()
  rss=0
  for run in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/time" "$bin" -C "$reg" validate --format json >/dev/null
    read -r t m <"$work/time"
    times+=("$t")
    [ "$m" -gt "$rss" ] && rss=$m
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  echo "| $n | $median | ${times[*]} | $((rss / 1024)) |"
  rm -rf "$reg"
done
