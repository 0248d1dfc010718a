// SPDX-License-Identifier: Apache-2.0
#pragma once

// For the harnesses of the zip formats (docx, xlsx, ods): a fuzzer that mutates a whole zip
// mostly breaks its checksums and never reaches the XML inside. Input that starts with "PK" is
// given to the reader as it is (the zip layer); any other input becomes the XML parts of a zip
// made here, stored without compression, so mutations reach the readers of the XML.

#include <zip.h>

#include "perechen/error.hpp"
#include "perechen/import/import.hpp"
#include "perechen/import/table.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace perechen::fuzz {

inline bool is_zip(std::string_view bytes) {
  return bytes.size() >= 2 && bytes[0] == 'P' && bytes[1] == 'K';
}

// A zip archive holding `parts` (name, bytes), stored; empty if libzip fails.
inline std::string make_zip(const std::vector<std::pair<std::string, std::string_view>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_error_fini(&error);
  if (buffer == nullptr)
    return {};
  zip_source_keep(buffer);
  zip_error_init(&error);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  zip_error_fini(&error);
  if (archive == nullptr) {
    zip_source_free(buffer);
    return {};
  }
  for (const auto& [name, bytes] : parts) {
    zip_source_t* part = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
    if (part == nullptr)
      continue;
    zip_int64_t index = zip_file_add(archive, name.c_str(), part, ZIP_FL_OVERWRITE);
    if (index < 0) {
      zip_source_free(part);
      continue;
    }
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  std::string out;
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    zip_source_free(buffer);
    return {};
  }
  if (zip_source_open(buffer) == 0) {
    char chunk[65536];
    zip_int64_t got = 0;
    while ((got = zip_source_read(buffer, chunk, sizeof chunk)) > 0)
      out.append(chunk, static_cast<std::size_t>(got));
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  return out;
}

// The harness: `bytes` (a zip, or the XML of `parts`, each given the same bytes) read as `format`
// and mapped into a plan, which must end in tables or a perechen::Error, never a crash.
inline void read_zip_format(std::string_view bytes, importing::Format format,
                            std::string_view file_name,
                            const std::vector<std::pair<std::string, std::string_view>>& fixed,
                            const std::vector<std::string>& parts) {
  std::string archive;
  if (!is_zip(bytes)) {
    auto all = fixed;
    for (const auto& name : parts)
      all.emplace_back(name, bytes);
    archive = make_zip(all);
    bytes = archive;
  }
  try {
    auto tables = importing::read_tables(bytes, format, file_name);
    importing::plan_import(tables, file_name, nullptr);
  } catch (const Error&) {
  }
}

}  // namespace perechen::fuzz
