// SPDX-License-Identifier: Apache-2.0
// From a table to point files (spec §9). The steps:
//   1. Find the heading row: the first row of any table, within its first rows, in which the
//      point's column and at least two more of the appendix form are recognised
//      (data/import.yaml). Other tables (a legend, an approval sheet) are not read.
//   2. Read each row below it, up to a row with a text (not a number) in the № column. A row
//   without a point name is no point: a row of one text only
//      starts a direction (tables that write directions as full-width rows), others are left out.
//      An empty direction or process cell repeats the one above (a merge drawn by hand).
//   3. Map the cells: the point's cell gives the name, the channel and kind («цифровая точка
//      (Личный кабинет)», «(офлайн-точка)») and the contact lines; numbered needs are matched by
//      their wording of 2.6, else by number; clients by title or short title, a cell split at new
//      lines, «;» and commas outside quotes.
//   4. Match directions, processes and clients to the ids of the registry, or, for a new one,
//      make ids from the titles (transliterated, unique).
//   5. Whatever is not certain is a Problem at its row and column and a comment in the file,
//      where validate will find the field missing or unknown.

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>

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

namespace perechen::importing {
namespace {

enum Column : std::size_t {
  number,
  direction,
  process,
  point,
  channel,
  kind,
  contact,
  client,
  value,
  needs,
  kColumns
};

constexpr std::array<std::string_view, kColumns> kColumnNames = {
    "number", "direction", "process", "point", "channel",
    "kind",   "contact",   "client",  "value", "needs"};

constexpr std::size_t kHeadingSearchRows = 50;
constexpr std::size_t kMaxIdLength = 40;
constexpr std::size_t kMaxRun = 8;  // pieces of a cell joined back into one client's title

std::string norm(std::string_view s) {
  return text::normalize_name(s);
}

// `word` (normalised) at the start of a word of `text` (normalised).
bool has_word(std::string_view text, std::string_view word) {
  for (std::size_t pos = text.find(word); pos != std::string_view::npos;
       pos = text.find(word, pos + 1)) {
    if (pos == 0)
      return true;
    auto before = static_cast<unsigned char>(text[pos - 1]);
    if (before < 0x80 && !std::isalnum(before))
      return true;
  }
  return false;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// data/import.yaml, read once.
struct Vocabulary {
  std::vector<std::pair<Column, std::vector<std::string>>> columns;
  std::vector<std::pair<std::string, std::string>> channels;  // word, channel; longest first
  std::vector<std::string> all_clients;
};

const Vocabulary& vocabulary() {
  static const Vocabulary v = [] {
    Vocabulary result;
    YAML::Node doc = YAML::Load(std::string(*embedded_file("data/import.yaml")));
    for (const auto& node : doc["columns"]) {
      auto name = node["column"].as<std::string>();
      auto it = std::find(kColumnNames.begin(), kColumnNames.end(), name);
      std::vector<std::string> words;
      for (const auto& w : node["words"])
        words.push_back(norm(w.as<std::string>()));
      result.columns.emplace_back(static_cast<Column>(it - kColumnNames.begin()), words);
    }
    for (const auto& entry : doc["channels"]) {
      for (const auto& w : entry.second)
        result.channels.emplace_back(norm(w.as<std::string>()), entry.first.as<std::string>());
    }
    std::stable_sort(result.channels.begin(), result.channels.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    for (const auto& w : doc["all_clients"])
      result.all_clients.push_back(norm(w.as<std::string>()));
    return result;
  }();
  return v;
}

std::optional<Column> classify_heading(std::string_view heading) {
  std::string h = norm(heading);
  if (h.empty())
    return std::nullopt;
  for (const auto& [column, words] : vocabulary().columns) {
    for (const auto& word : words) {
      if (has_word(h, word))
        return column;
    }
  }
  return std::nullopt;
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

// --- the registry's names ---------------------------------------------------------------------

struct Named {
  std::string id;
  std::string title;
  std::vector<std::string> keys;  // the title and short title, normalised
};

struct DirectionModel {
  Named named;
  std::vector<Named> processes;
};

struct KindModel {
  std::string id;
  std::string channel;
  std::vector<std::string> keys;
  std::string title;  // of a kind the import adds to a new registry
};

std::string scalar(const yaml::Node* node) {
  return node != nullptr && node->is_scalar() ? node->scalar : std::string();
}

Named named_of(const yaml::Node& node) {
  Named n{scalar(node.find("id")), scalar(node.find("title")), {}};
  for (const char* key : {"title", "short_title"}) {
    std::string k = norm(scalar(node.find(key)));
    if (!k.empty())
      n.keys.push_back(k);
  }
  return n;
}

const Named* find_named(const std::vector<Named>& list, std::string_view text) {
  std::string key = norm(text);
  if (key.empty())
    return nullptr;
  for (const auto& n : list) {
    if (std::find(n.keys.begin(), n.keys.end(), key) != n.keys.end() || n.id == text)
      return &n;
  }
  return nullptr;
}

// An id from a title: transliterated, at most kMaxIdLength characters at a word boundary, made
// unique by -2, -3 ...
std::string make_id(std::string_view title, std::set<std::string>& taken) {
  std::string base = scaffold::slug(title);
  if (base.size() > kMaxIdLength) {
    std::size_t cut = base.rfind('-', kMaxIdLength);
    base.resize(cut == std::string::npos || cut < kMaxIdLength / 2 ? kMaxIdLength : cut);
    while (!base.empty() && base.back() == '-')
      base.pop_back();
  }
  std::string id = base;
  for (int n = 2; taken.count(id) > 0; ++n)
    id = base + "-" + std::to_string(n);
  taken.insert(id);
  return id;
}

struct Model {
  bool fixed = false;  // a registry: nothing is added
  std::vector<DirectionModel> directions;
  std::vector<Named> clients;
  std::vector<KindModel> kinds;
  std::size_t institutions = 0;
  std::set<std::string> direction_ids, process_ids, client_ids, kind_ids;
  std::vector<KindModel> new_kinds;  // kinds a new registry gets from the table

  explicit Model(const Config& config, bool registry) : fixed(registry) {
    institutions = config.institutions.size();
    if (const auto* list = config.tree.find("clients"); list != nullptr) {
      for (const auto& item : list->items) {
        if (item.is_map()) {
          clients.push_back(named_of(item));
          client_ids.insert(clients.back().id);
        }
      }
    }
    if (const auto* list = config.tree.find("directions"); registry && list != nullptr) {
      for (const auto& item : list->items) {
        if (!item.is_map())
          continue;
        DirectionModel d{named_of(item), {}};
        direction_ids.insert(d.named.id);
        if (const auto* processes = item.find("processes"); processes != nullptr) {
          for (const auto& p : processes->items) {
            if (p.is_map()) {
              d.processes.push_back(named_of(p));
              process_ids.insert(d.processes.back().id);
            }
          }
        }
        directions.push_back(std::move(d));
      }
    }
    for (const auto& k : builtin_kinds())
      kinds.push_back({k.id, k.channel, {norm(k.title_ru), norm(k.title_en), k.id}, {}});
    for (const auto& k : config.kinds)
      kinds.push_back({k.id.value, k.channel.value, {norm(k.title.value), k.id.value}, {}});
  }

  DirectionModel* find_direction(std::string_view text) {
    std::string key = norm(text);
    for (auto& d : directions) {
      if (std::find(d.named.keys.begin(), d.named.keys.end(), key) != d.named.keys.end() ||
          d.named.id == text)
        return &d;
    }
    return nullptr;
  }

  DirectionModel& add_direction(std::string_view title) {
    DirectionModel d{{make_id(title, direction_ids), std::string(title), {norm(title)}}, {}};
    directions.push_back(std::move(d));
    return directions.back();
  }

  const Named& add_process(DirectionModel& d, std::string_view title) {
    d.processes.push_back({make_id(title, process_ids), std::string(title), {norm(title)}});
    return d.processes.back();
  }

  const Named& add_client(std::string_view title) {
    clients.push_back({make_id(title, client_ids), std::string(title), {norm(title)}});
    return clients.back();
  }

  const KindModel& add_kind(std::string_view title, const std::string& channel) {
    if (kind_ids.empty()) {
      for (const auto& k : kinds)
        kind_ids.insert(k.id);
    }
    KindModel k{make_id(title, kind_ids), channel, {norm(title)}, std::string(title)};
    new_kinds.push_back(k);
    kinds.push_back(std::move(k));
    return kinds.back();
  }

  const KindModel* find_kind(std::string_view text) const {
    std::string key = norm(text);
    for (const auto& k : kinds) {
      if (std::find(k.keys.begin(), k.keys.end(), key) != k.keys.end())
        return &k;
    }
    return nullptr;
  }
};

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

bool is_phone(std::string_view s) {
  std::size_t digits = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9')
      ++digits;
    else if (std::string_view("+ ()-.").find(c) == std::string_view::npos)
      return false;
  }
  return digits >= 5 && digits <= 15;
}

bool is_email(std::string_view s) {
  std::size_t at = s.find('@');
  return at != std::string_view::npos && at > 0 && s.find(' ') == std::string_view::npos &&
         s.find('.', at) != std::string_view::npos && s.find('@', at + 1) == std::string_view::npos;
}

bool is_bare_domain(std::string_view s) {
  std::size_t dot = s.find('.');
  if (dot == std::string_view::npos || dot == 0)
    return false;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || c == '.' || c == '-' || c == '/'))
      return false;
  }
  std::size_t last =
      s.find('/') == std::string_view::npos ? s.rfind('.') : s.rfind('.', s.find('/'));
  std::string_view tld = s.substr(last + 1, s.find('/', last) - last - 1);
  return tld.size() >= 2 && std::all_of(tld.begin(), tld.end(), [](char c) {
           return std::isalpha(static_cast<unsigned char>(c));
         });
}

// A url of 1.3 from a contact as people write it: links as they are, an e-mail as mailto:, a
// phone as tel: with its digits; nullopt when it is no url (an address, say).
std::optional<std::string> as_url(std::string_view line) {
  line = text::trim(line);
  std::string lower = text::to_lower(line);
  for (std::string_view scheme : {"https://", "http://", "mailto:", "tel:"}) {
    if (starts_with(lower, scheme))
      return std::string(line);
  }
  for (std::string_view label : {"e-mail:", "email:", "эл. почта:", "электронная почта:",
                                 "телефон:", "тел.:", "тел.", "тел:", "phone:"}) {
    if (starts_with(lower, label)) {
      line = text::trim(line.substr(label.size()));
      break;
    }
  }
  if (starts_with(lower, "www."))
    return "https://" + std::string(line);
  if (is_email(line))
    return "mailto:" + std::string(line);
  if (is_phone(line)) {
    std::string tel = "tel:";
    if (line.front() == '+')
      tel += '+';
    for (char c : line) {
      if (c >= '0' && c <= '9')
        tel += c;
    }
    return tel;
  }
  if (is_bare_domain(line))
    return "https://" + std::string(line);
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
  Mapper(Model& model, const Table& table, std::size_t heading_row,
         std::array<std::optional<std::size_t>, kColumns> columns,
         std::vector<std::string> headings)
      : model_(model),
        table_(table),
        heading_row_(heading_row),
        columns_(columns),
        headings_(std::move(headings)) {}

  std::vector<Draft> drafts;
  std::vector<Problem> problems;

  void run() {
    for (const auto& row : table_.rows) {
      if (row.number <= heading_row_)
        continue;
      // Below the list a document may go on with other rows on the same sheet (a legend, an
      // approval sheet): a text where the list has its № п/п ends the list.
      std::string n = cell(row, number);
      if (!n.empty() && n.find_first_not_of("0123456789. ") != std::string::npos &&
          !is_heading_again(row))
        break;
      read_row(row);
    }
  }

 private:
  std::string cell(const TableRow& row, Column c) const {
    if (!columns_[c] || *columns_[c] >= row.cells.size())
      return {};
    return std::string(text::trim(row.cells[*columns_[c]]));
  }

  void report(Draft& draft, Column c, std::string_view field, std::string message) {
    Problem p;
    p.row = draft.row;
    if (columns_[c]) {
      p.column = table_.lettered ? column_letters(*columns_[c]) : std::to_string(*columns_[c] + 1);
      p.heading = headings_[*columns_[c]];
    }
    p.message = std::move(message);
    draft.notes[std::string(field)].push_back(place(p) + ": " + p.message);
    problems.push_back(std::move(p));
  }

  bool is_heading_again(const TableRow& row) const {
    std::size_t known = 0, filled = 0;
    for (const auto& c : row.cells) {
      if (text::trim(c).empty())
        continue;
      ++filled;
      known += classify_heading(c).has_value();
    }
    return filled > 0 && known == filled;
  }

  // A row of column numbers under the headings (1, 2, 3 ...), as many forms have.
  static bool is_numbering(const TableRow& row) {
    for (const auto& c : row.cells) {
      std::string_view t = text::trim(c);
      if (!t.empty() && t.find_first_not_of("0123456789.") != std::string_view::npos)
        return false;
    }
    return true;
  }

  void read_row(const TableRow& row) {
    std::string point_cell = cell(row, point);
    if (point_cell.empty()) {
      std::vector<std::string> filled;
      for (const auto& c : row.cells) {
        if (!text::trim(c).empty())
          filled.emplace_back(text::trim(c));
      }
      if (filled.size() == 1 && !is_numbering(row)) {
        current_direction_ = filled.front();
        current_process_.clear();
      }
      return;
    }
    if (is_heading_again(row) || is_numbering(row))
      return;

    Draft d;
    d.row = row.number;
    std::string direction_text = cell(row, direction);
    std::string process_text = cell(row, process);
    if (direction_text.empty())
      direction_text = current_direction_;
    if (process_text.empty() && norm(direction_text) == norm(current_direction_))
      process_text = current_process_;
    current_direction_ = direction_text;
    current_process_ = process_text;

    map_process(d, direction_text, process_text);
    map_point(d, point_cell, cell(row, channel), cell(row, kind), cell(row, contact));
    map_clients(d, cell(row, client));
    d.value = cell(row, value);
    if (d.value.empty())
      report(d, value, "value", tr("import.value-missing"));
    map_needs(d, cell(row, needs));
    drafts.push_back(std::move(d));
  }

  void map_process(Draft& d, const std::string& direction_text, const std::string& process_text) {
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
          dir = &other;
          break;
        }
      }
    }
    if (proc != nullptr) {
      d.direction_id = dir->named.id;
      d.process_id = proc->id;
      return;
    }
    if (model_.fixed) {
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

  void map_point(Draft& d, const std::string& point_cell, const std::string& channel_cell,
                 const std::string& kind_cell, const std::string& contact_cell) {
    std::vector<std::string> lines = split_lines(point_cell);
    std::string name = lines.empty() ? std::string() : lines.front();
    std::optional<ChannelText> found;
    // «Личный кабинет (цифровая точка)»
    if (!name.empty() && name.back() == ')') {
      std::size_t open = name.rfind('(');
      if (open != std::string::npos && open > 0) {
        if (auto c = parse_channel(name.substr(open)); c) {
          found = c;
          name = std::string(text::trim(name.substr(0, open)));
        }
      }
    }
    d.name = name;
    std::vector<std::string> address;
    for (std::size_t i = 1; i < lines.size(); ++i) {
      if (auto c = parse_channel(lines[i]); c && !found) {
        found = c;
      } else if (auto url = as_url(lines[i]); url && d.url.empty()) {
        d.url = *url;
      } else {
        address.push_back(lines[i]);
      }
    }
    if (!contact_cell.empty()) {
      std::size_t semicolon = contact_cell.find("; ");
      std::string first = contact_cell.substr(0, semicolon);
      if (auto url = as_url(first); url && d.url.empty()) {
        d.url = *url;
        if (semicolon != std::string::npos)
          address.push_back(std::string(text::trim(contact_cell.substr(semicolon + 2))));
      } else {
        address.push_back(contact_cell);
      }
    }
    d.address = join(address, ", ");

    if (!channel_cell.empty()) {
      if (auto c = parse_channel(channel_cell); c) {
        found = ChannelText{c->channel, c->kind.empty() && found ? found->kind : c->kind};
      } else {
        report(d, channel, "channel", tr("import.channel-unknown", fmt::arg("text", channel_cell)));
      }
    }
    std::string kind_text = !kind_cell.empty() ? kind_cell : found ? found->kind : std::string();
    if (!kind_text.empty()) {
      if (const KindModel* k = model_.find_kind(kind_text); k != nullptr) {
        d.kind = k->id;
        if (!found)
          found = ChannelText{k->channel, {}};
      } else if (!model_.fixed && found) {
        // A new registry keeps the table's own kinds (spec §2.1 kinds), with the channel given.
        d.kind = model_.add_kind(kind_text, found->channel).id;
      } else {
        report(d, kind_cell.empty() ? point : kind, "kind",
               tr("import.kind-unknown", fmt::arg("text", kind_text)));
      }
    }
    if (found) {
      d.channel = found->channel;
    } else if (channel_cell.empty()) {
      report(d, columns_[channel] ? channel : point, "channel", tr("import.channel-missing"));
    }
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
      if (std::find(all.begin(), all.end(), key) != all.end()) {
        for (const auto& c : model_.clients)
          add(c.id);
        continue;
      }
      // The longest runs of pieces, at «;» and then at commas, that name a client; the rest,
      // joined where a piece goes on in lower case («Работники, не являющиеся ...»), are new or
      // unknown clients.
      std::vector<std::string> unknown;
      for (const auto& piece : take_clients(split_outside_quotes(line, ';'), "; ", add)) {
        for (const auto& part : take_clients(split_outside_quotes(piece, ','), ", ", add)) {
          if (!unknown.empty() && !starts_upper(part))
            unknown.back() += ", " + part;
          else
            unknown.push_back(part);
        }
      }
      for (const auto& title : unknown) {
        if (model_.fixed) {
          report(d, client, "clients", tr("import.client-unknown", fmt::arg("text", title)));
        } else if (const Named* c = find_named(model_.clients, title); c != nullptr) {
          add(c->id);
        } else {
          add(model_.add_client(title).id);
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

  // "6) получение результата, ответа, разъяснения: расчетный листок" and the like.
  std::optional<NeedMatch> match_need(Draft& d, std::string line) {
    while (!line.empty() && std::string_view("-*").find(line.front()) != std::string_view::npos)
      line = std::string(text::trim(std::string_view(line).substr(1)));
    for (std::string_view bullet : {"•", "–", "—"}) {
      if (starts_with(line, bullet))
        line = std::string(text::trim(std::string_view(line).substr(bullet.size())));
    }
    int written_number = 0;
    std::size_t i = 0;
    while (i < line.size() && i < 3 && line[i] >= '0' && line[i] <= '9')
      written_number = written_number * 10 + (line[i++] - '0');
    if (i > 0 && i < line.size() && (line[i] == ')' || line[i] == '.')) {
      line = std::string(text::trim(std::string_view(line).substr(i + 1)));
    } else if (i > 0 && i == line.size()) {
      line.clear();
    } else {
      written_number = 0;
    }
    std::size_t colon = line.find(':');
    std::string head = norm(line.substr(0, colon));
    std::string description = colon == std::string::npos
                                  ? std::string()
                                  : std::string(text::trim(line.substr(colon + 1)));
    const NeedInfo* by_text = nullptr;
    for (const auto& need : perechen::needs()) {
      if (head == norm(need.title_ru) || head == norm(need.title_en) || head == need.code)
        by_text = &need;
    }
    if (by_text == nullptr && colon != std::string::npos) {
      // A colon inside the description, not after the wording: try the whole line.
      for (const auto& need : perechen::needs()) {
        if (norm(line) == norm(need.title_ru) || norm(line) == norm(need.title_en))
          by_text = &need;
      }
      if (by_text != nullptr)
        description.clear();
    }
    if (by_text != nullptr) {
      if (written_number != 0 && written_number != by_text->number) {
        report(
            d, needs, "needs",
            tr("import.need-number", fmt::arg("number", written_number),
               fmt::arg("title", title(*by_text, language())), fmt::arg("right", by_text->number)));
      }
      return NeedMatch{by_text->code, description};
    }
    if (written_number >= 1 &&
        static_cast<std::size_t>(written_number) <= perechen::needs().size()) {
      const NeedInfo& need = perechen::needs()[static_cast<std::size_t>(written_number - 1)];
      if (!line.empty()) {
        report(d, needs, "needs",
               tr("import.need-wording", fmt::arg("number", written_number), fmt::arg("text", line),
                  fmt::arg("title", title(need, language()))));
      }
      return NeedMatch{need.code, line};
    }
    report(d, needs, "needs", tr("import.need-unknown", fmt::arg("text", line)));
    return std::nullopt;
  }

  void map_needs(Draft& d, const std::string& needs_cell) {
    std::vector<std::string> items;
    for (const auto& line : split_lines(needs_cell)) {
      // «1) получение информации; 2) получение консультации» on one line.
      std::size_t start = 0;
      for (std::size_t k = 0; k + 1 < line.size(); ++k) {
        if (line[k] != ';')
          continue;
        std::size_t next = line.find_first_not_of(' ', k + 1);
        if (next != std::string::npos && line[next] >= '1' && line[next] <= '9' &&
            next + 1 < line.size() && (line[next + 1] == ')' || line[next + 1] == '.')) {
          items.emplace_back(text::trim(std::string_view(line).substr(start, k - start)));
          start = k + 1;
        }
      }
      items.emplace_back(text::trim(std::string_view(line).substr(start)));
    }
    for (const auto& item : items) {
      if (auto need = match_need(d, item); need)
        d.needs.push_back(std::move(*need));
    }
    if (d.needs.empty() && items.empty())
      report(d, needs, "needs", tr("import.needs-missing"));
  }

  Model& model_;
  const Table& table_;
  std::size_t heading_row_;
  std::array<std::optional<std::size_t>, kColumns> columns_;
  std::vector<std::string> headings_;
  std::string current_direction_;
  std::string current_process_;
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

struct HeadingRow {
  const Table* table = nullptr;
  std::size_t row = 0;
  std::array<std::optional<std::size_t>, kColumns> columns;
  std::vector<std::string> headings;
};

std::optional<HeadingRow> find_heading_row(const std::vector<Table>& tables) {
  for (const auto& table : tables) {
    for (std::size_t r = 0; r < table.rows.size() && r < kHeadingSearchRows; ++r) {
      const TableRow& row = table.rows[r];
      HeadingRow found{&table, row.number, {}, row.cells};
      std::size_t known = 0;
      for (std::size_t c = 0; c < row.cells.size(); ++c) {
        auto column = classify_heading(row.cells[c]);
        if (column && !found.columns[*column]) {
          found.columns[*column] = c;
          ++known;
        }
      }
      if (found.columns[point] && known >= 3)
        return found;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string place(const Problem& problem) {
  if (problem.column.empty())
    return tr("import.place-row", fmt::arg("row", problem.row));
  return tr("import.place", fmt::arg("row", problem.row), fmt::arg("column", problem.column),
            fmt::arg("heading", problem.heading));
}

Plan plan_import(const std::vector<Table>& tables, std::string_view source_name,
                 const Config* registry) {
  auto heading = find_heading_row(tables);
  if (!heading)
    throw Error(ExitCode::problems, tr("import.no-table", fmt::arg("file", source_name)));

  std::optional<Config> base;
  if (registry == nullptr) {
    Diagnostics ignored;
    auto tree = yaml::parse("perechen.yaml", template_file("perechen.yaml"), ignored);
    base = read_config(tree ? *tree : yaml::Node{});
  }
  const Config& config = registry != nullptr ? *registry : *base;
  Model model(config, registry != nullptr);

  Mapper mapper(model, *heading->table, heading->row, heading->columns, heading->headings);
  mapper.run();

  Plan plan;
  plan.table = heading->table->name;
  plan.heading_row = heading->row;
  plan.new_registry = registry == nullptr;
  plan.problems = std::move(mapper.problems);
  std::stable_sort(plan.problems.begin(), plan.problems.end(),
                   [](const Problem& a, const Problem& b) { return a.row < b.row; });
  std::set<std::string> paths;
  for (const auto& d : mapper.drafts) {
    std::string folder = "points/" + (d.direction_id.empty() ? "unknown" : d.direction_id) + "/" +
                         (d.process_id.empty() ? "unknown" : d.process_id) + "/";
    std::string stem = scaffold::slug(d.name);
    std::string path = folder + stem + ".yaml";
    for (int n = 2; paths.count(path) > 0; ++n)
      path = folder + stem + "-" + std::to_string(n) + ".yaml";
    paths.insert(path);
    std::string schema =
        scaffold::schema_ref(std::filesystem::path("/r"), std::filesystem::path("/r") / path);
    plan.points.push_back(PointFile{path, point_text(d, source_name, schema, model), d.row});
  }
  if (plan.new_registry) {
    plan.config_text = config_text(config, model, source_name);
    plan.roster_text = roster_text(template_file("roster.yaml"), model);
  }
  return plan;
}

}  // namespace perechen::importing
