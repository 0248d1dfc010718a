// SPDX-License-Identifier: Apache-2.0
#include "perechen/git/raw_commit.hpp"

#include <chrono>

#include "perechen/i18n.hpp"

namespace perechen::git {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9')
      return false;
  }
  return !s.empty();
}

}  // namespace

std::optional<Ident> parse_ident(std::string_view field) {
  // As git's fsck_ident(): "name <mail> seconds ±hhmm", nothing after the zone. The seconds are
  // at most 12 digits (kMaxCommitTime has 12), so reading them cannot overflow.
  auto lt = field.find('<');
  if (lt == std::string_view::npos)
    return std::nullopt;
  auto gt = field.find('>', lt + 1);
  if (gt == std::string_view::npos)
    return std::nullopt;
  std::string_view name = field.substr(0, lt);
  std::string_view email = field.substr(lt + 1, gt - lt - 1);
  if (name.find('>') != std::string_view::npos || email.find('<') != std::string_view::npos)
    return std::nullopt;
  std::string_view rest = field.substr(gt + 1);
  if (rest.empty() || rest[0] != ' ')
    return std::nullopt;
  rest.remove_prefix(1);
  auto space = rest.find(' ');
  if (space == std::string_view::npos)
    return std::nullopt;
  std::string_view seconds = rest.substr(0, space);
  std::string_view zone = rest.substr(space + 1);
  if (!all_digits(seconds) || seconds.size() > 12 || (seconds.size() > 1 && seconds[0] == '0'))
    return std::nullopt;
  std::int64_t time = 0;
  for (char c : seconds)
    time = time * 10 + (c - '0');
  if (time > kMaxCommitTime)
    return std::nullopt;
  if (zone.size() != 5 || (zone[0] != '+' && zone[0] != '-') || !all_digits(zone.substr(1)))
    return std::nullopt;
  int hours = (zone[1] - '0') * 10 + (zone[2] - '0');
  int minutes = (zone[3] - '0') * 10 + (zone[4] - '0');
  int offset = hours * 60 + minutes;
  if (minutes >= 60 || offset > kMaxOffsetMinutes)
    return std::nullopt;
  Ident ident;
  while (!name.empty() && name.back() == ' ')
    name.remove_suffix(1);
  ident.name = std::string(name);
  ident.email = std::string(email);
  ident.time = time;
  ident.offset_minutes = zone[0] == '-' ? -offset : offset;
  return ident;
}

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
  // git's order after the parents: the author, then the committer (libgit2 refuses any other,
  // git's fsck too). 0 before the author, 1 right after it, 2 in order, -1 out of order.
  int order = 0;
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
          if (auto id = Oid::parse(field.substr(5))) {
            commit.tree = *id;
            commit.has_tree = true;
          }
        } else if (!first_line && parents_open && starts_with(field, "parent ")) {
          if (auto id = Oid::parse(field.substr(7)))
            commit.parents.push_back(*id);
        } else {
          parents_open = false;
          if (order == 0)
            order = starts_with(field, "author ") ? 1 : -1;
          else if (order == 1)
            order = starts_with(field, "committer ") ? 2 : -1;
          if (!saw_author && starts_with(field, "author ")) {
            saw_author = true;
            commit.author = std::string(field.substr(7));
            commit.has_author = true;
            commit.author_time_valid = parse_ident(commit.author).has_value();
          } else if (!saw_committer && starts_with(field, "committer ")) {
            saw_committer = true;
            commit.committer = std::string(field.substr(10));
            commit.has_committer = true;
            if (auto ident = parse_ident(commit.committer)) {
              commit.time_valid = true;
              commit.time = ident->time;
              commit.offset_minutes = ident->offset_minutes;
            }
          }
        }
      }
    }
    ++header_line;
    pos = next;
  }
  commit.header_in_order = order == 2;
  if (saw_signature)
    commit.signature = std::move(signature);
  return commit;
}

std::optional<std::string> header_problem(const RawCommit& commit) {
  if (!commit.has_tree)
    return tr("git.commit-no-tree");
  if (!commit.has_author)
    return tr("git.commit-no-person", fmt::arg("field", "author"));
  if (!commit.has_committer)
    return tr("git.commit-no-person", fmt::arg("field", "committer"));
  if (!commit.header_in_order)
    return tr("git.commit-order");
  if (!commit.author_time_valid)
    return tr("git.commit-bad-person", fmt::arg("field", "author"));
  if (!commit.time_valid)
    return tr("git.commit-bad-person", fmt::arg("field", "committer"));
  return std::nullopt;
}

void read_person_time(std::string_view field, std::int64_t& time, int& offset) {
  // Within the range git accepts, or left as it was (parse_ident).
  if (auto ident = parse_ident(field)) {
    time = ident->time;
    offset = ident->offset_minutes;
  }
}

std::string person_name(std::string_view field) {
  auto lt = field.find('<');
  std::string_view name = field.substr(0, lt);
  while (!name.empty() && name.back() == ' ')
    name.remove_suffix(1);
  return std::string(name);
}

std::optional<std::string> format_date(std::int64_t time, int offset_minutes) {
  // Both bounds checked first: the sum below then stays far from the limits of int64, and the
  // year from 1969 to 10000, which chrono's civil calendar holds; the year 10000 (the last
  // second of 9999 east of Greenwich) has no four-digit form and is refused too.
  if (time < 0 || time > kMaxCommitTime || offset_minutes < -kMaxOffsetMinutes ||
      offset_minutes > kMaxOffsetMinutes) {
    return std::nullopt;
  }
  using namespace std::chrono;
  sys_seconds local{seconds{time + std::int64_t{offset_minutes} * 60}};
  year_month_day day{floor<days>(local)};
  if (static_cast<int>(day.year()) > 9999)
    return std::nullopt;
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(day.year()),
                     static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
}

}  // namespace perechen::git
