// SPDX-License-Identifier: Apache-2.0
#include "perechen/catalog.hpp"

#include <yaml-cpp/yaml.h>

#include "perechen/embedded.hpp"

namespace perechen {

const std::vector<NeedInfo>& needs() {
  static const auto list = [] {
    std::vector<NeedInfo> result;
    YAML::Node doc = YAML::Load(std::string(*embedded_file("data/needs.yaml")));
    for (const auto& node : doc) {
      NeedInfo need;
      need.number = node["number"].as<int>();
      need.code = node["code"].as<std::string>();
      need.title_ru = node["ru"].as<std::string>();
      need.title_en = node["en"].as<std::string>();
      need.needs_description = node["needs_description"].as<bool>(false);
      result.push_back(std::move(need));
    }
    return result;
  }();
  return list;
}

const NeedInfo* find_need(std::string_view code) {
  for (const auto& need : needs()) {
    if (need.code == code)
      return &need;
  }
  return nullptr;
}

const std::vector<KindInfo>& builtin_kinds() {
  static const auto list = [] {
    std::vector<KindInfo> result;
    YAML::Node doc = YAML::Load(std::string(*embedded_file("data/kinds.yaml")));
    for (const auto& node : doc) {
      result.push_back(KindInfo{node["id"].as<std::string>(), node["channel"].as<std::string>(),
                                node["ru"].as<std::string>(), node["en"].as<std::string>()});
    }
    return result;
  }();
  return list;
}

const KindInfo* find_builtin_kind(std::string_view id) {
  for (const auto& kind : builtin_kinds()) {
    if (kind.id == id)
      return &kind;
  }
  return nullptr;
}

}  // namespace perechen
