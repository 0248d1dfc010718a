// SPDX-License-Identifier: Apache-2.0
// CSV by RFC 4180, and the variant Excel writes with Russian regional settings: a UTF-8 BOM, ';'
// between fields. The separator is the one of ',', ';' and tab found most often outside quotes
// in the first record. Line breaks inside a quoted field are kept as '\n'; records may end in
// CRLF or LF. Rows are numbered by record, as a spreadsheet shows them.

#include "perechen/error.hpp"
#include "perechen/i18n.hpp"
#include "perechen/yaml/parse.hpp"
#include "reader.hpp"

namespace perechen::importing {
namespace {

char detect_separator(std::string_view s) {
  std::size_t comma = 0, semicolon = 0, tab = 0;
  bool quoted = false;
  for (char c : s) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted) {
      if (c == '\n')
        break;
      comma += c == ',';
      semicolon += c == ';';
      tab += c == '\t';
    }
  }
  if (semicolon > comma && semicolon >= tab)
    return ';';
  if (tab > comma && tab > semicolon)
    return '\t';
  return ',';
}

}  // namespace

std::vector<Table> read_csv(std::string_view bytes) {
  if (bytes.size() > kMaxFileBytes)
    fail("import.file-too-large");
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF")
    bytes.remove_prefix(3);
  std::size_t bad = 0;
  if (!yaml::is_utf8(bytes, bad)) {
    throw Error(ExitCode::failure, yaml::looks_like_cp1251(bytes)
                                       ? tr("import.csv-cp1251")
                                       : tr("import.csv-not-utf8", fmt::arg("offset", bad)));
  }
  const char separator = detect_separator(bytes);
  std::vector<Table> tables(1);
  tables[0].name = "CSV";
  RowSink sink;
  TableRow row{1, {}};
  std::string field;
  std::size_t record = 1;
  std::size_t i = 0;
  const std::size_t n = bytes.size();
  auto end_field = [&] {
    if (row.cells.size() < kMaxColumns)
      row.cells.push_back(std::move(field));
    field.clear();
  };
  auto end_record = [&] {
    end_field();
    sink.add(tables[0], std::move(row));
    row = TableRow{++record, {}};
  };
  while (i < n) {
    char c = bytes[i];
    if (c == '"' && field.empty()) {
      // A quoted field: up to the quote that is not doubled.
      std::size_t start_line = record;
      ++i;
      while (true) {
        if (i >= n)
          throw Error(ExitCode::failure, tr("import.csv-quote", fmt::arg("row", start_line)));
        char q = bytes[i];
        if (q == '"') {
          if (i + 1 < n && bytes[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (q == '\r' && i + 1 < n && bytes[i + 1] == '\n') {
          ++i;
          continue;
        }
        field += q;
        ++i;
      }
      // Anything between the closing quote and the separator is kept, as spreadsheets do.
      continue;
    }
    if (c == separator) {
      end_field();
      ++i;
    } else if (c == '\r' && i + 1 < n && bytes[i + 1] == '\n') {
      end_record();
      i += 2;
    } else if (c == '\n') {
      end_record();
      ++i;
    } else {
      field += c;
      ++i;
    }
  }
  if (!field.empty() || !row.cells.empty())
    end_record();
  return tables;
}

}  // namespace perechen::importing
