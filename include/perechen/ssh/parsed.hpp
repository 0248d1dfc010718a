// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace perechen::ssh {

// A value read from untrusted text, or the reason it could not be read. The reason is a
// sentence in the current language (perechen::tr), ready to put into a message or Diagnostic.
template <typename T>
struct Parsed {
  std::optional<T> value;
  std::string error;  // empty when `value` is set

  static Parsed ok(T v) { return Parsed{std::move(v), {}}; }
  static Parsed fail(std::string why) { return Parsed{std::nullopt, std::move(why)}; }

  explicit operator bool() const { return value.has_value(); }
  const T& operator*() const { return *value; }
  const T* operator->() const { return &*value; }
};

}  // namespace perechen::ssh
