#pragma once

// SSH wire format and base64 for building keys and signatures in tests, written independently of
// src/ssh so that the tests check it rather than repeat it.

#include <openssl/evp.h>

#include <cstdint>
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

}  // namespace perechen::test
