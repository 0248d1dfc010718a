// SPDX-License-Identifier: Apache-2.0
#include "checks.hpp"

namespace perechen::rules {

namespace {

// One line per rule unit.
constexpr Check kChecks[] = {
    {"fields", check_fields},        {"process", check_process},
    {"clients", check_clients},      {"institution", check_institution},
    {"channel", check_channel},      {"needs", check_needs},
    {"duplicate", check_duplicates}, {"basis", check_basis},
    {"contact", check_contact},      {"config", check_config},
    {"roster", check_roster},        {"certificates", check_certificates},
    {"lookalike", check_lookalikes},
};

}  // namespace

std::span<const Check> all_checks() {
  return kChecks;
}

}  // namespace perechen::rules
