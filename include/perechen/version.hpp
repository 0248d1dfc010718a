#pragma once

#include <string_view>

namespace perechen {

// The release version (from CMakeLists.txt) and the commit it was built from.
std::string_view version();
std::string_view build_commit();

}  // namespace perechen
