// SPDX-License-Identifier: Apache-2.0
// The json format of spec §4.1: the summary and every finding, keys in the order the spec shows.

#include <nlohmann/json.hpp>

#include <ostream>

#include "perechen/report/report.hpp"
#include "perechen/version.hpp"

namespace perechen::report {

namespace {

using Json = nlohmann::ordered_json;

Json place(const Location& where) {
  return Json{{"file", where.file}, {"line", where.line}, {"column", where.column}};
}

}  // namespace

void write_json(std::ostream& out, const Input& input) {
  Json diagnostics = Json::array();
  for (const auto& diagnostic : input.diagnostics) {
    Json item = place(diagnostic.where);
    item["severity"] = diagnostic.severity == Severity::error ? "error" : "warning";
    item["rule"] = diagnostic.rule;
    item["clause"] = diagnostic.clause.empty() ? Json(nullptr) : Json(diagnostic.clause);
    item["message"] = diagnostic.message;
    Json related = Json::array();
    for (const auto& other : diagnostic.related) {
      Json entry = place(other.where);
      if (!other.message.empty()) {
        entry["message"] = other.message;
      }
      related.push_back(std::move(entry));
    }
    item["related"] = std::move(related);
    diagnostics.push_back(std::move(item));
  }
  Json summary{{"files", input.summary.files},
               {"points", input.summary.points},
               {"errors", input.summary.errors},
               {"warnings", input.summary.warnings}};
  if (!input.summary.silenced.empty()) {
    Json silenced = Json::array();
    for (const auto& f : input.summary.silenced) {
      Json finding = place(f.finding.where);
      finding["clause"] = f.finding.clause.empty() ? Json(nullptr) : Json(f.finding.clause);
      finding["message"] = f.finding.message;
      silenced.push_back({{"file", f.file},
                          {"line", f.line},
                          {"rule", f.rule},
                          {"reason", f.reason},
                          {"finding", std::move(finding)}});
    }
    summary["silenced"] = std::move(silenced);
  }
  if (!input.summary.excluded.empty())
    summary["excluded"] = input.summary.excluded;
  if (input.summary.omitted > 0) {
    summary["omitted"] = {{"count", input.summary.omitted}, {"rules", input.summary.omitted_rules}};
  }
  Json report{{"tool", "perechen"},
              {"version", std::string(version())},
              {"summary", std::move(summary)},
              {"diagnostics", std::move(diagnostics)}};
  // A byte that is not UTF-8 (a message quoting a Windows-1251 file) becomes U+FFFD instead of
  // failing the whole report.
  out << report.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace perechen::report
