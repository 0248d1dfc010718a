// SPDX-License-Identifier: Apache-2.0
// point-duplicate (2.7): within one process a point is listed once, with all
// the needs it satisfies, even when the interaction goes in stages. Two files
// of one process describe the same point when their names are the same after
// normalising case, spaces, quotes and ё/е, invisible characters and look-alike
// letters (name_key), or when they give the same url or
// the same address. The clash is reported once, at the file that is new in the
// change (one the last commit does not hold as it is: Registry::settled), with
// the file it repeats as the related place; when both or neither are new, at
// the later of the two in path order. `validate PATH` still compares against
// the whole registry, and naming either file shows the finding.
//
// One pass with hash maps keyed by process and normalised value: linear in the
// number of points.

#include <array>
#include <cctype>
#include <string>
#include <unordered_map>
#include <vector>

#include "checks.hpp"
#include "perechen/rules/validate.hpp"
#include "perechen/text.hpp"
#include "support.hpp"

namespace perechen::rules {

namespace {

enum Key : std::size_t { kName, kUrl, kAddress, kKeys };

// The same web page, mailbox or phone however it is written: scheme and host in
// any case, with or without a trailing slash; http and https alike; a phone
// number by its digits alone.
std::string url_key(std::string_view url) {
  std::string u(text::trim(url));
  std::string lower = text::to_lower(u);
  for (std::string_view scheme : {"https://", "http://"}) {
    if (lower.starts_with(scheme)) {
      std::string rest = u.substr(scheme.size());
      std::size_t slash = rest.find_first_of("/?#");
      std::string host = text::to_lower(rest.substr(0, slash));
      std::string tail = slash == std::string::npos ? "" : rest.substr(slash);
      if (auto hash = tail.find('#'); hash != std::string::npos)
        tail.erase(hash);
      while (!tail.empty() && tail.back() == '/')
        tail.pop_back();
      return "web:" + host + tail;
    }
  }
  if (lower.starts_with("mailto:")) {
    std::string address = lower.substr(7);
    return "mail:" + address.substr(0, address.find('?'));
  }
  if (lower.starts_with("tel:")) {
    std::string digits;
    for (char c : lower.substr(4)) {
      if (std::isdigit(static_cast<unsigned char>(c)))
        digits.push_back(c);
    }
    return "tel:" + digits;
  }
  return lower;
}

bool is_separator(std::string_view s, std::size_t i) {
  static constexpr std::string_view kNumero = "\xE2\x84\x96";  // №
  if (i >= s.size())
    return false;
  if (s.substr(i).starts_with(kNumero))
    return true;
  return std::string_view(".,;:-/()").find(s[i]) != std::string_view::npos;
}

bool ends_with_separator(const std::string& s) {
  if (s.empty())
    return false;
  if (s.ends_with("\xE2\x84\x96"))
    return true;
  return std::string_view(".,;:-/()").find(s.back()) != std::string_view::npos;
}

// An address as a name, and spaces around punctuation do not count:
// "ул.Советская, д.3" is "ул. Советская, д. 3".
std::string address_key(std::string_view address) {
  std::string name = text::normalize_name(address);
  std::string result;
  result.reserve(name.size());
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] == ' ' && (ends_with_separator(result) || is_separator(name, i + 1)))
      continue;
    result.push_back(name[i]);
  }
  return result;
}

const LocatedText& value_of(const Point& point, std::size_t key) {
  switch (key) {
    case kName:
      return point.name;
    case kUrl:
      return point.url;
    default:
      return point.address;
  }
}

struct Match {
  std::size_t first;
  std::size_t later;
  std::size_t key;
};

std::string message(std::string_view id, const Point& point, std::size_t key,
                    const std::string& other) {
  const std::string& value = value_of(point, key).value;
  static constexpr std::array<std::string_view, kKeys> kWhat = {"name", "url", "address"};
  return tr(std::string(id) + "-" + std::string(kWhat[key]), fmt::arg("value", value),
            fmt::arg("process", point.process.value), fmt::arg("other", other));
}

}  // namespace

void check_duplicates(const Registry& registry, Diagnostics& out) {
  const auto& points = registry.points;
  std::array<std::unordered_map<std::string, std::size_t>, kKeys> seen;
  for (auto& map : seen)
    map.reserve(points.size());
  std::vector<Match> matches;

  for (std::size_t i = 0; i < points.size(); ++i) {
    const Point& point = points[i];
    if (!filled(point.process))
      continue;
    const std::size_t before = matches.size();
    for (std::size_t key = 0; key < kKeys; ++key) {
      const LocatedText& value = value_of(point, key);
      if (!filled(value))
        continue;
      std::string normalised = key == kName  ? name_key(value.value)
                               : key == kUrl ? url_key(value.value)
                                             : address_key(value.value);
      if (normalised.empty())
        continue;
      auto [it, inserted] = seen[key].emplace(point.process.value + '\n' + normalised, i);
      if (inserted)
        continue;
      // One finding per pair of files, on the first value that matches.
      bool known = false;
      for (std::size_t m = before; m < matches.size(); ++m)
        known |= matches[m].first == it->second;
      if (!known)
        matches.push_back(Match{it->second, i, key});
    }
  }

  for (const Match& m : matches) {
    const Point* original = &points[m.first];
    const Point* repeat = &points[m.later];
    const bool first_new = !registry.settled.contains(original->file);
    const bool later_new = !registry.settled.contains(repeat->file);
    if (first_new && !later_new)
      std::swap(original, repeat);
    out.add(
        "point-duplicate", at(repeat->file, value_of(*repeat, m.key).pos),
        message("rules.duplicate", *repeat, m.key, original->file),
        {related_at(original->file, value_of(*original, m.key).pos, tr("rules.duplicate-first"))});
  }
}

}  // namespace perechen::rules

namespace perechen {

std::string name_key(std::string_view name) {
  // What a reader cannot tell apart is one name (issue 21.10): text::fold_name drops invisible
  // characters, composes NFD й and ё, reads full-width forms as ASCII, folds case, spaces, quotes
  // and ё/е, and every look-alike of Unicode's confusables (data/confusables.yaml) as what it
  // looks like, both names alike.
  return text::fold_name(name);
}

const Point* point_named(const std::vector<Point>& points, std::string_view process,
                         std::string_view name) {
  const std::string wanted = name_key(name);
  if (wanted.empty())
    return nullptr;
  for (const Point& point : points) {
    if (point.process.value == process && name_key(point.name.value) == wanted)
      return &point;
  }
  return nullptr;
}

}  // namespace perechen
