// SPDX-License-Identifier: Apache-2.0
// Sheets of an OpenDocument spreadsheet (content.xml). Repeated rows and cells
// (number-rows-repeated, number-columns-repeated) are expanded only when they hold text, so the
// million empty rows a sheet may declare cost nothing; a cell spanning rows
// (number-rows-spanned) gives its text to the covered cells below it. Paragraphs (text:p) and
// text:line-break are line breaks; text:s is a run of spaces.

#include <map>

#include "perechen/i18n.hpp"
#include "reader.hpp"

namespace perechen::importing {
namespace {

class OdsHandler final : public XmlHandler {
 public:
  std::vector<Table> tables;

  void start(std::string_view name, const char** attrs) override {
    if (name == "table") {
      if (++table_depth_ == 1) {
        tables.emplace_back();
        const char* title = attribute(attrs, "name");
        tables.back().name = title != nullptr ? title : "";
        tables.back().lettered = true;
        row_number_ = 0;
        spans_.clear();
      }
      return;
    }
    if (table_depth_ != 1) {
      if (table_depth_ > 1 && in_cell_)
        text_start(name, attrs);
      return;
    }
    if (name == "table-row") {
      row_ = TableRow{row_number_ + 1, {}};
      row_repeat_ = std::max<std::size_t>(1, attribute_number(attrs, "number-rows-repeated", 1));
      column_ = 0;
    } else if (name == "table-cell" || name == "covered-table-cell") {
      in_cell_ = true;
      covered_ = name == "covered-table-cell";
      cell_.clear();
      paragraphs_ = 0;
      column_repeat_ =
          std::max<std::size_t>(1, attribute_number(attrs, "number-columns-repeated", 1));
      rows_spanned_ = attribute_number(attrs, "number-rows-spanned", 1);
    } else if (in_cell_) {
      text_start(name, attrs);
    }
  }

  void end(std::string_view name) override {
    if (name == "table") {
      --table_depth_;
      return;
    }
    if (table_depth_ != 1)
      return;
    if ((name == "table-cell" || name == "covered-table-cell") && in_cell_) {
      in_cell_ = false;
      place_cells();
    } else if (name == "table-row") {
      finish_row();
    }
  }

  void text(std::string_view chars) override {
    if (in_cell_ && paragraphs_ > 0) {
      if (cell_.size() + chars.size() > kMaxPartBytes)
        fail("import.too-many-cells");
      cell_ += chars;
    }
  }

 private:
  void text_start(std::string_view name, const char** attrs) {
    if (name == "p" || name == "h") {
      if (paragraphs_++ > 0)
        cell_ += '\n';
    } else if (name == "line-break") {
      cell_ += '\n';
    } else if (name == "tab") {
      cell_ += '\t';
    } else if (name == "s") {
      std::size_t spaces = std::min<std::size_t>(attribute_number(attrs, "c", 1), 1000);
      budget_.charge(spaces);  // 2.5 million text:s of 1000 spaces are counted, never made
      cell_.append(spaces, ' ');
    }
  }

  void place_cells() {
    if (column_ >= kMaxColumns)
      return;
    bool text = !cell_.empty();
    if (!text) {
      // An empty cell, or a covered one: it may be covered by a span from above.
      auto span = spans_.find(column_);
      if (covered_ && span != spans_.end()) {
        set_cell(column_, span->second.text);
      }
      column_ += column_repeat_;
      return;
    }
    std::size_t repeat = std::min(column_repeat_, kMaxColumns - column_);
    for (std::size_t k = 0; k < repeat; ++k) {
      set_cell(column_ + k, cell_);
      if (rows_spanned_ > 1)
        spans_[column_ + k] = Span{cell_, row_number_ + 1 + rows_spanned_ - 1};
    }
    column_ += column_repeat_;
  }

  void set_cell(std::size_t column, const std::string& text) {
    budget_.charge(text.size());  // each column a cell repeats over, each row it spans
    if (row_.cells.size() < column + 1)
      row_.cells.resize(column + 1);
    row_.cells[column] = text;
  }

  void finish_row() {
    bool text = has_text(row_.cells);
    std::size_t repeat = text ? std::min(row_repeat_, kMaxRows + 1) : 1;
    std::size_t rows = text ? repeat : row_repeat_;
    std::size_t row_text = 0;
    for (const auto& c : row_.cells)
      row_text += c.size();
    for (std::size_t k = 0; k < repeat; ++k) {
      if (k > 0)
        budget_.charge(row_text);  // a repeated row is a copy
      TableRow copy = row_;
      copy.number = row_number_ + 1 + k;
      sink_.add(tables.back(), std::move(copy));
    }
    row_number_ += rows;
    for (auto it = spans_.begin(); it != spans_.end();) {
      it = it->second.last <= row_number_ ? spans_.erase(it) : std::next(it);
    }
    row_ = {};
  }

  struct Span {
    std::string text;
    std::size_t last;  // the last row it covers
  };

  RowSink sink_;
  TextBudget budget_;
  std::size_t table_depth_ = 0;
  std::size_t row_number_ = 0;
  TableRow row_;
  std::size_t row_repeat_ = 1;
  std::size_t column_ = 0;
  std::size_t column_repeat_ = 1;
  std::size_t rows_spanned_ = 1;
  bool in_cell_ = false;
  bool covered_ = false;
  std::string cell_;
  std::size_t paragraphs_ = 0;
  std::map<std::size_t, Span> spans_;
};

}  // namespace

std::vector<Table> read_ods(std::string_view bytes) {
  ZipReader zip(bytes);
  std::string content = zip.read("content.xml");
  OdsHandler handler;
  parse_xml(content, "content.xml", handler);
  return std::move(handler.tables);
}

}  // namespace perechen::importing
