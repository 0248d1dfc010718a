// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <string>
#include <vector>

#include "perechen/registry/located.hpp"
#include "perechen/yaml/node.hpp"

namespace perechen {

inline constexpr const char* kRosterFile = "roster.yaml";

// Who a person is in a qualified certificate (spec §5.2): any certificate with this СНИЛС under a
// trust certificate, or exactly the certificate with this SHA-256. One of the two is present.
struct CertificateRef {
  LocatedText snils;   // as written: "123-456-789 01"
  LocatedText sha256;  // hex of the SHA-256 of the certificate's DER
  yaml::Position pos;  // the entry
};

struct Person {
  LocatedText id;
  LocatedText name;
  LocatedText position;
  // The capacity the person signs in when it is not their position: «и.о. начальника отдела …»
  // for whoever stands in for a head (spec §2.2). Absent for most.
  LocatedText acting;
  std::vector<LocatedText> keys;  // OpenSSH public keys, "ssh-ed25519 AAAA... comment"
  std::vector<CertificateRef> certificates;
};

// Who holds the roles of clause 3.4 (and who initiates changes, 3.2). A role may have several
// holders (a head and whoever stands in for them, spec §2.2): `salary: [sidorov, kozlov]` is two
// entries (salary, sidorov) and (salary, kozlov), in the order written; one approval by any
// holder covers the role.
struct Roles {
  std::vector<LocatedText> client_centricity;                           // its holders
  std::vector<std::pair<LocatedText, LocatedText>> direction_curators;  // direction -> person
  std::vector<std::pair<LocatedText, LocatedText>> process_owners;      // process -> person
  std::vector<LocatedText> initiators;
};

// roster.yaml (spec §2.2).
struct Roster {
  std::vector<Person> people;
  Roles roles;
  std::vector<LocatedText> trust;  // certificates of trusted certification centres, PEM
  std::vector<LocatedText> crls;   // certificate revocation lists, PEM
  // Who may record the publication of a version (spec §7): ids of people. Empty: anyone of people.
  std::vector<LocatedText> publishers;
  yaml::Node tree;

  const Person* find_person(std::string_view id) const;
  // The person ids holding a role, in the order written; empty when nobody does.
  std::vector<std::string> curators_of(std::string_view direction) const;
  std::vector<std::string> owners_of(std::string_view process) const;
  std::vector<std::string> client_centricity_holders() const;
};

Roster read_roster(const yaml::Node& tree);

}  // namespace perechen
