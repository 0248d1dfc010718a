#!/usr/bin/env bash
# Times `perechen import` of an xlsx of 1,000 points (spec §9; issue target: under 1 s) and of
# the same list as docx and csv: perechen's own export of a synthetic registry
# (bench/generate_registry.cpp), imported into a registry with the same settings and no points.
# Prints the median wall time and CPU time (user + system) of 3 runs and the peak memory, as a
# Markdown table. Use a Release build.
#   bench/import/run.sh [PERECHEN_BINARY] [POINTS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(realpath "${1:-$here/../../build/perechen}")"
points="${2:-1000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
g++ -O2 -std=c++20 "$here/../generate_registry.cpp" -o "$work/generate"
reg="$work/registry"
"$work/generate" "$reg" "$points"

echo "| command | points | median wall time, s | runs, s | median CPU time, s | peak memory, MiB | input, KiB |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for format in xlsx docx csv; do
  table="$work/list.$format"
  "$bin" -C "$reg" export --rev worktree --format "$format" --output "$table"
  times=() cpus=() rss=0
  for run in 1 2 3; do
    target="$work/target-$format-$run"
    mkdir "$target"
    cp "$reg/perechen.yaml" "$reg/roster.yaml" "$target/"
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$bin" import "$table" "$target" >/dev/null || true
    read -r t u s m <"$work/time"
    [ "$(find "$target/points" -name '*.yaml' | wc -l)" -eq "$points" ] || { echo "import of $format wrote too few files" >&2; exit 1; }
    times+=("$t")
    cpus+=("$(echo "$u + $s" | bc)")
    [ "$m" -gt "$rss" ] && rss=$m
  done
  wall="$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)"
  cpu="$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n 2p)"
  echo "| import $format | $points | $wall | ${times[*]} | $cpu | $((rss / 1024)) | $(( $(stat -c %s "$table") / 1024 )) |"
done
