// SPDX-License-Identifier: Apache-2.0
#pragma once

// A test that cannot run here (a program missing and not installable, a package that needs root)
// says so and is counted as skipped, never as passed: it prints "PERECHEN-SKIP: reason" and the
// test program exits 77, which CTest reports as "Skipped" (SKIP_RETURN_CODE, tests/CMakeLists.txt).
// With PERECHEN_TEST_STRICT=1 (set by .ci/run, and by scripts/test.sh when CI is set) a skip is a
// failure: CI runs everything or fails.

#include <string>

namespace perechen::test {

// The exit code CTest reads as "skipped".
inline constexpr int kSkipExitCode = 77;

// True when PERECHEN_TEST_STRICT=1.
bool strict();

// Records that the test, or the part of it that follows, does not run here, and why. Under
// PERECHEN_TEST_STRICT=1 this is a failed check instead.
void skip(const std::string& reason);

// True when skip() was called in this run of the test program.
bool skipped();

// A program the tests need: true when `program` is on PATH, installing the Debian `packages` first
// when it is missing and this runs as root with apt-get (tests/support/ensure-program.sh);
// `reason` says why not otherwise.
bool ensure_program(const std::string& program, const std::string& packages, std::string& reason);

}  // namespace perechen::test

// Ends the test case as skipped (or failed, under PERECHEN_TEST_STRICT=1), with the reason.
#define PERECHEN_SKIP(reason)     \
  do {                            \
    perechen::test::skip(reason); \
    return;                       \
  } while (false)
