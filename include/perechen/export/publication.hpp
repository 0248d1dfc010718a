// SPDX-License-Identifier: Apache-2.0
#pragma once

// The publication of the approved version on the site (clause 3.1): no later than N working days
// (publication.working_days, 5 by default) after the version became fully approved, counted on the
// Russian production calendar with the registry's own days off.
//
// `publish` records a publication as an annotated tag perechen/published/<date>-<commit> on the
// approved commit, with the date in its name and a Perechen-Published trailer, signed as
// `git tag -s` signs (an SSH signature with namespace "git", or a CMS in git's x509 armor, after
// the message). A publication counts for a version when the tagged commit has the same registry
// content (content id), so a later commit that changes nothing in the registry (a README, an
// approval) keeps it, and when its record is signed by a publisher (spec §7): a person of the
// approved version's roster listed in its `publishers`, or any person of it when the list is
// empty. Anyone who can push a tag can make an unsigned one; it is shown as unverified and does
// not stop the deadline.
//
// `overdue` says the deadline was missed: published after the due day, or not published and today
// is past it.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "perechen/approval/history.hpp"
#include "perechen/approval/report.hpp"
#include "perechen/approval/sign.hpp"
#include "perechen/approval/signature.hpp"
#include "perechen/calendar/calendar.hpp"
#include "perechen/calendar/date.hpp"
#include "perechen/export/content.hpp"
#include "perechen/git/repository.hpp"

namespace perechen::exporting {

inline constexpr std::string_view kPublishedTagPrefix = "perechen/published/";

// A publication record of the version that does not count, and why.
struct UnverifiedRecord {
  std::string tag;
  calendar::Date date;
  std::string reason;  // as RecordCheck::reason
  std::string detail;  // in the current language
};

struct Publication {
  calendar::Date approved_on;
  calendar::Date due;
  bool published = false;
  std::optional<calendar::Date> published_on;  // the first recorded publication of the version
  std::string tag;                             // the tag that recorded it
  std::string published_by;                    // who signed that record: a roster id
  bool overdue = false;
  std::vector<std::string> warnings;  // years counted by a preliminary calendar or the fallback
  calendar::Basis basis;              // those years, as numbers
  std::vector<UnverifiedRecord> unverified;  // records of the version that do not count
};

// The deadline arithmetic alone: `published` holds the dates of the version's recorded
// publications. `working_days` outside 0..calendar::kMaxWorkingDays is taken as the nearest end.
Publication deadline(const calendar::Calendar& calendar, calendar::Date approved_on,
                     int working_days, const std::vector<calendar::Date>& published,
                     calendar::Date today);

// A publication tag: its name (without refs/tags/), the commit it points at, the date it records,
// and what the reference points at directly (the tag object; the commit for a lightweight tag).
struct PublishedTag {
  std::string name;
  git::Oid commit;
  calendar::Date date;
  git::Oid target;
};

// Whether a publication record counts (spec §7), and who signed it.
struct RecordCheck {
  bool counts = false;
  std::string publisher;  // the signer's roster id, when it counts
  // Why not: a reason of approval/rejection.hpp ("unsigned", "bad-signature", "expired",
  // "key-not-in-roster", "malformed", …), "not-a-publisher", or "renamed" (the tag was signed
  // under another name than the one it is found under: its date is not the signed one).
  std::string reason;
  std::string detail;  // why not, in the current language
};

// Whether `signer` may record a publication: a person of `roster` (the approved version's;
// nullptr when it has none) listed in its publishers, or any of its people when the list is
// empty. A certificate is judged at the time the signature claims, never earlier than
// `not_before` (the time the version was approved): an expired certificate cannot date its
// record back into its validity.
RecordCheck judge_publisher(const approval::Signer& signer, const Roster* roster,
                            std::int64_t not_before);

// The same for a publication tag: an annotated tag, signed under its own name (its `tag` field
// is the name it is found under), whose signature verifies in-process as an approval's does,
// then its signer as judge_publisher() says.
RecordCheck check_record(const git::Repository& repo, const PublishedTag& tag, const Roster* roster,
                         std::int64_t not_before);

// Every perechen/published/* tag whose name carries a date, in name order.
std::vector<PublishedTag> published_tags(const git::Repository& repo);

// The tags of `published_tags` whose commit holds the registry content `content`.
std::vector<PublishedTag> publications_of(History& history, const git::Oid& content);

// The publication of the base of `status` (its last fully approved version), with the days off and
// working days of that version's perechen.yaml and the records its roster's publishers signed;
// nullopt when nothing is approved.
std::optional<Publication> publication_of(History& history, const approval::Status& status,
                                          calendar::Date today);

// The same for a known approved version: `approved_commit` holding content `content`, fully
// approved at `approved` (its date in the approver's time zone is the day of approval).
Publication publication_of(History& history, const git::Oid& approved_commit,
                           const git::Oid& content, const approval::When& approved,
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

// Records the publication of `commit` (content id `content`) on `date` as an annotated tag signed
// with `key` as `git tag -s` signs (approval::sign); the tagger is git's user.name and user.email,
// or "perechen" when they are not set. Nothing is written when signing fails. Throws
// Error(failure) when signing or git fails, or when the tag exists and points elsewhere.
Recorded record_publication(const git::Repository& repo, const git::Oid& commit,
                            const git::Oid& content, calendar::Date date,
                            const approval::SigningKey& key,
                            const approval::SignOptions& options = {});

// Today in the local time zone, for what the command line passes in as `today`.
calendar::Date local_today();

}  // namespace perechen::exporting
