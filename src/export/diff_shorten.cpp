// SPDX-License-Identifier: Apache-2.0
// How a changed field is told, and the shortening of its values of a changed field for a screen
// (the `approve` prompt): a long text keeps the part that differs and a little around it, so that a
// person sees what changed and old and new never look the same. Counted in characters (UTF-8 code
// points), never cutting one in two.

#include <set>

#include "labels.hpp"
#include "perechen/export/diff.hpp"

namespace perechen::exporting {
namespace {

const std::string kEllipsis = "…";

// The byte offsets where each character of `text` starts, and its size at the end.
std::vector<std::size_t> char_starts(std::string_view text) {
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
      starts.push_back(i);
  }
  starts.push_back(text.size());
  return starts;
}

struct Chars {
  std::string_view text;
  std::vector<std::size_t> starts;

  explicit Chars(std::string_view t) : text(t), starts(char_starts(t)) {}
  std::size_t size() const { return starts.size() - 1; }
  std::string_view at(std::size_t i) const { return slice(i, i + 1); }
  std::string_view slice(std::size_t from, std::size_t to) const {
    return text.substr(starts[from], starts[to] - starts[from]);
  }
};

// A line break in a value would break the screen's layout: shown as ↵, which keeps values apart.
std::string one_line(std::string_view text) {
  std::string result;
  for (char c : text) {
    if (c == '\n')
      result += "↵";
    else if (c != '\r')
      result += c;
  }
  return result;
}

std::string cut(std::string_view text, std::size_t width) {
  Chars chars(text);
  if (chars.size() <= width || width < 2)
    return std::string(text);
  return std::string(chars.slice(0, width - 1)) + kEllipsis;
}

std::string field_label(const std::string& field, Lang lang) {
  std::string key = "diff.field-" + field;
  std::string text = label(lang, key);
  return text == key ? field : text;
}

std::string value_or_empty(const std::string& value, Lang lang) {
  return value.empty() ? "(" + label(lang, "diff.empty") + ")" : value;
}

}  // namespace

std::pair<std::string, std::string> shorten_pair(std::string_view before, std::string_view after,
                                                 std::size_t width) {
  Chars a(before);
  Chars b(after);
  if (width == 0 || (a.size() <= width && b.size() <= width))
    return {std::string(before), std::string(after)};
  // What both sides share at the start and at the end; the rest is what changed.
  std::size_t shortest = std::min(a.size(), b.size());
  std::size_t prefix = 0;
  while (prefix < shortest && a.at(prefix) == b.at(prefix))
    ++prefix;
  std::size_t suffix = 0;
  while (suffix < shortest - prefix && a.at(a.size() - 1 - suffix) == b.at(b.size() - 1 - suffix))
    ++suffix;
  // Context on each side is shorter than the changed part may be: with equal context, sides whose
  // changed parts differ in their first character or in length never come out the same.
  std::size_t context = std::max<std::size_t>(width / 5, 4);
  std::size_t middle = std::max<std::size_t>(width - 2 * context, context + 1);
  auto shown = [&](const Chars& side) {
    std::string out;
    if (prefix > context)
      out += kEllipsis + std::string(side.slice(prefix - context, prefix));
    else
      out += side.slice(0, prefix);
    std::size_t end = side.size() - suffix;
    if (end - prefix > middle)
      return out + std::string(side.slice(prefix, prefix + middle)) + kEllipsis;
    out += side.slice(prefix, end);
    if (suffix > context)
      out += std::string(side.slice(end, end + context)) + kEllipsis;
    else
      out += side.slice(end, side.size());
    return out;
  };
  std::pair<std::string, std::string> result{shown(a), shown(b)};
  if (result.first == result.second)  // a text that holds «…» itself, say: show both whole
    return {std::string(before), std::string(after)};
  return result;
}

std::vector<std::string> field_lines(const FieldDiff& f, Lang lang, std::size_t width) {
  std::string name = field_label(f.field, lang) + ": ";
  if (f.added.empty() && f.removed.empty()) {
    auto [before, after] = width == 0 ? std::pair{f.before, f.after}
                                      : shorten_pair(one_line(f.before), one_line(f.after), width);
    return {name + value_or_empty(before, lang) + " → " + value_or_empty(after, lang)};
  }
  // Items of a list are shortened each on its own; should two come out the same, all are whole.
  auto items = [&](bool shorten) {
    std::vector<std::string> lines;
    for (const auto& item : f.removed)
      lines.push_back(shorten ? cut(one_line(item), width) : item);
    for (const auto& item : f.added)
      lines.push_back(shorten ? cut(one_line(item), width) : item);
    return lines;
  };
  std::vector<std::string> shown = items(width > 0);
  if (std::set<std::string>(shown.begin(), shown.end()).size() < shown.size())
    shown = items(false);
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < shown.size(); ++i)
    lines.push_back(name + (i < f.removed.size() ? "− " : "+ ") + shown[i]);
  return lines;
}

std::vector<std::string> content_lines(const FieldValue& field, Lang lang) {
  std::string name = field_label(field.field, lang) + ":";
  if (field.items.size() <= 1)
    return {name + " " + (field.items.empty() ? field.value : field.items.front())};
  std::vector<std::string> lines{name};
  for (const auto& item : field.items)
    lines.push_back("  • " + item);
  return lines;
}

std::string settings_line(const ListDiff& diff, Lang lang) {
  if (!diff.settings.empty())
    return label(lang, "diff.settings", fmt::arg("keys", join(diff.settings, ", ")));
  return label(lang, diff.first_version ? "diff.settings-new" : "diff.settings-whole");
}

}  // namespace perechen::exporting
