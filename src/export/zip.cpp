// SPDX-License-Identifier: Apache-2.0
#include "zip.hpp"

#include <zip.h>

#include <cstdio>
#include <memory>

#include "perechen/error.hpp"
#include "perechen/i18n.hpp"

namespace perechen::exporting {
namespace {

// DOS date 1980-01-01: year 0 from 1980, month 1, day 1; time 00:00:00.
constexpr zip_uint16_t kDosDate = (0u << 9) | (1u << 5) | 1u;
constexpr zip_uint16_t kDosTime = 0;

struct SourceFree {
  void operator()(zip_source_t* s) const { zip_source_free(s); }
};
struct ArchiveDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }
};

[[noreturn]] void fail(const std::string& what, const char* detail) {
  throw Error(ExitCode::failure,
              tr("export.zip-failed", fmt::arg("format", what), fmt::arg("what", detail)));
}

}  // namespace

std::string make_zip(const std::vector<ZipEntry>& entries, const std::string& what) {
  zip_error_t error;
  zip_error_init(&error);
  std::unique_ptr<zip_source_t, SourceFree> buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
  if (!buffer)
    fail(what, zip_error_strerror(&error));
  // The archive takes a reference of its own; ours keeps the bytes alive after zip_close.
  zip_source_keep(buffer.get());
  std::unique_ptr<zip_t, ArchiveDiscard> archive(
      zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error));
  if (!archive) {
    std::string detail = zip_error_strerror(&error);
    zip_error_fini(&error);
    fail(what, detail.c_str());
  }
  zip_error_fini(&error);

  for (const auto& entry : entries) {
    zip_source_t* data = zip_source_buffer(archive.get(), entry.data.data(), entry.data.size(), 0);
    if (data == nullptr)
      fail(what, zip_strerror(archive.get()));
    zip_int64_t index = zip_file_add(archive.get(), entry.name.c_str(), data, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(data);
      fail(what, zip_strerror(archive.get()));
    }
    auto i = static_cast<zip_uint64_t>(index);
    if (zip_set_file_compression(archive.get(), i, ZIP_CM_DEFLATE, 9) != 0 ||
        zip_file_set_dostime(archive.get(), i, kDosTime, kDosDate, 0) != 0) {
      fail(what, zip_strerror(archive.get()));
    }
  }
  if (zip_close(archive.get()) != 0)
    fail(what, zip_strerror(archive.get()));
  archive.release();  // zip_close freed it

  zip_source_t* src = buffer.get();
  if (zip_source_open(src) < 0)
    fail(what, zip_error_strerror(zip_source_error(src)));
  std::string bytes;
  char chunk[65536];
  zip_int64_t n = 0;
  while ((n = zip_source_read(src, chunk, sizeof chunk)) > 0) {
    bytes.append(chunk, static_cast<std::size_t>(n));
  }
  zip_source_close(src);
  if (n < 0)
    fail(what, zip_error_strerror(zip_source_error(src)));
  return bytes;
}

std::vector<ZipEntry> read_zip(const std::string& bytes, const std::string& what) {
  zip_error_t error;
  zip_error_init(&error);
  std::unique_ptr<zip_source_t, SourceFree> source(
      zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error));
  if (!source)
    fail(what, zip_error_strerror(&error));
  zip_source_keep(source.get());
  std::unique_ptr<zip_t, ArchiveDiscard> archive(
      zip_open_from_source(source.get(), ZIP_RDONLY, &error));
  if (!archive) {
    std::string detail = zip_error_strerror(&error);
    zip_error_fini(&error);
    fail(what, detail.c_str());
  }
  zip_error_fini(&error);
  struct FileClose {
    void operator()(zip_file_t* f) const { zip_fclose(f); }
  };
  std::vector<ZipEntry> entries;
  zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    auto index = static_cast<zip_uint64_t>(i);
    zip_stat_t stat;
    if (zip_stat_index(archive.get(), index, 0, &stat) != 0)
      fail(what, zip_strerror(archive.get()));
    std::unique_ptr<zip_file_t, FileClose> file(zip_fopen_index(archive.get(), index, 0));
    if (!file)
      fail(what, zip_strerror(archive.get()));
    std::string data(static_cast<std::size_t>(stat.size), '\0');
    if (zip_fread(file.get(), data.data(), stat.size) != static_cast<zip_int64_t>(stat.size))
      fail(what, zip_strerror(archive.get()));
    entries.push_back({stat.name, std::move(data)});
  }
  return entries;
}

}  // namespace perechen::exporting
