// SPDX-License-Identifier: Apache-2.0
#include <zip.h>

#include <algorithm>
#include <memory>

#include "perechen/error.hpp"
#include "perechen/i18n.hpp"
#include "reader.hpp"

namespace perechen::importing {

void fail(std::string_view key) {
  throw Error(ExitCode::failure, tr(key));
}

void fail_part(std::string_view key, std::string_view part, std::string_view detail) {
  throw Error(ExitCode::failure, tr(key, fmt::arg("part", part), fmt::arg("detail", detail)));
}

namespace {

struct ArchiveDiscard {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct SourceFree {
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};
struct FileClose {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

}  // namespace

struct ZipReader::Impl {
  std::unique_ptr<zip_t, ArchiveDiscard> archive;
};

ZipReader::ZipReader(std::string_view bytes) : impl_(std::make_unique<Impl>()) {
  if (bytes.size() < 4 || bytes.substr(0, 4) != std::string_view("PK\x03\x04", 4))
    fail("import.not-zip");
  zip_error_t error;
  zip_error_init(&error);
  std::unique_ptr<zip_source_t, SourceFree> source(
      zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error));
  if (!source) {
    zip_error_fini(&error);
    fail("import.not-zip");
  }
  impl_->archive.reset(zip_open_from_source(source.get(), ZIP_RDONLY | ZIP_CHECKCONS, &error));
  zip_error_fini(&error);
  if (!impl_->archive)
    fail("import.not-zip");  // the source is still ours, and freed on the way out
  source.release();          // the archive owns it now, and frees it when discarded
  zip_int64_t entries = zip_get_num_entries(impl_->archive.get(), 0);
  if (entries < 0 || static_cast<std::size_t>(entries) > kMaxZipEntries)
    fail("import.zip-entries");
}

ZipReader::~ZipReader() = default;

bool ZipReader::has(const std::string& name) const {
  return zip_name_locate(impl_->archive.get(), name.c_str(), 0) >= 0;
}

std::vector<std::string> ZipReader::names() const {
  std::vector<std::string> result;
  zip_int64_t entries = zip_get_num_entries(impl_->archive.get(), 0);
  for (zip_int64_t i = 0; i < entries; ++i) {
    const char* name = zip_get_name(impl_->archive.get(), static_cast<zip_uint64_t>(i), 0);
    if (name != nullptr)
      result.emplace_back(name);
  }
  return result;
}

std::string ZipReader::read(const std::string& name, bool required) {
  zip_int64_t index = zip_name_locate(impl_->archive.get(), name.c_str(), 0);
  if (index < 0) {
    if (required)
      fail_part("import.part-missing", name, "");
    return {};
  }
  auto i = static_cast<zip_uint64_t>(index);
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(impl_->archive.get(), i, 0, &stat) != 0)
    fail_part("import.part-unreadable", name, zip_strerror(impl_->archive.get()));
  // The size the header claims, checked before anything is inflated.
  if ((stat.valid & ZIP_STAT_SIZE) != 0 &&
      (stat.size > kMaxPartBytes || unpacked_ + stat.size > kMaxUnpackedBytes)) {
    fail_part("import.zip-bomb", name, "");
  }
  std::unique_ptr<zip_file_t, FileClose> file(zip_fopen_index(impl_->archive.get(), i, 0));
  if (!file)
    fail_part("import.part-unreadable", name, zip_strerror(impl_->archive.get()));
  std::string out;
  char buffer[65536];
  while (true) {
    zip_int64_t n = zip_fread(file.get(), buffer, sizeof buffer);
    if (n < 0)
      fail_part("import.part-unreadable", name, zip_file_strerror(file.get()));
    if (n == 0)
      break;
    auto got = static_cast<std::size_t>(n);
    // The bytes really inflated, whatever the header said.
    if (out.size() + got > kMaxPartBytes || unpacked_ + got > kMaxUnpackedBytes)
      fail_part("import.zip-bomb", name, "");
    unpacked_ += got;
    out.append(buffer, got);
  }
  return out;
}

}  // namespace perechen::importing
