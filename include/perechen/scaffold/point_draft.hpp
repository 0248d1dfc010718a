// SPDX-License-Identifier: Apache-2.0
#pragma once

// A new point file, as `perechen new` writes it: what is known (process, name, channel, kind, and
// whatever was answered at the terminal) as YAML, and what is left to fill as comments, so that
// the fields stay absent and `validate` lists them until someone fills them.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "perechen/registry/config.hpp"

namespace perechen::scaffold {

// A need of clause 2.6, with the description that `other` requires (empty: none).
struct DraftNeed {
  std::string code;
  std::string description;
};

struct PointDraft {
  std::string process;
  std::string name;
  std::string channel;  // digital | offline
  std::string kind;     // empty: no kind
  // What is empty below is left to fill, as a comment that shows how.
  std::string contact;  // url of a digital point, address of an offline one
  std::vector<std::string> clients;
  std::string value;
  std::vector<DraftNeed> needs;
  std::string basis_type;  // internal_act | contract | instruction
  std::string basis_title;
  std::string prepared_by;
};

// A file name stem from a point's name: Cyrillic transliterated (ж -> zh, ц -> ts, ...), Latin
// letters and digits kept, everything else a single '-', at most 60 characters; "point" when
// nothing is left.
std::string slug(std::string_view name);

// The content of the point file, written by yaml::Writer. `schema_ref` goes into the
// yaml-language-server modeline; the comments name the clients and institutions of `config` and
// are in the current language.
std::string point_file_text(const PointDraft& draft, const Config& config,
                            std::string_view schema_ref);

// Writes `content` to points/<direction>/<stem>.yaml under `root`, or <stem>-2.yaml, <stem>-3.yaml
// ... when that name is taken; never over an existing file. Returns the path written.
std::filesystem::path create_point_file(const std::filesystem::path& root,
                                        std::string_view direction, std::string_view stem,
                                        const std::string& content);

// The modeline reference from a point file at `file` to the registry's schemas/point.schema.json.
std::string schema_ref(const std::filesystem::path& root, const std::filesystem::path& file);

}  // namespace perechen::scaffold
