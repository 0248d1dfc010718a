// SPDX-License-Identifier: Apache-2.0
#include "perechen/approval/allowed_signers.hpp"

#include "perechen/ssh/public_key.hpp"
#include "perechen/text.hpp"

namespace perechen::approval {

AllowedSigners allowed_signers(const Roster& roster, const std::string& origin) {
  AllowedSigners result;
  result.text = "# perechen roster allowed-signers: " + origin + "\n";
  for (const auto& person : roster.people) {
    // A principal is a word of the file; anything but a slug could break the line apart.
    if (!person.id.present || !text::is_slug(person.id.value))
      continue;
    for (const auto& line : person.keys) {
      auto key = ssh::parse_public_key(line.value);
      if (!key) {
        result.skipped.push_back(person.id.value + ": " + key.error);
        continue;
      }
      result.text += person.id.value + " namespaces=\"git\" " + key->openssh() + "\n";
    }
  }
  return result;
}

}  // namespace perechen::approval
