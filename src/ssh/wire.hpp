// SPDX-License-Identifier: Apache-2.0
#pragma once

// The SSH wire encoding (RFC 4251 §5) and base64, as OpenSSH keys and signatures use them. Every
// read is bounded by the bytes that are left, so a hostile length field can only make a read fail,
// never read past the end or allocate more than the input holds.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace perechen::ssh::wire {

using Bytes = std::vector<std::uint8_t>;
using View = std::span<const std::uint8_t>;

class Reader {
 public:
  explicit Reader(View data) : data_(data) {}

  std::optional<std::uint32_t> u32();
  // A length-prefixed string, as bytes.
  std::optional<View> string();
  // A length-prefixed string that must be text without NUL bytes (OpenSSH's cstring).
  std::optional<std::string_view> text();
  // `count` raw bytes.
  std::optional<View> bytes(std::size_t count);

  bool at_end() const { return pos_ == data_.size(); }

 private:
  View data_;
  std::size_t pos_ = 0;
};

class Writer {
 public:
  void raw(std::string_view s);
  void string(View s);
  void string(std::string_view s);
  const Bytes& bytes() const { return out_; }

 private:
  Bytes out_;
};

// The magnitude of an mpint (the contents of its string) without leading zero bytes; empty for
// zero. Negative numbers and magnitudes longer than `max_bytes` fail, as in OpenSSH's
// sshbuf_get_bignum2_bytes_direct.
std::optional<View> mpint_magnitude(View mpint, std::size_t max_bytes);

// Standard base64 with padding; ASCII white space between characters is skipped (OpenSSH's
// b64_pton does the same). Nothing on any other character, wrong padding or a partial group.
std::optional<Bytes> base64_decode(std::string_view text);
std::string base64_encode(View data);

// Text taken from untrusted bytes (a type name, a namespace) made safe to put into a message:
// control characters and non-ASCII bytes become '?', and it is cut after `max` characters.
std::string printable(std::string_view s, std::size_t max = 64);

View as_view(std::string_view s);
std::string_view as_text(View v);

}  // namespace perechen::ssh::wire
