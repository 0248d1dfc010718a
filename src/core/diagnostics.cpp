// SPDX-License-Identifier: Apache-2.0
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <stdexcept>
#include <tuple>

#include "perechen/diagnostic.hpp"
#include "perechen/embedded.hpp"

namespace perechen {

const std::vector<RuleInfo>& all_rules() {
  static const auto rules = [] {
    std::vector<RuleInfo> result;
    YAML::Node doc = YAML::Load(std::string(*embedded_file("data/rules.yaml")));
    for (const auto& node : doc) {
      RuleInfo info;
      info.id = node["id"].as<std::string>();
      info.severity =
          node["severity"].as<std::string>() == "warning" ? Severity::warning : Severity::error;
      info.clause = node["clause"].as<std::string>("");
      info.title_ru = node["ru"].as<std::string>("");
      info.title_en = node["en"].as<std::string>("");
      info.help_ru = node["help_ru"].as<std::string>("");
      info.help_en = node["help_en"].as<std::string>("");
      result.push_back(std::move(info));
    }
    return result;
  }();
  return rules;
}

const RuleInfo& rule_info(std::string_view id) {
  for (const auto& rule : all_rules()) {
    if (rule.id == id)
      return rule;
  }
  throw std::logic_error("unknown rule id: " + std::string(id));
}

void Diagnostics::add(std::string_view rule, Location where, std::string message,
                      std::vector<Related> related) {
  const RuleInfo& info = rule_info(rule);
  add(Diagnostic{std::move(where), info.severity, info.id, info.clause, std::move(message),
                 std::move(related)});
}

void Diagnostics::add(Diagnostic diagnostic) {
  std::size_t& in_file = per_file_[diagnostic.where.file];
  if (in_file >= kMaxFindingsPerFile || items_.size() >= kMaxFindings * 4) {
    // The run's cap is applied after sorting; until then a list holds a few times it at most.
    omit(diagnostic);
    return;
  }
  ++in_file;
  items_.push_back(std::move(diagnostic));
}

void Diagnostics::append(Diagnostics&& other) {
  for (auto& diagnostic : other.items_)
    add(std::move(diagnostic));
  for (const auto& [key, omitted] : other.omitted_) {
    Omitted& mine = omitted_[key];
    mine.severity = omitted.severity;
    mine.count += omitted.count;
  }
  other.items_.clear();
  other.omitted_.clear();
  other.per_file_.clear();
}

void Diagnostics::omit(const Diagnostic& diagnostic) {
  Omitted& omitted = omitted_[{diagnostic.where.file, diagnostic.rule}];
  omitted.severity = diagnostic.severity;
  ++omitted.count;
}

void Diagnostics::limit(std::size_t max) {
  if (items_.size() <= max)
    return;
  for (std::size_t i = max; i < items_.size(); ++i)
    omit(items_[i]);
  items_.resize(max);
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.file, a.where.line, a.where.column, a.rule) <
           std::tie(b.where.file, b.where.line, b.where.column, b.rule);
  });
}

std::size_t Diagnostics::count(Severity severity) const {
  auto shown = static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [&](const Diagnostic& d) { return d.severity == severity; }));
  for (const auto& [key, omitted] : omitted_) {
    if (omitted.severity == severity)
      shown += omitted.count;
  }
  return shown;
}

std::size_t Diagnostics::omitted() const {
  std::size_t total = 0;
  for (const auto& [key, omitted] : omitted_)
    total += omitted.count;
  return total;
}

std::map<std::string, std::size_t> Diagnostics::omitted_by_rule() const {
  std::map<std::string, std::size_t> by_rule;
  for (const auto& [key, omitted] : omitted_)
    by_rule[key.second] += omitted.count;
  return by_rule;
}

}  // namespace perechen
