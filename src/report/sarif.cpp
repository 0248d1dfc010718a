// SPDX-License-Identifier: Apache-2.0
// The sarif format: SARIF 2.1.0, which GitHub code scanning and other forges show on a pull
// request. One run; the driver lists every rule of data/rules.yaml with its clause, and each
// result points at its rule by id and index. Paths stay relative to the registry root, which the
// log calls %SRCROOT%. What GitHub and `sarif-multitool validate` ask for besides the schema is
// there too: the tool's informationUri, a helpUri and full description per rule, a region even for
// a finding about the whole file (its line 1), and versionControlProvenance when in git.

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <map>
#include <ostream>
#include <string>

#include "perechen/i18n.hpp"
#include "perechen/report/report.hpp"
#include "perechen/version.hpp"

namespace perechen::report {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr const char* kRoot = "%SRCROOT%";

const char* level(Severity severity) {
  return severity == Severity::error ? "error" : "warning";
}

// "need-unknown" -> "NeedUnknown": SARIF wants a name that reads as an identifier.
std::string pascal_case(std::string_view id) {
  std::string name;
  bool upper = true;
  for (char c : id) {
    if (c == '-' || c == '_') {
      upper = true;
      continue;
    }
    name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return name;
}

// A relative path as a URI reference (RFC 3986): every byte but unreserved characters and '/'
// percent-encoded, so Cyrillic names, spaces and ':' survive any reader.
std::string path_uri(std::string_view path) {
  std::string uri;
  for (char c : path) {
    auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      uri += c;
    } else {
      uri += fmt::format("%{:02X}", byte);
    }
  }
  return uri;
}

Json physical_location(const Location& where) {
  Json physical{{"artifactLocation", {{"uri", path_uri(where.file)}, {"uriBaseId", kRoot}}}};
  // Line 0 is the whole file: its first line, since a forge shows a result without a region
  // nowhere in the diff.
  Json region{{"startLine", where.line > 0 ? where.line : 1}};
  if (where.line > 0 && where.column > 0) {
    region["startColumn"] = where.column;
  }
  physical["region"] = std::move(region);
  return physical;
}

Json descriptor(const RuleInfo& rule) {
  bool en = language() == Lang::en;
  const std::string& title = en ? rule.title_en : rule.title_ru;
  const std::string& help = en ? rule.help_en : rule.help_ru;
  // The full description: the title and what to do, as sentences.
  std::string full = title;
  if (!full.empty() && full.back() != '.') {
    full += '.';
  }
  if (!help.empty()) {
    full += ' ';
    full += help;
  }
  Json item{{"id", rule.id},
            {"name", pascal_case(rule.id)},
            {"shortDescription", {{"text", title}}},
            {"fullDescription", {{"text", full}}},
            {"helpUri", rule_help_uri(rule.id)},
            {"help", {{"text", help.empty() ? title : help}}},
            {"defaultConfiguration", {{"level", level(rule.severity)}}}};
  if (!rule.clause.empty()) {
    item["properties"] = {{"clause", rule.clause}};
  }
  return item;
}

Json result(const Diagnostic& diagnostic,
            const std::map<std::string, std::size_t, std::less<>>& index) {
  Json item{{"ruleId", diagnostic.rule}};
  if (auto found = index.find(diagnostic.rule); found != index.end()) {
    item["ruleIndex"] = found->second;
  }
  item["level"] = level(diagnostic.severity);
  item["message"] = {{"text", diagnostic.message}};
  if (!diagnostic.where.file.empty()) {
    Json location;
    location["physicalLocation"] = physical_location(diagnostic.where);
    item["locations"] = Json::array({std::move(location)});
  }
  Json related = Json::array();
  int id = 0;
  for (const auto& other : diagnostic.related) {
    if (other.where.file.empty()) {
      continue;
    }
    Json location{{"id", ++id}, {"physicalLocation", physical_location(other.where)}};
    if (!other.message.empty()) {
      location["message"] = {{"text", other.message}};
    }
    related.push_back(std::move(location));
  }
  if (!related.empty()) {
    item["relatedLocations"] = std::move(related);
  }
  return item;
}

// The repository and commit the results are about; `mappedTo` says that the repository's top is
// %SRCROOT% when the registry is the whole repository.
Json provenance(const VersionControl& vcs) {
  Json item{{"repositoryUri", vcs.repository_uri}};
  if (!vcs.revision.empty()) {
    item["revisionId"] = vcs.revision;
  }
  if (!vcs.branch.empty()) {
    item["branch"] = vcs.branch;
  }
  if (vcs.prefix.empty()) {
    item["mappedTo"] = {{"uriBaseId", kRoot}};
  }
  return item;
}

}  // namespace

void write_sarif(std::ostream& out, const Input& input) {
  Json rules = Json::array();
  std::map<std::string, std::size_t, std::less<>> index;
  for (const auto& rule : all_rules()) {
    index.emplace(rule.id, rules.size());
    rules.push_back(descriptor(rule));
  }
  Json results = Json::array();
  for (const auto& diagnostic : input.diagnostics) {
    results.push_back(result(diagnostic, index));
  }
  // A silenced warning stays a result, suppressed in the source (SARIF §3.35): a forge shows it
  // as dismissed, with the comment's place and its reason as the justification.
  for (const auto& silenced : input.summary.silenced) {
    Json item = result(silenced.finding, index);
    Json suppression{{"kind", "inSource"}, {"justification", silenced.reason}};
    if (!silenced.finding.where.file.empty()) {
      suppression["location"] = {
          {"physicalLocation", physical_location({silenced.finding.where.file, silenced.line, 0})}};
    }
    item["suppressions"] = Json::array({std::move(suppression)});
    results.push_back(std::move(item));
  }
  Json driver{{"name", "perechen"},
              {"version", std::string(version())},
              {"semanticVersion", std::string(version())},
              {"informationUri", std::string(docs_url())},
              {"rules", std::move(rules)}};
  Json run{
      {"tool", {{"driver", std::move(driver)}}},
      {"originalUriBaseIds",
       {{kRoot,
         {{"description", {{"text", std::string(message_template("report.sarif.srcroot"))}}}}}}},
      {"columnKind", "unicodeCodePoints"},
      {"results", std::move(results)}};
  // Files left out by --exclude: a note each, so that the log says what it did not look at.
  if (!input.summary.excluded.empty()) {
    Json notes = Json::array();
    for (const auto& file : input.summary.excluded) {
      Json location{{"physicalLocation",
                     {{"artifactLocation", {{"uri", path_uri(file)}, {"uriBaseId", kRoot}}}}}};
      notes.push_back(
          {{"level", "note"},
           {"message", {{"text", std::string(message_template("report.excluded-file"))}}},
           {"locations", Json::array({std::move(location)})}});
    }
    run["invocations"] = Json::array(
        {{{"executionSuccessful", true}, {"toolExecutionNotifications", std::move(notes)}}});
  }
  if (input.version_control) {
    run["versionControlProvenance"] = Json::array({provenance(*input.version_control)});
  }
  Json log{{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", Json::array({std::move(run)})}};
  out << log.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace perechen::report
