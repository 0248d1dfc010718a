// SPDX-License-Identifier: Apache-2.0
// `status --format md`: the status as Markdown for a CI job summary or a merge-request note
// (GitHub's $GITHUB_STEP_SUMMARY, a GitLab note). The same facts as the text report, laid out for
// a reviewer on the forge: the verdict first, then the pending change, then each approval.

#include "perechen/approval/report.hpp"

#include <string_view>

#include "perechen/i18n.hpp"

namespace perechen::approval {
namespace {

constexpr std::size_t kShort = 12;
// Rows of the pending change listed; beyond this many, `perechen diff` shows the rest (a job
// summary is limited to 1 MiB on GitHub).
constexpr std::size_t kShownRows = 200;

std::string short_id(const git::Oid& id) {
  return id.hex().substr(0, kShort);
}

// Text from the registry or a message, safe inside a table cell or a paragraph.
std::string md(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    if (std::string_view("\\`*_[]<>|#").find(c) != std::string_view::npos)
      out += '\\';
    out += c;
  }
  return out;
}

std::string code(const std::string& text) {
  return "`" + text + "`";
}

void write_change(std::ostream& out, const Change& change) {
  out << md(tr("approval.text-rows", fmt::arg("added", change.count(PointChangeKind::added)),
               fmt::arg("removed", change.count(PointChangeKind::removed)),
               fmt::arg("changed", change.count(PointChangeKind::changed))))
      << "\n";
  if (!change.points.empty()) {
    out << "\n| | " << md(tr("status-md.col-point")) << " | " << md(tr("status-md.col-file"))
        << " | " << md(tr("status-md.col-fields")) << " |\n|---|---|---|---|\n";
    std::size_t shown = 0;
    for (const auto& c : change.points) {
      if (shown++ == kShownRows) {
        out << "\n"
            << md(tr("status-md.more-rows", fmt::arg("count", change.points.size() - kShownRows)))
            << "\n";
        break;
      }
      const auto& point = c.after ? c.after : c.before;
      std::string name = point && point->name.present ? point->name.value : "—";
      std::string sign = c.kind == PointChangeKind::added     ? "+"
                         : c.kind == PointChangeKind::removed ? "−"
                                                              : "~";
      std::string fields;
      if (c.kind == PointChangeKind::changed) {
        fields = c.fields.empty() ? md(tr("approval.text-layout-only"))
                                  : md(fmt::format("{}", fmt::join(c.fields, ", ")));
      }
      out << "| " << sign << " | " << md(name) << " | " << code(c.file) << " | " << fields
          << " |\n";
    }
  }
  // For the first version everything is new: the rows and the roster say it all.
  if (!change.first_version && !change.processes.empty())
    out << "\n";
  for (const auto& p : change.first_version ? std::vector<ProcessChange>{} : change.processes) {
    std::string key = "approval.text-process-" + std::string(to_string(p.kind));
    out << "- "
        << md(tr(key, fmt::arg("id", p.id), fmt::arg("before", p.title_before),
                 fmt::arg("after", p.title_after), fmt::arg("from", p.direction_before),
                 fmt::arg("to", p.direction_after)))
        << "\n";
  }
  if (change.settings_changed && !change.first_version) {
    out << "\n"
        << md(change.settings.empty() ? tr("approval.text-settings-whole")
                                      : tr("approval.text-settings",
                                           fmt::arg("keys", fmt::join(change.settings, ", "))))
        << "\n";
  }
  if (change.roster_changed) {
    out << "\n**" << md(tr("roster-change.title")) << "**\n\n"
        << roster_change_markdown(change.roster);
  }
}

}  // namespace

void write_status_markdown(std::ostream& out, const Status& status, const ReportOptions& options) {
  std::size_t missing = 0;
  for (const auto& r : status.required)
    missing += r.approved ? 0 : 1;
  if (!status.content) {
    out << "## ❌ " << md(tr("status-md.title-no-registry")) << "\n\n"
        << md(tr("approval.text-no-registry")) << "\n";
    return;
  }
  out << "## "
      << (status.approved
              ? "✅ " + md(tr("status-md.title-approved"))
              : "❌ " + md(tr("status-md.title-not-approved", fmt::arg("missing", missing),
                             fmt::arg("total", status.required.size()),
                             fmt::arg("total_word", plural("approval.plural.of-approvals",
                                                           status.required.size())))))
      << "\n\n";
  out << md(tr("status-md.revision")) << ": " << code(short_id(status.head)) << "\n\n";
  if (status.approved_commit) {
    out << md(base_line(status)) << "\n";
    if (status.anchored) {
      out << "\n"
          << md(tr(status.approvals.empty() ? "approval.text-pinned-none"
                                            : "approval.text-pinned-carried"))
          << "\n";
    }
    for (const auto& a : status.approvals) {
      std::vector<std::string> roles;
      for (const auto& role : a.roles)
        roles.push_back(describe_role(role, status));
      out << "- "
          << md(tr("approval.text-approved-by",
                   fmt::arg("person", describe_person(a.person, status)),
                   fmt::arg("roles", fmt::join(roles, "; ")), fmt::arg("date", a.when.date()),
                   fmt::arg("commit", short_id(a.commit))))
          << "\n";
    }
  } else {
    out << md(tr("approval.text-no-base")) << "\n";
  }

  if (status.pending) {
    const Initiator& who = status.pending->initiator;
    out << "\n### "
        << md(tr("status-md.pending", fmt::arg("commit", short_id(status.pending->since)),
                 fmt::arg("date", who.when.date())))
        << "\n\n"
        << md(who.person.empty() ? tr("approval.text-initiator-unknown", fmt::arg("name", who.name))
                                 : tr("approval.text-initiator",
                                      fmt::arg("person", describe_person(who.person, status))))
        << "\n\n";
    if (options.pending_markdown.empty())
      write_change(out, status.pending->change);
    else
      out << options.pending_markdown;
  }

  if (!status.required.empty()) {
    out << "\n### " << md(tr("status-md.required")) << "\n\n| " << md(tr("status-md.col-role"))
        << " | " << md(tr("status-md.col-scope")) << " | " << md(tr("status-md.col-person"))
        << " | " << md(tr("status-md.col-state")) << " |\n|---|---|---|---|\n";
    for (const auto& r : status.required) {
      std::string who = describe_holders(r, status);
      if (r.requirement.named_by_change)
        who += " " + tr("approval.text-named-by-change");
      std::string state =
          r.approved
              ? "✅ " + md(tr("approval.text-approved-in", fmt::arg("commit", short_id(*r.commit))))
              : "⏳ " + md(tr("approval.text-missing"));
      out << "| " << md(describe_role(r.requirement.role, status)) << " | "
          << (r.requirement.role.scope.empty() ? "—" : code(r.requirement.role.scope)) << " | "
          << md(who) << " | " << state << " |\n";
    }
  }
  if (!status.rejected.empty()) {
    out << "\n### " << md(tr("status-md.rejected")) << "\n\n| " << md(tr("status-md.col-commit"))
        << " | " << md(tr("status-md.col-reason")) << " | " << md(tr("status-md.col-why"))
        << " |\n|---|---|---|\n";
    for (const auto& r : status.rejected) {
      out << "| " << code(short_id(r.commit)) << " | " << code(std::string(to_string(r.reason)))
          << " | " << md(r.detail) << " |\n";
    }
  }
  if (options.with_publication && options.publication) {
    const auto& p = *options.publication;
    std::vector<std::string> lines = publication_lines(p, status);
    out << "\n### " << md(tr("status-md.publication")) << "\n\n"
        << (p.overdue && !p.published ? "⚠️ " : "") << md(lines.front()) << "\n";
    for (std::size_t i = 1; i < lines.size(); ++i)
      out << "\n⚠️ " << md(lines[i]) << "\n";
  }
}

}  // namespace perechen::approval
