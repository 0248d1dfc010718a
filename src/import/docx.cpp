// SPDX-License-Identifier: Apache-2.0
// Tables of a Word document (word/document.xml). Every top-level w:tbl is a table; a table
// inside a cell gives its text to that cell. Cells are placed on the table's grid: w:gridBefore
// and w:gridSpan move the column, a cell merged down (w:vMerge without "restart") takes the text
// of the cell above it. Paragraphs and w:br are line breaks inside a cell; deleted text
// (w:delText) is not read.

#include "perechen/i18n.hpp"
#include "reader.hpp"

namespace perechen::importing {
namespace {

class DocxHandler final : public XmlHandler {
 public:
  std::vector<Table> tables;

  void start(std::string_view name, const char** attrs) override {
    if (name == "tbl") {
      if (++table_depth_ == 1) {
        tables.emplace_back();
        tables.back().name = tr("import.table-name", fmt::arg("number", tables.size()));
        row_number_ = 0;
        above_.clear();
      }
      return;
    }
    if (table_depth_ != 1) {
      if (table_depth_ > 1 && in_cell_)
        text_start(name);
      return;
    }
    if (name == "gridCol" && !in_cell_) {
      ++tables.back().grid;
    } else if (name == "tr") {
      row_ = TableRow{++row_number_, {}};
      column_ = 0;
    } else if (name == "gridBefore" && !in_cell_) {
      column_ += attribute_number(attrs, "val", 0);
    } else if (name == "tc") {
      in_cell_ = true;
      cell_.clear();
      span_ = 1;
      merge_ = Merge::none;
      paragraphs_ = 0;
    } else if (in_cell_ && name == "gridSpan") {
      span_ = std::max<std::size_t>(1, attribute_number(attrs, "val", 1));
    } else if (in_cell_ && name == "vMerge") {
      const char* val = attribute(attrs, "val");
      merge_ =
          val != nullptr && std::string_view(val) == "restart" ? Merge::restart : Merge::continued;
    } else if (in_cell_) {
      text_start(name);
    }
  }

  void end(std::string_view name) override {
    if (name == "tbl") {
      --table_depth_;
      return;
    }
    if (name == "t" || name == "instrText")
      in_text_ = false;
    if (table_depth_ != 1)
      return;
    if (name == "tc" && in_cell_) {
      in_cell_ = false;
      place_cell();
    } else if (name == "tr") {
      above_ = std::move(row_.cells);
      row_.cells = above_;
      sink_.add(tables.back(), std::move(row_));
      row_ = {};
    }
  }

  void text(std::string_view chars) override {
    if (in_cell_ && in_text_) {
      if (cell_.size() + chars.size() > kMaxPartBytes)
        fail("import.too-many-cells");
      cell_ += chars;
    }
  }

 private:
  enum class Merge { none, restart, continued };

  void text_start(std::string_view name) {
    if (name == "p") {
      if (paragraphs_++ > 0)
        cell_ += '\n';
    } else if (name == "t") {
      in_text_ = true;
    } else if (name == "br" || name == "cr") {
      cell_ += '\n';
    } else if (name == "tab") {
      cell_ += '\t';
    }
  }

  void place_cell() {
    if (column_ >= kMaxColumns) {
      column_ += span_;
      return;
    }
    if (row_.cells.size() < column_ + 1)
      row_.cells.resize(column_ + 1);
    if (merge_ == Merge::continued) {
      if (column_ < above_.size()) {
        budget_.charge(above_[column_].size());  // the text merged down is copied to this row
        row_.cells[column_] = above_[column_];
      }
    } else {
      budget_.charge(cell_.size());
      row_.cells[column_] = std::move(cell_);
    }
    sink_.count_cells(0);
    column_ += span_;
  }

  RowSink sink_;
  TextBudget budget_;
  std::size_t table_depth_ = 0;
  std::size_t row_number_ = 0;
  TableRow row_;
  std::vector<std::string> above_;
  std::size_t column_ = 0;
  bool in_cell_ = false;
  bool in_text_ = false;
  std::string cell_;
  std::size_t span_ = 1;
  Merge merge_ = Merge::none;
  std::size_t paragraphs_ = 0;
};

}  // namespace

std::vector<Table> read_docx(std::string_view bytes) {
  ZipReader zip(bytes);
  std::string document = zip.read("word/document.xml");
  DocxHandler handler;
  parse_xml(document, "word/document.xml", handler);
  return std::move(handler.tables);
}

}  // namespace perechen::importing
