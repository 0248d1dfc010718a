#pragma once

// A commit read as git reads it, for checking its signature. The signature is the `gpgsig` field of
// the commit header with its continuation lines, exactly as git's parse_buffer_signed_by_header()
// takes it; a signature-like block in the message body is not a signature (libgit2's
// git_commit_extract_signature would take it, so perechen does not use that function). The signed
// payload is the raw commit with every gpgsig* field and its continuation lines removed.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "perechen/git/oid.hpp"

namespace perechen::git {

struct RawCommit {
  Oid tree;
  std::vector<Oid> parents;
  std::string author;      // the author field as written: "Name <mail> 1700000000 +0300"
  std::string committer;   // likewise
  std::int64_t time = 0;   // committer time, seconds since the epoch
  int offset_minutes = 0;  // committer time zone
  // The armored signature, each line ending in '\n' as git passes it to ssh-keygen; nullopt for an
  // unsigned commit.
  std::optional<std::string> signature;
  std::string signed_payload;  // what the signature covers
  std::string message;         // everything after the blank line that ends the header
};

// Splits the bytes of a commit object (without git's "commit <size>\0" prefix). Never throws:
// fields that cannot be read are left empty (a commit libgit2 accepted has them all).
RawCommit parse_raw_commit(std::string_view raw);

// The name of a person field ("Name <mail> time tz" -> "Name").
std::string person_name(std::string_view field);

// The time (seconds since the epoch) and the zone (minutes east of UTC) at the end of a person
// field ("Name <mail> 1700000000 +0300"); either is left as it was when it cannot be read.
void read_person_time(std::string_view field, std::int64_t& time, int& offset);

}  // namespace perechen::git
