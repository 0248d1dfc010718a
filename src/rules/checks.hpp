// SPDX-License-Identifier: Apache-2.0
#pragma once

// The rule units of `perechen validate` (spec §3). Each reads the loaded
// registry and appends its findings; none depends on another. A new rule is a
// new file here and one line in all.cpp.

#include <span>
#include <string_view>

#include "perechen/diagnostic.hpp"
#include "perechen/registry/registry.hpp"

namespace perechen::rules {

using CheckFn = void (*)(const Registry&, Diagnostics&);

struct Check {
  std::string_view name;  // the unit's file name, for finding it
  CheckFn run;
};

// Every unit, in the order they run.
std::span<const Check> all_checks();

// fields.cpp: unknown-field, field-type, missing-field, empty-value (every
// file, by its format).
void check_fields(const Registry& registry, Diagnostics& out);
// process.cpp: unknown-process.
void check_process(const Registry& registry, Diagnostics& out);
// clients.cpp: unknown-client.
void check_clients(const Registry& registry, Diagnostics& out);
// institution.cpp: unknown-institution.
void check_institution(const Registry& registry, Diagnostics& out);
// channel.cpp: channel-invalid, kind-unknown, kind-channel-mismatch.
void check_channel(const Registry& registry, Diagnostics& out);
// needs.cpp: needs-missing, need-unknown, need-duplicate,
// need-other-undescribed.
void check_needs(const Registry& registry, Diagnostics& out);
// duplicate.cpp: point-duplicate (2.7), across the files of one process.
void check_duplicates(const Registry& registry, Diagnostics& out);
// basis.cpp: basis-missing, basis-invalid.
void check_basis(const Registry& registry, Diagnostics& out);
// contact.cpp: contact-missing, url-invalid.
void check_contact(const Registry& registry, Diagnostics& out);
// config.cpp: registry-config of perechen.yaml.
void check_config(const Registry& registry, Diagnostics& out);
// roster.cpp: registry-config of roster.yaml, against perechen.yaml.
void check_roster(const Registry& registry, Diagnostics& out);
// certificates.cpp: registry-config of trust, crls and people's certificates (spec §5.2).
void check_certificates(const Registry& registry, Diagnostics& out);
// lookalike.cpp: text-lookalike, invisible characters in names and ids, and words of a name that
// mix Latin and Cyrillic letters or hold a look-alike letter of another script.
void check_lookalikes(const Registry& registry, Diagnostics& out);

}  // namespace perechen::rules
