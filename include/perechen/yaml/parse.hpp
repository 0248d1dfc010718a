// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "perechen/diagnostic.hpp"
#include "perechen/yaml/node.hpp"

namespace perechen::yaml {

inline constexpr std::size_t kMaxFileSize = 1024 * 1024;  // file-limits: 1 MiB
inline constexpr int kMaxDepth = 64;                      // file-limits: nesting levels

// Parses one registry file. Hostile input is caught here, before it can crash anything or eat
// memory: bytes that are not UTF-8 (Windows-1251 named as such), NUL bytes, files over 1 MiB,
// nesting deeper than 64, duplicate keys (both places), anchors, aliases and merge keys, several
// documents. A UTF-8 byte order mark is accepted. Findings go to `out` under `path`; the tree is
// returned only when the file can be trusted (no yaml-* / file-* error). An empty file gives a
// null node.
std::optional<Node> parse(const std::string& path, std::string_view bytes, Diagnostics& out);

// True when `bytes` are valid UTF-8; otherwise `bad_offset` is the first bad byte.
bool is_utf8(std::string_view bytes, std::size_t& bad_offset);
// A guess that bytes which are not UTF-8 are Cyrillic text in Windows-1251.
bool looks_like_cp1251(std::string_view bytes);

}  // namespace perechen::yaml
