// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace perechen {

// Files of data/ and schemas/ compiled into the binary, by their path from the source root
// ("data/needs.yaml", "schemas/point.schema.json").
std::optional<std::string_view> embedded_file(std::string_view path);
std::vector<std::string_view> embedded_files();

}  // namespace perechen
