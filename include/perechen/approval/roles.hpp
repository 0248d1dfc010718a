// SPDX-License-Identifier: Apache-2.0
#pragma once

// Who must approve a change (spec §5, clause 3.4). For every process with a point added, removed
// or changed, or that was itself added, removed, renamed or moved: the owner of that process and
// the curator of its direction (of both directions for a move). Always: the client-centricity
// deputy. A change to settings or to the roster: the client-centricity deputy and every direction
// curator.
//
// Holders and their keys are read from the roster of the base, never from the roster the change
// brings; the first version is read with its own roster (the trust anchor). A process or direction
// that is new in the change (absent from the base's perechen.yaml) and has no holder in the base's
// roster needs no owner or curator of its own: adding it changes the settings, which needs the
// client-centricity deputy and every curator of the base. A role of the base that nobody holds
// there is listed with no holder and cannot be approved.
//
// A role may have several holders (a head and whoever stands in for them, spec §2.2): an approval
// by any one of them covers it, and the others need not approve.

#include <compare>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "perechen/approval/change.hpp"
#include "perechen/approval/signature.hpp"
#include "perechen/ssh/public_key.hpp"

namespace perechen::approval {

enum class Role { process_owner, direction_curator, client_centricity };

std::string_view to_string(Role role);  // "process_owner", "direction_curator", "client_centricity"
std::optional<Role> parse_role(std::string_view name);

// A role and what it is for: a process id, a direction id, or nothing for client_centricity.
struct RoleScope {
  Role role = Role::client_centricity;
  std::string scope;

  friend auto operator<=>(const RoleScope&, const RoleScope&) = default;
  friend bool operator==(const RoleScope&, const RoleScope&) = default;
};

// "process_owner salary", "client_centricity": the form of the Perechen-Role trailer.
std::string format_role(const RoleScope& role);
std::optional<RoleScope> parse_role_scope(std::string_view text);

struct Requirement {
  RoleScope role;
  // The roster ids of its holders, in the order the base's roster names them; empty when nobody
  // holds the role. Any one of them approves it.
  std::vector<std::string> people;
  bool named_by_change = false;  // always false: holders come from the base (kept for reports)
  // The roster whose entry for `person` says which keys and certificates count: the base's.
  // nullptr when nobody holds the role.
  std::shared_ptr<const Roster> holder_roster;
  // The roster whose trust certificates and revocation lists judge: the base's (the version's own
  // for the first).
  std::shared_ptr<const Roster> trust;

  // Whether `person` is one of the holders.
  bool held_by(std::string_view person) const;
  // The entry of holder `person` in holder_roster; nullptr when they hold no such role.
  const Person* holder(std::string_view person) const;
};

// Whether `signer` is `person` and `person` a holder of `requirement`, at `time` (signature.hpp's
// match_person).
Match signer_holds(const Requirement& requirement, std::string_view person, const Signer& signer,
                   std::int64_t time);

// The approvals `change` needs, from `base` to `current` (`base` nullptr for the first version):
// process owners in the order of perechen.yaml, then curators, then client_centricity. Empty when
// the versions are identical.
std::vector<Requirement> required_roles(const Change& change, const Snapshot* base,
                                        const Snapshot& current);

// The roster people whose keys include `key`, in roster order.
std::vector<std::string> people_with_key(const Roster& roster, const ssh::PublicKey& key);

}  // namespace perechen::approval
