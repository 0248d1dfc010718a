// SPDX-License-Identifier: Apache-2.0
#pragma once

// What the readers of src/import share: a zip archive opened from memory that never unpacks
// more than the limits of table.hpp, a streaming XML parser (expat) that refuses DTDs and
// entities and bounds nesting, and the collection of rows under the row and cell limits.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "perechen/import/table.hpp"

namespace perechen::importing {

[[noreturn]] void fail(std::string_view key);
[[noreturn]] void fail_part(std::string_view key, std::string_view part, std::string_view detail);

// A zip archive in memory (libzip), read-only. Each part is read through a budget: the size its
// header claims is checked first, then the bytes actually inflated are counted, so a header that
// lies does not help a zip bomb.
class ZipReader {
 public:
  explicit ZipReader(std::string_view bytes);  // Error: not a zip, too many entries
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  bool has(const std::string& name) const;
  std::vector<std::string> names() const;
  // The part's bytes; Error when absent (`required`) or over a limit; empty when absent otherwise.
  std::string read(const std::string& name, bool required = true);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::size_t unpacked_ = 0;
};

// A streaming view of XML elements. Names are local names (prefix dropped); `attrs` is expat's
// array of name, value pairs ending in nullptr.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void start(std::string_view name, const char** attrs) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view chars) = 0;
};

// Parses `xml` (the part `part` of the archive, for messages) into `handler`. Error on broken
// XML, on a DOCTYPE or entity declaration (so no entity expansion and no external entities),
// and on nesting deeper than kMaxXmlDepth.
void parse_xml(std::string_view xml, std::string_view part, XmlHandler& handler);

// The value of the attribute with local name `name`, or nullptr.
const char* attribute(const char** attrs, std::string_view name);
// A non-negative number from an attribute; `fallback` when absent or not a number.
std::size_t attribute_number(const char** attrs, std::string_view name, std::size_t fallback);

// Collects rows under the limits: a row without text is dropped, cells right of kMaxColumns are
// not kept.
class RowSink {
 public:
  // Adds `row` (trimmed of empty cells at its end) to `table` unless it has no text.
  void add(Table& table, TableRow row);
  void count_cells(std::size_t n);

 private:
  std::size_t rows_ = 0;
  std::size_t cells_ = 0;
};

// Counts the bytes of text a reader is about to produce (kMaxTextBytes); Error before the limit
// is passed, so that what expansion would make is never made.
class TextBudget {
 public:
  void charge(std::size_t bytes);

 private:
  std::size_t used_ = 0;
};

bool has_text(const std::vector<std::string>& cells);

}  // namespace perechen::importing
