#include "perechen/i18n.hpp"

#include <yaml-cpp/yaml.h>

#include <atomic>
#include <string>
#include <unordered_map>

#include "perechen/embedded.hpp"

namespace perechen {
namespace {

std::atomic<Lang> current{Lang::ru};

struct Texts {
  std::string ru;
  std::string en;
};

// Every data/messages/*.yaml merged into one table, read once on first use.
const std::unordered_map<std::string, Texts>& catalog() {
  static const auto table = [] {
    std::unordered_map<std::string, Texts> result;
    for (auto name : embedded_files()) {
      if (name.rfind("data/messages/", 0) != 0)
        continue;
      auto bytes = embedded_file(name);
      YAML::Node doc = YAML::Load(std::string(*bytes));
      for (const auto& entry : doc) {
        Texts texts;
        texts.ru = entry.second["ru"].as<std::string>("");
        texts.en = entry.second["en"].as<std::string>("");
        result.emplace(entry.first.as<std::string>(), std::move(texts));
      }
    }
    return result;
  }();
  return table;
}

}  // namespace

void set_language(Lang lang) {
  current = lang;
}
Lang language() {
  return current;
}

std::string_view message_template(std::string_view key) {
  return message_template(key, current.load());
}

std::string_view message_template(std::string_view key, Lang lang) {
  const auto& table = catalog();
  auto it = table.find(std::string(key));
  if (it == table.end())
    return key;
  return lang == Lang::ru ? it->second.ru : it->second.en;
}

}  // namespace perechen
