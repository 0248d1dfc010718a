// SPDX-License-Identifier: Apache-2.0
// channel-invalid, kind-unknown, kind-channel-mismatch (1.3): every point is
// digital or offline, and its kind, when given, is a built-in kind
// (data/kinds.yaml) or one of perechen.yaml's `kinds`, whose channel must be
// the point's channel.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "checks.hpp"
#include "perechen/catalog.hpp"
#include "support.hpp"

namespace perechen::rules {

namespace {

bool valid_channel(std::string_view channel) {
  return channel == "digital" || channel == "offline";
}

// What people write instead of the two ids, in Russian as the regulation says
// it, or in English.
std::string_view channel_meant(const std::string& written) {
  static const std::unordered_map<std::string, std::string_view> words = {
      {"цифровая", "digital"}, {"цифровой", "digital"},     {"цифровая точка", "digital"},
      {"онлайн", "digital"},   {"online", "digital"},       {"on-line", "digital"},
      {"офлайн", "offline"},   {"оффлайн", "offline"},      {"офлайн-точка", "offline"},
      {"off-line", "offline"}, {"офлайн точка", "offline"}, {"очно", "offline"},
  };
  std::string key = text::to_lower(text::trim(written));
  if (valid_channel(key))
    return key == "digital" ? "digital" : "offline";
  auto it = words.find(key);
  return it != words.end() ? it->second : std::string_view{};
}

}  // namespace

void check_channel(const Registry& registry, Diagnostics& out) {
  // Every kind a point may name, with its channel. A registry's kind never
  // replaces a built-in one (config.cpp reports the clash).
  std::unordered_map<std::string, std::string> kinds;
  std::vector<std::string> kind_ids;
  for (const auto& kind : builtin_kinds()) {
    kinds.emplace(kind.id, kind.channel);
    kind_ids.push_back(kind.id);
  }
  if (registry.config) {
    for (const auto& kind : registry.config->kinds) {
      if (!filled(kind.id))
        continue;
      if (kinds.emplace(kind.id.value, kind.channel.present ? kind.channel.value : "").second) {
        kind_ids.push_back(kind.id.value);
      }
    }
  }

  for (const auto& point : registry.points) {
    bool channel_ok = false;
    if (filled(point.channel)) {
      channel_ok = valid_channel(point.channel.value);
      if (!channel_ok) {
        std::string message = tr("rules.channel-invalid", fmt::arg("value", point.channel.value));
        if (std::string_view meant = channel_meant(point.channel.value); !meant.empty()) {
          message += tr("rules.suggest", fmt::arg("name", meant));
        } else {
          message =
              with_suggestion(std::move(message), point.channel.value, {"digital", "offline"});
        }
        out.add("channel-invalid", at(point.file, point.channel.pos), std::move(message));
      }
    }
    // A registry's own kinds are unknown while perechen.yaml cannot be read:
    // say nothing then.
    if (!filled(point.kind) || !registry.config)
      continue;
    auto kind = kinds.find(point.kind.value);
    if (kind == kinds.end()) {
      out.add("kind-unknown", at(point.file, point.kind.pos),
              with_suggestion(tr("rules.kind-unknown", fmt::arg("kind", point.kind.value)),
                              point.kind.value, kind_ids));
    } else if (channel_ok && valid_channel(kind->second) && kind->second != point.channel.value) {
      out.add("kind-channel-mismatch", at(point.file, point.kind.pos),
              tr("rules.kind-channel-mismatch", fmt::arg("kind", point.kind.value),
                 fmt::arg("kind_channel", kind->second), fmt::arg("channel", point.channel.value)),
              {related_at(point.file, point.channel.pos)});
    }
  }
}

}  // namespace perechen::rules
