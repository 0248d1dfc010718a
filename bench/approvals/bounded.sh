#!/usr/bin/env bash
# Times `perechen status` and `perechen verify` against the costs an attacker with push rights can
# impose (spec §5.1, rule 7): one unsigned commit whose message floods 80,000 Perechen-Role lines,
# and one commit whose points/ nests 20,000 folders deep. Each must be answered in about the time
# of the history without it. Median wall and CPU time (user + system) of 3 runs, as a Markdown
# table; on a shared machine the CPU time is the steadier figure.
#   bench/approvals/bounded.sh [PERECHEN_BINARY]
# The binary should be a Release build (cmake -DCMAKE_BUILD_TYPE=Release).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:-$here/../../build/perechen}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 "$here/make_history.py" "$work/repo" --changes 300 --approvals 1000 --points 200
git_() { git -C "$work/repo" -c user.name=Bench -c user.email=bench@example.ru "$@"; }

time_of() {  # "wall / CPU": medians of 3 runs of perechen with "$@"; the exit code is ignored
  local times=() cpus=()
  for run in 1 2 3; do
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$bin" -C "$work/repo" "$@" >/dev/null 2>&1 || true
    # The last line: /usr/bin/time puts "Command exited with non-zero status" before it.
    read -r t u s < <(tail -n 1 "$work/time")
    times+=("$t")
    cpus+=("$(printf "%.2f" "$(echo "$u + $s" | bc)")")
  done
  echo "$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p) / $(printf '%s\n' "${cpus[@]}" | sort -n | sed -n 2p)"
}

echo "| history | \`status\`: wall / CPU, s | \`verify\`: wall / CPU, s |"
echo "|---|---:|---:|"
echo "| 300 changes, 1,000 approvals | $(time_of status) | $(time_of verify) |"

python3 - "$work/flood.txt" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("Согласование изменений перечня\n\nPerechen-Approval: 1\n")
    for i in range(80000):
        f.write(f"Perechen-Role: process_owner p{i}\n")
PY
git_ commit -q --allow-empty --no-gpg-sign -F "$work/flood.txt"
echo "| the same and a commit of 80,000 Perechen-Role lines | $(time_of status) | $(time_of verify) |"

# A chain of 20,000 folders "a" under points/deep, written as loose objects (one git process per
# folder would take minutes).
deep_tree=$(python3 - "$here" "$work/repo/.git" "$(git_ rev-parse 'HEAD^{tree}')" <<'PY'
import subprocess, sys
sys.path.insert(0, sys.argv[1])
from history_objects import tree, write_object
git_dir, top = sys.argv[2], sys.argv[3]
child = write_object(git_dir, "blob", b"process: p\n")
name, mode = "lk.yaml", "100644"
for _ in range(20000):
    child = tree(git_dir, {name: (mode, child)})
    name, mode = "a", "40000"
def entries(tree_id):
    out = subprocess.run(["git", "--git-dir", git_dir, "cat-file", "-p", tree_id], check=True,
                         capture_output=True).stdout.decode().splitlines()
    return {line.split("\t")[1]: (line.split()[0].lstrip("0"), line.split()[2]) for line in out}
top_entries = entries(top)
points = entries(top_entries["points"][1])
points["deep"] = ("40000", child)
top_entries["points"] = ("40000", tree(git_dir, points))
print(tree(git_dir, top_entries))
PY
)
commit=$(git_ commit-tree "$deep_tree" -p HEAD -m "a very deep folder")
git_ update-ref HEAD "$commit"
echo "| the same and a commit whose points/ is 20,000 folders deep | $(time_of status) | $(time_of verify) |"
