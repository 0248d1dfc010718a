// SPDX-License-Identifier: Apache-2.0
#include "perechen/git/raw_tag.hpp"

#include <array>

#include "perechen/git/raw_commit.hpp"

namespace perechen::git {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// The armors git recognises at the start of a line (gpg-interface.c, sigformat[]).
bool begins_signature(std::string_view line) {
  static constexpr std::array<std::string_view, 4> kArmors{
      "-----BEGIN PGP SIGNATURE-----", "-----BEGIN PGP MESSAGE-----",
      "-----BEGIN SIGNED MESSAGE-----", "-----BEGIN SSH SIGNATURE-----"};
  for (std::string_view armor : kArmors) {
    if (starts_with(line, armor))
      return true;
  }
  return false;
}

}  // namespace

RawTag parse_raw_tag(std::string_view raw) {
  RawTag tag;
  // The signature starts at the last line that begins one, anywhere in the buffer (git's
  // parse_signed_buffer); one pass over the lines finds it.
  std::size_t signature_at = raw.size();
  for (std::size_t pos = 0; pos < raw.size();) {
    std::size_t nl = raw.find('\n', pos);
    std::size_t next = nl == std::string_view::npos ? raw.size() : nl + 1;
    if (begins_signature(raw.substr(pos, next - pos)))
      signature_at = pos;
    pos = next;
  }
  tag.signed_payload = std::string(raw.substr(0, signature_at));
  if (signature_at < raw.size())
    tag.signature = std::string(raw.substr(signature_at));

  // The header, in git's order: "object", "type", "tag", then "tagger" if present.
  std::string_view payload = tag.signed_payload;
  std::size_t header_end = payload.find("\n\n");
  std::string_view header =
      header_end == std::string_view::npos ? payload : payload.substr(0, header_end + 1);
  if (header_end != std::string_view::npos)
    tag.message = std::string(payload.substr(header_end + 2));
  int field = 0;
  for (std::size_t pos = 0; pos < header.size();) {
    std::size_t nl = header.find('\n', pos);
    std::size_t next = nl == std::string_view::npos ? header.size() : nl + 1;
    std::string_view line = header.substr(pos, (nl == std::string_view::npos ? next : nl) - pos);
    if (field == 0 && starts_with(line, "object ")) {
      if (auto id = Oid::parse(line.substr(7)))
        tag.object = *id;
    } else if (field == 1 && starts_with(line, "type ")) {
      tag.type = std::string(line.substr(5));
    } else if (field == 2 && starts_with(line, "tag ")) {
      tag.name = std::string(line.substr(4));
    } else if (field == 3 && starts_with(line, "tagger ")) {
      tag.tagger = std::string(line.substr(7));
      read_person_time(tag.tagger, tag.time, tag.offset_minutes);
    } else {
      break;  // anything else ends the fields git reads
    }
    ++field;
    pos = next;
  }
  return tag;
}

}  // namespace perechen::git
