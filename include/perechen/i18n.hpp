// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace perechen {

enum class Lang { ru, en };

// The language of messages and headings, set once by main() before any work starts.
void set_language(Lang lang);
Lang language();

// The template of a message from data/messages.yaml in the current language. An unknown key
// gives the key itself, so a missing text shows up in output rather than crashing.
std::string_view message_template(std::string_view key);
std::string_view message_template(std::string_view key, Lang lang);

// The form of a plural message (its text is "one|few|many" in Russian, "one|other" in English)
// that goes with `count`: "файл", "файла" or "файлов"; "file" or "files".
std::string plural(std::string_view key, std::size_t count);

// A message from data/messages.yaml with named arguments: tr("need-unknown", fmt::arg("code", c)).
template <typename... Args>
std::string tr(std::string_view key, Args&&... args) {
  return fmt::vformat(message_template(key), fmt::make_format_args(args...));
}

}  // namespace perechen
