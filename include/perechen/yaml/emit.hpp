// SPDX-License-Identifier: Apache-2.0
#pragma once

// Writing YAML that people then edit: the one emitter of `new`, `init` and `import`. Text from
// outside (a table's cells and headings, a name typed at the terminal) goes through it only, so
// that it can never become a key of its own: a value is plain only when every reader takes it back
// as the same text, and a comment has "# " before each of its lines, whatever breaks the lines.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace perechen::yaml {

// What YAML 1.2's core schema makes of `s` written plain (unquoted): 12, -3, 0x1F, 0o17, 1.5, 1e3,
// .inf, .nan are numbers, true and false booleans, null, ~ and nothing at all null; the rest text.
enum class PlainType { text, number, boolean, null };
PlainType plain_type(std::string_view s);

// `text` as a YAML scalar on one line: plain when YAML 1.2 and the older YAML 1.1 of many tools
// both read it back as the same text, otherwise double-quoted with escapes. Bytes that are not
// UTF-8 are written as U+FFFD.
std::string scalar(std::string_view text);

// A YAML file built line by line, `indent` spaces in. Keys are short names (the fields of the
// formats, ids); keys and values go through scalar().
class Writer {
 public:
  // key: value
  Writer& field(std::string_view key, std::string_view value, std::size_t indent = 0);
  // key: 12        (a number, plain)
  Writer& number(std::string_view key, long long value, std::size_t indent = 0);
  // key:            (a block follows)
  Writer& open(std::string_view key, std::size_t indent = 0);
  // key: [a, b]     (each item quoted when a flow list needs it)
  Writer& flow_list(std::string_view key, const std::vector<std::string>& items,
                    std::size_t indent = 0);
  // - value
  Writer& item(std::string_view value, std::size_t indent);
  // - key: value
  Writer& item_field(std::string_view key, std::string_view value, std::size_t indent);
  // `text` as comment lines: "# " and one line of it each. \n, \r\n, \r, U+0085, U+2028 and U+2029
  // end a line; other control characters and bytes that are not UTF-8 are written as U+FFFD. An
  // empty line is a lone "#".
  Writer& comment(std::string_view text, std::size_t indent = 0);
  // An empty line.
  Writer& blank();

  const std::string& text() const { return out_; }

 private:
  std::string out_;
};

}  // namespace perechen::yaml
