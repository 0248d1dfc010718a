#!/usr/bin/env bash
# Times `perechen status` and `perechen verify` over a history of 300 content changes and 1,000
# approvals (spec §8: under 1 s each): the median wall time of 3 runs, as a Markdown table.
#   bench/approvals/run.sh [PERECHEN_BINARY] [CHANGES] [APPROVALS] [POINTS] [PRS]
# PRS adds that many pull requests merged by merge commits after the changes (spec §5.1), e.g.
#   bench/approvals/run.sh build-release/perechen 300 1000 200 200
# The binary should be a Release build (cmake -DCMAKE_BUILD_TYPE=Release).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:-$here/../../build/perechen}"
changes="${2:-300}"
approvals="${3:-1000}"
points="${4:-200}"
prs="${5:-0}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

start=$(date +%s.%N)
python3 "$here/make_history.py" "$work/repo" --changes "$changes" --approvals "$approvals" \
  --points "$points" --prs "$prs"
echo "history generated in $(echo "$(date +%s.%N) - $start" | bc) s" >&2
"$bin" -C "$work/repo" verify >/dev/null  # warm the page cache; must be approved

# CPU time (user + system) is given too: on a shared machine it is steadier than wall time.
echo "| command | commits | median wall time, s | runs, s | median CPU time, s | peak memory, MiB |"
echo "|---|---:|---:|---:|---:|---:|"
commits=$(git -C "$work/repo" rev-list --count HEAD)
for command in "status --format json" "status" "verify"; do
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
