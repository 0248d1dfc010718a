// SPDX-License-Identifier: Apache-2.0
#include "perechen/git/oid.hpp"

#include <cctype>

#include "perechen/git/handle.hpp"
#include "perechen/i18n.hpp"

namespace perechen::git {

std::optional<Oid> Oid::parse(std::string_view hex) {
  if (hex.size() != GIT_OID_HEXSZ)
    return std::nullopt;
  for (char c : hex) {
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0)
      return std::nullopt;
  }
  Oid oid;
  if (git_oid_fromstrn(oid.get(), hex.data(), hex.size()) != 0)
    return std::nullopt;
  return oid;
}

std::string Oid::hex() const {
  char buf[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(buf, sizeof buf, &raw_);
  return std::string(buf, GIT_OID_HEXSZ);
}

Oid hash_blob(std::string_view bytes) {
  ensure_initialized();
  Oid oid;
  check(git_odb_hash(oid.get(), bytes.data(), bytes.size(), GIT_OBJECT_BLOB), tr("git.hash"));
  return oid;
}

}  // namespace perechen::git
