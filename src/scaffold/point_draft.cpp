#include "perechen/scaffold/point_draft.hpp"

#include <fmt/format.h>
#include <array>
#include <cstdint>

#include "perechen/catalog.hpp"
#include "perechen/i18n.hpp"
#include "perechen/platform/files.hpp"
#include "perechen/scaffold/registry_schema.hpp"
#include "perechen/text.hpp"

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

bool plain_is_safe(std::string_view s) {
  if (s.empty() || s != text::trim(s))
    return false;
  constexpr std::string_view kIndicators = "-?:,[]{}#&*!|>'\"%@`";
  if (kIndicators.find(s.front()) != std::string_view::npos)
    return false;
  if (s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos ||
      s.back() == ':') {
    return false;
  }
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F)
      return false;
  }
  std::string lower = text::to_lower(s);
  for (std::string_view word : {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"}) {
    if (lower == word)
      return false;
  }
  // Anything that might read as a number or a date keeps its quotes.
  constexpr std::string_view kNumeric = "0123456789+-._eExXoOabcdfABCDF:";
  bool numeric = s.find_first_not_of(kNumeric) == std::string_view::npos &&
                 std::string_view("0123456789+-.").find(s.front()) != std::string_view::npos;
  return !numeric;
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

std::string yaml_scalar(std::string_view text) {
  if (plain_is_safe(text))
    return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (u < 0x20 || u == 0x7F) {
          out += fmt::format("\\x{:02X}", static_cast<unsigned>(u));
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string point_file_text(const PointDraft& draft, const Config& config,
                            std::string_view schema_ref) {
  std::string out = fmt::format("# yaml-language-server: $schema={}\n", schema_ref);
  out += "process: " + yaml_scalar(draft.process) + "\n";
  out += "point:\n";
  out += "  name: " + yaml_scalar(draft.name) + "\n";
  out += "  channel: " + draft.channel + "\n";
  if (!draft.kind.empty())
    out += "  kind: " + yaml_scalar(draft.kind) + "\n";
  bool offline = draft.channel == "offline";
  if (!draft.contact.empty()) {
    out += std::string(offline ? "  address: " : "  url: ") + yaml_scalar(draft.contact) + "\n";
  } else if (offline) {
    out += "  # " + tr("scaffold.hint-address") + "\n";
    out += "  # address:\n";
  } else {
    out += "  # " + tr("scaffold.hint-url") + "\n";
    out += "  # url: https://\n";
  }

  std::vector<std::string> needs;
  for (const auto& need : perechen::needs())
    needs.push_back(need.code);
  std::vector<std::string> clients = ids_of(config.clients);
  std::vector<std::string> institutions = ids_of(config.institutions);

  // What is known, as YAML.
  if (!draft.clients.empty()) {
    std::vector<std::string> shown;
    for (const auto& id : draft.clients)
      shown.push_back(yaml_scalar(id));
    out += "clients: [" + join(shown, ", ") + "]\n";
  }
  if (!draft.value.empty())
    out += "value: " + yaml_scalar(draft.value) + "\n";
  if (!draft.needs.empty()) {
    out += "needs:\n";
    for (const auto& need : draft.needs) {
      out += "  - " + yaml_scalar(need.code) +
             (need.description.empty() ? std::string() : ": " + yaml_scalar(need.description)) +
             "\n";
    }
  }
  if (!draft.basis_title.empty()) {
    out += "basis:\n  - type: " + yaml_scalar(draft.basis_type) +
           "\n    title: " + yaml_scalar(draft.basis_title) + "\n";
  }
  if (!draft.prepared_by.empty())
    out += "prepared_by: " + yaml_scalar(draft.prepared_by) + "\n";

  // What is left, as comments.
  bool ask_institution = institutions.size() > 1 && draft.prepared_by.empty();
  if (!draft.clients.empty() && !draft.value.empty() && !draft.needs.empty() &&
      !draft.basis_title.empty() && !ask_institution) {
    return out;
  }
  out += "\n# " + tr("scaffold.hint-left") + "\n";
  if (draft.clients.empty()) {
    out += "#\n# " + tr("scaffold.hint-clients") + "\n";
    out += "# clients: [" + join(clients, ", ") + "]\n";
  }
  if (draft.value.empty()) {
    out += "#\n# " + tr("scaffold.hint-value") + "\n";
    out += "# value:\n";
  }
  if (draft.needs.empty()) {
    out += "#\n# " + tr("scaffold.hint-needs", fmt::arg("codes", join(needs, ", "))) + "\n";
    out += "# needs:\n#   - " + (needs.empty() ? std::string("information") : needs.front()) + "\n";
  }
  if (draft.basis_title.empty()) {
    out += "#\n# " + tr("scaffold.hint-basis") + "\n";
    out += "# basis:\n#   - type: internal_act\n#     title:\n";
  }
  if (ask_institution) {
    out += "#\n# " + tr("scaffold.hint-prepared-by", fmt::arg("ids", join(institutions, " | "))) +
           "\n";
    out += "# prepared_by: " + institutions.front() + "\n";
  }
  return out;
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
