#!/usr/bin/env bash
# Times `perechen export` of a synthetic registry (10,000 points by default) in every format:
# the median wall time and CPU time (user + system) of 3 runs and the peak memory, as a Markdown
# table; the first row is `validate` of the same registry, which every export runs first (an
# export refuses a registry with errors). Target (spec §8): under 2 s per format on a 2-core
# machine. On a busy machine compare the CPU times: wall time then mostly measures the others.
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

# Runs `perechen ARGS...` 3 times; prints "median-wall runs median-cpu peak-rss-MiB".
measure() {
  local times=() cpus=() rss=0 t u s m
  for run in 1 2 3; do
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$bin" -C "$reg" "$@" >/dev/null
    read -r t u s m <"$work/time"
    times+=("$t")
    cpus+=("$(echo "$u + $s" | bc)")
    [ "$m" -gt "$rss" ] && rss=$m
  done
  echo "$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)|${times[*]}|$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n 2p)|$((rss / 1024))"
}

echo "| command | points | median wall time, s | runs, s | median CPU time, s | peak memory, MiB | output, KiB |"
echo "|---|---:|---:|---:|---:|---:|---:|"
IFS='|' read -r wall runs cpu rss <<<"$(measure validate --format json)"
echo "| validate | $points | $wall | $runs | $cpu | $rss | |"
for format in html csv json md xlsx docx; do
  out="$work/list.$format"
  IFS='|' read -r wall runs cpu rss <<<"$(measure export --rev "$rev" --format "$format" --output "$out")"
  size=$(( $(stat -c %s "$out") / 1024 ))
  echo "| export $format | $points | $wall | $runs | $cpu | $rss | $size |"
done
