// SPDX-License-Identifier: Apache-2.0
// perechen's SSHSIG verdict against `ssh-keygen -Y check-novalidate` on mutated signatures: byte
// changes, insertions, deletions and truncations of the decoded blob and of the armor, from a
// fixed seed. Whenever ssh-keygen takes a mutant as a good signature of the message, perechen
// must too, and the other way round.

#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "fixture.hpp"
#include "perechen/ssh/sshsig.hpp"
#include "ssh_sign.hpp"
#include "ssh_wire.hpp"

using perechen::test::armor;
using perechen::test::dearmor;
using perechen::test::run;
using perechen::test::TempDir;

namespace {

const std::string kMessage = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n\nСогласовано\n";

// One random change of `bytes`: a byte replaced, inserted or removed, or the tail cut off.
std::string mutate(std::string bytes, std::mt19937& random) {
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n == 0 ? 0 : n - 1)(random);
  };
  auto byte = [&] { return static_cast<char>(pick(256)); };
  switch (pick(4)) {
    case 0:
      if (!bytes.empty())
        bytes[pick(bytes.size())] = byte();
      break;
    case 1:
      bytes.insert(bytes.begin() + static_cast<std::ptrdiff_t>(pick(bytes.size() + 1)), byte());
      break;
    case 2:
      if (!bytes.empty())
        bytes.erase(pick(bytes.size()), 1);
      break;
    default:
      bytes.resize(pick(bytes.size() + 1));
  }
  return bytes;
}

bool ssh_keygen_accepts(const TempDir& dir, const std::string& armored) {
  auto sig = dir.write("mutant.sig", armored);
  auto r = run({"ssh-keygen", "-Y", "check-novalidate", "-n", "git", "-s", sig.string()}, {}, {},
               kMessage);
  REQUIRE(r.signal == 0);
  return r.exit_code == 0;
}

}  // namespace

TEST_CASE("SSHSIG verdicts agree with ssh-keygen -Y check-novalidate on mutated signatures",
          "[sshsig]") {
  for (const char* type : {"ed25519", "ecdsa", "rsa"}) {
    SECTION(type) {
      TempDir dir;
      auto key = perechen::test::make_ssh_key(dir.path() / "key", type, "mutation test");
      const std::string original = perechen::test::ssh_keygen_sign(key.path, kMessage);
      REQUIRE(perechen::ssh::verify(original, kMessage, "git").good());
      REQUIRE(ssh_keygen_accepts(dir, original));

      const std::string blob = dearmor(original);
      std::mt19937 random(20261201);
      int agreed_good = 0;
      for (int i = 0; i < 120; ++i) {
        // Mostly the blob, re-armored; now and then the armored text itself.
        std::string mutant = i % 4 == 3 ? mutate(original, random) : armor(mutate(blob, random));
        bool ours = perechen::ssh::verify(mutant, kMessage, "git").good();
        bool theirs = ssh_keygen_accepts(dir, mutant);
        INFO("mutant " << i << ":\n" << mutant);
        CHECK(ours == theirs);
        agreed_good += ours && theirs ? 1 : 0;
      }
      // Most mutants are refused by both; the check would be empty if none were.
      CHECK(agreed_good < 120);
    }
  }
}
