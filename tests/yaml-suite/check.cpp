// SPDX-License-Identifier: Apache-2.0
// Runs every case of the YAML test suite (cases.jsonl, written by export.mjs) through perechen's
// reader and compares it with the suite: an error case must be refused, a valid case accepted with
// the suite's JSON. Every disagreement must be listed in known.yaml with its reason, and every
// listed case must still disagree, so that the list only shrinks; a case of invalid YAML that is
// accepted may not be listed at all.
//   yaml_suite_check CASES.jsonl KNOWN.yaml          check; exit 1 on any unlisted change
//   yaml_suite_check CASES.jsonl KNOWN.yaml --list   print every disagreement, one a line

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "../support/core_schema.hpp"
#include "perechen/i18n.hpp"
#include "perechen/yaml/parse.hpp"

namespace {

using nlohmann::json;
using perechen::test::resolve_plain;
using perechen::yaml::Node;
using perechen::yaml::NodeKind;

json to_json(const Node& node) {
  switch (node.kind) {
    case NodeKind::null:
      return nullptr;
    case NodeKind::scalar:
      return node.quoted ? json(node.scalar) : resolve_plain(node.scalar);
    case NodeKind::sequence: {
      json out = json::array();
      for (const auto& item : node.items)
        out.push_back(to_json(item));
      return out;
    }
    case NodeKind::map: {
      json out = json::object();
      for (const auto& entry : node.entries)
        out[entry.key] = to_json(entry.value);
      return out;
    }
  }
  return nullptr;
}

// Numbers of either kind compare by value, as JSON has only one kind of number.
bool same(const json& a, const json& b) {
  if (a.is_number() && b.is_number())
    return a.get<double>() == b.get<double>();
  if (a.type() != b.type())
    return false;
  if (a.is_array()) {
    if (a.size() != b.size())
      return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!same(a[i], b[i]))
        return false;
    }
    return true;
  }
  if (a.is_object()) {
    if (a.size() != b.size())
      return false;
    for (const auto& [key, value] : a.items()) {
      if (!b.contains(key) || !same(value, b[key]))
        return false;
    }
    return true;
  }
  return a == b;
}

// What perechen did with a case where it disagrees with the suite; empty when they agree.
std::string disagreement(const json& test) {
  perechen::Diagnostics found;
  auto tree = perechen::yaml::parse("case.yaml", test.at("yaml").get<std::string>(), found);
  bool refused = !tree || found.count(perechen::Severity::error) > 0;
  bool fail = test.at("fail").get<bool>();
  if (fail)
    return refused ? "" : "accepts invalid YAML";
  if (refused) {
    const auto& first = found.items().front();
    return fmt::format("refuses valid YAML: {} at {}:{}: {}", first.rule, first.where.line,
                       first.where.column, first.message);
  }
  if (!test.contains("json"))
    return "";
  json expected;
  try {
    auto text = test.at("json").get<std::string>();
    expected = text.find_first_not_of(" \n") == std::string::npos ? json() : json::parse(text);
  } catch (const json::parse_error&) {
    return "";  // several documents: perechen refuses those, so this is not reached
  }
  json got = to_json(*tree);
  if (!same(got, expected))
    return fmt::format("another value: {} instead of {}", got.dump(), expected.dump());
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: yaml_suite_check CASES.jsonl KNOWN.yaml [--list]\n";
    return 2;
  }
  perechen::set_language(perechen::Lang::en);
  bool list = argc > 3 && std::string(argv[3]) == "--list";

  std::ifstream known_file(argv[2]);
  std::stringstream known_text;
  known_text << known_file.rdbuf();
  perechen::Diagnostics known_problems;
  auto known_tree = perechen::yaml::parse(argv[2], known_text.str(), known_problems);
  if (!known_tree || (!known_tree->is_map() && !known_tree->is_null())) {
    std::cerr << argv[2] << ": not a mapping of case ids to reasons\n";
    return 2;
  }
  std::map<std::string, std::string> known;
  for (const auto& entry : known_tree->entries)
    known[entry.key] = entry.value.scalar;

  std::ifstream cases(argv[1]);
  std::string line;
  int total = 0;
  int listed = 0;
  int problems = 0;
  std::map<std::string, bool> seen;
  while (std::getline(cases, line)) {
    if (line.empty())
      continue;
    json test = json::parse(line);
    auto id = test.at("id").get<std::string>();
    ++total;
    std::string what = disagreement(test);
    seen[id] = !what.empty();
    if (list) {
      if (!what.empty())
        std::cout << fmt::format("{}: {} ({})\n", id, what, test.at("name").get<std::string>());
      continue;
    }
    bool is_known = known.count(id) > 0;
    if (is_known && test.at("fail").get<bool>() && !what.empty()) {
      // Invalid YAML that passes is never a known deviation: a registry file must not be read
      // as something its author did not write.
      std::cout << fmt::format(
          "INVALID {}: accepts invalid YAML, which known.yaml may not list "
          "({})\n",
          id, test.at("name").get<std::string>());
      ++problems;
    } else if (!what.empty() && !is_known) {
      std::cout << fmt::format("NEW {}: {} ({})\n", id, what, test.at("name").get<std::string>());
      ++problems;
    } else if (what.empty() && is_known) {
      std::cout << fmt::format("FIXED {}: now agrees with the suite; remove it from {}\n", id,
                               argv[2]);
      ++problems;
    } else if (is_known) {
      ++listed;
    }
  }
  if (list)
    return 0;
  for (const auto& [id, reason] : known) {
    if (seen.count(id) == 0) {
      std::cout << fmt::format("GONE {}: listed in {} but not in the suite\n", id, argv[2]);
      ++problems;
    }
  }
  std::cout << fmt::format(
      "yaml-test-suite: {} cases, {} agree, {} listed disagreements, {} problems\n", total,
      total - listed - problems, listed, problems);
  return problems == 0 ? 0 : 1;
}
