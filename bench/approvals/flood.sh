#!/usr/bin/env bash
# Times `perechen verify` and `perechen status` over histories flooded with approval-like commits
# (spec §5.1, rule 9: linear cost on any history), made by make_flood_history.py: N commits signed
# by a key that is in no roster (`stranger`), or N approvals of the same role on the same content
# by one roster key, the client-centricity deputy's (`deputy`); each flood sits either on a change
# while it waits for its approvals (`pending`) or on top of the approved version (`top`). Every
# history ends approved. One Markdown row per flood, size and command: the median wall time of 3
# runs, the runs, the median CPU time (user + system) and the peak memory, as run.sh gives them.
#   bench/approvals/flood.sh [PERECHEN_BINARY] [N...]
# N defaults to 1000 5000 10000 20000. FLOODS picks the floods (default "stranger:pending
# stranger:top deputy:pending deputy:top"). A run longer than LIMIT seconds (default 300) is
# stopped and the row says "> LIMIT"; the larger N of that flood are left out.
# Needs python3 and ssh-keygen; with Python's cryptography package (python3-cryptography) the
# signatures are made in-process, else by ssh-keygen, a process each (minutes for 20,000).
# The binary should be a Release build (cmake -DCMAKE_BUILD_TYPE=Release).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=timing.sh
source "$here/timing.sh"
bin="${1:-$here/../../build/perechen}"
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 5000 10000 20000)
floods="${FLOODS:-stranger:pending stranger:top deputy:pending deputy:top}"
limit="${LIMIT:-300}"
export PYTHONDONTWRITEBYTECODE=1

# One row for `perechen COMMAND` over REPO; returns 1 when a run was stopped at the limit.
flood_row() {
  local label="$1" n="$2" repo="$3" command="$4" commits rc t u s m times=() cpus=() rss=0
  commits=$(git -C "$repo" rev-list --count HEAD)
  for _ in 1 2 3; do
    rc=0
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" timeout "$limit" "$bin" -C "$repo" $command \
      >/dev/null 2>&1 || rc=$?
    if [ "$rc" -eq 124 ]; then
      echo "| $label | $n | \`perechen $command\` | $commits | > $limit | stopped at ${limit} s | | |"
      return 1
    fi
    [ "$rc" -eq 0 ] || echo "warning: perechen $command exited with $rc on $label, N = $n" >&2
    read -r t u s m < <(tail -n 1 "$work/time")
    times+=("$t")
    cpus+=("$(printf "%.2f" "$(echo "$u + $s" | bc)")")
    [ "$m" -gt "$rss" ] && rss=$m
  done
  echo "| $label | $n | \`perechen $command\` | $commits | $(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p) | ${times[*]} | $(printf '%s\n' "${cpus[@]}" | sort -n | sed -n 2p) | $((rss / 1024)) |"
}

echo "| flood | N | command | commits | median wall time, s | runs, s | median CPU time, s | peak memory, MiB |"
echo "|---|---:|---|---:|---:|---:|---:|---:|"
for flood in $floods; do
  signer="${flood%%:*}"
  where="${flood#*:}"
  for n in "${sizes[@]}"; do
    rm -rf "$work/repo"
    start=$(date +%s.%N)
    python3 "$here/make_flood_history.py" "$work/repo" --flood "$n" --signer "$signer" \
      --where "$where"
    echo "history generated in $(echo "$(date +%s.%N) - $start" | bc) s" >&2
    git -C "$work/repo" cat-file --batch-all-objects --batch-check >/dev/null  # warm the cache
    flood_row "$signer, $where" "$n" "$work/repo" "verify" || continue 2
    flood_row "$signer, $where" "$n" "$work/repo" "status" || continue 2
  done
done
