// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace perechen::yaml {

// A 1-based line and column (in characters) in the source file; 0 when unknown.
struct Position {
  int line = 0;
  int column = 0;
};

enum class NodeKind { null, scalar, sequence, map };

struct MapEntry;

// A YAML node with the place it came from. perechen builds its own tree from yaml-cpp's events
// (see parse.hpp) so that every key and value keeps its position, duplicate keys are seen, and
// aliases are never expanded.
struct Node {
  NodeKind kind = NodeKind::null;
  Position pos;
  std::string scalar;       // the text of a scalar
  bool quoted = false;      // a scalar written in quotes or as a block (never a number or boolean)
  std::vector<Node> items;  // sequence
  std::vector<MapEntry> entries;  // map, in file order

  bool is_null() const { return kind == NodeKind::null; }
  bool is_scalar() const { return kind == NodeKind::scalar; }
  bool is_sequence() const { return kind == NodeKind::sequence; }
  bool is_map() const { return kind == NodeKind::map; }

  // The value under `key` in a map; nullptr when absent or when this is not a map.
  const Node* find(std::string_view key) const;
  const MapEntry* find_entry(std::string_view key) const;
  // The name of the kind for messages: "текст"/"text", "список"/"list", ...
  std::string_view kind_name() const;
};

struct MapEntry {
  std::string key;
  Position key_pos;
  Node value;
};

}  // namespace perechen::yaml
