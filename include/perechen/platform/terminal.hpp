// SPDX-License-Identifier: Apache-2.0
#pragma once

// The terminal: whether a standard stream is one, its encoding, and asking for a secret.
// Only the program (src/cli/) asks these questions; the library is told through its options
// (approval::SignOptions::show_prompts), so it behaves the same under a test as at a keyboard.
//
// One interface, a backend per platform: src/platform/posix/terminal.cpp (isatty, termios)
// and src/platform/windows/terminal.cpp (the console API).

#include <optional>
#include <string>
#include <string_view>

namespace perechen::platform {

enum class Stream { input, output, error };

// Whether the standard stream is a terminal (Windows: a console; the NUL device is none).
bool is_terminal(Stream stream);

// Makes the console show the UTF-8 perechen writes: Windows sets the console's output code page
// to CP_UTF8 (the console's own setting, so it is restored at exit) and turns on its escape
// sequences for colour; POSIX terminals take the bytes as they are, and nothing is done. Called
// once by main().
void prepare_console();

// Shows `prompt` on the terminal and reads one line there without echoing it (a passphrase),
// without its line end. The terminal's settings come back afterwards, also when an interrupt
// (Ctrl+C) ends the reading, which is then passed on. nullopt when there is no terminal to ask
// at (POSIX: /dev/tty cannot be opened; Windows: no console) or the input ended first.
std::optional<std::string> read_hidden_line(std::string_view prompt);

}  // namespace perechen::platform
