// SPDX-License-Identifier: Apache-2.0
#pragma once

// Shared by the key parser and the signature verifier: a key blob checked through, together with
// the OpenSSL key built from it, so a signature's key is parsed once and used at once.

#include <optional>
#include <string>

#include "../core/openssl.hpp"
#include "perechen/ssh/public_key.hpp"
#include "wire.hpp"

namespace perechen::ssh::detail {

struct KeyBlob {
  std::optional<PublicKey> key;
  ossl::Pkey pkey;
  std::string error;         // why not, in the current language
  bool unsupported = false;  // a well-formed blob of a type perechen does not accept
};

KeyBlob parse_key_blob(wire::View blob, std::string comment);

}  // namespace perechen::ssh::detail
