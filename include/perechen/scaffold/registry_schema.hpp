// SPDX-License-Identifier: Apache-2.0
#pragma once

// The point schema of one registry: schemas/point.schema.json with this registry's process,
// client, institution and kind ids as `enum`s (their titles as descriptions), so that an editor
// completes the ids people most often get wrong and marks an unknown one as they type. Written to
// .perechen/schema/point.schema.json, which the editor settings of `perechen init` map onto
// points/**; `perechen schema --registry`, `init` and `validate` keep it up to date.

#include <filesystem>
#include <optional>
#include <string>

#include "perechen/registry/config.hpp"

namespace perechen::scaffold {

// Where the registry's point schema lives, relative to the registry root.
inline constexpr const char* kRegistrySchemaPath = ".perechen/schema/point.schema.json";

// The schema's text for `config` (messages in the current language).
std::string registry_point_schema(const Config& config);

// Writes the schema under `root` when its content differs from what is there; true when it
// wrote. Throws Error(failure) when it cannot write.
bool update_registry_schema(const std::filesystem::path& root, const Config& config);

// perechen.yaml under `root` as settings; nullopt when it cannot be read or parsed (validate
// says why).
std::optional<Config> read_config_file(const std::filesystem::path& root);

}  // namespace perechen::scaffold
