#pragma once

#include <string>
#include <string_view>
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

class Diagnostics {
 public:
  // Adds a finding of `rule`, taking its severity and clause from data/rules.yaml.
  void add(std::string_view rule, Location where, std::string message,
           std::vector<Related> related = {});
  void add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }
  void append(Diagnostics&& other);

  // Orders findings by file, line, column and rule, so that output never depends on threads.
  void sort();

  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>& items() { return items_; }
  std::size_t count(Severity severity) const;
  bool empty() const { return items_.empty(); }

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace perechen
