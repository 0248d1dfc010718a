#!/usr/bin/env bash
# Times `perechen status` and `perechen verify` over a history of 300 content changes and 1,000
# approvals (spec §8: under 1 s each): the median wall time of 3 runs, as a Markdown table.
#   bench/approvals/run.sh [PERECHEN_BINARY] [CHANGES] [APPROVALS] [POINTS] [PRS]
# PRS adds that many pull requests merged by merge commits after the changes (spec §5.1), e.g.
#   bench/approvals/run.sh build-release/perechen 300 1000 200 200
# The binary should be a Release build (cmake -DCMAKE_BUILD_TYPE=Release).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=timing.sh
source "$here/timing.sh"
bin="${1:-$here/../../build/perechen}"
changes="${2:-300}"
approvals="${3:-1000}"
points="${4:-200}"
prs="${5:-0}"

make_history_with "$bin" "$work/repo" make_history.py --changes "$changes" \
  --approvals "$approvals" --points "$points" --prs "$prs"
timing_header
time_rows "$bin" "$work/repo" "$work" "status --format json" "status" "verify"
