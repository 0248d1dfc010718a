// SPDX-License-Identifier: Apache-2.0
#pragma once

// An annotated tag read as git reads it, for checking its signature. `git tag -s` appends the
// signature to the tag's message; git's parse_signed_buffer() (gpg-interface.c) takes the last
// line that begins an armored signature as its start, and everything before that line is what was
// signed. The header fields are read as git's parse_tag_buffer() reads them: object, type, tag and
// tagger, in that order.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "perechen/git/oid.hpp"

namespace perechen::git {

struct RawTag {
  Oid object;              // what the tag points at
  std::string type;        // its type: "commit", "tag", …
  std::string name;        // the `tag` field: the name given when the tag was made (it is signed;
                           // the name of the reference is not)
  std::string tagger;      // "Name <mail> 1700000000 +0300"; empty when there is none
  std::int64_t time = 0;   // tagger time, seconds since the epoch
  int offset_minutes = 0;  // tagger time zone
  // The armored signature, from its BEGIN line to the end; nullopt for an unsigned tag.
  std::optional<std::string> signature;
  std::string signed_payload;  // what the signature covers: the tag up to the signature
  std::string message;         // the message, without the signature
};

// Splits the bytes of a tag object (without git's "tag <size>\0" prefix). Never throws: fields
// that cannot be read are left empty.
RawTag parse_raw_tag(std::string_view raw);

}  // namespace perechen::git
