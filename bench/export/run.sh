#!/usr/bin/env bash
# Times `perechen export` of a synthetic registry (10,000 points by default) in every format:
# the median wall time of 3 runs and the peak memory, as a Markdown table. Target (spec §8):
# under 2 s per format on a 2-core machine.
#   bench/export/run.sh [PERECHEN_BINARY] [POINTS] [REV]
# REV is worktree (default: the files as they are) or head (the same content read from a git
# commit, with the history evaluated as for approved). Use a Release build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(realpath "${1:-$here/../../build/perechen}")"
points="${2:-10000}"
rev="${3:-worktree}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
g++ -O2 -std=c++20 "$here/../generate_registry.cpp" -o "$work/generate"
reg="$work/registry"
"$work/generate" "$reg" "$points"
if [ "$rev" != worktree ]; then
  git -C "$reg" init -q
  git -C "$reg" add -A
  git -C "$reg" -c user.name=bench -c user.email=bench@example.ru commit -q -m "bench"
fi
"$bin" -C "$reg" validate --format json >/dev/null || true  # warm the page cache

echo "| format | points | median wall time, s | runs, s | peak memory, MiB | output, KiB |"
echo "|---|---:|---:|---:|---:|---:|"
for format in html csv json md xlsx docx; do
  out="$work/list.$format"
  times=()
  rss=0
  for run in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/time" \
      "$bin" -C "$reg" export --rev "$rev" --format "$format" --output "$out"
    read -r t m <"$work/time"
    times+=("$t")
    [ "$m" -gt "$rss" ] && rss=$m
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  size=$(( $(stat -c %s "$out") / 1024 ))
  echo "| $format | $points | $median | ${times[*]} | $((rss / 1024)) | $size |"
done
