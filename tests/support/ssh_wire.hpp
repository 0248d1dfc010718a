// SPDX-License-Identifier: Apache-2.0
#pragma once

// SSH wire format and base64 for building keys and signatures in tests, written independently of
// src/ssh so that the tests check it rather than repeat it.

#include <openssl/evp.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace perechen::test {

// A big-endian uint32 as SSH writes it.
inline std::string u32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}

// An SSH string: its length, then its bytes.
inline std::string str(std::string_view s) {
  return u32(static_cast<std::uint32_t>(s.size())) + std::string(s);
}

inline std::string base64(std::string_view bytes) {
  std::string out((bytes.size() + 2) / 3 * 4 + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// The bytes of base64 `text`; line breaks are skipped. Throws on what is not base64.
inline std::string unbase64(std::string_view text) {
  std::string compact;
  for (char c : text) {
    if (c != '\n' && c != '\r')
      compact.push_back(c);
  }
  std::string out(compact.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(compact.data()),
                          static_cast<int>(compact.size()));
  if (n < 0)
    throw std::runtime_error("not base64");
  std::size_t padding = 0;
  while (padding < compact.size() && compact[compact.size() - 1 - padding] == '=')
    ++padding;
  out.resize(static_cast<std::size_t>(n) - padding);
  return out;
}

// An SSHSIG blob in the armored form ssh-keygen writes: 70 characters a line.
inline std::string armor(std::string_view blob) {
  std::string b64 = base64(blob);
  std::string out = "-----BEGIN SSH SIGNATURE-----\n";
  for (std::size_t i = 0; i < b64.size(); i += 70)
    out += b64.substr(i, 70) + "\n";
  return out + "-----END SSH SIGNATURE-----\n";
}

// The blob of an armored SSH signature.
inline std::string dearmor(std::string_view armored) {
  auto begin = armored.find('\n') + 1;
  auto end = armored.find("-----END");
  return unbase64(armored.substr(begin, end - begin));
}

}  // namespace perechen::test
