// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "perechen/i18n.hpp"

namespace perechen {

// A need of clause 2.6 (data/needs.yaml).
struct NeedInfo {
  int number = 0;  // 1..9, as numbered in 2.6
  std::string code;
  std::string title_ru;
  std::string title_en;
  bool needs_description = false;  // `other` must say what the need is
};

// A built-in point kind (data/kinds.yaml).
struct KindInfo {
  std::string id;
  std::string channel;  // digital | offline
  std::string title_ru;
  std::string title_en;
};

const std::vector<NeedInfo>& needs();
const NeedInfo* find_need(std::string_view code);
const std::vector<KindInfo>& builtin_kinds();
const KindInfo* find_builtin_kind(std::string_view id);

inline const std::string& title(const NeedInfo& n, Lang lang) {
  return lang == Lang::ru ? n.title_ru : n.title_en;
}

}  // namespace perechen
