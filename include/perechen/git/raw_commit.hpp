// SPDX-License-Identifier: Apache-2.0
#pragma once

// A commit read as git reads it, for checking its signature. The signature is the `gpgsig` field of
// the commit header with its continuation lines, exactly as git's parse_buffer_signed_by_header()
// takes it; a signature-like block in the message body is not a signature (libgit2's
// git_commit_extract_signature would take it, so perechen does not use that function). The signed
// payload is the raw commit with every gpgsig* field and its continuation lines removed.
//
// Nothing in a commit is trusted to be well formed: a commit written with `git hash-object
// --literally` may lack its author or committer, or carry a time or a time zone that git's fsck
// refuses (2^63-1, +9959). Such a commit is read without failing and says what is wrong with it, so
// that a plain commit in the history costs nothing and an approval-like one is named malformed.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "perechen/git/oid.hpp"

namespace perechen::git {

// The times perechen accepts in a commit: from the epoch to the last second of the year 9999
// (UTC), and time zones of at most 14 hours either way, with fewer than 60 minutes.
inline constexpr std::int64_t kMaxCommitTime = 253402300799;  // 9999-12-31 23:59:59 UTC
inline constexpr int kMaxOffsetMinutes = 14 * 60;

// A person field, "Name <mail> 1700000000 +0300", split as git's fsck checks it.
struct Ident {
  std::string name;        // "Name", without the space before '<'
  std::string email;       // "mail", without the brackets
  std::int64_t time = 0;   // seconds since the epoch, 0..kMaxCommitTime
  int offset_minutes = 0;  // the time zone, -kMaxOffsetMinutes..kMaxOffsetMinutes
};

// The field split, or nullopt when it is not "name <mail> seconds ±hhmm" with the time and zone
// in range (digits only and no zero padding for the seconds, exactly four digits for the zone).
std::optional<Ident> parse_ident(std::string_view field);

struct RawCommit {
  Oid tree;
  bool has_tree = false;  // the first line is "tree <id>"
  std::vector<Oid> parents;
  std::string author;     // the author field as written: "Name <mail> 1700000000 +0300"
  std::string committer;  // likewise
  bool has_author = false;
  bool has_committer = false;
  // The author line right after the parents and the committer line right after it, one of each,
  // as git and libgit2 require.
  bool header_in_order = false;
  bool author_time_valid = false;  // the author field is read by parse_ident
  bool time_valid = false;         // the committer field is read by parse_ident
  // Committer time, seconds since the epoch, and time zone; both 0 unless time_valid.
  std::int64_t time = 0;
  int offset_minutes = 0;
  // The armored signature, each line ending in '\n' as git passes it to ssh-keygen; nullopt for an
  // unsigned commit.
  std::optional<std::string> signature;
  std::string signed_payload;  // what the signature covers
  std::string message;         // everything after the blank line that ends the header
};

// Splits the bytes of a commit object (without git's "commit <size>\0" prefix). Never throws:
// fields that cannot be read are left empty and said so by the has_* and *_valid flags.
RawCommit parse_raw_commit(std::string_view raw);

// What git would refuse in the header of this commit (no tree, no author or committer, those out
// of their order, a time or time zone out of range), as a sentence in the current language; nullopt
// when there is nothing. The evaluation rejects an approval-like commit with such a header as
// malformed.
std::optional<std::string> header_problem(const RawCommit& commit);

// The name of a person field ("Name <mail> time tz" -> "Name").
std::string person_name(std::string_view field);

// The time (seconds since the epoch) and the zone (minutes east of UTC) at the end of a person
// field ("Name <mail> 1700000000 +0300"); either is left as it was when it cannot be read.
void read_person_time(std::string_view field, std::int64_t& time, int& offset);

// The day of `time` (seconds since the epoch) in the time zone `offset_minutes`, "YYYY-MM-DD";
// nullopt when the time or the zone is out of the range above. Never overflows, whatever it is
// given: every date perechen prints from a commit goes through here.
std::optional<std::string> format_date(std::int64_t time, int offset_minutes);

}  // namespace perechen::git
