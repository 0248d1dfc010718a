// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

namespace perechen {

// The release version (from CMakeLists.txt) and the commit it was built from.
std::string_view version();
std::string_view build_commit();
// Where the user guide (docs/*.md) is, ending in '/': the site the build was told of
// (-DPERECHEN_DOCS_URL=https://…/), else the pages installed with the program
// (file:///usr/share/doc/perechen/, which `perechen help TOPIC` prints too). Never a made-up site.
std::string_view docs_url();

}  // namespace perechen
