// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

namespace perechen {

// The release version (from CMakeLists.txt) and the commit it was built from.
std::string_view version();
std::string_view build_commit();
// The project's site, ending in '/': where its documentation (docs/*.md) is published.
std::string_view homepage();

}  // namespace perechen
