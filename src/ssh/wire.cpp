// SPDX-License-Identifier: Apache-2.0
#include "wire.hpp"

#include <openssl/evp.h>

#include <limits>

namespace perechen::ssh::wire {

std::optional<std::uint32_t> Reader::u32() {
  auto b = bytes(4);
  if (!b)
    return std::nullopt;
  return (std::uint32_t{(*b)[0]} << 24) | (std::uint32_t{(*b)[1]} << 16) |
         (std::uint32_t{(*b)[2]} << 8) | std::uint32_t{(*b)[3]};
}

std::optional<View> Reader::bytes(std::size_t count) {
  if (count > data_.size() - pos_)
    return std::nullopt;
  View out = data_.subspan(pos_, count);
  pos_ += count;
  return out;
}

std::optional<View> Reader::string() {
  auto length = u32();
  if (!length)
    return std::nullopt;
  return bytes(*length);
}

std::optional<std::string_view> Reader::text() {
  auto s = string();
  if (!s)
    return std::nullopt;
  for (auto c : *s) {
    if (c == 0)
      return std::nullopt;
  }
  return as_text(*s);
}

std::optional<View> mpint_magnitude(View v, std::size_t max_bytes) {
  if (!v.empty() && (v[0] & 0x80U) != 0)
    return std::nullopt;  // negative
  while (!v.empty() && v[0] == 0)
    v = v.subspan(1);
  if (v.size() > max_bytes)
    return std::nullopt;
  return v;
}

void Writer::raw(std::string_view s) {
  out_.insert(out_.end(), s.begin(), s.end());
}

void Writer::string(View s) {
  // Everything written here comes from a parsed input, itself framed by 32-bit lengths.
  auto n = static_cast<std::uint32_t>(s.size());
  out_.push_back(static_cast<std::uint8_t>(n >> 24));
  out_.push_back(static_cast<std::uint8_t>(n >> 16));
  out_.push_back(static_cast<std::uint8_t>(n >> 8));
  out_.push_back(static_cast<std::uint8_t>(n));
  out_.insert(out_.end(), s.begin(), s.end());
}

void Writer::string(std::string_view s) {
  string(as_view(s));
}

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// The 6-bit value of a base64 character, or -1.
int sextet(char c) {
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+')
    return 62;
  if (c == '/')
    return 63;
  return -1;
}

}  // namespace

std::optional<Bytes> base64_decode(std::string_view text) {
  std::string compact;
  compact.reserve(text.size());
  for (char c : text) {
    if (!is_space(c))
      compact.push_back(c);
  }
  if (compact.size() % 4 != 0)
    return std::nullopt;
  if (compact.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    return std::nullopt;
  }
  std::size_t padding = 0;
  while (padding < compact.size() && compact[compact.size() - 1 - padding] == '=')
    ++padding;
  if (padding > 2)
    return std::nullopt;
  for (std::size_t i = 0; i + padding < compact.size(); ++i) {
    if (sextet(compact[i]) < 0)
      return std::nullopt;
  }
  // OpenSSL's decoder is lax about padding and the unused low bits of the last group; OpenSSH
  // rejects both (they would be a channel for hidden data), so they are checked here.
  if (padding > 0) {
    int last = sextet(compact[compact.size() - 1 - padding]);
    int unused_mask = padding == 2 ? 0x0F : 0x03;
    if ((last & unused_mask) != 0)
      return std::nullopt;
  }
  Bytes out(compact.size() / 4 * 3);
  int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(compact.data()),
                          static_cast<int>(compact.size()));
  if (n < 0 || static_cast<std::size_t>(n) != out.size())
    return std::nullopt;
  out.resize(out.size() - padding);
  return out;
}

std::string base64_encode(View data) {
  std::string out((data.size() + 2) / 3 * 4 + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data.data(),
                          static_cast<int>(data.size()));
  out.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
  return out;
}

std::string printable(std::string_view s, std::size_t max) {
  std::string out;
  for (char c : s.substr(0, max)) {
    auto u = static_cast<unsigned char>(c);
    out.push_back(u >= 0x20 && u < 0x7F ? c : '?');
  }
  if (s.size() > max)
    out += "...";
  return out;
}

View as_view(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

std::string_view as_text(View v) {
  return {reinterpret_cast<const char*>(v.data()), v.size()};
}

}  // namespace perechen::ssh::wire
