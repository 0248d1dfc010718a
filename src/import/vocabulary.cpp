// SPDX-License-Identifier: Apache-2.0
// data/import.yaml read into the tables the mapper uses, checked as it is read (see
// vocabulary.hpp). yaml-cpp reads it: the file is ours, embedded in the binary, and small.

#include "vocabulary.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "perechen/catalog.hpp"
#include "perechen/embedded.hpp"
#include "perechen/error.hpp"
#include "perechen/text.hpp"

namespace perechen::importing {
namespace {

[[noreturn]] void bad(const std::string& where, const std::string& what) {
  throw Error(ExitCode::failure, "data/import.yaml: " + where + ": " + what);
}

std::vector<std::string> words_of(const YAML::Node& node, const std::string& where) {
  if (!node || !node.IsSequence())
    bad(where, "a list of words is expected");
  std::vector<std::string> words;
  for (const auto& w : node) {
    if (!w.IsScalar())
      bad(where, "a word is expected");
    std::string n = norm(w.as<std::string>());
    if (n.empty())
      bad(where, "an empty word");
    words.push_back(std::move(n));
  }
  return words;
}

// A map of value -> words, each value one of `allowed` (any, when empty).
WordTable table_of(const YAML::Node& node, const std::string& where,
                   const std::vector<std::string>& allowed) {
  if (!node || !node.IsMap())
    bad(where, "a map of names to words is expected");
  WordTable table;
  for (const auto& entry : node) {
    auto value = entry.first.as<std::string>();
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), value) == allowed.end())
      bad(where + "." + value, "unknown name");
    for (auto& word : words_of(entry.second, where + "." + value))
      table.emplace_back(std::move(word), value);
  }
  std::stable_sort(table.begin(), table.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  return table;
}

}  // namespace

std::string norm(std::string_view s) {
  std::string n = text::normalize_name(s);
  std::string out;
  out.reserve(n.size());
  for (std::size_t i = 0; i < n.size(); ++i) {
    if (n[i] == ' ' &&
        ((i + 1 < n.size() && n[i + 1] == '/') || (!out.empty() && out.back() == '/')))
      continue;
    out += n[i];
  }
  return out;
}

std::size_t word_at(std::string_view text, std::string_view word) {
  for (std::size_t pos = text.find(word); pos != std::string_view::npos;
       pos = text.find(word, pos + 1)) {
    if (pos == 0)
      return pos;
    auto before = static_cast<unsigned char>(text[pos - 1]);
    if (before < 0x80 && !std::isalnum(before))
      return pos;
  }
  return std::string_view::npos;
}

bool starts_with_word(std::string_view text, std::string_view word) {
  if (text.substr(0, word.size()) != word)
    return false;
  if (text.size() == word.size())
    return true;
  auto after = static_cast<unsigned char>(text[word.size()]);
  auto last = static_cast<unsigned char>(word.back());
  return (after < 0x80 && !std::isalnum(after)) || (last < 0x80 && !std::isalnum(last));
}

Vocabulary read_vocabulary(std::string_view yaml) {
  YAML::Node doc;
  try {
    doc = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    bad("YAML", e.what());
  }
  Vocabulary v;
  try {
    if (!doc["columns"] || !doc["columns"].IsSequence())
      bad("columns", "a list is expected");
    for (const auto& node : doc["columns"]) {
      if (!node.IsMap() || !node["column"] || !node["column"].IsScalar())
        bad("columns", "each entry needs column: NAME");
      auto name = node["column"].as<std::string>();
      auto it = std::find(kColumnNames.begin(), kColumnNames.end(), name);
      if (it == kColumnNames.end())
        bad("columns." + name, "unknown column");
      bool anywhere = node["anywhere"] && node["anywhere"].IsScalar() &&
                      node["anywhere"].as<std::string>() == "true";
      v.columns.push_back(ColumnWords{static_cast<Column>(it - kColumnNames.begin()), anywhere,
                                      words_of(node["words"], "columns." + name)});
    }
    v.subheadings = words_of(doc["subheadings"], "subheadings");
    v.channels = table_of(doc["channels"], "channels", {"digital", "offline"});
    v.informal_channels =
        table_of(doc["informal_channels"], "informal_channels", {"digital", "offline"});
    std::vector<std::string> kind_ids;
    for (const auto& k : builtin_kinds())
      kind_ids.push_back(k.id);
    v.kinds = table_of(doc["kinds"], "kinds", kind_ids);  // only to kinds that are built in
    v.all_clients = words_of(doc["all_clients"], "all_clients");
    v.clients = table_of(doc["clients"], "clients",
                         {"civil-servants", "government-office", "workers", "ogu-staff"});
    const YAML::Node structure = doc["structure"];
    if (!structure || !structure.IsMap())
      bad("structure", "a map is expected");
    for (const auto& entry : structure) {
      auto name = entry.first.as<std::string>();
      if (name == "totals")
        v.totals = words_of(entry.second, "structure.totals");
      else if (name == "signature")
        v.signature = words_of(entry.second, "structure.signature");
      else if (name == "continued")
        v.continued = words_of(entry.second, "structure.continued");
      else
        bad("structure." + name, "unknown name");
    }
    const YAML::Node marks = doc["marks"];
    if (!marks || !marks.IsMap())
      bad("marks", "a map is expected");
    v.marks_yes = words_of(marks["met"], "marks.met");
    v.marks_no = words_of(marks["not_met"], "marks.not_met");
  } catch (const YAML::Exception& e) {
    bad("YAML", e.what());
  }
  return v;
}

const Vocabulary& vocabulary() {
  static const Vocabulary v = read_vocabulary(*embedded_file("data/import.yaml"));
  return v;
}

std::optional<Column> classify_heading(std::string_view heading) {
  std::string h = norm(heading);
  if (h.empty())
    return std::nullopt;
  std::optional<Column> best;
  std::size_t best_at = std::string::npos;
  std::size_t best_length = 0;
  for (const auto& [column, anywhere, words] : vocabulary().columns) {
    for (const auto& word : words) {
      if (anywhere && word_at(h, word) != std::string::npos)
        return column;
    }
  }
  for (const auto& [column, anywhere, words] : vocabulary().columns) {
    for (const auto& word : words) {
      std::size_t at = word_at(h, word);
      if (at == std::string::npos)
        continue;
      if (at < best_at || (at == best_at && word.size() > best_length)) {
        best = column;
        best_at = at;
        best_length = word.size();
      }
    }
  }
  return best;
}

std::optional<std::string> lookup(const WordTable& table, std::string_view normalised) {
  for (const auto& [word, value] : table) {
    if (starts_with_word(normalised, word))
      return value;
  }
  return std::nullopt;
}

std::optional<std::string> lookup_exact(const WordTable& table, std::string_view normalised) {
  for (const auto& [word, value] : table) {
    if (normalised == word)
      return value;
  }
  return std::nullopt;
}

}  // namespace perechen::importing
