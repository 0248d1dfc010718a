// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace perechen {

enum class Severity { error, warning };

// A place in a registry file: the path relative to the registry root with '/' separators,
// and a 1-based line and column (column in characters). 0 means "the whole file".
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
};

struct Related {
  Location where;
  std::string message;  // may be empty
};

// One finding. Findings are data: every check appends to a list, and the exit code and the
// output are decided once at the end.
struct Diagnostic {
  Location where;
  Severity severity = Severity::error;
  std::string rule;    // rule id, see data/rules.yaml
  std::string clause;  // clause of the regulation, empty when none applies
  std::string message;
  std::vector<Related> related;
};

// What a rule is: its id, severity, clause and title (data/rules.yaml).
struct RuleInfo {
  std::string id;
  Severity severity = Severity::error;
  std::string clause;
  std::string title_ru;
  std::string title_en;
  std::string help_ru;
  std::string help_en;
};

// Every rule perechen knows, in the order of data/rules.yaml.
const std::vector<RuleInfo>& all_rules();
// The rule with this id; throws std::logic_error for an id that data/rules.yaml lacks.
const RuleInfo& rule_info(std::string_view id);

// Caps on findings, so that a hostile file cannot make a report of gigabytes: a file keeps its
// first kMaxFindingsPerFile findings and a run its first kMaxFindings (after sorting); the rest
// are only counted, by file and rule, and the report says how many more there were.
inline constexpr std::size_t kMaxFindingsPerFile = 100;
inline constexpr std::size_t kMaxFindings = 1000;

class Diagnostics {
 public:
  // Adds a finding of `rule`, taking its severity and clause from data/rules.yaml.
  void add(std::string_view rule, Location where, std::string message,
           std::vector<Related> related = {});
  void add(Diagnostic diagnostic);
  void append(Diagnostics&& other);

  // Orders findings by file, line, column and rule, so that output never depends on threads.
  void sort();
  // Keeps the findings, shown and counted, of the files for which `keep` is true.
  template <typename Keep>
  void keep_files(Keep keep) {
    keep_files(keep, [](const Diagnostic&) { return false; });
  }
  // The same, and also the shown findings for which `also` is true.
  template <typename Keep, typename Also>
  void keep_files(Keep keep, Also also) {
    std::erase_if(items_, [&](const Diagnostic& d) { return !keep(d.where.file) && !also(d); });
    std::erase_if(omitted_, [&](const auto& entry) { return !keep(entry.first.first); });
  }
  // Keeps the first `max` findings in their present order; the rest are counted as omitted.
  void limit(std::size_t max);

  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>& items() { return items_; }
  // Findings of `severity`, the omitted ones included.
  std::size_t count(Severity severity) const;
  bool empty() const { return items_.empty() && omitted_.empty(); }
  // How many findings were left out, and of which rules (rule id -> count, by id).
  std::size_t omitted() const;
  std::map<std::string, std::size_t> omitted_by_rule() const;

 private:
  struct Omitted {
    Severity severity = Severity::error;
    std::size_t count = 0;
  };
  void omit(const Diagnostic& diagnostic);

  std::vector<Diagnostic> items_;
  std::unordered_map<std::string, std::size_t> per_file_;
  std::map<std::pair<std::string, std::string>, Omitted> omitted_;  // (file, rule)
};

}  // namespace perechen
