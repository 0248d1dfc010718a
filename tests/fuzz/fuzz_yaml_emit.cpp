// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness: the YAML emitter of `new`, `init` and `import` (yaml::Writer) on any texts.
// The bytes become a plan (keys, values, lists, nested maps, and comments between them, all of
// outside text) which is written with yaml::Writer and read back with perechen's reader: the file
// must give exactly the planned keys and values, each value text (quoted, or plain text to YAML
// 1.2), and nothing a comment held. Anything else aborts with the file written.
//
// The input is split at NUL bytes into pieces; the first byte of a piece picks what it becomes, and
// the rest, split at 0x01, gives its texts. Texts that are not UTF-8 are left out (the writer would
// write U+FFFD for them, which is not what was planned), and so are texts with control characters
// (written escaped, then refused by the reader as no registry text).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "perechen/yaml/emit.hpp"
#include "perechen/yaml/parse.hpp"

namespace {

using perechen::yaml::Node;

struct Planned {
  enum class Kind { text, list, map } kind = Kind::text;
  std::string text;
  std::vector<Planned> items;     // a list's, or a map's values
  std::vector<std::string> keys;  // a map's keys, in order

  void add(std::string key, Planned value) {
    keys.push_back(std::move(key));
    items.push_back(std::move(value));
  }
};

Planned text(std::string s) {
  Planned p;
  p.text = std::move(s);
  return p;
}

std::vector<std::string_view> split(std::string_view s, char at) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t end = s.find(at, start);
    parts.push_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos)
      return parts;
    start = end + 1;
  }
}

// UTF-8 without the characters a registry file may not hold (the reader refuses them, issue
// 21.1): C0 controls but tab and line ends, DEL, C1 controls, U+FFFE and U+FFFF.
bool utf8(std::string_view s) {
  std::size_t bad = 0;
  if (!perechen::yaml::is_utf8(s, bad))
    return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
      return false;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F)
      return false;
    if (c == 0xEF && s.substr(i + 1, 2) >= "\xBF\xBE" && s.substr(i + 1, 2) <= "\xBF\xBF")
      return false;
  }
  return true;
}

bool has_key(const Planned& map, std::string_view key) {
  for (const auto& k : map.keys) {
    if (k == key)
      return true;
  }
  return false;
}

// `base`, or `base` with '_' after it until no key of `map` has that name.
std::string fresh(const Planned& map, std::string base) {
  while (has_key(map, base))
    base += '_';
  return base;
}

[[noreturn]] void mismatch(const std::string& file, const std::string& what) {
  std::fprintf(stderr, "fuzz_yaml_emit: %s\n--- the file written ---\n%s--- end ---\n",
               what.c_str(), file.c_str());
  std::abort();
}

void compare(const Planned& want, const Node& got, const std::string& at, const std::string& file) {
  switch (want.kind) {
    case Planned::Kind::text:
      if (!got.is_scalar())
        mismatch(file, at + ": not a scalar");
      if (got.scalar != want.text)
        mismatch(file, at + ": the text differs: «" + got.scalar + "»");
      if (!got.quoted && perechen::yaml::plain_type(got.scalar) != perechen::yaml::PlainType::text)
        mismatch(file, at + ": plain, and not text to YAML 1.2");
      return;
    case Planned::Kind::list:
      if (!got.is_sequence() || got.items.size() != want.items.size())
        mismatch(file, at + ": not a list of " + std::to_string(want.items.size()));
      for (std::size_t i = 0; i < want.items.size(); ++i)
        compare(want.items[i], got.items[i], at + "[" + std::to_string(i) + "]", file);
      return;
    case Planned::Kind::map:
      if (!got.is_map() || got.entries.size() != want.keys.size())
        mismatch(file, at + ": not a map of " + std::to_string(want.keys.size()) + " keys");
      for (std::size_t i = 0; i < want.keys.size(); ++i) {
        if (got.entries[i].key != want.keys[i])
          mismatch(file, at + ": key " + std::to_string(i) + " is «" + got.entries[i].key + "»");
        compare(want.items[i], got.entries[i].value, at + "." + want.keys[i], file);
      }
      return;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  perechen::yaml::Writer out;
  Planned plan;
  plan.kind = Planned::Kind::map;
  std::size_t n = 0;
  for (std::string_view piece : split(input, '\0')) {
    if (piece.empty())
      continue;
    auto choice = static_cast<unsigned char>(piece[0]);
    std::vector<std::string_view> parts = split(piece.substr(1), '\x01');
    bool all_utf8 = true;
    for (auto part : parts)
      all_utf8 = all_utf8 && utf8(part);
    if (!all_utf8)
      continue;
    std::string id = std::to_string(n++);
    // The name of a generated key: `base` and the piece's number, unless a key of outside text
    // took it already.
    auto named = [&](const char* base) { return fresh(plan, base + id); };
    switch (choice % 7) {
      case 0: {  // key: value
        std::string key = named("f");
        out.field(key, parts[0]);
        plan.add(key, text(std::string(parts[0])));
        break;
      }
      case 1:  // a comment between the keys
        out.comment(parts[0]);
        break;
      case 2: {  // a key of outside text
        std::string key(parts[0]);
        if (key.size() > 100 || has_key(plan, key))
          break;
        std::string value(parts.size() > 1 ? parts[1] : std::string_view());
        out.comment(value).field(key, value);
        plan.add(key, text(value));
        break;
      }
      case 3: {  // key: [a, b]
        std::string key = named("l");
        Planned list;
        list.kind = Planned::Kind::list;
        std::vector<std::string> items;
        for (auto part : parts) {
          if (part.empty() && parts.size() == 1)
            break;  // key: [] then
          items.emplace_back(part);
          list.items.push_back(text(std::string(part)));
        }
        out.flow_list(key, items);
        plan.add(key, std::move(list));
        break;
      }
      case 4: {  // key:, then - item lines with comments between them
        std::string key = named("b");
        Planned list;
        list.kind = Planned::Kind::list;
        out.open(key).comment(parts[0], 2);
        for (auto part : parts) {
          out.item(part, 2).comment(part, 2);
          list.items.push_back(text(std::string(part)));
        }
        plan.add(key, std::move(list));
        break;
      }
      case 5: {  // key:, then a nested map with comments between its keys
        std::string key = named("m");
        Planned map;
        map.kind = Planned::Kind::map;
        out.open(key);
        for (std::size_t j = 0; j < parts.size(); ++j) {
          std::string inner = "k" + std::to_string(j);
          out.comment(parts[j], 2).field(inner, parts[j], 2).comment(parts[j], 4);
          map.add(inner, text(std::string(parts[j])));
        }
        plan.add(key, std::move(map));
        break;
      }
      default: {  // key:, then - key: value items, keys of outside text
        std::string key = named("p");
        Planned list;
        list.kind = Planned::Kind::list;
        out.open(key);
        for (auto part : parts) {
          std::string inner = part.size() > 100 ? std::string("k") : std::string(part);
          out.item_field(inner, part, 2).comment(part, 4);
          Planned item;
          item.kind = Planned::Kind::map;
          item.add(inner, text(std::string(part)));
          list.items.push_back(std::move(item));
        }
        plan.add(key, std::move(list));
        break;
      }
    }
  }

  const std::string& file = out.text();
  perechen::Diagnostics found;
  auto tree = perechen::yaml::parse("fuzz.yaml", file, found);
  if (!tree) {
    std::string why;
    for (const auto& d : found.items())
      why += "\n  " + std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + " " +
             d.rule + ": " + d.message;
    mismatch(file, "the reader refuses the file:" + why);
  }
  if (plan.keys.empty()) {
    if (!tree->is_null())
      mismatch(file, "only comments were written, and the file holds something");
    return 0;
  }
  compare(plan, *tree, "", file);
  return 0;
}
