// SPDX-License-Identifier: Apache-2.0
// The main of every test program: Catch2's, and exit 77 (CTest's "skipped") when every check
// passed but a test skipped (skip.hpp).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "skip.hpp"

int main(int argc, char* argv[]) {
  int failed = Catch::Session().run(argc, argv);
  // Catch2 exits with the number of failed checks: 77 of them must not read as a skip.
  if (failed == perechen::test::kSkipExitCode)
    return failed + 1;
  if (failed != 0)
    return failed;
  return perechen::test::skipped() ? perechen::test::kSkipExitCode : 0;
}
