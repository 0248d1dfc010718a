#!/usr/bin/env bash
# Times `perechen verify` and `perechen status` over a history of 1,000 approvals signed with
# GOST R 34.10-2012 certificates (spec §5.2): the median wall time of 3 runs, as a Markdown table.
#   bench/approvals/run_gost.sh [PERECHEN_BINARY] [APPROVALS] [POINTS]
# Needs openssl and libengine-gost-openssl; the binary should be a Release build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:-$here/../../build/perechen}"
approvals="${2:-1000}"
points="${3:-200}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

start=$(date +%s.%N)
python3 "$here/make_gost_history.py" "$work/repo" --approvals "$approvals" --points "$points"
echo "history generated in $(echo "$(date +%s.%N) - $start" | bc) s" >&2
"$bin" -C "$work/repo" verify >/dev/null  # warm the page cache; must be approved

echo "| command | commits | median wall time, s | runs, s | median CPU time, s | peak memory, MiB |"
echo "|---|---:|---:|---:|---:|---:|"
commits=$(git -C "$work/repo" rev-list --count HEAD)
for command in "verify" "status --format json"; do
  times=()
  cpus=()
  rss=0
  for run in 1 2 3; do
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$bin" -C "$work/repo" $command >/dev/null
    read -r t u s m <"$work/time"
    times+=("$t")
    cpus+=("$(printf "%.2f" "$(echo "$u + $s" | bc)")")
    [ "$m" -gt "$rss" ] && rss=$m
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n 2p)
  echo "| \`perechen $command\` | $commits | $median | ${times[*]} | $cpu | $((rss / 1024)) |"
done
