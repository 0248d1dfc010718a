// SPDX-License-Identifier: Apache-2.0
#pragma once

// How `--help` reads: CLI11's layout with the words of the user's language. A value's placeholder
// is a word of the language (`--dir ПАПКА`, `--rev РЕВИЗИЯ`; choices such as `text|json` stay as
// typed), a positional argument is named once (`ПУТЬ ...`, not `PATH TEXT ...`), a required
// option says so in words, and columns are aligned by characters, not bytes, so that Cyrillic
// keeps the descriptions in line.

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace perechen::cli {

// `placeholder` ("DIR", "approved|head|worktree|REV", "YYYY-MM-DD") with each upper-case word put
// in the current language (data/messages/cli2.yaml, `help.word-<WORD>`); other text unchanged.
std::string placeholder_words(std::string_view placeholder);

// The formatter every command's help uses.
std::shared_ptr<CLI::Formatter> make_help_formatter();

}  // namespace perechen::cli
