// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "perechen/registry/located.hpp"
#include "perechen/yaml/node.hpp"

namespace perechen {

// A satisfied need of 2.6: a code and, optionally, the interaction it describes (2.7).
struct Need {
  LocatedText code;
  LocatedText description;
};

// A source the point was identified from (2.4).
struct Basis {
  yaml::Position pos;
  LocatedText type;  // internal_act | contract | instruction
  LocatedText title;
};

// One interaction point, one file (spec §2.3).
struct Point {
  std::string file;  // relative to the registry root, '/' separators
  LocatedText process;
  LocatedText name;
  LocatedText channel;  // digital | offline
  LocatedText kind;
  LocatedText url;
  LocatedText address;
  std::vector<LocatedText> clients;
  LocatedText value;
  std::vector<Need> needs;
  std::vector<Basis> basis;
  LocatedText prepared_by;
  yaml::Node tree;  // the file as parsed
};

Point read_point(std::string file, yaml::Node tree);

}  // namespace perechen
