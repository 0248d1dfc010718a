// SPDX-License-Identifier: Apache-2.0
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

// Which of the forms goes with `count`: Russian has three (1 файл, 2 файла, 5 файлов), English
// two (1 file, 2 files).
std::size_t form_index(std::size_t count) {
  if (current.load() == Lang::en)
    return count == 1 ? 0 : 1;
  auto last = count % 10;
  auto last_two = count % 100;
  if (last == 1 && last_two != 11)
    return 0;
  if (last >= 2 && last <= 4 && (last_two < 12 || last_two > 14))
    return 1;
  return 2;
}

}  // namespace

std::string plural(std::string_view key, std::size_t count) {
  std::string_view text = message_template(key);
  auto index = form_index(count);
  std::size_t start = 0;
  for (std::size_t i = 0; i < index; ++i) {
    auto bar = text.find('|', start);
    if (bar == std::string_view::npos)
      break;  // fewer forms than expected: the last one
    start = bar + 1;
  }
  return std::string(text.substr(start, text.find('|', start) - start));
}

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
