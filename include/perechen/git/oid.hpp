// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <git2.h>

#include <compare>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace perechen::git {

// A git object id (SHA-1), a value type that can be compared, hashed and printed.
class Oid {
 public:
  Oid() = default;
  explicit Oid(const git_oid& raw) : raw_(raw) {}

  // The id of 40 hex digits (either case); nullopt for anything else (abbreviations included).
  static std::optional<Oid> parse(std::string_view hex);

  const git_oid* get() const { return &raw_; }
  git_oid* get() { return &raw_; }
  std::string hex() const;
  bool is_zero() const { return git_oid_is_zero(&raw_) != 0; }

  friend bool operator==(const Oid& a, const Oid& b) {
    return std::memcmp(a.raw_.id, b.raw_.id, GIT_OID_RAWSZ) == 0;
  }
  friend std::strong_ordering operator<=>(const Oid& a, const Oid& b) {
    int c = std::memcmp(a.raw_.id, b.raw_.id, GIT_OID_RAWSZ);
    return c < 0 ? std::strong_ordering::less
                 : (c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
  }

 private:
  git_oid raw_{};
};

// The id git gives a file with these bytes (a blob), computed without a repository.
Oid hash_blob(std::string_view bytes);

struct OidHash {
  std::size_t operator()(const Oid& oid) const {
    std::size_t h = 0;
    std::memcpy(&h, oid.get()->id, sizeof h);
    return h;
  }
};

}  // namespace perechen::git
