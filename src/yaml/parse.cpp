// SPDX-License-Identifier: Apache-2.0
// Reading a registry file safely. yaml-cpp's Node API would expand aliases, keep the last of two
// equal keys and forget where things were; instead perechen listens to yaml-cpp's parser events and
// builds its own tree (node.hpp), refusing what a registry file must not contain as it goes. Bytes
// are checked (size, NUL, UTF-8) before yaml-cpp sees them.

#include "perechen/yaml/parse.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "lexical.hpp"
#include "perechen/i18n.hpp"

namespace perechen::yaml {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Turns yaml-cpp's 0-based line and byte column into a 1-based line and character column.
class PositionMap {
 public:
  explicit PositionMap(std::string_view text) : text_(text) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n')
        line_starts_.push_back(i + 1);
    }
  }

  Position at(const YAML::Mark& mark) const {
    if (mark.is_null() || mark.line < 0)
      return {};
    auto line = static_cast<std::size_t>(mark.line);
    if (line >= line_starts_.size())
      return {mark.line + 1, mark.column + 1};
    std::size_t start = line_starts_[line];
    std::size_t end =
        std::min(text_.size(), start + static_cast<std::size_t>(std::max(0, mark.column)));
    // Marks come mostly in order; counting on from the last one on the same line keeps a file
    // that is one long flow line linear instead of quadratic.
    std::size_t from = start;
    int column = 1;
    if (cached_start_ == start && cached_end_ <= end) {
      from = cached_end_;
      column = cached_column_;
    }
    for (std::size_t i = from; i < end; ++i) {
      // Count code points: every byte that is not a UTF-8 continuation byte starts one.
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80)
        ++column;
    }
    cached_start_ = start;
    cached_end_ = end;
    cached_column_ = column;
    return {mark.line + 1, column};
  }

  Position at_offset(std::size_t offset) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    auto line = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
    YAML::Mark mark;
    mark.line = static_cast<int>(line);
    mark.column = static_cast<int>(offset - line_starts_[line]);
    return at(mark);
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
  mutable std::size_t cached_start_ = 0;
  mutable std::size_t cached_end_ = 0;
  mutable int cached_column_ = 1;
};

// The first character of valid UTF-8 `text` that a point must not hold: a C0 control character
// other than tab, line feed and carriage return, DEL, a C1 control character, U+FFFE or U+FFFF
// (XML refuses most of them, and none is text a person means). Its offset and code point.
struct ControlChar {
  std::size_t offset = 0;
  char32_t code = 0;
};
std::optional<ControlChar> first_control(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    char32_t code = byte;
    std::size_t length = 1;
    if (byte >= 0xF0) {
      length = 4;
      code = byte & 0x07U;
    } else if (byte >= 0xE0) {
      length = 3;
      code = byte & 0x0FU;
    } else if (byte >= 0xC0) {
      length = 2;
      code = byte & 0x1FU;
    }
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k)
      code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3FU);
    bool control = (code < 0x20 && code != '\t' && code != '\n' && code != '\r') ||
                   (code >= 0x7F && code <= 0x9F) || code == 0xFFFE || code == 0xFFFF;
    if (control)
      return ControlChar{i, code};
    i += length;
  }
  return std::nullopt;
}

// Where flow collections (`[`, `{`) first nest deeper than kMaxDepth, found on the bytes before
// yaml-cpp reads them: yaml-cpp builds its tokens for the whole nesting first (a 1 MiB file of
// `[[[[…` cost about 250 MB), so the nesting is refused before it can cost anything, whatever
// number of files are parsed at once. Outside a flow collection a bracket opens one only where a
// value can start: at the start of a line, after `-`, `?` or `:` followed by a blank, or after an
// anchor or tag there; elsewhere it is part of a plain text (`.f0:{{{` is one text). Inside one,
// every bracket counts, as a plain text there cannot hold one. Quoted texts and comments are
// skipped. Block nesting needs indentation, which the size limit bounds, and is left to the tree
// builder. nullopt when the file stays within the limit.
std::optional<std::size_t> flow_too_deep(std::string_view text) {
  int depth = 0;
  bool value_start = true;   // the next character that is not blank may start a value
  bool after_quote = false;  // the last thing read was a quoted text (a JSON-like key)
  auto blank = [&](std::size_t k) {
    return k >= text.size() || text[k] == ' ' || text[k] == '\t' || text[k] == '\r' ||
           text[k] == '\n';
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r')
      continue;
    if (c == '\n') {
      value_start = true;
      after_quote = false;
      continue;
    }
    if (c == '#' && (i == 0 || blank(i - 1))) {
      while (i + 1 < text.size() && text[i + 1] != '\n')
        ++i;
      continue;
    }
    if ((c == '"' || c == '\'') && value_start) {
      for (++i; i < text.size(); ++i) {
        if (c == '"' && text[i] == '\\') {
          ++i;
        } else if (text[i] == c) {
          if (c == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
            ++i;  // '' inside single quotes
            continue;
          }
          break;
        }
      }
      value_start = false;
      after_quote = true;
      continue;
    }
    if ((c == '&' || c == '!') && value_start) {
      // An anchor or a tag, which ends at a blank or a flow indicator: a value may still start
      // after it.
      while (i + 1 < text.size() && !blank(i + 1) &&
             std::string_view("[]{},").find(text[i + 1]) == std::string_view::npos)
        ++i;
      continue;
    }
    if ((c == '[' || c == '{') && (value_start || depth > 0)) {
      if (++depth > kMaxDepth)
        return i;
      value_start = true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
      value_start = false;
    } else if ((c == '-' || c == '?' || c == ':') && blank(i + 1)) {
      value_start = true;
    } else {
      value_start = (c == ',' && depth > 0) || (c == ':' && depth > 0 && after_quote);
    }
    after_quote = false;
  }
  return std::nullopt;
}

// A character as messages show it: visibly, never raw ("<U+0007>").
std::string visible(char32_t code) {
  return fmt::format("<U+{:04X}>", static_cast<std::uint32_t>(code));
}

// Builds the tree from parser events. Problems are reported as they are met; after a problem that
// makes the tree untrustworthy (`broken`), events are still consumed but nothing more is built.
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const std::string& path, std::string_view text, const PositionMap& positions,
              Diagnostics& out)
      : path_(path), text_(text), positions_(positions), out_(out) {}

  bool broken() const { return broken_; }
  // A lexical error of lexical.hpp was reported; whatever yaml-cpp says after it follows from it.
  bool lexical_error() const { return lexical_error_; }
  bool too_deep() const { return too_deep_; }
  Node take_root() { return std::move(root_); }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    check_anchor(mark, anchor);
    Node node;
    node.pos = null_position(mark);
    add(std::move(node));
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    report("yaml-alias", positions_.at(mark), tr("yaml.alias"));
    Node node;
    node.pos = positions_.at(mark);
    add(std::move(node));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    check_anchor(mark, anchor);
    check_tag(mark, tag, true);
    check_scalar(mark, value);
    // Written as an escape ("\x07", "\uFFFF"): the file is clean text, the value is not.
    if (auto control = first_control(value)) {
      report("file-encoding", positions_.at(mark),
             tr("yaml.control-char-escaped", fmt::arg("char", visible(control->code))));
    }
    Node node;
    node.kind = NodeKind::scalar;
    node.pos = positions_.at(mark);
    node.scalar = value;
    // `!!str true` is text as much as "true" is: never read as a boolean or a number.
    node.quoted = tag == "!" || tag == kStrTag;
    add(std::move(node));
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    check_anchor(mark, anchor);
    check_tag(mark, tag, false);
    check_collection(mark, style);
    open(NodeKind::sequence, mark, style);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    check_anchor(mark, anchor);
    check_tag(mark, tag, false);
    check_collection(mark, style);
    open(NodeKind::map, mark, style);
  }
  void OnMapEnd() override { close(); }

  void OnAnchor(const YAML::Mark& mark, const std::string& name) override {
    report("yaml-alias", positions_.at(mark), tr("yaml.anchor", fmt::arg("name", name)));
    anchor_reported_ = true;
  }

 private:
  // An open collection; for maps, the key waiting for its value and the keys seen so far.
  struct Frame {
    Node node;
    bool flow = false;
    int indent = 0;  // the 0-based byte column where a block collection starts
    bool have_key = false;
    std::string key;
    Position key_pos;
    std::unordered_map<std::string, Position> seen;  // used once a map grows past a few keys
  };

  // yaml-cpp marks an empty item of a block sequence (a lone `-`) where the next thing starts: the
  // next item, the next key. The person wrote it at its own `-`: the nearest line above, at the
  // sequence's column, that starts with one (between the two there can only be blanks and
  // comments, so the scan is as long as they are).
  Position null_position(const YAML::Mark& mark) const {
    Position at = positions_.at(mark);
    if (stack_.empty() || ignored_depth_ > 0 || mark.pos < 0 || mark.line < 0)
      return at;
    const Frame& top = stack_.back();
    if (top.node.kind != NodeKind::sequence || top.flow || top.indent < 0)
      return at;
    const auto indent = static_cast<std::size_t>(top.indent);
    std::size_t end = std::min(static_cast<std::size_t>(mark.pos), text_.size());
    int line = mark.line + 1;
    std::size_t start = end;
    while (start > 0 && text_[start - 1] != '\n')
      --start;
    for (; line >= top.node.pos.line; --line) {
      std::size_t dash = start + indent;
      if (dash < end && text_[dash] == '-' &&
          text_.substr(start, indent).find_first_not_of(' ') == std::string_view::npos &&
          (dash + 1 == text_.size() || text_[dash + 1] == ' ' || text_[dash + 1] == '\t' ||
           text_[dash + 1] == '\n' || text_[dash + 1] == '\r'))
        return positions_.at_offset(dash);
      if (start == 0)
        break;
      end = start - 1;  // the line break that ends the line above
      start = end;
      while (start > 0 && text_[start - 1] != '\n')
        --start;
    }
    return at;
  }

  static constexpr std::string_view kStrTag = "tag:yaml.org,2002:str";

  // A point file has no use for tags: `!!binary`, `!!python/object/apply:…`, `!foo` and tags of a
  // %TAG directive would each make a reader of YAML build something else than text; perechen would
  // ignore them, so they are refused, each at its place. yaml-cpp gives "?" for a plain node
  // without a tag and "!" for a quoted one; `!!str` on a scalar says "text", which it is anyway.
  void check_tag(const YAML::Mark& mark, std::string_view tag, bool scalar) {
    if (tag.empty() || tag == "?" || tag == "!" || (scalar && tag == kStrTag))
      return;
    constexpr std::string_view core = "tag:yaml.org,2002:";
    std::string shown =
        tag.starts_with(core) ? "!!" + std::string(tag.substr(core.size())) : std::string(tag);
    if (shown.size() > 60)
      shown = shown.substr(0, 60) + "…";
    report("yaml-syntax", positions_.at(mark), tr("yaml.tag", fmt::arg("tag", shown)));
  }

  void check_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor && !anchor_reported_) {
      report("yaml-alias", positions_.at(mark), tr("yaml.anchor", fmt::arg("name", "")));
    }
    anchor_reported_ = false;
  }

  void report(std::string_view rule, Position pos, std::string message,
              std::vector<Related> related = {}) {
    out_.add(rule, Location{path_, pos.line, pos.column}, std::move(message), std::move(related));
    broken_ = true;
  }

  // The spaces that a continuation line of a text or flow collection needs: more than the block
  // it is in.
  int min_indent() const { return stack_.empty() ? 0 : stack_.back().indent + 1; }

  bool is_block_key() const {
    return !stack_.empty() && ignored_depth_ == 0 && stack_.back().node.kind == NodeKind::map &&
           !stack_.back().flow && !stack_.back().have_key;
  }

  void report_lexical(const detail::LexicalError& error) {
    report("yaml-syntax", positions_.at_offset(error.offset), error.message);
    lexical_error_ = true;
  }

  // Quoted texts are scanned for what yaml-cpp lets through (lexical.hpp), and a key of a block
  // mapping must be followed by its colon: yaml-cpp reads a lone line `text` as a key without
  // value.
  void check_scalar(const YAML::Mark& mark, const std::string& value) {
    if (lexical_error_ || mark.pos < 0)
      return;
    auto offset = static_cast<std::size_t>(mark.pos);
    if (offset < checked_until_ || offset >= text_.size())
      return;
    std::size_t end = std::string_view::npos;
    char first = text_[offset];
    if (first == '"' || first == '\'') {
      detail::Scan scan = detail::scan_quoted(text_, offset, min_indent());
      if (scan.error) {
        report_lexical(*scan.error);
        return;
      }
      end = scan.end;
    } else if (first == '|' || first == '>') {
      // A block text's header: indicators, then a space or the end of the line (`>#` is neither).
      std::size_t after = offset + 1;
      while (after < text_.size() && (text_[after] == '-' || text_[after] == '+' ||
                                      (text_[after] >= '1' && text_[after] <= '9')))
        ++after;
      if (after < text_.size() && text_[after] == '#') {
        report_lexical(detail::LexicalError{after, tr("yaml.comment-no-space")});
        return;
      }
    } else if (!value.empty() && text_.substr(offset, value.size()) == value) {
      end = offset + value.size();
    }
    if (end == std::string_view::npos || !is_block_key())
      return;
    while (end < text_.size() && (text_[end] == ' ' || text_[end] == '\t'))
      ++end;
    if (end < text_.size() && text_[end] == ':')
      return;
    // An explicit key (`? key`) has its colon on a later line.
    std::size_t before = offset;
    while (before > 0 && (text_[before - 1] == ' ' || text_[before - 1] == '\t'))
      --before;
    if (before > 0 && text_[before - 1] == '?')
      return;
    report_lexical(
        detail::LexicalError{offset, tr("yaml.key-without-colon", fmt::arg("key", value))});
  }

  void check_collection(const YAML::Mark& mark, YAML::EmitterStyle::value style) {
    if (lexical_error_ || style != YAML::EmitterStyle::Flow || mark.pos < 0)
      return;
    auto offset = static_cast<std::size_t>(mark.pos);
    if (offset < checked_until_ || offset >= text_.size() ||
        (text_[offset] != '[' && text_[offset] != '{'))
      return;
    detail::Scan scan = detail::scan_flow(text_, offset, min_indent());
    checked_until_ = scan.end;
    if (scan.error)
      report_lexical(*scan.error);
  }

  void open(NodeKind kind, const YAML::Mark& mark, YAML::EmitterStyle::value style) {
    if (too_deep_) {
      ++ignored_depth_;
      return;
    }
    if (static_cast<int>(stack_.size()) >= kMaxDepth) {
      too_deep_ = true;
      ignored_depth_ = 1;
      report("file-limits", positions_.at(mark), tr("yaml.too-deep", fmt::arg("max", kMaxDepth)));
      return;
    }
    Frame frame;
    frame.flow = style == YAML::EmitterStyle::Flow;
    frame.indent = stack_.empty() || !stack_.back().flow ? mark.column : stack_.back().indent;
    frame.node.kind = kind;
    frame.node.pos = positions_.at(mark);
    stack_.push_back(std::move(frame));
  }

  void close() {
    if (ignored_depth_ > 0) {
      --ignored_depth_;
      return;
    }
    if (stack_.empty())
      return;
    Node node = std::move(stack_.back().node);
    stack_.pop_back();
    add(std::move(node));
  }

  void add(Node node) {
    if (ignored_depth_ > 0)
      return;
    if (stack_.empty()) {
      root_ = std::move(node);
      return;
    }
    Frame& top = stack_.back();
    if (top.node.kind == NodeKind::sequence) {
      top.node.items.push_back(std::move(node));
      return;
    }
    if (!top.have_key) {
      take_key(top, std::move(node));
      return;
    }
    top.have_key = false;
    top.node.entries.push_back(MapEntry{std::move(top.key), top.key_pos, std::move(node)});
  }

  void take_key(Frame& top, Node key) {
    top.have_key = true;
    top.key_pos = key.pos;
    if (key.kind == NodeKind::map || key.kind == NodeKind::sequence) {
      report("yaml-syntax", key.pos, tr("yaml.complex-key", fmt::arg("kind", key.kind_name())));
      top.key.clear();
      return;
    }
    top.key = std::move(key.scalar);
    if (top.key == "<<" && !key.quoted) {
      report("yaml-alias", key.pos, tr("yaml.merge-key"));
    }
    const Position* first = find_key(top, top.key);
    if (first != nullptr) {
      report("yaml-duplicate-key", key.pos,
             tr("yaml.duplicate-key", fmt::arg("key", top.key), fmt::arg("line", first->line)),
             {Related{Location{path_, first->line, first->column},
                      tr("yaml.duplicate-key-first", fmt::arg("key", top.key))}});
      return;
    }
    constexpr std::size_t kLinearScan = 16;
    if (top.node.entries.size() >= kLinearScan)
      top.seen.emplace(top.key, key.pos);
  }

  // Where `key` appeared before in the open map, if it did. Small maps (every map of a real
  // registry file) are scanned; large ones use the hash table, so a hostile file stays linear.
  static const Position* find_key(Frame& top, const std::string& key) {
    constexpr std::size_t kLinearScan = 16;
    if (top.node.entries.size() < kLinearScan) {
      for (const auto& entry : top.node.entries) {
        if (entry.key == key)
          return &entry.key_pos;
      }
      return nullptr;
    }
    if (top.seen.empty()) {
      for (const auto& entry : top.node.entries)
        top.seen.emplace(entry.key, entry.key_pos);
    }
    auto it = top.seen.find(key);
    return it != top.seen.end() ? &it->second : nullptr;
  }

  const std::string& path_;
  std::string_view text_;
  const PositionMap& positions_;
  Diagnostics& out_;
  std::vector<Frame> stack_;
  Node root_;
  bool broken_ = false;
  bool too_deep_ = false;
  bool anchor_reported_ = false;
  bool lexical_error_ = false;
  std::size_t checked_until_ = 0;  // the source up to here was scanned with a flow collection
  int ignored_depth_ = 0;
};

// "UTF-16LE", "UTF-32BE", … when the bytes are UTF-16 or UTF-32 text: by the byte order mark, or,
// without one, by where ASCII characters leave their NUL bytes in the first 64 units (more than
// half of them with the pattern). nullopt otherwise.
std::optional<std::string> utf16_or_32(std::string_view b) {
  auto starts = [&](std::string_view prefix) { return b.substr(0, prefix.size()) == prefix; };
  using namespace std::string_view_literals;
  if (starts("\xFF\xFE\0\0"sv))
    return "UTF-32LE";
  if (starts("\0\0\xFE\xFF"sv))
    return "UTF-32BE";
  if (starts("\xFF\xFE"sv))
    return "UTF-16LE";
  if (starts("\xFE\xFF"sv))
    return "UTF-16BE";
  auto pattern = [&](std::size_t unit, std::size_t ascii_at) {
    std::size_t units = std::min<std::size_t>(b.size() / unit, 64), matching = 0;
    for (std::size_t i = 0; i < units; ++i) {
      bool ok = b[i * unit + ascii_at] != '\0';
      for (std::size_t k = 0; k < unit && ok; ++k)
        ok = k == ascii_at || b[i * unit + k] == '\0';
      matching += ok ? 1 : 0;
    }
    return units >= 2 && matching * 2 > units;
  };
  if (pattern(4, 0))
    return "UTF-32LE";
  if (pattern(4, 3))
    return "UTF-32BE";
  if (pattern(2, 0))
    return "UTF-16LE";
  if (pattern(2, 1))
    return "UTF-16BE";
  return std::nullopt;
}

// The offset of a tab in the indentation (the blanks before the first other character) of the
// line yaml-cpp stopped at or of the line before it; nullopt when neither has one. A line of
// blanks only is no indentation (YAML allows tabs there, and the reader reads them as spaces).
std::optional<std::size_t> leading_tab(std::string_view text, const YAML::Mark& mark) {
  if (mark.pos < 0)
    return std::nullopt;
  std::size_t at = std::min(static_cast<std::size_t>(mark.pos), text.size());
  std::size_t start = text.rfind('\n', at == 0 ? 0 : at - 1);
  start = start == std::string_view::npos || at == 0 ? 0 : start + 1;
  for (int lines = 0; lines < 2; ++lines) {
    std::size_t i = start;
    std::optional<std::size_t> tab;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) {
      if (text[i] == '\t' && !tab)
        tab = i;
      ++i;
    }
    if (tab && i < text.size() && text[i] != '\n' && text[i] != '\r' && text[i] != '#')
      return tab;
    if (start == 0)
      break;
    std::size_t previous = text.rfind('\n', start - 1 == 0 ? 0 : start - 2);
    start = previous == std::string_view::npos || start < 2 ? 0 : previous + 1;
  }
  return std::nullopt;
}

// yaml-cpp's "illegal map value" is said at the line after a mistake, or about a key too long for
// it: the mistake named where it is, when the lines around make it plain. nullopt otherwise.
struct Explained {
  std::size_t offset = 0;
  std::string message;
};
std::optional<Explained> explain_map_value(std::string_view text, const YAML::Mark& mark) {
  if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) > text.size())
    return std::nullopt;
  auto at = static_cast<std::size_t>(mark.pos);
  auto line_start = [&](std::size_t offset) {
    std::size_t nl = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
    return nl == std::string_view::npos ? std::size_t{0} : nl + 1;
  };
  auto line_at = [&](std::size_t start) {
    std::size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? end : end - start);
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    return line;
  };
  const std::size_t start = line_start(at);
  const std::string_view line = line_at(start);
  const std::size_t indent = std::min(line.find_first_not_of(' '), line.size());
  // A key longer than yaml-cpp reads as a key (1,024 characters): the colon is where it stopped.
  std::string_view key = line.substr(indent, at - start > indent ? at - start - indent : 0);
  if (key.size() > 1024 && key.find(": ") == std::string_view::npos)
    return Explained{start + indent, tr("yaml.syntax-key-too-long", fmt::arg("max", 1024))};
  // The line above that says something (no blank, no comment).
  std::size_t above = start;
  std::string_view previous;
  while (above > 0) {
    above = line_start(above - 1);
    previous = line_at(above);
    std::size_t first = previous.find_first_not_of(' ');
    if (first != std::string_view::npos && previous[first] != '#')
      break;
    previous = {};
  }
  if (previous.empty())
    return std::nullopt;
  const std::size_t previous_indent = previous.find_first_not_of(' ');
  std::string_view previous_text = previous.substr(previous_indent);
  if (previous_text.starts_with('-') || previous_text.starts_with('"') ||
      previous_text.starts_with('\''))
    return std::nullopt;
  const std::size_t colon = previous_text.find(": ");
  if (previous_indent == indent && colon == std::string_view::npos &&
      !previous_text.ends_with(':') && previous_text.find('#') == std::string_view::npos)
    return Explained{above + previous_indent, tr("yaml.syntax-no-colon")};
  if (indent > previous_indent && colon != std::string_view::npos) {
    std::string_view value = previous_text.substr(colon + 2);
    value = value.substr(0, value.find(" #"));
    if (value.find_first_not_of(' ') != std::string_view::npos && !value.starts_with('|') &&
        !value.starts_with('>') && !value.starts_with('[') && !value.starts_with('{') &&
        !value.starts_with('"') && !value.starts_with('\''))
      return Explained{start + indent, tr("yaml.syntax-over-indented")};
  }
  return std::nullopt;
}

std::string syntax_message(const YAML::ParserException& e) {
  const std::string& msg = e.msg;
  auto starts = [&](std::string_view prefix) { return msg.rfind(prefix, 0) == 0; };
  if (starts(YAML::ErrorMsg::TAB_IN_INDENTATION))
    return tr("yaml.syntax-tab");
  if (starts(YAML::ErrorMsg::END_OF_MAP) || starts(YAML::ErrorMsg::END_OF_MAP_FLOW)) {
    return tr("yaml.syntax-end-of-map");
  }
  if (starts(YAML::ErrorMsg::END_OF_SEQ) || starts(YAML::ErrorMsg::END_OF_SEQ_FLOW)) {
    return tr("yaml.syntax-end-of-seq");
  }
  if (starts(YAML::ErrorMsg::MAP_VALUE))
    return tr("yaml.syntax-map-value");
  if (starts(YAML::ErrorMsg::EOF_IN_SCALAR))
    return tr("yaml.syntax-eof-scalar");
  if (starts(YAML::ErrorMsg::INVALID_UNICODE)) {
    // "invalid unicode: 55296": a \u escape that is no character. Half of a UTF-16 surrogate pair
    // alone is the usual case (a pair written apart, or cut).
    unsigned long code = 0;
    std::string_view number =
        std::string_view(msg).substr(std::string_view(YAML::ErrorMsg::INVALID_UNICODE).size());
    std::from_chars(number.data(), number.data() + number.size(), code);
    std::string hex = fmt::format("{:04X}", code);
    if (code >= 0xD800 && code <= 0xDFFF)
      return tr("yaml.syntax-lone-surrogate", fmt::arg("code", hex));
    return tr("yaml.syntax-invalid-unicode", fmt::arg("code", hex));
  }
  return tr("yaml.syntax", fmt::arg("detail", msg));
}

}  // namespace

bool is_utf8(std::string_view bytes, std::size_t& bad_offset) {
  std::size_t i = 0;
  const std::size_t n = bytes.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned min = 0;
    unsigned cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2, min = 0x80, cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, min = 0x800, cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, min = 0x10000, cp = c & 0x07u;
    } else {
      bad_offset = i;
      return false;
    }
    if (i + len > n) {
      bad_offset = i;
      return false;
    }
    for (std::size_t k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(bytes[i + k]);
      if ((cc & 0xC0) != 0x80) {
        bad_offset = i;
        return false;
      }
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      bad_offset = i;
      return false;
    }
    i += len;
  }
  return true;
}

bool looks_like_cp1251(std::string_view bytes) {
  // Cyrillic text in Windows-1251 is mostly bytes 0xC0..0xFF (А..я) plus 0xA8/0xB8 (Ё/ё),
  // separated by ASCII; UTF-8 of anything would pair lead and continuation bytes instead.
  std::size_t high = 0;
  std::size_t cyrillic = 0;
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x80)
      continue;
    ++high;
    if (c >= 0xC0 || c == 0xA8 || c == 0xB8 || c == 0xAB || c == 0xBB || c == 0xB9)
      ++cyrillic;
  }
  return high > 0 && cyrillic * 10 >= high * 8;
}

namespace {

// Tabs on lines of nothing but blanks, as spaces; the length, and so every offset, stays.
std::string blank_tabs_as_spaces(std::string_view text) {
  std::string out(text);
  std::size_t line = 0;
  while (line < out.size()) {
    std::size_t end = out.find('\n', line);
    if (end == std::string::npos)
      end = out.size();
    std::string_view content = std::string_view(out).substr(line, end - line);
    if (content.find_first_not_of(" \t\r") == std::string_view::npos)
      std::replace(out.begin() + static_cast<std::ptrdiff_t>(line),
                   out.begin() + static_cast<std::ptrdiff_t>(end), '\t', ' ');
    line = end + 1;
  }
  return out;
}

// The blank lines at the start of a block text (`|` or `>` without an indentation number) that
// YAML does not allow and yaml-cpp lets through: one holding a tab (a tab is never indentation,
// and blank lines in a block text are made of spaces), and one with more spaces than the first
// line of text below it (the text's indentation is that line's). The offset of the first such
// blank, and whether it is a tab; nullopt when there is none.
struct BlockBlank {
  std::size_t offset = 0;
  bool tab = false;
};
std::optional<BlockBlank> bad_block_blank(std::string_view text) {
  auto indent_of = [](std::string_view line) { return line.find_first_not_of(' '); };
  std::vector<std::string_view> lines;
  std::vector<std::size_t> starts;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos)
      end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    lines.push_back(line);
    starts.push_back(start);
    start = end + 1;
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    // A header: the line's last word (before a comment) is | or > with - or + only.
    std::string_view line = lines[i];
    if (auto hash = line.find(" #"); hash != std::string_view::npos)
      line = line.substr(0, hash);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t'))
      line.remove_suffix(1);
    std::size_t at = line.find_last_of("|>");
    if (at == std::string_view::npos ||
        line.substr(at + 1).find_first_not_of("+-") != std::string_view::npos ||
        (at > 0 && line[at - 1] != ' ' && line[at - 1] != '\t') ||
        line.find_first_of("'\"") != std::string_view::npos)
      continue;
    std::size_t header_indent = std::min(indent_of(lines[i]), lines[i].size());
    // Its leading blank lines, then its first line of text, whose indentation is the text's (one
    // more than the header's when the text is empty).
    std::size_t j = i + 1;
    while (j < lines.size() && lines[j].find_first_not_of(" \t") == std::string_view::npos)
      ++j;
    std::size_t indent = header_indent + 1;
    if (j < lines.size() && indent_of(lines[j]) > header_indent)
      indent = indent_of(lines[j]);
    for (std::size_t k = i + 1; k < j; ++k) {
      // A tab inside the indentation; spaces past it.
      if (auto t = lines[k].find('\t'); t != std::string_view::npos && t < indent)
        return BlockBlank{starts[k] + t, true};
      std::size_t spaces = lines[k].find_first_not_of(' ');
      spaces = spaces == std::string_view::npos ? lines[k].size() : spaces;
      if (j < lines.size() && indent_of(lines[j]) > header_indent && spaces > indent)
        return BlockBlank{starts[k] + indent, false};
    }
  }
  return std::nullopt;
}

// `text` with each escaped surrogate pair in a double-quoted text ("\uD83D\uDE00", 12 bytes)
// written as the one \U escape of its character ("\U0001F600", 10 bytes). So that what follows on
// the line keeps its column, the two bytes saved are given back as spaces after the closing quote
// when it is on the same line (where YAML allows them); on another line nothing after the escape
// moved. A lone half stays as it is (and is refused, with its own message).
std::string join_surrogate_pairs(std::string_view text) {
  auto hex = [](std::string_view s, unsigned& value) {
    value = 0;
    for (char c : s) {
      int digit = c >= '0' && c <= '9'   ? c - '0'
                  : c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                         : -1;
      if (digit < 0)
        return false;
      value = value * 16 + static_cast<unsigned>(digit);
    }
    return true;
  };
  std::string out;
  out.reserve(text.size());
  bool quoted = false;
  int saved_on_line = 0;  // bytes saved on this line inside the current quoted text
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (!quoted) {
      out.push_back(c);
      if (c == '"') {
        quoted = true;
        saved_on_line = 0;
      } else if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t')) {
        for (++i; i < text.size() && text[i] != '\n'; ++i)
          out.push_back(text[i]);
        if (i < text.size())
          out.push_back('\n');
      } else if (c == '\'') {
        // A single-quoted text (or an apostrophe in plain text: read on to the end of the line).
        for (++i; i < text.size() && text[i] != '\'' && text[i] != '\n'; ++i)
          out.push_back(text[i]);
        if (i < text.size())
          out.push_back(text[i]);
      }
      continue;
    }
    if (c == '\\' && i + 1 < text.size()) {
      unsigned high = 0, low = 0;
      if (text[i + 1] == 'u' && i + 12 <= text.size() && hex(text.substr(i + 2, 4), high) &&
          high >= 0xD800 && high <= 0xDBFF && text.substr(i + 6, 2) == "\\u" &&
          hex(text.substr(i + 8, 4), low) && low >= 0xDC00 && low <= 0xDFFF) {
        unsigned code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
        out += fmt::format("\\U{:08X}", code);
        saved_on_line += 2;
        i += 11;
        continue;
      }
      out.push_back(c);
      out.push_back(text[++i]);
      continue;
    }
    out.push_back(c);
    if (c == '\n')
      saved_on_line = 0;
    if (c == '"') {
      quoted = false;
      out.append(static_cast<std::size_t>(saved_on_line), ' ');
    }
  }
  return out;
}

// yaml-cpp's events over `text` into the tree; findings go to `out`, which holds nothing else.
std::optional<Node> parse_events(const std::string& path, std::string_view text,
                                 const PositionMap& positions, Diagnostics& out, bool retry_tabs) {
  // yaml-cpp 0.7 raises no error for a quoted text that runs to the end of a file ending in a line
  // break, but does without one; with the break always there, lexical.hpp reports it in one way.
  std::string input(text);
  if (input.empty() || input.back() != '\n')
    input += '\n';
  std::istringstream stream{std::move(input)};
  YAML::Parser parser(stream);
  TreeBuilder builder(path, text, positions, out);
  try {
    if (!parser.HandleNextDocument(builder))
      return Node{};  // an empty file
    // A second document: report where it starts, from a handler that only notes the place.
    struct FirstMark : YAML::EventHandler {
      YAML::Mark mark = YAML::Mark::null_mark();
      void OnDocumentStart(const YAML::Mark& m) override {
        if (mark.is_null())
          mark = m;
      }
      void OnDocumentEnd() override {}
      void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
      void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
      void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                    const std::string&) override {}
      void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                           YAML::EmitterStyle::value) override {}
      void OnSequenceEnd() override {}
      void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                      YAML::EmitterStyle::value) override {}
      void OnMapEnd() override {}
    } second;
    try {
      if (parser.HandleNextDocument(second)) {
        Position pos = positions.at(second.mark);
        out.add("yaml-multi-document", Location{path, pos.line, pos.column},
                tr("yaml.multi-document"));
        return std::nullopt;
      }
    } catch (const YAML::ParserException& e) {
      // Whatever follows the first document is not a clean end of file.
      Position pos = positions.at(e.mark);
      out.add("yaml-multi-document", Location{path, pos.line, pos.column},
              tr("yaml.multi-document"));
      return std::nullopt;
    }
  } catch (const YAML::DeepRecursion& e) {
    // The builder stops at 64 levels and has said so; yaml-cpp's own guard, hit later in the
    // same file, would only repeat it.
    if (!builder.too_deep()) {
      Position pos = positions.at(e.mark);
      out.add("file-limits", Location{path, pos.line, pos.column},
              tr("yaml.too-deep", fmt::arg("max", kMaxDepth)));
    }
    return std::nullopt;
  } catch (const YAML::ParserException& e) {
    if (builder.lexical_error())
      return std::nullopt;
    // yaml-cpp refuses a tab on a line that is otherwise empty, which YAML allows: such lines are
    // read again as spaces (once; nothing else of the file changes).
    if (retry_tabs && std::string_view(e.msg).starts_with(YAML::ErrorMsg::TAB_IN_INDENTATION)) {
      std::string spaced = blank_tabs_as_spaces(text);
      if (spaced != text) {
        out = Diagnostics{};  // what the first reading found, it finds again
        return parse_events(path, spaced, positions, out, false);
      }
    }
    // yaml-cpp refuses each half of an escaped UTF-16 surrogate pair ("\uD83D\uDE00"), which YAML
    // (like JSON) reads as one character: the pairs are read again as one \U escape each.
    if (std::string_view(e.msg).starts_with(YAML::ErrorMsg::INVALID_UNICODE)) {
      std::string joined = join_surrogate_pairs(text);
      if (joined != text) {
        out = Diagnostics{};
        return parse_events(path, joined, positions, out, retry_tabs);
      }
    }
    // A tab that starts a line (YAML indents with spaces only) makes yaml-cpp say something else
    // ("illegal map value", "illegal block entry") at a place near it: the tab is named where it
    // is.
    if (auto tab = leading_tab(text, e.mark)) {
      Position pos = positions.at_offset(*tab);
      out.add("yaml-syntax", Location{path, pos.line, pos.column},
              tr("yaml.syntax-tab-at", fmt::arg("column", pos.column)));
      return std::nullopt;
    }
    if (std::string_view(e.msg).starts_with(YAML::ErrorMsg::MAP_VALUE)) {
      if (auto explained = explain_map_value(text, e.mark)) {
        Position pos = positions.at_offset(explained->offset);
        out.add("yaml-syntax", Location{path, pos.line, pos.column}, std::move(explained->message));
        return std::nullopt;
      }
    }
    Position pos = positions.at(e.mark);
    out.add("yaml-syntax", Location{path, pos.line, pos.column}, syntax_message(e));
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    if (builder.lexical_error())
      return std::nullopt;
    // yaml-cpp may throw other errors from its parser; a registry file must still get a located
    // syntax message, never an internal error.
    Position pos = positions.at(e.mark);
    out.add("yaml-syntax", Location{path, pos.line, pos.column},
            tr("yaml.syntax", fmt::arg("detail", e.msg)));
    return std::nullopt;
  }
  if (builder.broken())
    return std::nullopt;
  return builder.take_root();
}

}  // namespace

std::optional<Node> parse(const std::string& path, std::string_view bytes, Diagnostics& out) {
  if (bytes.size() > kMaxFileSize) {
    out.add("file-limits", Location{path, 0, 0},
            tr("yaml.too-large", fmt::arg("size", bytes.size())));
    return std::nullopt;
  }
  // UTF-16 and UTF-32 (Notepad's "Unicode"): by their byte order mark, or by the NUL bytes that
  // ASCII text has in them. Named before the UTF-8 check, whose advice (iconv from cp1251) would
  // corrupt such a file.
  if (auto encoding = utf16_or_32(bytes)) {
    out.add("file-encoding", Location{path, 1, 1},
            tr("yaml.utf16-32", fmt::arg("encoding", *encoding)));
    return std::nullopt;
  }
  if (bytes.substr(0, kBom.size()) == kBom)
    bytes.remove_prefix(kBom.size());
  PositionMap positions(bytes);

  std::size_t bad = 0;
  if (!is_utf8(bytes, bad)) {
    Position pos = positions.at_offset(bad);
    std::string message =
        looks_like_cp1251(bytes)
            ? tr("yaml.cp1251")
            : tr("yaml.not-utf8",
                 fmt::arg("byte", static_cast<unsigned>(static_cast<unsigned char>(bytes[bad]))));
    out.add("file-encoding", Location{path, pos.line, pos.column}, std::move(message));
    return std::nullopt;
  }
  if (auto nul = bytes.find('\0'); nul != std::string_view::npos) {
    Position pos = positions.at_offset(nul);
    out.add("file-encoding", Location{path, pos.line, pos.column}, tr("yaml.nul"));
    return std::nullopt;
  }
  if (auto control = first_control(bytes)) {
    Position pos = positions.at_offset(control->offset);
    out.add("file-encoding", Location{path, pos.line, pos.column},
            tr("yaml.control-char", fmt::arg("char", visible(control->code))));
    return std::nullopt;
  }

  if (auto deep = flow_too_deep(bytes)) {
    Position pos = positions.at_offset(*deep);
    out.add("file-limits", Location{path, pos.line, pos.column},
            tr("yaml.too-deep", fmt::arg("max", kMaxDepth)));
    return std::nullopt;
  }
  // A directive (%YAML, %TAG), which stands before a document or after `...`, must be followed
  // by `---`, the start of its document; yaml-cpp reads one with nothing after it as an empty file.
  bool prologue = true;
  for (std::size_t start = 0; start < bytes.size();) {
    std::size_t end = bytes.find('\n', start);
    end = end == std::string_view::npos ? bytes.size() : end;
    std::string_view line = bytes.substr(start, end - start);
    if (prologue && line.starts_with('%')) {
      bool document = false;
      for (std::size_t next = end + 1; next < bytes.size() && !document;) {
        document = bytes.substr(next, 3) == "---";
        std::size_t after = bytes.find('\n', next);
        next = after == std::string_view::npos ? bytes.size() : after + 1;
      }
      if (!document) {
        Position pos = positions.at_offset(start);
        out.add("yaml-syntax", Location{path, pos.line, pos.column},
                tr("yaml.syntax-directive-alone"));
        return std::nullopt;
      }
    } else if (line.starts_with("...")) {
      prologue = true;
    } else if (line.find_first_not_of(" \t\r") != std::string_view::npos &&
               !line.starts_with('#')) {
      prologue = false;
    }
    start = end + 1;
  }
  if (auto blank = bad_block_blank(bytes)) {
    Position pos = positions.at_offset(blank->offset);
    out.add("yaml-syntax", Location{path, pos.line, pos.column},
            tr(blank->tab ? "yaml.syntax-block-blank-tab" : "yaml.syntax-block-blank-deeper"));
    return std::nullopt;
  }
  // Line ends of CR alone (old Mac OS): YAML reads no line break in them, so the whole file would
  // be one line, and a comment on the first line would hide the rest. Said plainly instead.
  if (auto cr = bytes.find('\r'); cr != std::string_view::npos &&
                                  bytes.find('\n') == std::string_view::npos &&
                                  bytes.find('\r', cr + 1) != std::string_view::npos) {
    out.add("file-encoding", Location{path, 1, 1}, tr("yaml.cr-line-ends"));
    return std::nullopt;
  }

  Diagnostics found;
  auto tree = parse_events(path, bytes, positions, found, true);
  out.append(std::move(found));
  return tree;
}

}  // namespace perechen::yaml
