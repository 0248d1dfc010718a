// SPDX-License-Identifier: Apache-2.0
// What every backend of perechen/platform/files.hpp shares.

#include "perechen/platform/files.hpp"

namespace perechen::platform {

TempFile::~TempFile() {
  remove();
}

TempFile::TempFile(TempFile&& other) noexcept : path_(std::move(other.path_)) {
  other.path_.clear();
}

TempFile& TempFile::operator=(TempFile&& other) noexcept {
  if (this != &other) {
    remove();
    path_ = std::move(other.path_);
    other.path_.clear();
  }
  return *this;
}

void write_output(const std::filesystem::path& path, std::string_view content) {
  write_output(output_target(path), content);
}

std::string utf8_path(const std::filesystem::path& path) {
  std::u8string text = path.u8string();
  return std::string(text.begin(), text.end());
}

}  // namespace perechen::platform
