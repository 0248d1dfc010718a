#pragma once

// The publication of the approved version on the site (clause 3.1): no later than N working days
// (publication.working_days, 5 by default) after the version became fully approved, counted on the
// Russian production calendar with the registry's own days off.
//
// `publish` records a publication as an annotated tag perechen/published/<date>-<commit> on the
// approved commit, with the date in its name and a Perechen-Published trailer. A publication
// counts for a version when the tagged commit has the same registry content (content id), so a
// later commit that changes nothing in the registry (a README, an approval) keeps it.
//
// `overdue` says the deadline was missed: published after the due day, or not published and today
// is past it.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "perechen/approval/history.hpp"
#include "perechen/approval/report.hpp"
#include "perechen/calendar/calendar.hpp"
#include "perechen/calendar/date.hpp"
#include "perechen/export/content.hpp"
#include "perechen/git/repository.hpp"

namespace perechen::exporting {

inline constexpr std::string_view kPublishedTagPrefix = "perechen/published/";

struct Publication {
  calendar::Date approved_on;
  calendar::Date due;
  bool published = false;
  std::optional<calendar::Date> published_on;  // the first recorded publication of the version
  std::string tag;                             // the tag that recorded it
  bool overdue = false;
  std::vector<std::string> warnings;  // years counted by a preliminary calendar or the fallback
};

// The deadline arithmetic alone: `published` holds the dates of the version's recorded
// publications. `working_days` outside 0..calendar::kMaxWorkingDays is taken as the nearest end.
Publication deadline(const calendar::Calendar& calendar, calendar::Date approved_on,
                     int working_days, const std::vector<calendar::Date>& published,
                     calendar::Date today);

// A publication tag: its name (without refs/tags/), the commit it points at, the date it records.
struct PublishedTag {
  std::string name;
  git::Oid commit;
  calendar::Date date;
};

// Every perechen/published/* tag whose name carries a date, in name order.
std::vector<PublishedTag> published_tags(const git::Repository& repo);

// The tags of `published_tags` whose commit holds the registry content `content`.
std::vector<PublishedTag> publications_of(History& history, const git::Oid& content);

// The publication of the base of `status` (its last fully approved version), with the days off and
// working days of that version's perechen.yaml; nullopt when nothing is approved.
std::optional<Publication> publication_of(History& history, const approval::Status& status,
                                          calendar::Date today);

// The same for a known approved version: `approved_commit` holding content `content`, fully
// approved on `approved_on`.
Publication publication_of(History& history, const git::Oid& approved_commit,
                           const git::Oid& content, calendar::Date approved_on,
                           calendar::Date today);

// For `status`: the same, in the shape of its report (spec §4.2).
std::optional<approval::PublicationState> publication_state(
    const std::filesystem::path& registry_root, const approval::Status& status,
    calendar::Date today);

// The tag name `publish` gives: perechen/published/2026-03-05-0123456789ab.
std::string publication_tag_name(calendar::Date date, const git::Oid& commit);

struct Recorded {
  std::string tag;
  bool existed = false;  // the same publication was recorded before
};

// Records the publication of `commit` (content id `content`) on `date` as an annotated tag; the
// tagger is git's user.name and user.email, or "perechen" when they are not set. Throws
// Error(failure) when git fails, or when the tag exists and points elsewhere.
Recorded record_publication(const git::Repository& repo, const git::Oid& commit,
                            const git::Oid& content, calendar::Date date);

// Today in the local time zone, for what the command line passes in as `today`.
calendar::Date local_today();

}  // namespace perechen::exporting
