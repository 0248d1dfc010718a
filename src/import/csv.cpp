// SPDX-License-Identifier: Apache-2.0
// CSV by RFC 4180, and the variants Windows programs write: Excel with Russian regional settings
// (a UTF-8 BOM or Windows-1251, ';' between fields), Notepad's "Unicode" (UTF-16 with its BOM).
// The encoding is decided first and the text made UTF-8: a UTF-16 BOM says UTF-16; valid UTF-8 is
// UTF-8; bytes that read as Cyrillic in Windows-1251 are Windows-1251; anything else is refused.
// (The two decoders are a table and a loop, kept here rather than iconv, which the Windows build
// does not have.) The separator is the one of ',', ';' and tab found most often outside quotes
// in the first record. Line breaks inside a quoted field are kept as '\n'; records may end in
// CRLF or LF. Rows are numbered by record, as a spreadsheet shows them.

#include "perechen/error.hpp"
#include "perechen/i18n.hpp"
#include "perechen/text.hpp"
#include "perechen/yaml/parse.hpp"
#include "reader.hpp"

namespace perechen::importing {
namespace {

// Windows-1251 bytes 0x80..0xBF; 0xC0..0xFF are А..я in order.
constexpr char32_t kCp1251High[64] = {
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409,
    0x2039, 0x040A, 0x040C, 0x040B, 0x040F, 0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F, 0x00A0,
    0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB,
    0x00AC, 0x00AD, 0x00AE, 0x0407, 0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6,
    0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457};

std::string from_cp1251(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x80)
      out += ch;
    else if (c < 0xC0)
      text::append_utf8(out, kCp1251High[c - 0x80]);
    else
      text::append_utf8(out, static_cast<char32_t>(0x0410 + (c - 0xC0)));
  }
  return out;
}

// UTF-16 after its BOM; a lone surrogate or an odd byte at the end is refused.
std::string from_utf16(std::string_view bytes, bool little) {
  auto unit = [&](std::size_t i) {
    auto a = static_cast<unsigned char>(bytes[i]);
    auto b = static_cast<unsigned char>(bytes[i + 1]);
    return static_cast<char32_t>(little ? a | (b << 8) : (a << 8) | b);
  };
  if (bytes.size() % 2 != 0)
    fail("import.csv-utf16-broken");
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size(); i += 2) {
    char32_t u = unit(i);
    if (u >= 0xD800 && u < 0xDC00) {
      if (i + 3 >= bytes.size())
        fail("import.csv-utf16-broken");
      char32_t low = unit(i + 2);
      if (low < 0xDC00 || low >= 0xE000)
        fail("import.csv-utf16-broken");
      u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
      i += 2;
    } else if (u >= 0xDC00 && u < 0xE000) {
      fail("import.csv-utf16-broken");
    }
    text::append_utf8(out, u);
  }
  return out;
}

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

std::vector<Table> read_csv(std::string_view raw) {
  if (raw.size() > kMaxFileBytes)
    fail("import.file-too-large");
  std::string decoded;
  std::string_view bytes = raw;
  if (raw.substr(0, 2) == "\xFF\xFE" || raw.substr(0, 2) == "\xFE\xFF") {
    decoded = from_utf16(raw.substr(2), raw[0] == '\xFF');
    bytes = decoded;
  } else {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF")
      bytes.remove_prefix(3);
    std::size_t bad = 0;
    if (!yaml::is_utf8(bytes, bad)) {
      if (!yaml::looks_like_cp1251(bytes))
        throw Error(ExitCode::failure, tr("import.csv-not-utf8", fmt::arg("offset", bad)));
      decoded = from_cp1251(bytes);
      bytes = decoded;
    }
  }
  if (bytes.find('\0') != std::string_view::npos)
    fail("import.csv-nul");
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
