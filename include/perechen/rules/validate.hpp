// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "perechen/diagnostic.hpp"
#include "perechen/registry/registry.hpp"

namespace perechen {

// Runs every rule of spec §3 over a loaded registry, appending findings to `out`.
void check_registry(const Registry& registry, Diagnostics& out);

// What `validate` did: findings of loading and of the rules, sorted, and what was counted.
struct ValidationResult {
  Diagnostics diagnostics;
  std::size_t files = 0;
  std::size_t points = 0;
  std::vector<std::string> checked_files;  // the files reported on, in path order
  std::size_t errors() const { return diagnostics.count(Severity::error); }
  std::size_t warnings() const { return diagnostics.count(Severity::warning); }
};

// Loads and checks the registry in `source`. With `only` non-empty, keeps the findings of those
// files (registry-relative paths; a path ending in '/' is a folder), while the duplicate check
// still sees the whole registry.
ValidationResult validate(const ContentSource& source, const std::vector<std::string>& only,
                          Registry* loaded = nullptr);

}  // namespace perechen
