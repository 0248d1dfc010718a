// SPDX-License-Identifier: Apache-2.0
#pragma once

// Helpers for the approval tests (unit and e2e): throwaway SSH keys, a registry repository whose
// roster holds those keys, and approval commits made by git itself (`git commit -S` with
// gpg.format=ssh), so these tests do not depend on `perechen approve`.

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "fixture.hpp"

namespace perechen::test {

struct Key {
  std::filesystem::path file;  // the private key; the public key is next to it, .pub
  std::string line;            // "ssh-ed25519 AAAA… comment"
};

// A key pair made by ssh-keygen without a passphrase.
inline Key make_key(const TempDir& dir, const std::string& name,
                    const std::string& type = "ed25519") {
  std::filesystem::create_directories(dir.path() / "keys");
  const std::string bits = type == "rsa" ? "2048" : type == "ecdsa" ? "256" : "";
  SshKey key = make_ssh_key(dir.path() / "keys" / name, type, name, bits);
  return Key{key.path, key.public_line};
}

// The people of write_minimal_registry(): ivanova (client_centricity), petrova (curator of pay
// and docs), sidorov (owner of salary, vacation, certificates), and kuznetsova, an initiator.
struct People {
  Key ivanova, petrova, sidorov, kuznetsova;
};

inline People make_people(const TempDir& keys, const std::string& type = "ed25519") {
  return People{make_key(keys, "ivanova", type), make_key(keys, "petrova", type),
                make_key(keys, "sidorov", type), make_key(keys, "kuznetsova", type)};
}

// roster.yaml for `people`; `roles` replaces the default roles block when given.
inline std::string roster_yaml(const People& people, const std::string& roles = {}) {
  auto person = [](const std::string& id, const std::string& name, const std::string& position,
                   const Key& key) {
    return "  - id: " + id + "\n    name: " + name + "\n    position: " + position +
           "\n    keys:\n      - " + key.line + "\n";
  };
  std::string text = "people:\n";
  text += person("ivanova", "Иванова Анна Петровна", "Заместитель начальника управления",
                 people.ivanova);
  text += person("petrova", "Петрова Мария Ивановна", "Заместитель начальника управления",
                 people.petrova);
  text += person("sidorov", "Сидоров Петр Николаевич", "Начальник отдела", people.sidorov);
  text += person("kuznetsova", "Кузнецова Ольга Сергеевна", "Бухгалтер", people.kuznetsova);
  text += roles.empty() ? R"(roles:
  client_centricity: ivanova
  direction_curators:
    pay: petrova
    docs: petrova
  process_owners:
    salary: sidorov
    vacation: sidorov
    certificates: sidorov
  initiators: [kuznetsova]
)"
                        : roles;
  return text;
}

// The trailer block of an approval (the fixed format of the design).
inline std::string approval_message(const std::string& content, const std::string& base,
                                    const std::string& approver,
                                    const std::vector<std::string>& roles) {
  std::string text =
      "Согласование изменений перечня\n\nPerechen-Approval: 1\nPerechen-Content: " + content +
      "\nPerechen-Base: " + base + "\nPerechen-Approver: " + approver + "\n";
  for (const auto& role : roles)
    text += "Perechen-Role: " + role + "\n";
  return text;
}

// git with an SSH signing key (commit -S signs with it).
inline std::string git_signed(const std::filesystem::path& repo, const Key& key,
                              std::vector<std::string> args) {
  std::vector<std::string> all{"-c", "gpg.format=ssh", "-c",
                               "user.signingkey=" + key.file.string()};
  all.insert(all.end(), args.begin(), args.end());
  return git(repo, all);
}

// Makes an empty signed commit with `message` and returns its id.
inline std::string approve_with_git(const std::filesystem::path& repo, const Key& key,
                                    const std::string& message) {
  git_signed(repo, key, {"commit", "-q", "--allow-empty", "-S", "-m", message});
  std::string head = git(repo, {"rev-parse", "HEAD"});
  return head.substr(0, 40);
}

// Commits everything in the working tree and returns the new commit id.
inline std::string commit_all(const std::filesystem::path& repo, const std::string& message) {
  git(repo, {"add", "-A"});
  git(repo, {"commit", "-q", "-m", message});
  return git(repo, {"rev-parse", "HEAD"}).substr(0, 40);
}

}  // namespace perechen::test
