# shellcheck shell=bash
# Sourced by the scripts of the tests: skipping a test that cannot run here, and installing the
# Debian packages a test drives.
#
# `skip REASON` ends the script: "PERECHEN-SKIP: REASON" and exit 77, which CTest reports as
# skipped; under PERECHEN_TEST_STRICT=1 (CI) it fails instead (exit 1), since there every test must
# run. `skip_part REASON` does the same for a part of a script that goes on: `finish` at the end
# then exits 1 when something failed, 77 when a part was skipped, 0 otherwise.

skipped_parts=0
failed_parts=0

skip() {
  if [ "${PERECHEN_TEST_STRICT:-}" = 1 ]; then
    echo "FAIL: this test does not run here, and PERECHEN_TEST_STRICT=1 forbids skipping: $*"
    exit 1
  fi
  echo "PERECHEN-SKIP: $*"
  exit 77
}

skip_part() {
  if [ "${PERECHEN_TEST_STRICT:-}" = 1 ]; then
    echo "FAIL: a part of this test does not run here, and PERECHEN_TEST_STRICT=1 forbids skipping: $*"
    failed_parts=1
  else
    echo "PERECHEN-SKIP: $*"
    skipped_parts=1
  fi
}

# finish FAILED: the exit of a script that called skip_part.
finish() {
  if [ "${1:-0}" != 0 ] || [ "$failed_parts" != 0 ]; then
    exit 1
  fi
  [ "$skipped_parts" = 0 ] || exit 77
  exit 0
}

# install_packages PACKAGE...: installs what is missing with apt-get when this runs as root; one
# install at a time, since tests run side by side. Returns 1 with the reason in $install_failure.
# shellcheck disable=SC2034 # read by the scripts that source this one
install_failure=
install_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    # shellcheck disable=SC2034
    install_failure="${missing[*]} missing, and only root with apt-get installs them here (apt-get install ${missing[*]})"
    return 1
  fi
  local log
  log=$(mktemp)
  if ! (
    export DEBIAN_FRONTEND=noninteractive
    flock 9
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"
  ) 9>"${TMPDIR:-/tmp}/perechen-test-apt.lock" >"$log" 2>&1; then
    # shellcheck disable=SC2034
    install_failure="apt-get could not install ${missing[*]}: $(tail -3 "$log")"
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}
