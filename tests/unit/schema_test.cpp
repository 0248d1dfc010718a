// SPDX-License-Identifier: Apache-2.0
// The JSON Schemas of schemas/ are what an editor (yaml-language-server) checks a registry file
// against while it is typed. These tests hold them to the examples, to the shipped data of
// data/, and to small broken fixtures.
//
// A YAML document is turned into JSON as an editor reads it, by the YAML 1.2 core schema (plain
// `5` is a number, `true` a boolean, `~` null, quoted text always a string), and validated with
// strict types through valijson's nlohmann adapter. valijson's own yaml-cpp adapter is not used:
// in valijson 1.0 (Debian 12) it reports every node as a string, so checking a list of mappings
// against an enum (as `needs` is) throws, and the validator does not compile for it at all
// (fixed upstream after 1.0 by valijson pull requests 175 and 185).

#include <yaml-cpp/yaml.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>
#include <vector>

#include "core_schema.hpp"
#include "fixture.hpp"
#include "perechen/registry/source.hpp"
#include "perechen/rules/validate.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using perechen::test::resolve_plain;
using perechen::test::source_dir;

const std::vector<std::string> kSchemaNames = {"point", "config", "roster"};

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct LoadedSchema {
  json doc;
  valijson::Schema schema;
};

// Parses schemas/<name>.schema.json once as a draft-07 schema.
const LoadedSchema& load_schema(const std::string& name) {
  static std::map<std::string, std::unique_ptr<LoadedSchema>> cache;
  auto& slot = cache[name];
  if (!slot) {
    slot = std::make_unique<LoadedSchema>();
    slot->doc = json::parse(read_text(source_dir() / "schemas" / (name + ".schema.json")));
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(slot->doc);
    parser.populateSchema(adapter, slot->schema);
  }
  return *slot;
}

std::vector<std::string> describe(const valijson::ValidationResults& results) {
  std::vector<std::string> out;
  for (const auto& error : results) {
    std::string where;
    for (const auto& part : error.context)
      where += part;
    out.push_back(where + ": " + error.description);
  }
  return out;
}

json to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      // yaml-cpp tags a quoted or block scalar "!" and a plain one "?".
      return node.Tag() == "!" ? json(node.Scalar()) : resolve_plain(node.Scalar());
    case YAML::NodeType::Sequence: {
      json out = json::array();
      for (const auto& item : node)
        out.push_back(to_json(item));
      return out;
    }
    case YAML::NodeType::Map: {
      json out = json::object();
      for (const auto& entry : node)
        out[entry.first.Scalar()] = to_json(entry.second);
      return out;
    }
    default:
      return nullptr;
  }
}

// Findings of the schema for `doc`, read as an editor reads it (empty: accepted).
std::vector<std::string> schema_errors(const std::string& schema, const YAML::Node& doc) {
  const json value = to_json(doc);
  valijson::Validator validator(valijson::Validator::kStrongTypes);
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(value);
  validator.validate(load_schema(schema).schema, adapter, &results);
  return describe(results);
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines)
    out += "  " + line + "\n";
  return out;
}

// Which schema a registry file is checked against, by its place in the registry.
std::string schema_for(const fs::path& relative) {
  if (relative == "perechen.yaml")
    return "config";
  if (relative == "roster.yaml")
    return "roster";
  return "point";
}

std::vector<fs::path> registry_files(const fs::path& root) {
  std::vector<fs::path> files = {root / "perechen.yaml", root / "roster.yaml"};
  std::vector<fs::path> points;
  for (const auto& entry : fs::recursive_directory_iterator(root / "points")) {
    const auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml"))
      points.push_back(entry.path());
  }
  std::sort(points.begin(), points.end());
  files.insert(files.end(), points.begin(), points.end());
  return files;
}

std::vector<std::string> strings_of(const json& array) {
  std::vector<std::string> out;
  for (const auto& item : array)
    out.push_back(item.get<std::string>());
  return out;
}

bool has_cyrillic(const std::string& text) {
  // Cyrillic letters of U+0400..U+04FF start with the UTF-8 lead bytes 0xD0..0xD3.
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0xD0 && byte <= 0xD3;
  });
}

// Every property of every object in the schema, with the JSON pointer it sits at.
void each_property(const json& node, const std::string& at,
                   const std::function<void(const std::string&, const json&)>& visit) {
  if (node.is_object()) {
    if (node.contains("properties")) {
      for (const auto& [key, sub] : node["properties"].items())
        visit(at + "/properties/" + key, sub);
    }
    for (const auto& [key, sub] : node.items())
      each_property(sub, at + "/" + key, visit);
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i)
      each_property(node[i], at + "/" + std::to_string(i), visit);
  }
}

void each_object_schema(const json& node, const std::string& at,
                        const std::function<void(const std::string&, const json&)>& visit) {
  if (node.is_object()) {
    if (node.contains("properties"))
      visit(at, node);
    for (const auto& [key, sub] : node.items())
      each_object_schema(sub, at + "/" + key, visit);
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i)
      each_object_schema(node[i], at + "/" + std::to_string(i), visit);
  }
}

// A valid point of the registry that perechen::test::write_minimal_registry makes; each fixture
// changes one thing in it.
const std::string kBasePoint = R"(process: salary
point:
  name: Личный кабинет «1С:Кабинет сотрудника»
  channel: digital
  kind: personal_account
  url: https://lk.cbu48.example
clients: [civil-servants]
value: Видеть начисления и удержания без визита в бухгалтерию
needs:
  - information
  - result: Расчетный листок в день выплаты
basis:
  - type: internal_act
    title: Приказ ОКУ «ЦБУ» от 15.01.2025 № 4
prepared_by: cbu
)";

std::string base_with(const std::string& from, const std::string& to) {
  const auto at = kBasePoint.find(from);
  if (at == std::string::npos || kBasePoint.find(from, at + 1) != std::string::npos) {
    throw std::logic_error("fixture text not found exactly once: " + from);
  }
  std::string out = kBasePoint;
  out.replace(at, from.size(), to);
  return out;
}

struct Fixture {
  std::string name;     // what is wrong, for the report
  std::string yaml;     // the whole point file
  std::string rule;     // what perechen validate reports on it; empty: nothing
  bool schema_rejects;  // whether the schema can see the problem
};

// Point files, each one problem away from kBasePoint.
const std::vector<Fixture>& point_fixtures() {
  static const std::vector<Fixture> fixtures = {
      {"channel online", base_with("channel: digital", "channel: online"), "channel-invalid", true},
      {"channel in Russian", base_with("channel: digital", "channel: цифровая"), "channel-invalid",
       true},
      {"unknown need code", base_with("  - information\n", "  - payslip\n"), "need-unknown", true},
      {"unknown need code with description",
       base_with("  - result: Расчетный", "  - payslip: Расчетный"), "need-unknown", true},
      {"other without description", base_with("  - information\n", "  - other\n"),
       "need-other-undescribed", true},
      {"other with empty description", base_with("  - information\n", "  - other: \"\"\n"),
       "need-other-undescribed", true},
      {"other with blank description", base_with("  - information\n", "  - other: \"  \"\n"),
       "need-other-undescribed", true},
      {"missing value",
       base_with("value: Видеть начисления и удержания без визита в бухгалтерию\n", ""),
       "missing-field", true},
      {"missing process", base_with("process: salary\n", ""), "missing-field", true},
      {"missing point name", base_with("  name: Личный кабинет «1С:Кабинет сотрудника»\n", ""),
       "missing-field", true},
      {"missing channel", base_with("  channel: digital\n", ""), "missing-field", true},
      {"missing clients", base_with("clients: [civil-servants]\n", ""), "missing-field", true},
      {"no needs",
       base_with("needs:\n  - information\n  - result: Расчетный листок в день выплаты\n", ""),
       "needs-missing", true},
      {"empty needs",
       base_with("needs:\n  - information\n  - result: Расчетный листок в день выплаты\n",
                 "needs: []\n"),
       "needs-missing", true},
      {"blank value",
       base_with("value: Видеть начисления и удержания без визита в бухгалтерию", "value: \"   \""),
       "empty-value", true},
      {"empty point name", base_with("name: Личный кабинет «1С:Кабинет сотрудника»", "name: \"\""),
       "empty-value", true},
      {"unknown top-level field", kBasePoint + "comment: проверить\n", "unknown-field", true},
      {"misspelt address",
       base_with("  url: https://lk.cbu48.example\n",
                 "  url: https://lk.cbu48.example\n  adress: каб. 12\n"),
       "unknown-field", true},
      {"unknown basis field",
       base_with("    title: Приказ", "    date: 2025-01-15\n    title: Приказ"), "unknown-field",
       true},
      {"url without scheme", base_with("url: https://lk.cbu48.example", "url: www.cbu48.example"),
       "url-invalid", true},
      {"ftp url", base_with("url: https://lk.cbu48.example", "url: ftp://files.cbu48.example"),
       "url-invalid", true},
      {"url without host", base_with("url: https://lk.cbu48.example", "url: https://"),
       "url-invalid", true},
      {"mailto without address", base_with("url: https://lk.cbu48.example", "url: \"mailto:\""),
       "url-invalid", true},
      {"tel without number", base_with("url: https://lk.cbu48.example", "url: \"tel:\""),
       "url-invalid", true},
      {"url with a space",
       base_with("url: https://lk.cbu48.example", "url: https://lk.cbu48.example/личный кабинет"),
       "url-invalid", true},
      {"unknown basis type", base_with("type: internal_act", "type: order"), "basis-invalid", true},
      {"basis without title", base_with("    title: Приказ ОКУ «ЦБУ» от 15.01.2025 № 4\n", ""),
       "basis-invalid", true},
      {"basis without type", base_with("  - type: internal_act\n    title:", "  - title:"),
       "basis-invalid", true},
      {"clients as text", base_with("clients: [civil-servants]", "clients: civil-servants"),
       "field-type", true},
      {"needs as text",
       base_with("needs:\n  - information\n  - result: Расчетный листок в день выплаты\n",
                 "needs: information\n"),
       "field-type", true},
      {"basis as a mapping",
       base_with("  - type: internal_act\n    title:", "  type: internal_act\n  title:"),
       "field-type", true},
      {"value as a list",
       base_with("value: Видеть начисления и удержания без визита в бухгалтерию",
                 "value: [Видеть начисления, Видеть удержания]"),
       "field-type", true},
      {"point name as a mapping",
       base_with("name: Личный кабинет «1С:Кабинет сотрудника»", "name: {ru: Личный кабинет}"),
       "field-type", true},
      {"process as a number", base_with("process: salary", "process: 42"), "unknown-process", true},
      // A reference that is not a slug can never name anything: the schema sees that much.
      {"process in Russian", base_with("process: salary", "process: Зарплата"), "unknown-process",
       true},
      {"kind in Russian", base_with("kind: personal_account", "kind: Киоск"), "kind-unknown", true},
      {"client in capitals", base_with("clients: [civil-servants]", "clients: [Civil-Servants]"),
       "unknown-client", true},
      // What only the whole registry can tell: the schema accepts these.
      {"process not in the registry", base_with("process: salary", "process: salery"),
       "unknown-process", false},
      {"client not in perechen.yaml",
       base_with("clients: [civil-servants]", "clients: [civil-servants, pensioners]"),
       "unknown-client", false},
      {"institution not in perechen.yaml", base_with("prepared_by: cbu", "prepared_by: cbu-tambov"),
       "unknown-institution", false},
      {"kind not defined", base_with("kind: personal_account", "kind: kiosk"), "kind-unknown",
       false},
      {"phone line marked offline",
       base_with("  channel: digital\n  kind: personal_account\n  url: https://lk.cbu48.example\n",
                 "  channel: offline\n  kind: phone\n  address: г. Липецк, ул. Советская, д. 3\n"),
       "kind-channel-mismatch", false},
      {"need twice", base_with("  - information\n", "  - result\n"), "need-duplicate", false},
      {"no basis",
       base_with("basis:\n  - type: internal_act\n    title: Приказ ОКУ «ЦБУ» от 15.01.2025 № 4\n",
                 ""),
       "basis-missing", false},
      {"tel with letters", base_with("url: https://lk.cbu48.example", "url: tel:+7abc"),
       "url-invalid", true},
      {"https without host", base_with("url: https://lk.cbu48.example", "url: https://?x"),
       "url-invalid", true},
      {"mailto without domain", base_with("url: https://lk.cbu48.example", "url: mailto:zarplata"),
       "url-invalid", true},
      {"web address with a bad port",
       base_with("url: https://lk.cbu48.example", "url: https://lk.cbu48.example:80a/"),
       "url-invalid", true},
      {"two codes in one need",
       base_with("  - information\n", "  - information: а\n    progress: б\n"), "field-type", true},
      {"need as a list", base_with("  - information\n", "  - [information]\n"), "field-type", true},
      {"need as a number", base_with("  - information\n", "  - 5\n"), "need-unknown", true},
      {"built-in kind in capitals", base_with("kind: personal_account", "kind: Personal_account"),
       "kind-unknown", true},
      {"no basis written as null",
       base_with("basis:\n  - type: internal_act\n    title: Приказ ОКУ «ЦБУ» от 15.01.2025 № 4\n",
                 "basis:\n"),
       "basis-missing", false},
      {"empty url", base_with("url: https://lk.cbu48.example", "url: \"\""), "contact-missing",
       false},
      // Written as people write them, and fine for both.
      {"empty kind", base_with("kind: personal_account", "kind: \"\""), "", false},
      {"empty prepared_by", base_with("prepared_by: cbu", "prepared_by:"), "", false},
      {"phone with spaces",
       base_with("url: https://lk.cbu48.example", "url: tel:+7 (4742) 22-01-01"), "", false},
      {"scheme in capitals",
       base_with("url: https://lk.cbu48.example", "url: HTTPS://lk.cbu48.example"), "", false},
      {"Cyrillic domain",
       base_with("url: https://lk.cbu48.example", "url: https://госуслуги.рф/lk"), "", false},
      {"mailto with two addresses and a subject",
       base_with("url: https://lk.cbu48.example",
                 "url: mailto:zarplata@cbu48.example,buh@cbu48.example?subject=Расчетный листок"),
       "", false},
      {"web address with port, query and fragment",
       base_with("url: https://lk.cbu48.example", "url: http://lk.cbu48.example:8080/a?b=1#c"), "",
       false},
      {"need with an empty description", base_with("  - information\n", "  - information:\n"), "",
       false},
      {"digital point without url", base_with("  url: https://lk.cbu48.example\n", ""),
       "contact-missing", false},
  };
  return fixtures;
}

struct FileFixture {
  std::string name;
  std::string schema;  // config | roster
  std::string yaml;
};

const std::string kBaseConfig = R"(title: Перечень точек взаимодействия
organization: Управление финансов Липецкой области
institutions:
  - id: cbu
    title: ОКУ «Центр бухгалтерского учета Липецкой области»
clients:
  - id: civil-servants
    title: Государственные гражданские служащие
directions:
  - id: pay
    title: Оплата труда
    processes:
      - id: salary
        title: Начисление и выплата заработной платы
kinds:
  - id: kiosk
    title: Информационный киоск
    channel: offline
publication:
  working_days: 5
)";

const std::string kBaseRoster = R"(people:
  - id: ivanova
    name: Иванова Анна Петровна
    position: Заместитель начальника управления финансов
    keys:
      - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFScsv4RjMM+yD1GmYcMFkHgTyA7OQVjkU11LTnyHQC2 ivanova
roles:
  client_centricity: ivanova
  direction_curators:
    pay: ivanova
  process_owners:
    salary: ivanova
  initiators: [ivanova]
)";

std::string replaced(const std::string& base, const std::string& from, const std::string& to) {
  const auto at = base.find(from);
  if (at == std::string::npos)
    throw std::logic_error("fixture text not found: " + from);
  std::string out = base;
  out.replace(at, from.size(), to);
  return out;
}

// perechen.yaml and roster.yaml files the schema rejects (the validator: registry-config,
// unknown-field or field-type).
const std::vector<FileFixture>& settings_fixtures() {
  static const std::vector<FileFixture> fixtures = {
      {"process without title", "config",
       replaced(kBaseConfig, "        title: Начисление и выплата заработной платы\n", "")},
      {"day off that is no date", "config",
       replaced(kBaseConfig, "  working_days: 5\n",
                "  working_days: 5\n  days_off: [2026-13-01]\n")},
      {"extra working day that is no date", "config",
       replaced(kBaseConfig, "  working_days: 5\n",
                "  working_days: 5\n  extra_working_days: [2027-01-32]\n")},
      {"direction id in Russian", "config", replaced(kBaseConfig, "id: pay", "id: Оплата")},
      {"kind with an invalid channel", "config",
       replaced(kBaseConfig, "channel: offline", "channel: online")},
      {"misspelt directions", "config", replaced(kBaseConfig, "directions:", "directons:")},
      {"no clients", "config",
       replaced(
           kBaseConfig,
           "clients:\n  - id: civil-servants\n    title: Государственные гражданские служащие\n",
           "")},
      {"working days in words", "config",
       replaced(kBaseConfig, "working_days: 5", "working_days: пять")},
      {"working days zero", "config", replaced(kBaseConfig, "working_days: 5", "working_days: 0")},
      {"key that is not base64", "roster",
       replaced(kBaseRoster, "AAAAC3NzaC1lZDI1NTE5AAAAIFScsv4RjMM+yD1GmYcMFkHgTyA7OQVjkU11LTnyHQC2",
                "ключ-Ивановой")},
      {"DSA key", "roster", replaced(kBaseRoster, "ssh-ed25519 AAAA", "ssh-dss AAAA")},
      {"no client_centricity", "roster",
       replaced(kBaseRoster, "  client_centricity: ivanova\n", "")},
      {"misspelt role", "roster", replaced(kBaseRoster, "direction_curators:", "curators:")},
      {"person without name", "roster",
       replaced(kBaseRoster, "    name: Иванова Анна Петровна\n", "")},
      {"initiators as text", "roster",
       replaced(kBaseRoster, "initiators: [ivanova]", "initiators: ivanova")},
      // A list of holders is a role of several people (spec §2.2); a map is nothing.
      {"owner as a map", "roster",
       replaced(kBaseRoster, "salary: ivanova", "salary: {id: ivanova}")},
      {"owners as an empty list", "roster", replaced(kBaseRoster, "salary: ivanova", "salary: []")},
  };
  return fixtures;
}

// Rules the point schema judges in full: it rejects a point exactly when perechen validate reports
// one of these on it.
const std::set<std::string> kSchemaRules = {
    "unknown-field", "field-type",   "missing-field",          "empty-value", "channel-invalid",
    "needs-missing", "need-unknown", "need-other-undescribed", "url-invalid", "basis-invalid"};

// Rules of references, which the schema judges only by shape: an id that is not a slug names
// nothing.
const std::set<std::string> kShapeRules = {"unknown-process", "unknown-client",
                                           "unknown-institution", "kind-unknown"};

// What perechen validate reports on `file` (written with `text`) in the registry of
// perechen::test::write_minimal_registry.
std::vector<perechen::Diagnostic> validator_findings(const std::string& file,
                                                     const std::string& text) {
  perechen::test::TempDir dir;
  perechen::test::write_minimal_registry(dir);
  dir.write(file, text);
  const auto source = perechen::make_directory_source(dir.path().string());
  const auto result = perechen::validate(*source, {});
  std::vector<perechen::Diagnostic> out;
  for (const auto& finding : result.diagnostics.items()) {
    if (finding.where.file == file)
      out.push_back(finding);
  }
  return out;
}

std::string listed(const std::vector<perechen::Diagnostic>& findings) {
  std::string out;
  for (const auto& finding : findings) {
    out += "  " + std::to_string(finding.where.line) + ":" + std::to_string(finding.where.column) +
           " [" + finding.rule + "] " + finding.message + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("the schemas are draft-07 schemas with a stable $id") {
  for (const auto& name : kSchemaNames) {
    INFO(name);
    const auto& loaded = load_schema(name);  // throws when valijson cannot parse it
    CHECK(loaded.doc.at("$schema") == "http://json-schema.org/draft-07/schema#");
    CHECK(loaded.doc.at("$id") == "https://perechen.example/schemas/" + name + ".schema.json");
    CHECK(has_cyrillic(loaded.doc.at("title").get<std::string>()));
    CHECK(has_cyrillic(loaded.doc.at("description").get<std::string>()));
  }
}

TEST_CASE("every field of every schema has a Russian title and description for editors") {
  for (const auto& name : kSchemaNames) {
    each_property(load_schema(name).doc, name, [](const std::string& at, const json& property) {
      INFO(at);
      REQUIRE(property.contains("description"));
      CHECK(has_cyrillic(property["description"].get<std::string>()));
      REQUIRE(property.contains("title"));
      CHECK(has_cyrillic(property["title"].get<std::string>()));
    });
  }
}

namespace {

// Every subschema below the root that an editor checks a value against: properties, items, the
// values and names of a mapping, the branches of an anyOf. `covered`: the branch of an anyOf whose
// owner has a message of its own, which an editor shows for the branch too.
void each_constraint(const json& node, const std::string& at, bool covered,
                     const std::function<void(const std::string&, const json&, bool)>& visit) {
  if (!node.is_object())
    return;
  auto sub = [&](const json& child, const std::string& where, bool branch) {
    visit(where, child, branch);
    each_constraint(child, where, branch, visit);
  };
  if (node.contains("properties")) {
    for (const auto& [key, child] : node["properties"].items())
      sub(child, at + "/properties/" + key, false);
  }
  for (const char* key : {"items", "additionalProperties", "propertyNames"}) {
    if (node.contains(key) && node[key].is_object())
      sub(node[key], at + "/" + key, false);
  }
  if (node.contains("anyOf")) {
    const bool owner_speaks = covered || node.contains("errorMessage");
    for (std::size_t i = 0; i < node["anyOf"].size(); ++i)
      sub(node["anyOf"][i], at + "/anyOf/" + std::to_string(i), owner_speaks);
  }
}

}  // namespace

TEST_CASE("every constraint of every schema has a Russian message for editors") {
  // yaml-language-server shows errorMessage for a value of the wrong type or outside an enum and
  // patternErrorMessage for one that misses its pattern; without them, its English defaults and
  // the regex itself.
  for (const auto& name : kSchemaNames) {
    each_constraint(load_schema(name).doc, name, false,
                    [](const std::string& at, const json& node, bool covered) {
                      INFO(at);
                      if (covered)
                        return;
                      if (node.contains("pattern")) {
                        REQUIRE(node.contains("patternErrorMessage"));
                        CHECK(has_cyrillic(node["patternErrorMessage"].get<std::string>()));
                      }
                      if (node.contains("type") || node.contains("enum")) {
                        REQUIRE(node.contains("errorMessage"));
                        CHECK(has_cyrillic(node["errorMessage"].get<std::string>()));
                      }
                    });
  }
}

TEST_CASE("every object of every schema refuses unknown fields") {
  for (const auto& name : kSchemaNames) {
    each_object_schema(load_schema(name).doc, name, [](const std::string& at, const json& object) {
      INFO(at);
      CHECK(object.value("additionalProperties", json(true)) == json(false));
    });
  }
}

TEST_CASE("every file of examples/registry passes its schema") {
  const auto root = source_dir() / "examples" / "registry";
  const auto files = registry_files(root);
  REQUIRE(files.size() >= 22);
  for (const auto& file : files) {
    const auto relative = fs::relative(file, root);
    INFO(relative.generic_string());
    const auto errors = schema_errors(schema_for(relative), YAML::LoadFile(file.string()));
    INFO(joined(errors));
    CHECK(errors.empty());
  }
}

TEST_CASE("every example file names its schema in a yaml-language-server modeline") {
  for (const std::string registry : {"registry", "broken"}) {
    const auto root = source_dir() / "examples" / registry;
    for (const auto& file : registry_files(root)) {
      const auto relative = fs::relative(file, root);
      if (fs::is_symlink(file))
        continue;  // file-access: the link itself is the point
      INFO(registry + "/" + relative.generic_string());
      std::ifstream in(file);
      std::string first;
      std::getline(in, first);
      const std::string prefix = "# yaml-language-server: $schema=";
      REQUIRE(first.rfind(prefix, 0) == 0);
      const auto target = fs::weakly_canonical(file.parent_path() / first.substr(prefix.size()));
      CHECK(target ==
            fs::canonical(source_dir() / "schemas" / (schema_for(relative) + ".schema.json")));
    }
  }
}

TEST_CASE("the need codes of the point schema are the nine of data/needs.yaml") {
  const YAML::Node needs = YAML::LoadFile((source_dir() / "data" / "needs.yaml").string());
  REQUIRE(needs.size() == 9);
  std::vector<std::string> all, plain, described;
  for (const auto& need : needs) {
    const auto code = need["code"].as<std::string>();
    all.push_back(code);
    (need["needs_description"] && need["needs_description"].as<bool>() ? described : plain)
        .push_back(code);
  }
  REQUIRE(described == std::vector<std::string>{"other"});

  const json& items = load_schema("point").doc.at("/properties/needs/items/anyOf"_json_pointer);
  REQUIRE(items.size() == 2);
  // A bare code: every need but those that must say what they are.
  CHECK(strings_of(items[0].at("enum")) == plain);
  CHECK(items[0].at("enumDescriptions").size() == plain.size());
  // A code with a description of the interaction: all nine, in the order of clause 2.6.
  std::vector<std::string> keys;
  for (const auto& [key, value] : items[1].at("properties").items())
    keys.push_back(key);
  std::sort(all.begin(), all.end());
  CHECK(keys == all);  // nlohmann keeps object keys sorted
  for (const auto& code : described) {
    INFO(code);
    CHECK(items[1].at("properties").at(code).at("pattern") == "\\S");
  }
}

TEST_CASE("the built-in kinds of the point schema are those of data/kinds.yaml") {
  const YAML::Node kinds = YAML::LoadFile((source_dir() / "data" / "kinds.yaml").string());
  std::vector<std::string> ids;
  for (const auto& kind : kinds)
    ids.push_back(kind["id"].as<std::string>());
  const json& any_of =
      load_schema("point").doc.at("/properties/point/properties/kind/anyOf"_json_pointer);
  REQUIRE(any_of.size() == 3);  // a built-in kind, a kind of perechen.yaml, or none
  CHECK(strings_of(any_of[0].at("enum")) == ids);
  const auto descriptions = strings_of(any_of[0].at("enumDescriptions"));
  REQUIRE(descriptions.size() == kinds.size());
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    INFO(ids[i]);
    CHECK(descriptions[i].rfind(kinds[i]["ru"].as<std::string>(), 0) == 0);
  }
  // Registry kinds of perechen.yaml: the same id shape there and here.
  CHECK(any_of[1].at("pattern") ==
        load_schema("config").doc.at("/properties/kinds/items/properties/id/pattern"_json_pointer));
}

TEST_CASE("channels are digital and offline in points and in registry kinds") {
  const std::vector<std::string> channels = {"digital", "offline"};
  CHECK(strings_of(load_schema("point").doc.at(
            "/properties/point/properties/channel/enum"_json_pointer)) == channels);
  CHECK(strings_of(load_schema("config").doc.at(
            "/properties/kinds/items/properties/channel/enum"_json_pointer)) == channels);
}

TEST_CASE("the base point of the fixtures passes the schema") {
  CHECK(schema_errors("point", YAML::Load(kBasePoint)).empty());
  CHECK(schema_errors("config", YAML::Load(kBaseConfig)).empty());
  CHECK(schema_errors("roster", YAML::Load(kBaseRoster)).empty());
}

TEST_CASE("the point schema rejects what it can judge and accepts the rest") {
  for (const auto& fixture : point_fixtures()) {
    INFO(fixture.name << " (" << fixture.rule << ")\n" << fixture.yaml);
    CHECK(!schema_errors("point", YAML::Load(fixture.yaml)).empty() == fixture.schema_rejects);
  }
}

TEST_CASE("the settings and roster schemas reject broken files") {
  for (const auto& fixture : settings_fixtures()) {
    INFO(fixture.schema << ": " << fixture.name << "\n" << fixture.yaml);
    CHECK_FALSE(schema_errors(fixture.schema, YAML::Load(fixture.yaml)).empty());
  }
}

TEST_CASE("the point schema and perechen validate agree on every fixture") {
  const std::string file = "points/pay/fixture.yaml";
  {
    INFO(listed(validator_findings(file, kBasePoint)));
    REQUIRE(validator_findings(file, kBasePoint).empty());
  }
  for (const auto& fixture : point_fixtures()) {
    const auto findings = validator_findings(file, fixture.yaml);
    const auto schema = schema_errors("point", YAML::Load(fixture.yaml));
    INFO(fixture.name << "\n"
                      << fixture.yaml << "perechen validate:\n"
                      << listed(findings) << "schema:\n"
                      << joined(schema));
    // The fixture is what it says it is.
    if (fixture.rule.empty()) {
      CHECK(findings.empty());
    } else {
      CHECK(std::any_of(findings.begin(), findings.end(),
                        [&](const auto& finding) { return finding.rule == fixture.rule; }));
    }
    const bool schema_rule = std::any_of(findings.begin(), findings.end(), [](const auto& f) {
      return f.severity == perechen::Severity::error && kSchemaRules.count(f.rule) > 0;
    });
    const bool shape_rule = std::any_of(findings.begin(), findings.end(), [](const auto& f) {
      return f.severity == perechen::Severity::error && kShapeRules.count(f.rule) > 0;
    });
    if (schema_rule)
      CHECK_FALSE(schema.empty());  // what the validator sees, the editor sees
    if (!schema.empty())
      CHECK((schema_rule || shape_rule));  // and the editor never cries wolf
  }
}

TEST_CASE("what the settings and roster schemas reject, perechen validate rejects too") {
  perechen::test::TempDir dir;
  dir.write("perechen.yaml", kBaseConfig);
  dir.write("roster.yaml", kBaseRoster);
  const auto source = perechen::make_directory_source(dir.path().string());
  {
    const auto clean = perechen::validate(*source, {});
    INFO(listed(clean.diagnostics.items()));
    REQUIRE(clean.diagnostics.empty());
  }
  for (const auto& fixture : settings_fixtures()) {
    const std::string file = fixture.schema == "config" ? "perechen.yaml" : "roster.yaml";
    dir.write("perechen.yaml", kBaseConfig);
    dir.write("roster.yaml", kBaseRoster);
    dir.write(file, fixture.yaml);
    const auto result = perechen::validate(*source, {});
    std::vector<perechen::Diagnostic> errors;
    for (const auto& finding : result.diagnostics.items()) {
      if (finding.where.file == file && finding.severity == perechen::Severity::error) {
        errors.push_back(finding);
      }
    }
    INFO(fixture.name << "\n" << fixture.yaml << "perechen validate:\n" << listed(errors));
    CHECK_FALSE(errors.empty());
  }
}

TEST_CASE("examples/registry is clean and examples/broken fires every rule") {
  const auto registry =
      perechen::make_directory_source((source_dir() / "examples" / "registry").string());
  const auto clean = perechen::validate(*registry, {});
  INFO(listed(clean.diagnostics.items()));
  CHECK(clean.diagnostics.empty());
  CHECK(clean.points >= 20);

  const auto broken =
      perechen::make_directory_source((source_dir() / "examples" / "broken").string());
  const auto result = perechen::validate(*broken, {});
  std::set<std::string> fired;
  for (const auto& finding : result.diagnostics.items())
    fired.insert(finding.rule);
  for (const auto& rule : perechen::all_rules()) {
    INFO(rule.id);
    CHECK(fired.count(rule.id) == 1);
  }
}

// An editor reads `value: 2025` as a number and says a text is expected; perechen validate, which
// reads every scalar as text, accepts it. Until one of them changes (see the report of the schema
// work), this case shows where they part and does not fail the run.
TEST_CASE("a number or a boolean written where text is expected", "[schema][agreement]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"value: Видеть начисления и удержания без визита в бухгалтерию", "value: 2025"},
      {"value: Видеть начисления и удержания без визита в бухгалтерию", "value: true"},
      {"name: Личный кабинет «1С:Кабинет сотрудника»", "name: 1"},
      {"title: Приказ ОКУ «ЦБУ» от 15.01.2025 № 4", "title: 2025"},
      {"  - result: Расчетный листок в день выплаты", "  - result: 5"},
  };
  for (const auto& [from, to] : cases) {
    const auto text = base_with(from, to);
    const auto findings = validator_findings("points/pay/fixture.yaml", text);
    INFO(to << "\nperechen validate:\n" << listed(findings));
    CHECK_FALSE(schema_errors("point", YAML::Load(text)).empty());
    CHECK(std::any_of(findings.begin(), findings.end(),
                      [](const auto& finding) { return finding.rule == "field-type"; }));
  }
  // And the other way round: a quoted number where a number is expected.
  const auto config = replaced(kBaseConfig, "working_days: 5", "working_days: \"5\"");
  perechen::test::TempDir dir;
  dir.write("perechen.yaml", config);
  dir.write("roster.yaml", kBaseRoster);
  const auto result = perechen::validate(*perechen::make_directory_source(dir.path().string()), {});
  INFO("working_days: \"5\"\nperechen validate:\n" << listed(result.diagnostics.items()));
  CHECK_FALSE(schema_errors("config", YAML::Load(config)).empty());
  CHECK_FALSE(result.diagnostics.empty());
}
