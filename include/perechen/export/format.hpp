// SPDX-License-Identifier: Apache-2.0
#pragma once

// The export formats of spec §6 and the one entry point that writes a document in any of them.
// Every writer is a pure function of the document and the options: no clock, no environment, so
// the same input gives the same bytes.

#include <optional>
#include <string>
#include <string_view>

#include "perechen/export/document.hpp"

namespace perechen::exporting {

enum class Format { html, csv, json, md, xlsx, docx };

std::optional<Format> parse_format(std::string_view name);
std::string_view format_name(Format format);
// xlsx and docx: never written to a terminal.
bool is_binary(Format format);

struct WriteOptions {
  bool fragment = false;    // html: the table alone, to paste into a page of the site
  bool with_style = false;  // html fragment: with a small stylesheet of its own
  bool excel = false;       // csv: a UTF-8 BOM and ';' between fields, as Russian Excel expects
  std::string order_number;  // docx, xlsx: «Приложение к приказу от … № …»; blanks to fill in
  std::string order_date;      // by hand when empty; YYYY-MM-DD
  bool sheet_in_file = false;  // docx: the approval sheet is kept in the file, not attached
};

// The bytes of `doc` in `format`. Throws perechen::Error(failure) when a zip or xlsx library fails.
std::string write(const Document& doc, Format format, const WriteOptions& options = {});

std::string write_html(const Document& doc, bool fragment, bool with_style = false);
std::string write_csv(const Document& doc, bool excel);
std::string write_json(const Document& doc);
std::string write_md(const Document& doc);
std::string write_xlsx(const Document& doc, const WriteOptions& options = {});
std::string write_docx(const Document& doc, const WriteOptions& options);

}  // namespace perechen::exporting
