// SPDX-License-Identifier: Apache-2.0
// The list as data (schemas/export.schema.json): ids and codes next to the titles shown, the
// version with its commit, approval date and approvers. Keys keep the order written here.

#include <nlohmann/json.hpp>

#include "perechen/export/format.hpp"

namespace perechen::exporting {
namespace {

using Json = nlohmann::ordered_json;

Json text_or_null(const std::string& value) {
  return value.empty() ? Json(nullptr) : Json(value);
}

Json version_json(const Version& version) {
  Json approvers = Json::array();
  for (const auto& a : version.approvers) {
    Json roles = Json::array();
    for (const auto& r : a.roles) {
      roles.push_back({{"role", r.role}, {"scope", text_or_null(r.scope)}});
    }
    approvers.push_back({{"person", a.person},
                         {"name", a.name},
                         {"position", a.position},
                         {"date", a.date},
                         {"roles", std::move(roles)}});
  }
  Json out{{"revision", version.revision},
           {"commit", text_or_null(version.commit)},
           {"commit_date", text_or_null(version.commit_date)},
           {"approved", version.approved},
           {"approved_on", text_or_null(version.approved_on)},
           {"approvers", std::move(approvers)}};
  if (!version.anchor.empty())
    out["anchor"] = version.anchor;  // trusted because pinned (spec §5.1, rule 3)
  return out;
}

Json row_json(const Row& row) {
  Json clients = Json::array();
  for (const auto& c : row.clients)
    clients.push_back({{"id", c.id}, {"title", c.title}});
  Json needs = Json::array();
  for (const auto& n : row.needs) {
    needs.push_back({{"number", n.number},
                     {"code", n.code},
                     {"title", n.title},
                     {"description", text_or_null(n.description)}});
  }
  return {{"number", row.number},
          {"file", row.file},
          {"direction", {{"id", text_or_null(row.direction_id)}, {"title", row.direction_title}}},
          {"process", {{"id", row.process_id}, {"title", row.process_title}}},
          {"point",
           {{"name", row.name},
            {"channel", row.channel},
            {"kind", text_or_null(row.kind)},
            {"kind_title", text_or_null(row.kind_title)},
            {"url", text_or_null(row.url)},
            {"address", text_or_null(row.address)}}},
          {"clients", std::move(clients)},
          {"value", row.value},
          {"needs", std::move(needs)}};
}

}  // namespace

std::string write_json(const Document& doc) {
  Json rows = Json::array();
  for (const auto& row : doc.rows)
    rows.push_back(row_json(row));
  Json root = {{"format", "perechen-export"},
               {"format_version", 1},
               {"language", doc.lang == Lang::ru ? "ru" : "en"},
               {"title", doc.title},
               {"organization", doc.organization},
               {"version", version_json(doc.version)},
               {"rows", std::move(rows)}};
  // Registry files are checked to be UTF-8; a stray byte still must not abort the export.
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace perechen::exporting
