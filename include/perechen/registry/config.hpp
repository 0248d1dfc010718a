// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "perechen/registry/located.hpp"
#include "perechen/yaml/node.hpp"

namespace perechen {

inline constexpr const char* kConfigFile = "perechen.yaml";

// An entry of a dictionary of perechen.yaml: an institution (2.3), a client (1.3) or a kind.
// Clients, directions and processes may have a short_title: the export shows it in the table's
// cells and the full title in a legend after the table (spec §6.1); institutions have none.
struct Entry {
  LocatedText id;
  LocatedText title;
  LocatedText short_title;
};

struct Process {
  LocatedText id;
  LocatedText title;
  LocatedText short_title;
};

// A direction of activity (2.2.1) and its processes (2.2.2), in the order the list shows them.
struct Direction {
  LocatedText id;
  LocatedText title;
  std::vector<Process> processes;
  LocatedText short_title;
};

// A point kind added by the registry to the built-in ones.
struct CustomKind {
  LocatedText id;
  LocatedText title;
  LocatedText channel;
};

struct Publication {
  int working_days = 5;               // 3.1
  std::vector<LocatedText> days_off;  // the registry's own non-working days, YYYY-MM-DD
  // Days the registry makes working although the calendar has them off (a preliminary year
  // corrected by the decree before perechen ships it), YYYY-MM-DD. A day in both lists is off.
  std::vector<LocatedText> extra_working_days;
};

// perechen.yaml: the registry settings (spec §2.1).
struct Config {
  LocatedText title;
  LocatedText organization;
  std::vector<Entry> institutions;
  std::vector<Entry> clients;
  std::vector<Direction> directions;
  std::vector<CustomKind> kinds;
  Publication publication;
  yaml::Node tree;  // the file as parsed

  const Direction* find_direction(std::string_view id) const;
  const Process* find_process(std::string_view id) const;
  // The direction a process belongs to; nullptr for an unknown process.
  const Direction* direction_of(std::string_view process_id) const;
  const Entry* find_client(std::string_view id) const;
  const Entry* find_institution(std::string_view id) const;
  const CustomKind* find_kind(std::string_view id) const;
};

// Builds the model from a parsed perechen.yaml, leniently: values of the wrong type are left out
// (the registry-config and field rules report them).
Config read_config(const yaml::Node& tree);

}  // namespace perechen
