#!/usr/bin/env bash
# `perechen validate --format sarif` as the SARIF standard's own validator sees it: Microsoft's
# `sarif-multitool validate` (npm @microsoft/sarif-multitool, the linux build) with its SARIF and
# GitHub rules must find 0 errors and 0 warnings in the report of a broken registry (every rule
# fires) and of a valid one in git (versionControlProvenance), and must find the error in a report
# spoiled on purpose, so that this check can fail.
#   tests/tools/sarif_multitool.sh PERECHEN SOURCE_DIR
set -euo pipefail
perechen=$(realpath "$1")
source_dir=$(realpath "$2")
. "$source_dir/tests/tools/npm-tool.sh"
npm_tool @microsoft/sarif-multitool-linux@5.7.0
tool=$NPM_TOOL_DIR/@microsoft/sarif-multitool-linux/Sarif.Multitool
[ -f "$tool" ] || skip "the package has no $tool"
chmod u+x "$tool"  # npm may skip the package's postinstall that does this

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Prints "LEVEL RULE: where: text" for each finding of level error or warning in `log`.
problems() {
  local log=$1 out=$work/validation.sarif
  "$tool" validate "$log" --output "$out" --log ForceOverwrite --rule-kind "Sarif;Gh" \
    --level "Error;Warning" --quiet >"$work/tool.txt" 2>&1 || true
  [ -f "$out" ] || { echo "sarif-multitool wrote no result:"; cat "$work/tool.txt"; return 1; }
  node -e '
    const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const run = log.runs[0];
    const rules = run.tool.driver.rules || [];
    for (const n of (run.invocations || []).flatMap(i => [
           ...(i.toolExecutionNotifications || []), ...(i.toolConfigurationNotifications || [])]))
      if ((n.level || "warning") !== "note") console.log("tool:", JSON.stringify(n.message));
    for (const r of run.results || []) {
      const level = r.level || "warning";
      if (level !== "error" && level !== "warning") continue;
      console.log(level, r.ruleId + ":", (r.message.arguments || []).join(" | "));
    }' "$out"
}

failed=0
check_clean() {
  local name=$1 log=$2 found
  found=$(problems "$log")
  if [ -n "$found" ]; then
    echo "FAIL: sarif-multitool finds problems in the SARIF of $name:"
    echo "$found"
    failed=1
  else
    echo "ok: $name: 0 errors, 0 warnings"
  fi
}

# Every rule fires; a registry outside git.
cp -r "$source_dir/examples/broken" "$work/broken"
"$perechen" -C "$work/broken" validate --format sarif --output "$work/broken.sarif" || true
check_clean "examples/broken" "$work/broken.sarif"

# A valid registry in git with a remote: the log names the repository and the commit.
cp -r "$source_dir/examples/registry" "$work/registry"
git -C "$work/registry" init -q -b main
git -C "$work/registry" remote add origin "https://ci-token:secret@git.example/uf/perechen.git"
git -C "$work/registry" add -A
git -C "$work/registry" -c user.name=t -c user.email=t@example.org commit -qm first
"$perechen" -C "$work/registry" validate --format sarif --output "$work/registry.sarif"
check_clean "examples/registry in git" "$work/registry.sarif"
node -e '
  const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const v = log.runs[0].versionControlProvenance[0];
  if (v.repositoryUri !== "https://git.example/uf/perechen.git" || v.revisionId.length !== 40 ||
      v.branch !== "refs/heads/main") {
    console.log("FAIL: versionControlProvenance:", JSON.stringify(v));
    process.exit(1);
  }' "$work/registry.sarif" || failed=1

# A warning silenced with a reason (a result with an inSource suppression) and a file left out by
# --exclude (a note of the invocation): still a clean log.
cp -r "$source_dir/examples/registry" "$work/silenced"
point=$(ls "$work/silenced"/points/*/*.yaml | head -n 1)
{ echo "# perechen: ignore=basis-missing приказ будет в марте"; sed '/^basis:/,/^[a-z_]*:/{/^basis:/d;/^  /d}' "$point"; } >"$work/point.yaml"
mv "$work/point.yaml" "$point"
mkdir -p "$work/silenced/points/drafts"
printf 'process: nope\n' >"$work/silenced/points/drafts/draft.yaml"
"$perechen" -C "$work/silenced" validate --exclude points/drafts/ --format sarif \
  --output "$work/silenced.sarif"
check_clean "a silenced warning and an excluded file" "$work/silenced.sarif"
node -e '
  const run = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).runs[0];
  const suppressed = run.results.filter(r => (r.suppressions || []).length > 0);
  const notes = (run.invocations || []).flatMap(i => i.toolExecutionNotifications || []);
  if (suppressed.length !== 1 || suppressed[0].suppressions[0].kind !== "inSource" ||
      suppressed[0].suppressions[0].justification !== "приказ будет в марте" || notes.length !== 1) {
    console.log("FAIL: the silenced warning or the excluded file:", JSON.stringify(run.results),
                JSON.stringify(run.invocations));
    process.exit(1);
  }' "$work/silenced.sarif" || failed=1

# The check can fail: a region at line 0 must be an error.
node -e '
  const fs = require("fs");
  const log = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
  fs.writeFileSync(process.argv[2], JSON.stringify(log));' "$work/broken.sarif" "$work/spoiled.sarif"
if [ -z "$(problems "$work/spoiled.sarif")" ]; then
  echo "FAIL: sarif-multitool accepts a region at line 0, so this test proves nothing"
  failed=1
else
  echo "ok: a spoiled log is rejected"
fi
exit $failed
