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
  items_.push_back(Diagnostic{std::move(where), info.severity, info.id, info.clause,
                              std::move(message), std::move(related)});
}

void Diagnostics::append(Diagnostics&& other) {
  items_.insert(items_.end(), std::make_move_iterator(other.items_.begin()),
                std::make_move_iterator(other.items_.end()));
  other.items_.clear();
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.file, a.where.line, a.where.column, a.rule) <
           std::tie(b.where.file, b.where.line, b.where.column, b.rule);
  });
}

std::size_t Diagnostics::count(Severity severity) const {
  return static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [&](const Diagnostic& d) { return d.severity == severity; }));
}

}  // namespace perechen
