// SPDX-License-Identifier: Apache-2.0
#include "perechen/approval/report.hpp"

#include <nlohmann/json.hpp>

#include "perechen/cms/cms.hpp"
#include "perechen/i18n.hpp"
#include "perechen/version.hpp"
#include "signature_cms.hpp"

namespace perechen::approval {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::size_t kShort = 12;  // digits of a commit id in text, as --version prints

std::string short_id(const git::Oid& id) {
  return id.hex().substr(0, kShort);
}

Json id_or_null(const std::optional<git::Oid>& id) {
  return id ? Json(id->hex()) : Json(nullptr);
}

Json scope_or_null(const RoleScope& role) {
  return role.scope.empty() ? Json(nullptr) : Json(role.scope);
}

std::string name_of(const std::string& person, const Status& status) {
  for (const auto& roster : {status.trusted_roster, status.head_roster}) {
    if (!roster)
      continue;
    if (const Person* p = roster->find_person(person); p != nullptr && p->name.present) {
      return p->name.value;
    }
  }
  return {};
}

Json point_json(const PointChange& change) {
  const auto& point = change.after ? change.after : change.before;
  Json item{{"file", change.file}, {"change", std::string(to_string(change.kind))}};
  item["name"] = point && point->name.present ? Json(point->name.value) : Json(nullptr);
  item["processes"] = change.processes();
  item["fields"] = change.fields;
  return item;
}

Json change_json(const Change& change) {
  Json points = Json::array();
  for (const auto& c : change.points)
    points.push_back(point_json(c));
  Json processes = Json::array();
  for (const auto& p : change.processes) {
    processes.push_back(Json{
        {"id", p.id},
        {"change", std::string(to_string(p.kind))},
        {"title_before", p.title_before.empty() ? Json(nullptr) : Json(p.title_before)},
        {"title_after", p.title_after.empty() ? Json(nullptr) : Json(p.title_after)},
        {"direction_before", p.direction_before.empty() ? Json(nullptr) : Json(p.direction_before)},
        {"direction_after", p.direction_after.empty() ? Json(nullptr) : Json(p.direction_after)}});
  }
  return Json{
      {"first_version", change.first_version},
      {"rows",
       {{"added", change.count(PointChangeKind::added)},
        {"removed", change.count(PointChangeKind::removed)},
        {"changed", change.count(PointChangeKind::changed)}}},
      {"points", std::move(points)},
      {"processes", std::move(processes)},
      {"settings_changed", change.settings_changed},
      {"settings", change.settings},
      {"roster_changed", change.roster_changed},
      {"roster", change.roster_changed ? roster_change_json(change.roster) : Json(nullptr)}};
}

std::string role_title(const RoleScope& role, const Status& status) {
  for (const auto& config : {status.head_config, status.base_config}) {
    if (!config)
      continue;
    if (role.role == Role::process_owner) {
      if (const Process* p = config->find_process(role.scope); p != nullptr && p->title.present) {
        return p->title.value;
      }
    } else if (role.role == Role::direction_curator) {
      if (const Direction* d = config->find_direction(role.scope);
          d != nullptr && d->title.present) {
        return d->title.value;
      }
    }
  }
  return role.scope;
}

void write_change(std::ostream& out, const Change& change) {
  out << "  "
      << tr("approval.text-rows", fmt::arg("added", change.count(PointChangeKind::added)),
            fmt::arg("removed", change.count(PointChangeKind::removed)),
            fmt::arg("changed", change.count(PointChangeKind::changed)))
      << "\n";
  for (const auto& c : change.points) {
    const auto& point = c.after ? c.after : c.before;
    std::string name = point && point->name.present ? point->name.value : "—";
    auto processes = c.processes();
    std::string line = fmt::format("    {} {} — «{}»",
                                   c.kind == PointChangeKind::added     ? '+'
                                   : c.kind == PointChangeKind::removed ? '-'
                                                                        : '~',
                                   c.file, name);
    if (!processes.empty()) {
      line +=
          " (" + tr("approval.text-process", fmt::arg("ids", fmt::join(processes, " → "))) + ")";
    }
    if (c.kind == PointChangeKind::changed) {
      line += ": " + (c.fields.empty() ? tr("approval.text-layout-only")
                                       : fmt::format("{}", fmt::join(c.fields, ", ")));
    }
    out << line << "\n";
  }
  for (const auto& p : change.processes) {
    std::string key = "approval.text-process-" + std::string(to_string(p.kind));
    out << "  "
        << tr(key, fmt::arg("id", p.id), fmt::arg("before", p.title_before),
              fmt::arg("after", p.title_after), fmt::arg("from", p.direction_before),
              fmt::arg("to", p.direction_after))
        << "\n";
  }
  if (change.settings_changed) {
    // The first version has no earlier settings to name keys against.
    out << "  "
        << (change.settings.empty()
                ? tr("approval.text-settings-whole")
                : tr("approval.text-settings", fmt::arg("keys", fmt::join(change.settings, ", "))))
        << "\n";
  }
  if (change.roster_changed) {
    out << "  " << tr("roster-change.title") << "\n";
    for (const auto& line : describe_roster_change(change.roster))
      out << "    " << line << "\n";
  }
}

}  // namespace

std::string describe_role(const RoleScope& role, const Status& status) {
  switch (role.role) {
    case Role::process_owner:
      return tr("approval.role-process-owner", fmt::arg("title", role_title(role, status)),
                fmt::arg("id", role.scope));
    case Role::direction_curator:
      return tr("approval.role-direction-curator", fmt::arg("title", role_title(role, status)),
                fmt::arg("id", role.scope));
    case Role::client_centricity:
      return tr("approval.role-client-centricity");
  }
  return format_role(role);
}

std::string acting_of(const std::string& person, const Status& status) {
  if (!status.trusted_roster)
    return {};
  const Person* p = status.trusted_roster->find_person(person);
  return p != nullptr && p->acting.present ? p->acting.value : std::string();
}

std::string describe_person(const std::string& person, const Status& status) {
  std::string name = name_of(person, status);
  std::string text = name.empty() ? person : name + " (" + person + ")";
  if (std::string acting = acting_of(person, status); !acting.empty())
    text += ", " + acting;
  return text;
}

std::string describe_holders(const RequiredApproval& required, const Status& status) {
  if (required.approved && !required.person.empty())
    return describe_person(required.person, status);
  const auto& people = required.requirement.people;
  if (people.empty())
    return tr("approval.text-nobody");
  std::string text;
  for (const auto& person : people) {
    if (!text.empty())
      text += tr("approval.text-holders-or");
    text += describe_person(person, status);
  }
  return text;
}

std::vector<std::string> publication_lines(const PublicationState& p, const Status& status) {
  std::vector<std::string> lines;
  if (p.published) {
    lines.push_back(tr("approval.text-published", fmt::arg("approved_on", p.approved_on),
                       fmt::arg("due", p.due), fmt::arg("published_on", p.published_on),
                       fmt::arg("person", describe_person(p.published_by, status)),
                       fmt::arg("tag", p.tag)));
  } else {
    lines.push_back(tr(p.overdue ? "approval.text-overdue" : "approval.text-due",
                       fmt::arg("approved_on", p.approved_on), fmt::arg("due", p.due)));
  }
  for (const auto& record : p.unverified) {
    lines.push_back(tr("approval.text-publication-unverified", fmt::arg("tag", record.tag),
                       fmt::arg("date", record.date), fmt::arg("detail", record.detail),
                       fmt::arg("reason", record.reason)));
  }
  for (const auto& warning : p.calendar_warnings)
    lines.push_back(warning);
  return lines;
}

namespace {

// The marks of the qualified certificate behind an approval (spec §5.2), or null for an SSH key.
Json certificate_json(const Signer& signer) {
  if (!signer.certificate)
    return nullptr;
  const cms::SignerCertificate& c = *signer.certificate;
  return Json{{"owner", c.owner},
              {"snils", c.snils ? Json(cms::mask_snils(*c.snils)) : Json(nullptr)},
              {"serial", c.serial},
              {"issuer", c.issuer},
              {"not_before", certificate_day(c.not_before)},
              {"not_after", certificate_day(c.not_after)},
              {"sha256", c.sha256}};
}

// Over the commit graph (spec §5.1): roots, anchor, tips, approvals found on other branches.
void add_graph_json(Json& report, const Status& status) {
  Json roots = Json::array();
  for (const auto& root : status.roots)
    roots.push_back(root.hex());
  Json tips = Json::array();
  for (const auto& tip : status.tips)
    tips.push_back(tip.hex());
  report["roots"] = std::move(roots);
  report["untrusted_roots"] = status.untrusted_roots;
  report["anchor"] = id_or_null(status.anchor);
  report["tips"] = std::move(tips);
  report["approvals_elsewhere"] =
      status.approvals_elsewhere ? Json{{"branch", *status.approvals_elsewhere},
                                        {"commit", id_or_null(status.approvals_elsewhere_commit)}}
                                 : Json(nullptr);
}

}  // namespace

std::string base_line(const Status& status) {
  if (!status.approved_commit)
    return {};
  if (status.anchored) {
    return tr("approval.text-base-pinned", fmt::arg("commit", short_id(*status.approved_commit)),
              fmt::arg("date", status.approved_when.date()),
              fmt::arg("anchor", short_id(status.anchor.value_or(*status.approved_commit))));
  }
  return tr("approval.text-base", fmt::arg("commit", short_id(*status.approved_commit)),
            fmt::arg("date", status.approved_when.date()));
}

namespace {

// What the graph says beyond the pending change: two roots of trust, approvals elsewhere.
void write_graph_text(std::ostream& out, const Status& status) {
  if (status.untrusted_roots) {
    std::vector<std::string> roots;
    for (const auto& root : status.roots)
      roots.push_back(short_id(root));
    out << tr("graph.text-untrusted-roots", fmt::arg("roots", fmt::join(roots, ", ")),
              fmt::arg("example",
                       status.roots.empty() ? std::string("COMMIT") : status.roots.front().hex()))
        << "\n";
  }
  if (status.approvals_elsewhere) {
    out << tr("graph.text-approvals-elsewhere", fmt::arg("branch", *status.approvals_elsewhere),
              fmt::arg("commit", status.approvals_elsewhere_commit
                                     ? short_id(*status.approvals_elsewhere_commit)
                                     : std::string()))
        << "\n";
  }
}

}  // namespace

namespace {

// spec §4.2's {approved_on, due, published, overdue}, with who signed the record that counts and
// the records that do not (spec §7).
Json publication_json(const PublicationState& p) {
  auto text_or_null = [](const std::string& text) {
    return text.empty() ? Json(nullptr) : Json(text);
  };
  Json unverified = Json::array();
  for (const auto& record : p.unverified) {
    unverified.push_back(Json{{"tag", record.tag},
                              {"date", record.date},
                              {"reason", record.reason},
                              {"detail", record.detail}});
  }
  return Json{
      {"approved_on", p.approved_on},
      {"due", p.due},
      {"published", p.published},
      {"overdue", p.overdue},
      {"published_on", text_or_null(p.published_on)},
      {"published_by", text_or_null(p.published_by)},
      {"tag", text_or_null(p.tag)},
      {"unverified", std::move(unverified)},
      // Whether the due date stands on decrees alone; the years it guessed otherwise.
      {"calendar", Json{{"official", p.preliminary_years.empty() && p.uncovered_years.empty()},
                        {"preliminary_years", p.preliminary_years},
                        {"uncovered_years", p.uncovered_years},
                        {"warnings", p.calendar_warnings}}}};
}

}  // namespace

std::string to_json(const Status& status, const ReportOptions& options) {
  Json required = Json::array();
  for (const auto& r : status.required) {
    required.push_back(
        Json{{"role", std::string(to_string(r.requirement.role.role))},
             {"scope", scope_or_null(r.requirement.role)},
             {"person", !r.person.empty()              ? Json(r.person)
                        : r.requirement.people.empty() ? Json(nullptr)
                                                       : Json(r.requirement.people.front())},
             {"holders", r.requirement.people},
             {"approved", r.approved},
             {"commit", id_or_null(r.commit)},
             {"named_by_change", r.requirement.named_by_change}});
  }
  Json base = nullptr;
  if (status.approved_commit) {
    Json approvals = Json::array();
    for (const auto& a : status.approvals) {
      Json roles = Json::array();
      for (const auto& role : a.roles) {
        roles.push_back(
            Json{{"role", std::string(to_string(role.role))}, {"scope", scope_or_null(role)}});
      }
      std::string name = name_of(a.person, status);
      std::string acting = acting_of(a.person, status);
      approvals.push_back(Json{{"commit", a.commit.hex()},
                               {"person", a.person},
                               {"name", name.empty() ? Json(nullptr) : Json(name)},
                               {"acting", acting.empty() ? Json(nullptr) : Json(acting)},
                               {"roles", std::move(roles)},
                               {"date", a.when.date()},
                               {"certificate", certificate_json(a.signer)}});
    }
    base = Json{{"commit", status.approved_commit->hex()},
                {"content", id_or_null(status.approved_content)},
                {"date", status.approved_when.date()},
                {"anchored", status.anchored},
                {"approvals", std::move(approvals)}};
  }
  Json pending = nullptr;
  if (status.pending) {
    const Initiator& who = status.pending->initiator;
    pending = Json{{"since", status.pending->since.hex()},
                   {"initiator",
                    {{"name", who.name},
                     {"person", who.person.empty() ? Json(nullptr) : Json(who.person)},
                     {"in_roster", !who.person.empty()},
                     {"commit", who.commit.hex()},
                     {"date", who.when.date()}}},
                   {"change", change_json(status.pending->change)}};
  }
  Json rejected = Json::array();
  for (const auto& r : status.rejected) {
    rejected.push_back(Json{{"commit", r.commit.hex()},
                            {"reason", std::string(to_string(r.reason))},
                            {"detail", r.detail}});
  }
  Json report{{"tool", "perechen"},
              {"version", std::string(version())},
              {"head", status.head.hex()},
              {"content", id_or_null(status.content)},
              {"approved", status.approved},
              {"approved_commit", id_or_null(status.newest_approved_commit)},
              {"base", std::move(base)},
              {"required", std::move(required)},
              {"pending", std::move(pending)},
              {"rejected", std::move(rejected)}};
  add_graph_json(report, status);
  if (options.with_publication) {
    // Filled by `status` from the production calendar (spec §7); null while unknown.
    report["publication"] =
        options.publication ? publication_json(*options.publication) : Json(nullptr);
  }
  return report.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

void write_status_text(std::ostream& out, const Status& status, const ReportOptions& options) {
  out << tr("approval.text-head", fmt::arg("commit", short_id(status.head))) << "\n";
  if (!status.content) {
    out << tr("approval.text-no-registry") << "\n";
    return;
  }
  if (status.approved_commit) {
    out << base_line(status) << "\n";
    if (status.anchored) {
      out << "  "
          << tr(status.approvals.empty() ? "approval.text-pinned-none"
                                         : "approval.text-pinned-carried")
          << "\n";
    }
    for (const auto& a : status.approvals) {
      std::vector<std::string> roles;
      for (const auto& role : a.roles)
        roles.push_back(describe_role(role, status));
      out << "  "
          << tr("approval.text-approved-by", fmt::arg("person", describe_person(a.person, status)),
                fmt::arg("roles", fmt::join(roles, "; ")), fmt::arg("date", a.when.date()),
                fmt::arg("commit", short_id(a.commit)))
          << "\n";
      if (a.signer.certificate)
        out << "    " << a.signer.certificate_description << "\n";
    }
  } else {
    out << tr("approval.text-no-base") << "\n";
  }

  std::size_t missing = 0;
  for (const auto& r : status.required)
    missing += r.approved ? 0 : 1;
  if (status.approved) {
    out << tr("approval.text-approved") << "\n";
  } else {
    out << tr("approval.text-not-approved", fmt::arg("missing", missing),
              fmt::arg("total", status.required.size()),
              fmt::arg("total_word",
                       plural("approval.plural.of-approvals", status.required.size())))
        << "\n";
  }
  write_graph_text(out, status);
  if (status.pending) {
    const Initiator& who = status.pending->initiator;
    out << "\n"
        << tr("approval.text-pending", fmt::arg("commit", short_id(status.pending->since)),
              fmt::arg("date", who.when.date()))
        << "\n  "
        << (who.person.empty() ? tr("approval.text-initiator-unknown", fmt::arg("name", who.name))
                               : tr("approval.text-initiator",
                                    fmt::arg("person", describe_person(who.person, status))))
        << "\n";
    write_change(out, status.pending->change);
  }
  if (!status.required.empty()) {
    out << "\n" << tr("approval.text-required") << "\n";
    for (const auto& r : status.required) {
      std::string who = describe_holders(r, status);
      std::string state =
          r.approved ? tr("approval.text-approved-in", fmt::arg("commit", short_id(*r.commit)))
                     : tr("approval.text-missing");
      out << "  [" << (r.approved ? 'x' : ' ') << "] " << describe_role(r.requirement.role, status)
          << ": " << who
          << (r.requirement.named_by_change ? " " + tr("approval.text-named-by-change") : "")
          << " — " << state << "\n";
    }
  }
  if (!status.rejected.empty()) {
    out << "\n" << tr("approval.text-rejected") << "\n";
    for (const auto& r : status.rejected) {
      out << "  " << short_id(r.commit) << ": " << r.detail << " [" << to_string(r.reason) << "]\n";
    }
  }
  if (options.with_publication && options.publication) {
    out << "\n";
    for (const auto& line : publication_lines(*options.publication, status))
      out << line << "\n";
  }
}

void write_verify_text(std::ostream& out, const Status& status) {
  if (!status.content) {
    out << tr("approval.verify-no-registry", fmt::arg("commit", short_id(status.head))) << "\n";
    return;
  }
  if (status.approved) {
    out << tr(status.anchored ? "approval.verify-pinned" : "approval.verify-approved",
              fmt::arg("commit", short_id(status.head)),
              fmt::arg("approved", short_id(*status.approved_commit)),
              fmt::arg("anchor", short_id(status.anchor.value_or(*status.approved_commit))),
              fmt::arg("date", status.approved_when.date()))
        << "\n";
    return;
  }
  out << tr("approval.verify-not-approved", fmt::arg("commit", short_id(status.head))) << "\n";
  write_graph_text(out, status);
  for (const auto& r : status.required) {
    if (r.approved)
      continue;
    std::string who = describe_holders(r, status);
    out << "  "
        << tr("approval.verify-missing",
              fmt::arg("role", describe_role(r.requirement.role, status)), fmt::arg("person", who))
        << "\n";
  }
  for (const auto& r : status.rejected) {
    out << "  "
        << tr("approval.verify-rejected", fmt::arg("commit", short_id(r.commit)),
              fmt::arg("detail", r.detail))
        << "\n";
  }
}

}  // namespace perechen::approval
