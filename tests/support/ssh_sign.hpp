// SPDX-License-Identifier: Apache-2.0
#pragma once

// Signatures made by the real ssh-keygen at test time, to check perechen's verifier against.

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "fixture.hpp"

namespace perechen::test {

// `message` signed with the private key at `key` as `git commit -S` signs (`ssh-keygen -Y sign -n
// git`), or in another namespace and with `-O` options; the armored signature.
inline std::string ssh_keygen_sign(const std::filesystem::path& key, const std::string& message,
                                   const std::string& name_space = "git",
                                   const std::vector<std::string>& options = {}) {
  TempDir dir;
  std::filesystem::path file = dir.write("message", message);
  std::vector<std::string> argv{"ssh-keygen", "-q",       "-Y", "sign",
                                "-n",         name_space, "-f", key.string()};
  for (const auto& o : options) {
    argv.push_back("-O");
    argv.push_back(o);
  }
  argv.push_back(file.string());
  auto r = run(argv);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return dir.read("message.sig");
}

}  // namespace perechen::test
