#pragma once

// Printers of an approval Status: the JSON of spec §4.2 and the text a person reads, for
// `status` and `verify`.

#include <optional>
#include <ostream>
#include <string>

#include "perechen/approval/history.hpp"

namespace perechen::approval {

// Where the approved version stands with publication (spec §7). `status` fills it from the
// production calendar and the records of `publish`; nullopt while that is not known.
struct PublicationState {
  std::string approved_on;  // YYYY-MM-DD
  std::string due;          // YYYY-MM-DD
  bool published = false;
  bool overdue = false;
};

// What a report shows besides the status itself.
struct ReportOptions {
  bool with_publication = false;  // `status` shows it (null when unknown); `verify` does not
  std::optional<PublicationState> publication;
};

// The JSON document (one line per value, two-space indent, ending in a newline).
std::string to_json(const Status& status, const ReportOptions& options);

// The report for people, in the current language.
void write_status_text(std::ostream& out, const Status& status, const ReportOptions& options);

// The report as Markdown, for a CI job summary or a merge-request note (`status --format md`):
// the verdict, the pending change (rows, processes, settings, the roster change in full), each
// required approval, the approvals not counted and why, the publication deadline.
void write_status_markdown(std::ostream& out, const Status& status, const ReportOptions& options);

// The one-paragraph verdict of `verify`, in the current language.
void write_verify_text(std::ostream& out, const Status& status);

// "Последняя согласованная версия: коммит … от …", or for a version pinned by an anchor, that it
// is trusted by the pinning; empty when no version is approved.
std::string base_line(const Status& status);

// How a role reads in a sentence: "владелец процесса «…» (salary)".
std::string describe_role(const RoleScope& role, const Status& status);
// "Сидоров Петр Николаевич (sidorov)", or the id alone when the roster lacks a name.
std::string describe_person(const std::string& person, const Status& status);

}  // namespace perechen::approval
