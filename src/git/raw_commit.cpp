#include "perechen/git/raw_commit.hpp"

#include <charconv>

namespace perechen::git {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

RawCommit parse_raw_commit(std::string_view raw) {
  // Mirrors git's parse_buffer_signed_by_header() (commit.c) for a SHA-1 repository: a "gpgsig "
  // field and the continuation lines right after it are the signature; any other "gpgsig*" field
  // (gpgsig-sha256) and its continuations are dropped from the payload; the header ends at the
  // first empty line and everything after it is payload, whatever it looks like.
  RawCommit commit;
  std::string signature;
  bool saw_signature = false;
  bool in_signature = false;
  bool other_signature = false;
  bool in_header = true;
  // As git's parse_commit_buffer(): the tree is the first line, the parents follow it directly,
  // and a later "tree"/"parent"/"author"/"committer" line is an unknown field, not a second value.
  // Taking a later one would let a crafted commit show us one tree while git checks out another.
  std::size_t header_line = 0;
  bool parents_open = true;
  bool saw_author = false;
  bool saw_committer = false;
  std::size_t pos = 0;
  while (pos < raw.size()) {
    std::size_t nl = raw.find('\n', pos);
    std::size_t next = nl == std::string_view::npos ? raw.size() : nl + 1;
    std::string_view line = raw.substr(pos, next - pos);
    if (!in_header) {
      commit.signed_payload.append(raw.substr(pos));
      commit.message.assign(raw.substr(pos));
      break;
    }
    std::string_view sig;
    bool is_sig = false;
    if (in_signature && !line.empty() && line[0] == ' ') {
      sig = line.substr(1);
      is_sig = true;
    } else if (starts_with(line, "gpgsig ")) {
      sig = line.substr(7);
      is_sig = true;
      other_signature = false;
    } else if (starts_with(line, "gpgsig")) {
      other_signature = true;
    } else if (other_signature && (line.empty() || line[0] != ' ')) {
      other_signature = false;
    }
    if (is_sig) {
      signature.append(sig);
      saw_signature = true;
      in_signature = true;
      parents_open = false;
    } else {
      in_signature = false;
      if (line == "\n" || line.empty()) {
        commit.signed_payload.append(line);
        in_header = false;
      } else if (other_signature) {
        parents_open = false;
      } else {
        commit.signed_payload.append(line);
        std::string_view field = line;
        if (!field.empty() && field.back() == '\n')
          field.remove_suffix(1);
        const bool first_line = header_line == 0;
        if (first_line && starts_with(field, "tree ")) {
          if (auto id = Oid::parse(field.substr(5)))
            commit.tree = *id;
        } else if (!first_line && parents_open && starts_with(field, "parent ")) {
          if (auto id = Oid::parse(field.substr(7)))
            commit.parents.push_back(*id);
        } else {
          parents_open = false;
          if (!saw_author && starts_with(field, "author ")) {
            saw_author = true;
            commit.author = std::string(field.substr(7));
          } else if (!saw_committer && starts_with(field, "committer ")) {
            saw_committer = true;
            commit.committer = std::string(field.substr(10));
            read_person_time(commit.committer, commit.time, commit.offset_minutes);
          }
        }
      }
    }
    ++header_line;
    pos = next;
  }
  if (saw_signature)
    commit.signature = std::move(signature);
  return commit;
}

void read_person_time(std::string_view field, std::int64_t& time, int& offset) {
  auto zone_space = field.rfind(' ');
  if (zone_space == std::string_view::npos)
    return;
  std::string_view zone = field.substr(zone_space + 1);
  auto time_space = field.rfind(' ', zone_space - 1);
  if (time_space == std::string_view::npos)
    return;
  std::string_view seconds = field.substr(time_space + 1, zone_space - time_space - 1);
  std::from_chars(seconds.data(), seconds.data() + seconds.size(), time);
  if (zone.size() == 5 && (zone[0] == '+' || zone[0] == '-')) {
    int hhmm = 0;
    std::from_chars(zone.data() + 1, zone.data() + 5, hhmm);
    offset = (hhmm / 100) * 60 + hhmm % 100;
    if (zone[0] == '-')
      offset = -offset;
  }
}

std::string person_name(std::string_view field) {
  auto lt = field.find('<');
  std::string_view name = field.substr(0, lt);
  while (!name.empty() && name.back() == ' ')
    name.remove_suffix(1);
  return std::string(name);
}

}  // namespace perechen::git
