// SPDX-License-Identifier: Apache-2.0
#pragma once

// Printers of an approval Status: the JSON of spec §4.2 and the text a person reads, for
// `status` and `verify`.

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "perechen/approval/history.hpp"

namespace perechen::approval {

// Where the approved version stands with publication (spec §7). `status` fills it from the
// production calendar and the records of `publish`; nullopt while that is not known.
struct PublicationState {
  std::string approved_on;  // YYYY-MM-DD
  std::string due;          // YYYY-MM-DD
  bool published = false;
  bool overdue = false;
  std::string published_on;  // YYYY-MM-DD of the record that counts; empty when none does
  std::string published_by;  // the roster id of who signed it
  std::string tag;           // its tag
  // Records of the version that do not count (unsigned, or not signed by a publisher): shown, so
  // that a mark anyone could push is not taken for a publication; the deadline stands.
  struct Unverified {
    std::string tag;
    std::string date;    // YYYY-MM-DD its name gives
    std::string reason;  // "unsigned", "not-a-publisher", "key-not-in-roster", …
    std::string detail;  // in the current language
  };
  std::vector<Unverified> unverified;
  // The due date is a guess when it counted days of a year no decree settles (spec §7: said
  // plainly, never silently): the years of a preliminary calendar, the years the calendar does not
  // cover (counted by the fallback rule), and what to tell about each, in the current language.
  std::vector<int> preliminary_years;
  std::vector<int> uncovered_years;
  std::vector<std::string> calendar_warnings;
};

// What a report shows besides the status itself.
struct ReportOptions {
  bool with_publication = false;  // `status` shows it (null when unknown); `verify` does not
  std::optional<PublicationState> publication;
  // The pending change as `perechen diff --format md` lays it out (every field of a row added or
  // removed, old and new of each changed one, settings and roster): what the approvers sign. When
  // set, the Markdown report shows it in place of its own short table of rows.
  std::string pending_markdown;
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
// The capacity `person` signs in, from the roster that judges (`acting` of spec §2.2: «и.о.
// начальника отдела …»); empty when the roster gives none.
std::string acting_of(const std::string& person, const Status& status);
// Who a required approval is from: the holder whose approval counted, or else every holder of the
// role («Сидоров П. Н. (sidorov) или Козлов И. И. (kozlov), и.о. …»), or «никто».
std::string describe_holders(const RequiredApproval& required, const Status& status);

// The publication of the approved version for people (spec §7): published (when, and whose signed
// record says so), due or overdue; then each record that does not count, said to stop nothing.
std::vector<std::string> publication_lines(const PublicationState& publication,
                                           const Status& status);

}  // namespace perechen::approval
