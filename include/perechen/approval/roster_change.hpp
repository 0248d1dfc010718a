// SPDX-License-Identifier: Apache-2.0
#pragma once

// What a change does to roster.yaml, the root of trust (spec §5.1, rule 8): people added or
// removed (name, position), keys added or removed with their SHA-256 fingerprints, roles moved from
// whom to whom. `status`, `diff` and the `approve` prompt show it in full, so that an approver sees
// exactly whose keys will count once the change is approved, not only "roster.yaml changed".
//
// One structure, one comparison, three printers (text lines, JSON, Markdown), all in
// roster_change.cpp: whatever roster.yaml gains (certificates, trust, CRLs of spec §5.2) is added
// to RosterChange, compare_rosters() and the printers there, and every command shows it.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "perechen/registry/roster.hpp"

namespace perechen::approval {

struct RosterPerson {
  std::string id;
  std::string name;
  std::string position;
};

// A person's name or position that differs.
struct RosterPersonEdit {
  std::string id;
  std::string field;  // "name" or "position"
  std::string before;
  std::string after;
};

struct RosterKey {
  std::string person;       // the roster id the key is listed under
  std::string fingerprint;  // "SHA256:…" as `ssh-keygen -l` prints it; empty when not a valid key
  std::string algorithm;    // "ssh-ed25519", …; empty when not a valid key
  std::string comment;
  std::string line;  // the line as written (shown when it is not a valid key)
};

// A qualified-signature entry of roster.yaml (spec §5.2): a person's certificate (by СНИЛС or
// SHA-256), a trust certificate or a CRL, as people are shown it.
struct RosterCertificateEntry {
  std::string person;  // the roster id; empty for trust and crls
  std::string text;    // "СНИЛС 123-456-789 01", "SHA-256 3fa1…", "CN=УЦ (SHA-256 …)"
};

struct RoleMove {
  // "client_centricity", "direction_curator", "process_owner", "initiator" or "publisher" (who
  // may record a publication, spec §7).
  std::string role;
  std::string scope;  // the direction or process id; empty for client_centricity and initiator
  std::string from;   // the holder before; empty when nobody held it
  std::string to;     // the holder after; empty when nobody holds it now
};

struct RosterChange {
  // A version whose roster.yaml is absent or does not parse: nothing about it can be told.
  bool unreadable_before = false;
  bool unreadable_after = false;
  std::vector<RosterPerson> people_added;
  std::vector<RosterPerson> people_removed;
  std::vector<RosterPersonEdit> people_edited;
  std::vector<RosterKey> keys_added;
  std::vector<RosterKey> keys_removed;
  // In roster order: client_centricity, curators, owners, initiators, publishers.
  std::vector<RoleMove> roles;
  std::vector<RosterCertificateEntry> certificates_added;  // people's certificates
  std::vector<RosterCertificateEntry> certificates_removed;
  std::vector<RosterCertificateEntry> trust_added;  // trusted certification centres
  std::vector<RosterCertificateEntry> trust_removed;
  std::vector<RosterCertificateEntry> crls_added;
  std::vector<RosterCertificateEntry> crls_removed;

  // Nothing a person would notice: only layout or comments of roster.yaml changed.
  bool empty() const;
};

// From `before` to `after`; `before` nullptr for the first version (everything is added), either
// nullptr with `*_unreadable` set when that version's roster.yaml cannot be read.
RosterChange compare_rosters(const Roster* before, const Roster* after, bool first_version);

// The change as lines for people, in the current language, without indentation:
// "+ человек: Иванова Анна Петровна (ivanova), Заместитель …", "+ ключ ivanova: ssh-ed25519
// SHA256:…", "роль владелец процесса salary: sidorov → petrova".
std::vector<std::string> describe_roster_change(const RosterChange& change);

// The same lines as a Markdown list, one "- " item each (the sign as code, text escaped), ending in
// a newline: for `diff --format md` and `status --format md`.
std::string roster_change_markdown(const RosterChange& change);

// {"people_added": [...], "people_removed": [...], "people_edited": [...], "keys_added": [...],
//  "keys_removed": [...], "roles": [...], "unreadable_before": bool, "unreadable_after": bool}
nlohmann::ordered_json roster_change_json(const RosterChange& change);

}  // namespace perechen::approval
