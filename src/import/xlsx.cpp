// SPDX-License-Identifier: Apache-2.0
// Sheets of an Excel workbook: xl/workbook.xml gives the sheets in order and their parts through
// xl/_rels/workbook.xml.rels; cells are read from each sheet part with the shared strings of
// xl/sharedStrings.xml. A merged range (mergeCell) gives the text of its top-left cell to the
// cells below it in its first column, in the rows that have cells at all: a direction merged
// down its rows applies to each, and a range of a million empty rows costs nothing.

#include <algorithm>
#include <map>

#include "perechen/i18n.hpp"
#include "reader.hpp"

namespace perechen::importing {
namespace {

// Shared strings: the text of each <si>, its runs joined, phonetic runs (rPh) left out.
class SharedStrings final : public XmlHandler {
 public:
  std::vector<std::string> strings;

  void start(std::string_view name, const char**) override {
    if (name == "si") {
      strings.emplace_back();
      if (strings.size() > kMaxCells)
        fail("import.too-many-cells");
    } else if (name == "rPh") {
      ++phonetic_;
    } else if (name == "t") {
      in_text_ = true;
    }
  }
  void end(std::string_view name) override {
    if (name == "rPh")
      --phonetic_;
    else if (name == "t")
      in_text_ = false;
  }
  void text(std::string_view chars) override {
    if (in_text_ && phonetic_ == 0 && !strings.empty())
      strings.back() += chars;
  }

 private:
  int phonetic_ = 0;
  bool in_text_ = false;
};

struct SheetRef {
  std::string name;
  std::string id;
};

class Workbook final : public XmlHandler {
 public:
  std::vector<SheetRef> sheets;
  void start(std::string_view name, const char** attrs) override {
    if (name != "sheet")
      return;
    const char* title = attribute(attrs, "name");
    const char* id = attribute(attrs, "id");
    sheets.push_back({title != nullptr ? title : "", id != nullptr ? id : ""});
  }
  void end(std::string_view) override {}
  void text(std::string_view) override {}
};

class Relationships final : public XmlHandler {
 public:
  std::map<std::string, std::string> targets;
  void start(std::string_view name, const char** attrs) override {
    if (name != "Relationship")
      return;
    const char* id = attribute(attrs, "Id");
    const char* target = attribute(attrs, "Target");
    if (id != nullptr && target != nullptr)
      targets[id] = target;
  }
  void end(std::string_view) override {}
  void text(std::string_view) override {}
};

// "B12" -> column 1, row 12; false when it is not a cell reference.
bool parse_ref(std::string_view ref, std::size_t& column, std::size_t& row) {
  std::size_t i = 0;
  column = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 4)
    column = column * 26 + static_cast<std::size_t>(ref[i++] - 'A' + 1);
  if (column == 0 || i == ref.size())
    return false;
  --column;
  row = 0;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9' || row > 10000000)
      return false;
    row = row * 10 + static_cast<std::size_t>(ref[i] - '0');
  }
  return row > 0;
}

class Sheet final : public XmlHandler {
 public:
  Sheet(const std::vector<std::string>& shared, TextBudget& budget)
      : shared_(shared), budget_(budget) {}

  std::map<std::size_t, std::vector<std::string>> rows;
  struct Merge {
    std::size_t column, first, last;
  };
  std::vector<Merge> merges;

  void start(std::string_view name, const char** attrs) override {
    if (name == "row") {
      row_ = attribute_number(attrs, "r", row_ + 1);
      column_ = 0;
    } else if (name == "c") {
      const char* ref = attribute(attrs, "r");
      std::size_t column = 0;
      std::size_t row = 0;
      if (ref != nullptr && parse_ref(ref, column, row)) {
        column_ = column;
        row_ = row;
      }
      const char* type = attribute(attrs, "t");
      type_ = type != nullptr ? type : "n";
      value_.clear();
      in_cell_ = true;
    } else if (in_cell_ && (name == "v" || name == "t")) {
      in_value_ = true;
    } else if (name == "mergeCell") {
      const char* ref = attribute(attrs, "ref");
      std::string_view range = ref != nullptr ? ref : "";
      std::size_t colon = range.find(':');
      std::size_t c1 = 0, r1 = 0, c2 = 0, r2 = 0;
      if (colon != std::string_view::npos && parse_ref(range.substr(0, colon), c1, r1) &&
          parse_ref(range.substr(colon + 1), c2, r2) && r2 > r1) {
        if (merges.size() >= kMaxRows)
          fail("import.too-many-cells");
        merges.push_back({c1, r1, r2});
      }
    }
  }

  void end(std::string_view name) override {
    if (name == "v" || name == "t") {
      in_value_ = false;
    } else if (name == "c" && in_cell_) {
      in_cell_ = false;
      place();
      ++column_;
    }
  }

  void text(std::string_view chars) override {
    if (in_value_) {
      if (value_.size() + chars.size() > kMaxPartBytes)
        fail("import.too-many-cells");
      value_ += chars;
    }
  }

 private:
  void place() {
    std::string text;
    if (type_ == "s") {
      std::size_t index =
          value_.empty() ? shared_.size() : std::strtoull(value_.c_str(), nullptr, 10);
      if (index < shared_.size()) {
        budget_.charge(shared_[index].size());  // each use of a shared string is a copy
        text = shared_[index];
      }
    } else if (type_ == "b") {
      text = value_ == "1" ? "TRUE" : "FALSE";
    } else {
      budget_.charge(value_.size());
      text = std::move(value_);
    }
    if (text.empty() || column_ >= kMaxColumns)
      return;
    auto& cells = rows[row_];
    if (cells.empty())
      sink_.count_cells(1);  // bounds the number of rows kept before they are collected
    sink_.count_cells(1);
    if (cells.size() < column_ + 1)
      cells.resize(column_ + 1);
    cells[column_] = std::move(text);
  }

  const std::vector<std::string>& shared_;
  TextBudget& budget_;
  RowSink sink_;
  std::size_t row_ = 0;
  std::size_t column_ = 0;
  std::string type_;
  std::string value_;
  bool in_cell_ = false;
  bool in_value_ = false;
};

std::string part_path(std::string target) {
  if (!target.empty() && target.front() == '/')
    return target.substr(1);
  return "xl/" + target;
}

}  // namespace

std::vector<Table> read_xlsx(std::string_view bytes) {
  ZipReader zip(bytes);
  SharedStrings shared;
  std::string strings = zip.read("xl/sharedStrings.xml", false);
  if (!strings.empty())
    parse_xml(strings, "xl/sharedStrings.xml", shared);
  Workbook workbook;
  parse_xml(zip.read("xl/workbook.xml"), "xl/workbook.xml", workbook);
  Relationships rels;
  std::string rels_xml = zip.read("xl/_rels/workbook.xml.rels", false);
  if (!rels_xml.empty())
    parse_xml(rels_xml, "xl/_rels/workbook.xml.rels", rels);

  std::vector<Table> tables;
  RowSink sink;
  TextBudget budget;
  std::size_t merge_steps = 0;  // merged ranges may overlap in a hostile file: bound the work
  for (std::size_t i = 0; i < workbook.sheets.size(); ++i) {
    const SheetRef& ref = workbook.sheets[i];
    auto target = rels.targets.find(ref.id);
    std::string part = target != rels.targets.end()
                           ? part_path(target->second)
                           : "xl/worksheets/sheet" + std::to_string(i + 1) + ".xml";
    if (!zip.has(part))
      continue;
    Sheet sheet(shared.strings, budget);
    parse_xml(zip.read(part), part, sheet);
    for (const auto& merge : sheet.merges) {
      auto first = sheet.rows.find(merge.first);
      if (first == sheet.rows.end() || merge.column >= first->second.size())
        continue;
      const std::string& text = first->second[merge.column];
      for (auto it = std::next(first); it != sheet.rows.end() && it->first <= merge.last; ++it) {
        if (++merge_steps > kMaxCells)
          fail("import.too-many-cells");
        if (it->second.size() < merge.column + 1)
          it->second.resize(merge.column + 1);
        if (it->second[merge.column].empty()) {
          budget.charge(text.size());
          it->second[merge.column] = text;
        }
      }
    }
    Table table;
    table.name = ref.name;
    table.lettered = true;
    for (auto& [number, cells] : sheet.rows)
      sink.add(table, TableRow{number, std::move(cells)});
    tables.push_back(std::move(table));
  }
  return tables;
}

}  // namespace perechen::importing
