// SPDX-License-Identifier: Apache-2.0
#include "perechen/scaffold/point_draft.hpp"

#include <fmt/format.h>
#include <array>
#include <cstdint>

#include "perechen/catalog.hpp"
#include "perechen/i18n.hpp"
#include "perechen/platform/files.hpp"
#include "perechen/scaffold/registry_schema.hpp"
#include "perechen/text.hpp"
#include "perechen/yaml/emit.hpp"

namespace perechen::scaffold {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxSlug = 60;

// Russian letters а..я (U+0430..U+044F) in Latin, as passports and URLs commonly write them.
constexpr std::array<const char*, 32> kCyrillic = {
    "a", "b", "v", "g", "d", "e",  "zh", "z",  "i",  "y",    "k", "l", "m", "n", "o",  "p",
    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",  "y", "",  "e", "yu", "ya"};

// The next code point of UTF-8 `s` from `i` (advanced past it); U+FFFD for a broken sequence.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(s[k]); };
  std::uint8_t lead = byte(i);
  std::size_t length = lead < 0x80           ? 1
                       : (lead >> 5) == 0x6  ? 2
                       : (lead >> 4) == 0xE  ? 3
                       : (lead >> 3) == 0x1E ? 4
                                             : 0;
  if (length == 0 || i + length > s.size()) {
    ++i;
    return U'\uFFFD';
  }
  char32_t cp = static_cast<char32_t>(length == 1 ? lead : lead & (0x7F >> length));
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return U'\uFFFD';
    }
    cp = (cp << 6) | static_cast<char32_t>(byte(i + k) & 0x3F);
  }
  i += length;
  return cp;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  return fmt::to_string(fmt::join(items, separator));
}

template <typename List>
std::vector<std::string> ids_of(const List& list) {
  std::vector<std::string> ids;
  for (const auto& entry : list) {
    if (entry.id.present && !entry.id.value.empty())
      ids.push_back(entry.id.value);
  }
  return ids;
}

}  // namespace

std::string slug(std::string_view name) {
  std::string lower = text::to_lower(name);
  std::string result;
  bool gap = false;
  auto append = [&](std::string_view piece) {
    if (gap && !result.empty())
      result += '-';
    gap = false;
    result += piece;
  };
  for (std::size_t i = 0; i < lower.size();) {
    char32_t cp = next_code_point(lower, i);
    if ((cp >= U'a' && cp <= U'z') || (cp >= U'0' && cp <= U'9')) {
      char c = static_cast<char>(cp);
      append(std::string_view(&c, 1));
    } else if (cp >= U'\u0430' && cp <= U'\u044F') {
      std::string_view latin = kCyrillic[static_cast<std::size_t>(cp - U'\u0430')];
      if (!latin.empty())
        append(latin);
    } else if (cp == U'\u0451') {  // ё
      append("e");
    } else if (cp == U'\'' || cp == U'\u2019') {
      // an apostrophe joins the word: "Ivan's" -> "ivans"
    } else {
      gap = true;
    }
  }
  if (result.size() > kMaxSlug) {
    std::size_t cut = result.rfind('-', kMaxSlug);
    result.resize(cut == std::string::npos || cut < kMaxSlug / 2 ? kMaxSlug : cut);
    while (!result.empty() && result.back() == '-')
      result.pop_back();
  }
  return result.empty() ? std::string("point") : result;
}

std::string point_file_text(const PointDraft& draft, const Config& config,
                            std::string_view schema_ref) {
  yaml::Writer out;
  out.comment("yaml-language-server: $schema=" + std::string(schema_ref));
  out.field("process", draft.process);
  out.open("point");
  out.field("name", draft.name, 2);
  out.field("channel", draft.channel, 2);
  if (!draft.kind.empty())
    out.field("kind", draft.kind, 2);
  bool offline = draft.channel == "offline";
  if (!draft.contact.empty()) {
    out.field(offline ? "address" : "url", draft.contact, 2);
  } else if (offline) {
    out.comment(tr("scaffold.hint-address"), 2).comment("address:", 2);
  } else {
    out.comment(tr("scaffold.hint-url"), 2).comment("url: https://", 2);
  }

  std::vector<std::string> needs;
  for (const auto& need : perechen::needs())
    needs.push_back(need.code);
  std::vector<std::string> clients = ids_of(config.clients);
  std::vector<std::string> institutions = ids_of(config.institutions);

  // What is known, as YAML.
  if (!draft.clients.empty())
    out.flow_list("clients", draft.clients);
  if (!draft.value.empty())
    out.field("value", draft.value);
  if (!draft.needs.empty()) {
    out.open("needs");
    for (const auto& need : draft.needs) {
      if (need.description.empty())
        out.item(need.code, 2);
      else
        out.item_field(need.code, need.description, 2);
    }
  }
  if (!draft.basis_title.empty()) {
    out.open("basis").item_field("type", draft.basis_type, 2).field("title", draft.basis_title, 4);
  }
  if (!draft.prepared_by.empty())
    out.field("prepared_by", draft.prepared_by);

  // What is left, as comments.
  bool ask_institution = institutions.size() > 1 && draft.prepared_by.empty();
  if (!draft.clients.empty() && !draft.value.empty() && !draft.needs.empty() &&
      !draft.basis_title.empty() && !ask_institution) {
    return out.text();
  }
  out.blank().comment(tr("scaffold.hint-left"));
  if (draft.clients.empty()) {
    out.comment("").comment(tr("scaffold.hint-clients"));
    out.comment("clients: [" + join(clients, ", ") + "]");
  }
  if (draft.value.empty())
    out.comment("").comment(tr("scaffold.hint-value")).comment("value:");
  if (draft.needs.empty()) {
    out.comment("").comment(tr("scaffold.hint-needs", fmt::arg("codes", join(needs, ", "))));
    out.comment("needs:\n  - " + (needs.empty() ? std::string("information") : needs.front()));
  }
  if (draft.basis_title.empty()) {
    out.comment("").comment(tr("scaffold.hint-basis"));
    out.comment("basis:\n  - type: internal_act\n    title:");
  }
  if (ask_institution) {
    out.comment("").comment(
        tr("scaffold.hint-prepared-by", fmt::arg("ids", join(institutions, " | "))));
    out.comment("prepared_by: " + institutions.front());
  }
  return out.text();
}

fs::path create_point_file(const fs::path& root, std::string_view direction, std::string_view stem,
                           const std::string& content) {
  fs::path folder = root / "points" / std::string(direction);
  for (int n = 1;; ++n) {
    std::string name = std::string(stem) + (n == 1 ? std::string() : "-" + std::to_string(n));
    fs::path path = folder / (name + ".yaml");
    if (platform::write_new(path, content) == platform::NewFile::written)
      return path;
  }
}

std::string schema_ref(const fs::path& root, const fs::path& file) {
  // The registry's own schema knows its ids; the general one is there when it was never made.
  fs::path own = (root / kRegistrySchemaPath).lexically_normal();
  std::error_code ec;
  fs::path schema = fs::is_regular_file(own, ec)
                        ? own
                        : (root / "schemas" / "point.schema.json").lexically_normal();
  return schema.lexically_relative(file.parent_path().lexically_normal()).generic_string();
}

}  // namespace perechen::scaffold
