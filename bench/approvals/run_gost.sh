#!/usr/bin/env bash
# Times `perechen verify` and `perechen status` over a history of 1,000 approvals signed with
# GOST R 34.10-2012 certificates (spec §5.2): the median wall time of 3 runs, as a Markdown table.
#   bench/approvals/run_gost.sh [PERECHEN_BINARY] [APPROVALS] [POINTS]
# Needs openssl and libengine-gost-openssl; the binary should be a Release build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=timing.sh
source "$here/timing.sh"
bin="${1:-$here/../../build/perechen}"
approvals="${2:-1000}"
points="${3:-200}"

make_history_with "$bin" "$work/repo" make_gost_history.py --approvals "$approvals" \
  --points "$points"
timing_header
time_rows "$bin" "$work/repo" "$work" "verify" "status --format json"
