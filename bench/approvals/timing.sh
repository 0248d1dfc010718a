# Sourced by run.sh and run_gost.sh: builds a history and times perechen commands over it.
#   make_history_with BINARY REPO GENERATOR [ARGUMENTS...]
# runs the generator (a Python script of this folder) to build REPO, says how long it took, and
# warms the page cache with one `verify`, which must find the history approved.
#   time_rows BINARY REPO WORK COMMAND...
# For each COMMAND (a string of perechen arguments), 3 runs: one Markdown row of the median wall
# time, the runs, the median CPU time (user + system: on a shared machine it is steadier than wall
# time) and the peak memory. WORK is a folder for /usr/bin/time's output.
# Sourcing it makes that folder, $work (removed on exit), where the callers build REPO too.

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

make_history_with() {
  local bin="$1" repo="$2" generator="$3" start
  shift 3
  start=$(date +%s.%N)
  python3 "$(dirname "${BASH_SOURCE[0]}")/$generator" "$repo" "$@"
  echo "history generated in $(echo "$(date +%s.%N) - $start" | bc) s" >&2
  "$bin" -C "$repo" verify >/dev/null
}

timing_header() {
  echo "| command | commits | median wall time, s | runs, s | median CPU time, s | peak memory, MiB |"
  echo "|---|---:|---:|---:|---:|---:|"
}

time_rows() {
  local bin="$1" repo="$2" work="$3"
  shift 3
  local commits command run t u s m median cpu rss times cpus
  commits=$(git -C "$repo" rev-list --count HEAD)
  for command in "$@"; do
    times=()
    cpus=()
    rss=0
    for run in 1 2 3; do
      # shellcheck disable=SC2086
      /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$bin" -C "$repo" $command >/dev/null
      read -r t u s m <"$work/time"
      times+=("$t")
      cpus+=("$(printf "%.2f" "$(echo "$u + $s" | bc)")")
      [ "$m" -gt "$rss" ] && rss=$m
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
    cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n 2p)
    echo "| \`perechen $command\` | $commits | $median | ${times[*]} | $cpu | $((rss / 1024)) |"
  done
}
