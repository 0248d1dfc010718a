// SPDX-License-Identifier: Apache-2.0
#include "skip.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <iostream>

#include "fixture.hpp"

namespace perechen::test {
namespace {

bool any_skipped = false;

}  // namespace

bool strict() {
  const char* value = std::getenv("PERECHEN_TEST_STRICT");
  return value != nullptr && std::string(value) == "1";
}

void skip(const std::string& reason) {
  if (strict()) {
    FAIL_CHECK(
        "this test does not run here, and PERECHEN_TEST_STRICT=1 forbids skipping: " << reason);
    return;
  }
  any_skipped = true;
  std::cout << "PERECHEN-SKIP: " << reason << std::endl;
  WARN("skipped: " << reason);
}

bool skipped() {
  return any_skipped;
}

bool ensure_program(const std::string& program, const std::string& packages, std::string& reason) {
  RunResult r =
      run({"bash", (source_dir() / "tests/support/ensure-program.sh").string(), program, packages});
  reason = r.err;
  while (!reason.empty() && reason.back() == '\n')
    reason.pop_back();
  return r.exit_code == 0;
}

}  // namespace perechen::test
