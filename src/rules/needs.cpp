// SPDX-License-Identifier: Apache-2.0
// needs-missing, need-unknown, need-duplicate, need-other-undescribed (2.6):
// every point names the client needs it satisfies, from the nine of clause 2.6,
// each once. A need may describe the interaction (2.7); `other` must, or the
// reader cannot tell what the need is.
//
// Several `other` needs are allowed when they describe different needs: 2.6
// speaks of "other needs" in the plural. Any other code given twice is a
// duplicate, whatever its description: the stages of one interaction go into
// one description (2.7).

#include <string>
#include <string_view>
#include <vector>

#include "checks.hpp"
#include "perechen/catalog.hpp"
#include "support.hpp"

namespace perechen::rules {

namespace {

std::string_view description_of(const NeedItem& need) {
  if (need.description == nullptr || !need.description->is_scalar())
    return {};
  return text::trim(need.description->scalar);
}

// The code a user most likely meant: the code of a need written by its number
// in 2.6 or by its title, or the nearest code.
std::string meant_code(std::string_view written, const std::vector<std::string>& codes) {
  const std::string key = text::normalize_name(written);
  for (const auto& info : needs()) {
    if (key == std::to_string(info.number) || key == text::normalize_name(info.title_ru) ||
        key == text::normalize_name(info.title_en)) {
      return info.code;
    }
  }
  return text::nearest(written, codes);
}

// Views into the point's tree, which outlives the check.
struct Seen {
  std::string_view code;
  std::string_view description;
  yaml::Position pos;
};

void check_point(const Point& point, const std::vector<std::string>& codes, Diagnostics& out) {
  const yaml::Node& tree = point.tree;
  if (!tree.is_map() && !tree.is_null())
    return;  // not a point file at all: field-type
  const yaml::MapEntry* entry = tree.find_entry("needs");
  if (entry == nullptr) {
    out.add("needs-missing", at(point.file, whole_file()), tr("rules.needs-missing"));
    return;
  }
  const yaml::Node& list = entry->value;
  if (list.is_null() || (list.is_sequence() && list.items.empty())) {
    out.add("needs-missing", at(point.file, entry->key_pos), tr("rules.needs-empty"));
    return;
  }
  if (!list.is_sequence())
    return;  // field-type

  std::vector<Seen> seen;  // at most a handful: a linear search is the fastest
  for (const auto& item : list.items) {
    NeedItem need;
    if (!read_need(item, need))
      continue;  // field-type
    const NeedInfo* info = find_need(need.code);
    if (info == nullptr) {
      std::string message = tr("rules.need-unknown", fmt::arg("code", need.code));
      if (std::string meant = meant_code(need.code, codes); !meant.empty()) {
        message += tr("rules.suggest", fmt::arg("name", meant));
      }
      out.add("need-unknown", at(point.file, need.code_pos), std::move(message));
      continue;
    }
    std::string_view description = description_of(need);
    if (info->needs_description && description.empty()) {
      out.add("need-other-undescribed", at(point.file, need.code_pos),
              tr("rules.need-other-undescribed", fmt::arg("code", info->code)));
    }
    const Seen* first = nullptr;
    for (const auto& s : seen) {
      if (s.code != info->code)
        continue;
      if (info->needs_description &&
          text::normalize_name(s.description) != text::normalize_name(description)) {
        continue;
      }
      first = &s;
      break;
    }
    if (first != nullptr) {
      out.add("need-duplicate", at(point.file, need.code_pos),
              tr("rules.need-duplicate", fmt::arg("code", info->code),
                 fmt::arg("line", first->pos.line)),
              {related_at(point.file, first->pos, tr("rules.need-duplicate-first"))});
      continue;
    }
    seen.push_back(Seen{info->code, description, need.code_pos});
  }
}

}  // namespace

void check_needs(const Registry& registry, Diagnostics& out) {
  std::vector<std::string> codes;
  for (const auto& info : needs())
    codes.push_back(info.code);
  for (const auto& point : registry.points)
    check_point(point, codes, out);
}

}  // namespace perechen::rules
