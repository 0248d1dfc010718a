// SPDX-License-Identifier: Apache-2.0
// From a table to point files (spec §9). The invariant: every row with text below a header
// block is counted exactly once in the Summary (a point, structure of a kind, or unknown), and
// whatever is not mapped with certainty is a Problem at its row and column, so that exit 0 means
// every row became a point with every field certain. The steps, each in its own file:
//   1. Text hygiene of every cell (fields.cpp, clean_text): NBSP, soft hyphens, zero-width and
//      bidi characters.
//   2. The tables of the list and their header blocks (layout.cpp, find_header): every table with
//      a header of its own, and a document's table right after one that continues it.
//   3. The kind of each row (layout.cpp, classify_row): sections set the direction or process.
//   4. The fields of a point row (here, with fields.cpp for needs and contacts), matched to the
//      names of the registry or of the new one (model.hpp); the words are data/import.yaml
//      (vocabulary.cpp).
//   5. The point files, perechen.yaml and roster.yaml of a new registry (here).

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>

#include "fields.hpp"
#include "layout.hpp"
#include "model.hpp"
#include "perechen/catalog.hpp"
#include "perechen/embedded.hpp"
#include "perechen/error.hpp"
#include "perechen/i18n.hpp"
#include "perechen/import/import.hpp"
#include "perechen/scaffold/files.hpp"
#include "perechen/scaffold/point_draft.hpp"
#include "perechen/text.hpp"
#include "perechen/yaml/emit.hpp"
#include "perechen/yaml/parse.hpp"
#include "vocabulary.hpp"

namespace perechen::importing {
namespace {

constexpr std::size_t kMaxRun = 8;  // pieces of a cell joined back into one client's title
// A field's text in a point file; longer text is cut (with «…») and reported, so that the file
// stays within what validate reads (yaml::kMaxFileSize for the whole file).
constexpr std::size_t kMaxFieldBytes = 32u << 10;
constexpr std::size_t kMaxShownBytes = 200;  // text quoted in a message

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::vector<std::string> split_lines(std::string_view cell) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= cell.size()) {
    std::size_t end = cell.find('\n', start);
    std::string_view line =
        text::trim(cell.substr(start, end == std::string_view::npos ? end : end - start));
    if (!line.empty())
      lines.emplace_back(line);
    if (end == std::string_view::npos)
      break;
    start = end + 1;
  }
  return lines;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0)
      out += separator;
    out += parts[i];
  }
  return out;
}

// --- cell texts ---------------------------------------------------------------------------------

struct ChannelText {
  std::string channel;
  std::string kind;  // the text in parentheses after it, as written
};

// «цифровая точка», «офлайн-точка (Окно выдачи документов)», «(цифровая точка)».
std::optional<ChannelText> parse_channel(std::string_view line) {
  line = text::trim(line);
  if (line.size() >= 2 && line.front() == '(' && line.back() == ')')
    line = text::trim(line.substr(1, line.size() - 2));
  std::string n = norm(line);
  for (const auto& [word, channel] : vocabulary().channels) {
    if (!starts_with(n, word))
      continue;
    std::string_view rest = std::string_view(n).substr(word.size());
    if (!rest.empty() && rest.front() != ' ' && rest.front() != '(' && rest.front() != ',')
      continue;
    ChannelText result{channel, {}};
    std::size_t open = line.find('(');
    std::size_t close = line.rfind(')');
    if (open != std::string_view::npos && close != std::string_view::npos && close > open)
      result.kind = std::string(text::trim(line.substr(open + 1, close - open - 1)));
    else if (text::trim(rest).size() > 0 && text::trim(rest) != ",")
      continue;  // «цифровая подпись ...» is no channel
    return result;
  }
  return std::nullopt;
}

// Splits at `separator` outside «» and "" quotes.
std::vector<std::string> split_outside_quotes(std::string_view s, char separator) {
  std::vector<std::string> parts;
  std::string current;
  int depth = 0;
  bool straight = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 2, "«") == 0)
      ++depth;
    else if (s.compare(i, 2, "»") == 0 && depth > 0)
      --depth;
    else if (s[i] == '"')
      straight = !straight;
    if (s[i] == separator && depth == 0 && !straight) {
      parts.emplace_back(text::trim(current));
      current.clear();
      continue;
    }
    current += s[i];
  }
  parts.emplace_back(text::trim(current));
  parts.erase(std::remove(parts.begin(), parts.end(), std::string()), parts.end());
  return parts;
}

// True when `s` starts with an upper-case letter (Latin or Cyrillic А..Я, Ё).
bool starts_upper(std::string_view s) {
  if (s.empty())
    return false;
  auto c = static_cast<unsigned char>(s[0]);
  if (c < 0x80)
    return std::isupper(c) != 0;
  std::string first(s.substr(0, 2));
  return text::to_lower(first) != first;
}

struct NeedMatch {
  std::string code;
  std::string description;
};

// --- the rows ------------------------------------------------------------------------------------

struct Draft {
  std::size_t row = 0;
  std::string direction_id;
  std::string process_id;
  std::string name;
  std::string channel;
  std::string kind;
  std::string url;
  std::string address;
  std::string value;
  std::vector<std::string> clients;
  std::vector<NeedMatch> needs;
  std::map<std::string, std::vector<std::string>> notes;  // field -> comments
};

class Mapper {
 public:
  explicit Mapper(Model& model) : model_(model), base_clients_(model.clients) {}

  std::vector<Draft> drafts;
  std::vector<Problem> problems;
  Summary summary;

  // Reads the rows of `table` below `header`. `label`: the table's name in messages, empty when
  // the list is one table.
  void read_table(const Table& table, const Header& header, std::string label) {
    table_ = &table;
    header_ = &header;
    label_ = std::move(label);
    ++summary.tables;
    for (std::size_t c : header.unplaced) {
      Problem p;
      p.table = label_;
      p.row = table.rows[header.first].number;
      p.column = column_name(c);
      p.heading = header.headings[c];
      p.message = tr("import.heading-unknown");
      problems.push_back(std::move(p));
    }
    bool signature = false;
    for (std::size_t i = header.continued ? 0 : header.last + 1; i < table.rows.size(); ++i) {
      const TableRow& row = table.rows[i];
      RowClass kind = classify_row(row, header, signature);
      ++summary.rows;
      switch (kind.kind) {
        case RowKind::point: {
          // A tall point goes on over rows of its own (perechen's xlsx does so past 170 pt, clerks
          // too): their texts are the point's, each cell's lines after the row's.
          TableRow whole = row;
          while (i + 1 < table.rows.size() && continues(table.rows[i + 1], row, header)) {
            const TableRow& next = table.rows[++i];
            ++summary.rows;
            ++summary.continued;
            for (std::size_t c = 0; c < next.cells.size(); ++c) {
              std::string_view text = text::trim(next.cells[c]);
              if (text.empty() || is_key_column(c, header))
                continue;
              if (whole.cells.size() <= c)
                whole.cells.resize(c + 1);
              whole.cells[c] += (whole.cells[c].empty() ? "" : "\n") + std::string(text);
            }
          }
          read_row(whole);
          break;
        }
        case RowKind::header:
          ++summary.headers;
          break;
        case RowKind::numbering:
          ++summary.numbering;
          break;
        case RowKind::section:
          ++summary.sections;
          // A second level («1.2.»), or a table whose directions have a column of their own
          // but whose processes do not: a process. Otherwise a direction.
          if (kind.level >= 2 || (header.columns[direction] && !header.columns[process])) {
            current_process_ = kind.section;
            process_from_section_ = true;
          } else {
            current_direction_ = kind.section;
            current_process_.clear();
            process_from_section_ = false;
            check_section(row, kind);
          }
          break;
        case RowKind::totals:
          ++summary.totals;
          break;
        case RowKind::signature:
          ++summary.signatures;
          signature = true;
          break;
        case RowKind::unknown: {
          ++summary.unknown;
          Problem p;
          p.table = label_;
          p.row = row.number;
          std::string texts;
          for (const auto& c : row.cells) {
            if (!text::trim(c).empty())
              texts += (texts.empty() ? "" : " | ") + std::string(text::trim(c));
          }
          p.message = tr("import.row-unknown", fmt::arg("text", cut(texts, kMaxShownBytes)));
          problems.push_back(std::move(p));
          break;
        }
      }
    }
  }

 private:
  // The columns that say which point a row is: №, direction, process and the point's name.
  static bool is_key_column(std::size_t c, const Header& header) {
    for (Column key : {number, direction, process, point}) {
      if (header.columns[key] == c)
        return true;
    }
    return false;
  }

  // `next` goes on with the point of `row`: it is not a point, a section or any other structure
  // of its own, its point cell is empty, and its №, direction and process are empty or the
  // same as the row's; some other cell holds text.
  static bool continues(const TableRow& next, const TableRow& row, const Header& header) {
    if (classify_row(next, header, false).kind != RowKind::unknown)
      return false;
    auto at = [](const TableRow& r, std::size_t c) {
      return c < r.cells.size() ? std::string(text::trim(r.cells[c])) : std::string();
    };
    bool other = false;
    for (std::size_t c = 0; c < next.cells.size(); ++c) {
      std::string text = at(next, c);
      if (text.empty())
        continue;
      if (!is_key_column(c, header)) {
        other = true;
        continue;
      }
      if (header.columns[point] == c || norm(text) != norm(at(row, c)))
        return false;
    }
    return other;
  }

  std::string column_name(std::size_t c) const {
    return table_->lettered ? column_letters(c) : std::to_string(c + 1);
  }

  std::string cell_at(const TableRow& row, std::size_t c) const {
    return c < row.cells.size() ? std::string(text::trim(row.cells[c])) : std::string();
  }

  std::string cell(const TableRow& row, Column c) const {
    return header_->columns[c] ? cell_at(row, *header_->columns[c]) : std::string();
  }

  void report_at(Draft& draft, std::optional<std::size_t> column, std::string_view field,
                 std::string message) {
    Problem p;
    p.table = label_;
    p.row = draft.row;
    if (column) {
      p.column = column_name(*column);
      p.heading = *column < header_->headings.size() ? header_->headings[*column] : "";
    }
    p.message = std::move(message);
    draft.notes[std::string(field)].push_back(place(p) + ": " + p.message);
    problems.push_back(std::move(p));
  }

  void report(Draft& draft, Column c, std::string_view field, std::string message) {
    report_at(draft, header_->columns[c], field, std::move(message));
  }

  // The text of a field, cut to kMaxFieldBytes with a report when longer.
  std::string bounded(Draft& d, Column c, std::string_view field, std::string text) {
    if (text.size() <= kMaxFieldBytes)
      return text;
    report(d, c, field,
           tr("import.text-cut", fmt::arg("size", text.size()), fmt::arg("max", kMaxFieldBytes)));
    return cut(text, kMaxFieldBytes);
  }

  // Whether column `c` is read (or its heading reported already).
  bool read_column(std::size_t c) const {
    const Header& h = *header_;
    return std::find(h.columns.begin(), h.columns.end(), std::optional<std::size_t>(c)) !=
               h.columns.end() ||
           std::find(h.more_contacts.begin(), h.more_contacts.end(), c) != h.more_contacts.end() ||
           std::find(h.unplaced.begin(), h.unplaced.end(), c) != h.unplaced.end() ||
           std::any_of(h.need_columns.begin(), h.need_columns.end(),
                       [c](const auto& n) { return n.first == c; });
  }

  void read_row(const TableRow& row) {
    Draft d;
    d.row = row.number;
    std::string direction_text = cell(row, direction);
    std::string process_text = cell(row, process);
    bool direction_written = !direction_text.empty();
    int direction_number = 0;
    if (direction_text.empty()) {
      direction_text = current_direction_;
    } else {
      direction_number = section_number(direction_text);
      direction_text = section_title(direction_text);  // «1. Оплата труда» in its column
    }
    if (!process_text.empty())
      process_text = section_title(process_text);
    if (process_text.empty() &&
        (process_from_section_ || norm(direction_text) == norm(current_direction_)))
      process_text = current_process_;
    current_direction_ = direction_text;
    current_process_ = process_text;

    map_process(d, cut(direction_text, kMaxShownBytes * 2), cut(process_text, kMaxShownBytes * 2),
                direction_written ? direction_number : -1);
    map_point(d, row);
    map_clients(d, cell(row, client));
    d.value = bounded(d, value, "value", cell(row, value));
    if (d.value.empty())
      report(d, value, "value", tr("import.value-missing"));
    map_needs(d, row);
    // Text in a column that no heading names would be lost: said at its cell.
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      if (text::trim(row.cells[c]).empty() || read_column(c))
        continue;
      report_at(d, c, "value",
                tr("import.cell-outside",
                   fmt::arg("text", cut(text::trim(row.cells[c]), kMaxShownBytes))));
    }
    ++summary.points;
    drafts.push_back(std::move(d));
  }

  // `number`: the direction's number written in this row's direction cell (0: none); -1 when
  // the direction is not written in this row (a section row's, or a cell above), which was
  // checked where it was written.
  void map_process(Draft& d, const std::string& direction_text, const std::string& process_text,
                   int number) {
    if (process_text.empty()) {
      report(d, process, "process", tr("import.process-missing"));
      return;
    }
    DirectionModel* dir = direction_text.empty() ? nullptr : model_.find_direction(direction_text);
    const Named* proc = dir != nullptr ? find_named(dir->processes, process_text) : nullptr;
    if (proc == nullptr && (model_.fixed || direction_text.empty())) {
      for (auto& other : model_.directions) {
        if (const Named* p = find_named(other.processes, process_text); p != nullptr) {
          proc = p;
          if (!direction_text.empty() && dir != &other) {
            report(
                d, direction, "process",
                dir != nullptr
                    ? tr("import.direction-differs", fmt::arg("process", process_text),
                         fmt::arg("given", direction_text), fmt::arg("registry", other.named.title),
                         fmt::arg("place", registry_place(other.named)))
                    : tr("import.direction-absent-process", fmt::arg("process", process_text),
                         fmt::arg("given", direction_text), fmt::arg("registry", other.named.title),
                         fmt::arg("place", registry_place(other.named))));
          }
          dir = &other;
          break;
        }
      }
    } else if (model_.fixed && number >= 0 && dir != nullptr) {
      for (auto& message : direction_doubts(*dir, direction_text, number))
        report(d, direction, "process", std::move(message));
    }
    if (proc != nullptr) {
      d.direction_id = dir->named.id;
      d.process_id = proc->id;
      return;
    }
    if (model_.fixed) {
      if (number >= 0 && dir == nullptr && !direction_text.empty())
        report(d, direction, "process", direction_unknown(direction_text));
      // Left for validate (unknown-process), under an id made from the title.
      std::set<std::string> none;
      d.process_id = make_id(process_text, none);
      d.direction_id = dir != nullptr           ? dir->named.id
                       : direction_text.empty() ? std::string("unknown")
                                                : make_id(direction_text, none);
      report(d, process, "process", tr("import.process-unknown", fmt::arg("text", process_text)));
      return;
    }
    if (dir == nullptr) {
      std::string title = direction_text;
      if (title.empty()) {
        title = tr("import.direction-untitled");
        report(d, direction, "process", tr("import.direction-missing"));
      }
      dir = model_.find_direction(title);
      if (dir == nullptr)
        dir = &model_.add_direction(title);
    }
    d.direction_id = dir->named.id;
    d.process_id = model_.add_process(*dir, process_text).id;
  }

  // Where a direction (or process) of the registry is: «pay, perechen.yaml:9».
  static std::string registry_place(const Named& n) {
    return n.line > 0 ? n.id + ", " + std::string(kConfigFile) + ":" + std::to_string(n.line)
                      : n.id;
  }

  // Text with its runs of spaces and line breaks as one space: a title wrapped in its cell is
  // spelled as on one line.
  static std::string folded(std::string_view s) {
    std::string out;
    for (char c : s) {
      bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
      if (space && (out.empty() || out.back() == ' '))
        continue;
      out += space ? ' ' : c;
    }
    while (!out.empty() && out.back() == ' ')
      out.pop_back();
    return out;
  }

  // What disagrees between a direction written in the table (a section row's title or a
  // direction cell, `number` written before it, 0 for none) and the direction of the registry it
  // names, `dir`: a title that is the registry's only after the normalisation of clause 2.7
  // (case, ё, quotes), a number that is another direction's place in perechen.yaml.
  std::vector<std::string> direction_doubts(const DirectionModel& dir, std::string_view written,
                                            int number) const {
    std::vector<std::string> doubts;
    std::string w = folded(written);
    if (w != folded(dir.named.title) && w != folded(dir.named.short_title) && w != dir.named.id) {
      doubts.push_back(
          tr("import.direction-spelling", fmt::arg("given", cut(written, kMaxShownBytes)),
             fmt::arg("registry", dir.named.title), fmt::arg("place", registry_place(dir.named))));
    }
    const auto& all = model_.directions;
    if (number > 0 && static_cast<std::size_t>(number) <= all.size()) {
      const DirectionModel& other = all[static_cast<std::size_t>(number) - 1];
      if (&other != &dir) {
        auto right = static_cast<std::size_t>(&dir - all.data()) + 1;
        doubts.push_back(tr("import.direction-number", fmt::arg("number", number),
                            fmt::arg("given", cut(written, kMaxShownBytes)),
                            fmt::arg("other", other.named.title),
                            fmt::arg("other_place", registry_place(other.named)),
                            fmt::arg("registry", dir.named.title), fmt::arg("right", right),
                            fmt::arg("place", registry_place(dir.named))));
      }
    }
    return doubts;
  }

  // A direction the registry lacks, with the directions it has.
  std::string direction_unknown(std::string_view written) const {
    constexpr std::size_t kShown = 8;
    std::string titles;
    std::size_t shown = 0;
    for (const auto& d : model_.directions) {
      if (++shown > kShown) {
        titles += ", …";
        break;
      }
      titles += (titles.empty() ? "«" : ", «") + d.named.title + "»";
    }
    return tr("import.direction-unknown", fmt::arg("given", cut(written, kMaxShownBytes)),
              fmt::arg("titles", titles.empty() ? std::string("—") : titles));
  }

  // A section row that gives the direction of the rows below: into a registry, a direction it
  // lacks, spells otherwise or numbers otherwise is said once, at the section's row.
  void check_section(const TableRow& row, const RowClass& section) {
    if (!model_.fixed)
      return;
    std::vector<std::string> doubts;
    if (const DirectionModel* dir = model_.find_direction(section.section); dir != nullptr)
      doubts = direction_doubts(*dir, section.section, section.number);
    else
      doubts.push_back(direction_unknown(section.section));
    for (auto& message : doubts) {
      Problem p;
      p.table = label_;
      p.row = row.number;
      p.message = std::move(message);
      problems.push_back(std::move(p));
    }
  }

  // A kind as written: the registry's kinds by title, then the words of data/import.yaml.
  std::optional<ChannelText> kind_of(std::string_view text, std::string& kind_id) const {
    if (const KindModel* k = model_.find_kind(text); k != nullptr) {
      kind_id = k->id;
      return ChannelText{k->channel, {}};
    }
    std::string n = norm(text);
    if (auto id = lookup(vocabulary().kinds, n); id) {
      if (const KindModel* k = model_.find_kind_id(*id); k != nullptr) {
        kind_id = k->id;
        return ChannelText{k->channel, {}};
      }
    }
    if (auto channel = lookup(vocabulary().informal_channels, n); channel)
      return ChannelText{*channel, {}};
    return std::nullopt;
  }

  void map_point(Draft& d, const TableRow& row) {
    std::string point_cell = cell(row, point);
    std::string channel_cell = cell(row, channel);
    std::string kind_cell = cell(row, kind);
    std::vector<std::string> lines = split_lines(point_cell);
    std::string name = lines.empty() ? std::string() : lines.front();
    std::optional<ChannelText> found;
    // The column whose words («цифровая», «офлайн») gave the channel, not a kind's channel.
    std::optional<std::size_t> channel_at;
    // «Личный кабинет (цифровая точка)»
    if (!name.empty() && name.back() == ')') {
      std::size_t open = name.rfind('(');
      if (open != std::string::npos && open > 0) {
        if (auto c = parse_channel(name.substr(open)); c) {
          found = c;
          channel_at = header_->columns[point];
          name = std::string(text::trim(name.substr(0, open)));
        }
      }
    }
    d.name = bounded(d, point, "name", name);
    std::vector<std::string> contacts;
    for (std::size_t i = 1; i < lines.size(); ++i) {
      if (auto c = parse_channel(lines[i]); c && !found) {
        found = c;
        channel_at = header_->columns[point];
      } else {
        contacts.push_back(lines[i]);
      }
    }
    std::vector<std::pair<std::string, std::optional<std::size_t>>> sources;
    for (const auto& line : contacts)
      sources.emplace_back(line, header_->columns[point]);
    if (std::string c = cell(row, contact); !c.empty())
      sources.emplace_back(c, header_->columns[contact]);
    for (std::size_t column : header_->more_contacts) {
      if (std::string c = cell_at(row, column); !c.empty())
        sources.emplace_back(c, column);
    }
    std::vector<std::string> address;
    for (const auto& [text, column] : sources) {
      for (const auto& piece : split_contacts(text)) {
        Contact contact = read_contact(piece);
        if (!contact.url) {
          address.push_back(piece);
        } else if (d.url.empty()) {
          d.url = cut(*contact.url, kMaxFieldBytes);
          if (!contact.note.empty())
            d.notes["url"].push_back(cut(contact.note, kMaxShownBytes));
        } else {
          report_at(d, column, "url",
                    tr("import.contact-extra", fmt::arg("text", cut(piece, kMaxShownBytes))));
        }
      }
    }
    d.address = bounded(d, contact, "address", join(address, ", "));

    // The column the kind is read from, for messages.
    std::optional<std::size_t> kind_column = header_->columns[kind];
    if (!kind_cell.empty()) {
      // «цифровая», «офлайн» written in the kind's column are the channel.
      if (auto c = parse_channel(kind_cell); c) {
        found = ChannelText{c->channel, c->kind.empty() && found ? found->kind : c->kind};
        channel_at = kind_column;
        kind_cell = c->kind;
      }
    }
    if (!channel_cell.empty()) {
      std::string kind_id;
      if (auto c = parse_channel(channel_cell); c) {
        found = ChannelText{c->channel, c->kind.empty() && found ? found->kind : c->kind};
        channel_at = header_->columns[channel];
      } else if (auto k = kind_of(channel_cell, kind_id); k) {
        // «Телефон», «СЭД» in the channel's column: the kind, and its channel unless the words of
        // another cell gave one.
        found = ChannelText{channel_at ? found->channel : k->channel,
                            found ? found->kind : std::string()};
        if (kind_cell.empty() && !kind_id.empty()) {
          kind_cell = channel_cell;
          kind_column = header_->columns[channel];
        }
      } else {
        report(d, channel, "channel",
               tr("import.channel-unknown", fmt::arg("text", cut(channel_cell, kMaxShownBytes))));
      }
    }
    std::string kind_text = !kind_cell.empty() ? kind_cell : found ? found->kind : std::string();
    if (kind_cell.empty())
      kind_column = header_->columns[point];  // «офлайн-точка (Окно выдачи)»
    if (!kind_text.empty()) {
      std::string kind_id;
      auto k = kind_of(kind_text, kind_id);
      if (!found && k)
        found = k;
      if (kind_id.empty() && !model_.fixed && found) {
        // A new registry keeps a kind of the table's own in kinds: (spec §2.1) with the channel
        // given, so that nothing is lost; but it may be a built-in kind in words not known here:
        // every row of it is reported, and perechen.yaml says so above the entry.
        kind_id = model_.add_kind(cut(kind_text, kMaxShownBytes), found->channel).id;
      }
      if (kind_id.empty()) {
        // A new registry would add it, but a kind needs its channel (spec §2.1).
        report_at(d, kind_column, "kind",
                  tr(model_.fixed ? "import.kind-unknown" : "import.kind-no-channel",
                     fmt::arg("text", cut(kind_text, kMaxShownBytes))));
      } else {
        d.kind = kind_id;
        const KindModel* added = model_.find_kind_id(kind_id);
        if (added != nullptr && !added->title.empty()) {
          report_at(d, kind_column, "kind",
                    tr("import.kind-new", fmt::arg("text", cut(kind_text, kMaxShownBytes)),
                       fmt::arg("id", kind_id), fmt::arg("channel", added->channel)));
          // The note in perechen.yaml names the first rows; the messages name every one.
          constexpr std::size_t kRowsNamed = 20;
          auto& rows = model_.new_kind_rows[kind_id];
          if (rows.size() < kRowsNamed)
            rows.push_back((label_.empty() ? "" : label_ + " ") + std::to_string(d.row));
          else if (rows.size() == kRowsNamed)
            rows.emplace_back("…");
        }
      }
    }
    // «Телефон» with «офлайн»: both are written as the table has them, and said (validate reports
    // kind-channel-mismatch too).
    if (found && channel_at && !d.kind.empty()) {
      const KindModel* k = model_.find_kind_id(d.kind);
      if (k != nullptr && !k->channel.empty() && k->channel != found->channel) {
        report_at(d, channel_at, "channel",
                  tr("import.kind-channel", fmt::arg("channel", found->channel),
                     fmt::arg("kind", cut(kind_text, kMaxShownBytes)), fmt::arg("id", k->id),
                     fmt::arg("kind_channel", k->channel)));
      }
    }
    if (found) {
      d.channel = found->channel;
    } else if (channel_cell.empty()) {
      report(d, header_->columns[channel] ? channel : point, "channel",
             tr("import.channel-missing"));
    }
  }

  // A client by its title or short title in the registry, or by the words of data/import.yaml
  // for the clients of clause 1.3.
  const Named* find_client(std::string_view text) const {
    if (const Named* c = find_named(model_.clients, text); c != nullptr)
      return c;
    std::string n = norm(text);
    auto id = lookup_exact(vocabulary().clients, n);
    if (!id) {
      // At the start of a longer text only a wording of two words or more: «работники
      // бухгалтерии» is not «работники».
      for (const auto& [word, value] : vocabulary().clients) {
        if (word.find(' ') != std::string::npos && starts_with_word(n, word)) {
          id = value;
          break;
        }
      }
    }
    if (!id)
      return nullptr;
    for (const auto& c : model_.clients) {
      if (c.id == *id)
        return &c;
    }
    auto title = model_.template_titles.find(*id);
    if (title != model_.template_titles.end()) {
      for (const auto& c : model_.clients) {
        if (std::find(c.keys.begin(), c.keys.end(), title->second) != c.keys.end())
          return &c;
      }
    }
    return nullptr;
  }

  // A line that is one client of clause 1.3 in a long wording of data/import.yaml (three words
  // or more) followed by the rest of its title in lower case («Сотрудники областных
  // государственных учреждений, переведенных на ... учет»).
  const Named* whole_line_client(std::string_view line) const {
    if (const Named* c = find_named(model_.clients, line); c != nullptr)
      return c;
    std::string n = norm(line);
    for (const auto& [word, id] : vocabulary().clients) {
      std::size_t words = static_cast<std::size_t>(std::count(word.begin(), word.end(), ' ')) + 1;
      if (words < 3 || !starts_with_word(n, word))
        continue;
      // The rest of the line after as many words.
      std::string_view rest = text::trim(line);
      for (std::size_t k = 0; k < words && !rest.empty(); ++k) {
        std::size_t space = rest.find(' ');
        rest =
            space == std::string_view::npos ? std::string_view() : text::trim(rest.substr(space));
      }
      while (!rest.empty() && (rest.front() == ',' || rest.front() == ' '))
        rest.remove_prefix(1);
      if (rest.find(';') != std::string_view::npos || (!rest.empty() && starts_upper(rest)))
        continue;
      // «Государственные гражданские служащие, работники»: the rest names a client of its own.
      const auto pieces = split_outside_quotes(rest, ',');
      if (std::any_of(pieces.begin(), pieces.end(),
                      [this](const std::string& piece) { return find_client(piece) != nullptr; }))
        continue;
      return find_client(word);
    }
    return nullptr;
  }

  void map_clients(Draft& d, const std::string& client_cell) {
    if (client_cell.empty()) {
      report(d, client, "clients", tr("import.clients-missing"));
      return;
    }
    auto add = [&](const std::string& id) {
      if (std::find(d.clients.begin(), d.clients.end(), id) == d.clients.end())
        d.clients.push_back(id);
    };
    for (const auto& line : split_lines(client_cell)) {
      std::string key = norm(line);
      const auto& all = vocabulary().all_clients;
      if (std::any_of(all.begin(), all.end(),
                      [&](const std::string& w) { return starts_with_word(key, w); })) {
        // Every client of the registry (for a new one, the clients of clause 1.3), never the
        // clients this table added.
        for (const auto& c : base_clients_)
          add(c.id);
        // «сотрудники ИОГВ/ОГУ (кроме УД)»: which are left out is for a person to say.
        if (has_word(key, "кроме") || has_word(key, "за исключением") || has_word(key, "except")) {
          report(d, client, "clients",
                 tr("import.clients-except", fmt::arg("text", cut(line, kMaxShownBytes))));
        }
        continue;
      }
      if (const Named* c = whole_line_client(line); c != nullptr) {
        add(c->id);
        continue;
      }
      // The longest runs of pieces, at «;» and then at commas, that name a client; the rest,
      // joined where a piece goes on in lower case («Работники, не являющиеся ...»), are new or
      // unknown clients.
      std::vector<std::string> unknown;
      for (const auto& piece : take_clients(split_outside_quotes(line, ';'), "; ", add)) {
        for (const auto& part : take_clients(split_outside_quotes(piece, ','), ", ", add)) {
          if (const Named* c = find_client(part); c != nullptr)
            add(c->id);  // «ГГС, работники ОГУ»: each a client of clause 1.3
          else if (!unknown.empty() && !starts_upper(part))
            unknown.back() += ", " + part;
          else
            unknown.push_back(part);
        }
      }
      for (const auto& title : unknown) {
        if (const Named* c = find_client(title); c != nullptr) {
          add(c->id);
        } else if (model_.fixed) {
          report(d, client, "clients",
                 tr("import.client-unknown", fmt::arg("text", cut(title, kMaxShownBytes))));
        } else {
          // A new registry gets the client, and the person is asked to look: it may be one of
          // the clients of clause 1.3 in words not known here.
          report(d, client, "clients",
                 tr("import.client-new", fmt::arg("text", cut(title, kMaxShownBytes))));
          add(model_.add_client(cut(title, kMaxShownBytes)).id);
        }
      }
    }
  }

  // Adds the clients that the longest runs of `parts` (joined by `separator`) name; returns the
  // parts no run covers, in order.
  template <typename Add>
  std::vector<std::string> take_clients(const std::vector<std::string>& parts,
                                        std::string_view separator, Add& add) const {
    std::vector<std::string> rest;
    for (std::size_t i = 0; i < parts.size();) {
      std::size_t taken = 0;
      // A title holds a few separators at most; bounding the run keeps a hostile cell of
      // thousands of commas linear.
      for (std::size_t j = std::min(parts.size(), i + kMaxRun); j > i && taken == 0; --j) {
        std::vector<std::string> run(parts.begin() + static_cast<std::ptrdiff_t>(i),
                                     parts.begin() + static_cast<std::ptrdiff_t>(j));
        if (const Named* c = find_named(model_.clients, join(run, separator)); c != nullptr) {
          add(c->id);
          taken = j - i;
        }
      }
      if (taken == 0)
        rest.push_back(parts[i++]);
      i += taken;
    }
    return rest;
  }

  void add_need(Draft& d, const std::string& code, std::string description) {
    for (auto& n : d.needs) {
      if (n.code == code) {
        if (n.description.empty())
          n.description = std::move(description);
        return;
      }
    }
    d.needs.push_back(NeedMatch{code, std::move(description)});
  }

  void map_needs(Draft& d, const TableRow& row) {
    std::string needs_cell = cell(row, needs);
    std::vector<NeedItem> items = read_needs(needs_cell);
    for (auto& item : items) {
      if (item.need == nullptr) {
        report(d, needs, "needs",
               tr("import.need-unknown", fmt::arg("text", cut(item.text, kMaxShownBytes))));
        continue;
      }
      if (item.by_number_only) {
        report(d, needs, "needs",
               tr("import.need-wording", fmt::arg("number", item.written_number),
                  fmt::arg("text", cut(item.description, kMaxShownBytes)),
                  fmt::arg("title", title(*item.need, language()))));
      } else if (item.written_number != 0 && item.written_number != item.need->number) {
        report(d, needs, "needs",
               tr("import.need-number", fmt::arg("number", item.written_number),
                  fmt::arg("title", title(*item.need, language())),
                  fmt::arg("right", item.need->number)));
      }
      add_need(d, item.need->code, cut(item.description, kMaxFieldBytes / 8));
    }
    bool marked = false;
    for (const auto& [column, code] : header_->need_columns) {
      std::string mark = norm(cell_at(row, column));
      if (mark.empty())
        continue;
      const auto& v = vocabulary();
      if (std::find(v.marks_yes.begin(), v.marks_yes.end(), mark) != v.marks_yes.end()) {
        add_need(d, code, {});
        marked = true;
      } else if (std::find(v.marks_no.begin(), v.marks_no.end(), mark) == v.marks_no.end()) {
        report_at(d, column, "needs",
                  tr("import.need-mark", fmt::arg("text", cut(mark, kMaxShownBytes))));
      }
    }
    if (d.needs.empty() && items.empty() && !marked)
      report(d, needs, "needs", tr("import.needs-missing"));
  }

  Model& model_;
  std::vector<Named> base_clients_;
  const Table* table_ = nullptr;
  const Header* header_ = nullptr;
  std::string label_;
  std::string current_direction_;
  std::string current_process_;
  bool process_from_section_ = false;  // the process is a section row's, for every row below
};

// --- the files -----------------------------------------------------------------------------------

void notes_into(yaml::Writer& out, const Draft& d, const std::string& field, std::size_t indent) {
  auto it = d.notes.find(field);
  if (it == d.notes.end())
    return;
  for (const auto& note : it->second)
    out.comment(note, indent);
}

std::string point_text(const Draft& d, std::string_view source, std::string_view schema,
                       const Model& model) {
  yaml::Writer out;
  out.comment("yaml-language-server: $schema=" + std::string(schema));
  out.comment(tr("import.file-source", fmt::arg("file", source), fmt::arg("row", d.row)));
  notes_into(out, d, "process", 0);
  if (d.process_id.empty())
    out.comment("process:");
  else
    out.field("process", d.process_id);
  out.open("point");
  out.field("name", d.name, 2);
  notes_into(out, d, "channel", 2);
  if (d.channel.empty())
    out.comment("channel: digital | offline", 2);
  else
    out.field("channel", d.channel, 2);
  notes_into(out, d, "kind", 2);
  if (!d.kind.empty())
    out.field("kind", d.kind, 2);
  notes_into(out, d, "url", 2);
  if (!d.url.empty())
    out.field("url", d.url, 2);
  if (!d.address.empty())
    out.field("address", d.address, 2);
  notes_into(out, d, "clients", 0);
  if (d.clients.empty())
    out.comment("clients: []");
  else
    out.flow_list("clients", d.clients);
  notes_into(out, d, "value", 0);
  if (d.value.empty())
    out.comment("value:");
  else
    out.field("value", d.value);
  notes_into(out, d, "needs", 0);
  if (d.needs.empty()) {
    out.comment("needs: []");
  } else {
    out.open("needs");
    for (const auto& need : d.needs) {
      if (need.description.empty())
        out.item(need.code, 2);
      else
        out.item_field(need.code, need.description, 2);
    }
  }
  out.blank().comment(tr("scaffold.hint-basis"));
  out.comment("basis:\n  - type: internal_act\n    title:");
  if (model.institutions > 1)
    out.comment("").comment("prepared_by:");
  return out.text();
}

std::string config_text(const Config& base, const Model& model, std::string_view source) {
  yaml::Writer out;
  out.comment("yaml-language-server: $schema=schemas/config.schema.json").comment("");
  out.comment(tr("import.config-header", fmt::arg("file", source)));
  out.field("title", base.title.value);
  out.field("organization", base.organization.value);
  out.blank().open("institutions");
  for (const auto& i : base.institutions)
    out.item_field("id", i.id.value, 2).field("title", i.title.value, 4);
  out.blank().open("clients");
  for (const auto& c : model.clients)
    out.item_field("id", c.id, 2).field("title", c.title, 4);
  out.blank().open("directions");
  for (const auto& d : model.directions) {
    out.item_field("id", d.named.id, 2).field("title", d.named.title, 4).open("processes", 4);
    for (const auto& p : d.processes)
      out.item_field("id", p.id, 6).field("title", p.title, 8);
  }
  if (!model.new_kinds.empty()) {
    out.blank().open("kinds");
    for (const auto& k : model.new_kinds) {
      auto rows = model.new_kind_rows.find(k.id);
      out.comment(
          tr("import.kind-check", fmt::arg("title", k.title), fmt::arg("file", source),
             fmt::arg("rows", rows == model.new_kind_rows.end() ? std::string()
                                                                : join(rows->second, ", "))),
          2);
      out.item_field("id", k.id, 2).field("title", k.title, 4).field("channel", k.channel, 4);
    }
  }
  out.blank().open("publication");
  out.number("working_days", base.publication.working_days, 2);
  return out.text();
}

// init's roster with one placeholder person in every role the new directions and processes have.
std::string roster_text(std::string_view base, const Model& model) {
  std::string out(base);
  auto replace = [&out](std::string_view line, const std::string& with) {
    std::size_t at = out.find(line);
    if (at != std::string::npos)
      out.replace(at, line.size(), with);
  };
  yaml::Writer curators;
  yaml::Writer owners;
  for (const auto& d : model.directions) {
    curators.field(d.named.id, "responsible", 4);
    for (const auto& p : d.processes)
      owners.field(p.id, "responsible", 4);
  }
  replace("    pay: responsible\n", curators.text());
  replace("    salary: responsible\n", owners.text());
  return out;
}

std::string_view template_file(std::string_view path) {
  for (const auto& file : scaffold::registry_template()) {
    if (file.path == path)
      return file.content;
  }
  return {};
}

}  // namespace

std::string place(const Problem& problem) {
  std::string where = problem.column.empty() ? tr("import.place-row", fmt::arg("row", problem.row))
                                             : tr("import.place", fmt::arg("row", problem.row),
                                                  fmt::arg("column", problem.column),
                                                  fmt::arg("heading", problem.heading));
  return problem.table.empty() ? where : problem.table + ", " + where;
}

Plan plan_import(const std::vector<Table>& source, std::string_view source_name,
                 const Config* registry, const std::vector<ExistingPoint>& existing) {
  // Text hygiene first (rule 2.7): every cell without its invisible characters.
  std::vector<Table> tables = source;
  for (auto& table : tables) {
    for (auto& row : table.rows) {
      for (auto& c : row.cells)
        c = clean_text(c);
    }
  }
  // The tables of the list: each with a header block of its own, and a document's tables right
  // after one of them that have none but as many columns (a list split by a page break).
  std::vector<std::pair<const Table*, Header>> parts;
  for (const auto& table : tables) {
    if (auto header = find_header(table); header) {
      parts.emplace_back(&table, *header);
      continue;
    }
    if (!parts.empty() && !table.lettered && parts.back().first == &table - 1) {
      std::size_t width = 0;
      for (const auto& row : table.rows)
        width = std::max(width, row.cells.size());
      const Header& last = parts.back().second;
      // Rows keep no empty cells at their end: a table whose last columns happen to be empty
      // is narrower by its cells, but a document's grid says it has as many columns.
      bool same_grid = table.grid != 0 && table.grid == parts.back().first->grid;
      if ((same_grid || width == last.width) && !table.rows.empty()) {
        Header continued = last;
        continued.first = 0;
        continued.last = 0;
        continued.continued = true;
        continued.unplaced.clear();
        parts.emplace_back(&table, continued);
      }
    }
  }
  if (parts.empty())
    throw Error(ExitCode::problems, tr("import.no-table", fmt::arg("file", source_name)));

  Diagnostics ignored;
  auto template_tree = yaml::parse("perechen.yaml", template_file("perechen.yaml"), ignored);
  Config template_config = read_config(template_tree ? *template_tree : yaml::Node{});
  const Config& config = registry != nullptr ? *registry : template_config;
  Model model(config, registry != nullptr);
  if (const auto* list = template_config.tree.find("clients"); list != nullptr) {
    for (const auto& item : list->items) {
      if (item.is_map())
        model.template_titles[scalar(item.find("id"))] = norm(scalar(item.find("title")));
    }
  }

  Mapper mapper(model);
  for (const auto& [table, header] : parts)
    mapper.read_table(*table, header, parts.size() > 1 ? table->name : std::string());

  Plan plan;
  plan.table = parts.front().first->name;
  plan.heading_row = parts.front().first->rows[parts.front().second.first].number;
  plan.new_registry = registry == nullptr;
  plan.problems = std::move(mapper.problems);
  plan.summary = mapper.summary;
  for (const auto& p : plan.problems)
    plan.summary.rows_to_look.emplace_back(p.table, p.row);
  std::set<std::string> paths;
  for (const auto& d : mapper.drafts) {
    std::string folder = "points/" + (d.direction_id.empty() ? "unknown" : d.direction_id) + "/" +
                         (d.process_id.empty() ? "unknown" : d.process_id) + "/";
    std::string stem = scaffold::slug(d.name);
    std::string path = folder + stem + ".yaml";
    for (int n = 2; paths.count(path) > 0; ++n)
      path = folder + stem + "-" + std::to_string(n) + ".yaml";
    paths.insert(path);
    auto same = std::find_if(existing.begin(), existing.end(), [&](const ExistingPoint& e) {
      return e.process == d.process_id && norm(e.name) == norm(d.name);
    });
    if (same != existing.end() && same->file != path) {
      Problem p;
      p.row = d.row;
      p.message = tr("import.point-exists", fmt::arg("name", cut(d.name, kMaxShownBytes)),
                     fmt::arg("file", same->file));
      plan.problems.push_back(std::move(p));
      plan.summary.rows_to_look.emplace_back(std::string(), d.row);
      continue;
    }
    std::string schema =
        scaffold::schema_ref(std::filesystem::path("/r"), std::filesystem::path("/r") / path);
    plan.points.push_back(PointFile{path, point_text(d, source_name, schema, model), d.row});
  }
  std::sort(plan.summary.rows_to_look.begin(), plan.summary.rows_to_look.end());
  plan.summary.rows_to_look.erase(
      std::unique(plan.summary.rows_to_look.begin(), plan.summary.rows_to_look.end()),
      plan.summary.rows_to_look.end());
  if (plan.new_registry) {
    plan.config_text = config_text(config, model, source_name);
    plan.roster_text = roster_text(template_file("roster.yaml"), model);
  }
  return plan;
}

}  // namespace perechen::importing
