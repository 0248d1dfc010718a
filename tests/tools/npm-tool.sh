# Sourced by the tests that drive a real program from npm. `npm_tool PACKAGE@VERSION` installs the
# package once into a cache folder (PERECHEN_TEST_CACHE, else ~/.cache/perechen-tests) and sets
# NPM_TOOL_DIR to its node_modules; a second run finds it there and costs nothing. node and npm
# are installed from Debian when missing (as root). When they or the package cannot be had, the
# test is skipped (exit 77, which CTest reports as skipped) with a message that says why, or fails
# under PERECHEN_TEST_STRICT=1 (tests/support/tools.sh).

# shellcheck source=tests/support/tools.sh
. "$(dirname "${BASH_SOURCE[0]}")/../support/tools.sh"

npm_tool() {
  local package=$1
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    install_packages nodejs npm || skip "node and npm are needed: $install_failure"
  fi
  local cache=${PERECHEN_TEST_CACHE:-$HOME/.cache/perechen-tests}/npm/${package//[@\/]/_}
  NPM_TOOL_DIR=$cache/node_modules
  if [ ! -f "$cache/.installed" ]; then
    mkdir -p "$cache"
    # Two tests may install at once: the second waits for the first.
    (
      flock 9
      if [ ! -f "$cache/.installed" ]; then
        npm install --prefix "$cache" --no-audit --no-fund --loglevel=error "$package" \
          >"$cache/install.log" 2>&1 && touch "$cache/.installed"
      fi
    ) 9>"$cache/.lock"
    [ -f "$cache/.installed" ] || skip "npm could not install $package: $(tail -3 "$cache/install.log")"
  fi
}
