// SPDX-License-Identifier: Apache-2.0
// What every backend of perechen/platform/environment.hpp shares.

#include "perechen/platform/environment.hpp"

namespace perechen::platform {

std::string windows_path_text(std::string_view utf8) {
  std::string text(utf8);
  for (char& c : text) {
    if (c == '\\')
      c = '/';
  }
  // \\?\C:\… is C:\…, and \\?\UNC\server\share is \\server\share.
  if (text.rfind("//?/UNC/", 0) == 0)
    return "//" + text.substr(8);
  if (text.rfind("//?/", 0) == 0)
    return text.substr(4);
  return text;
}

std::filesystem::path path_from_utf8(std::string_view text) {
  return std::filesystem::path(std::u8string(text.begin(), text.end()));
}

}  // namespace perechen::platform
