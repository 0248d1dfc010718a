// SPDX-License-Identifier: Apache-2.0
#pragma once

// Writes an abstract history (model.hpp) as a real git repository: blobs, trees (crafted ones
// with two entries of one name written as raw objects, which libgit2's treebuilder refuses) and
// commits made with libgit2, approvals signed in-process with Ed25519 in the SSHSIG format that
// `git commit -S` with gpg.format=ssh writes into the `gpgsig` header. No work tree, no programs
// run: a history of fifty commits takes milliseconds.

#include <git2.h>
#include <openssl/evp.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "model.hpp"
#include "perechen/git/handle.hpp"

namespace perechen::model {

// The SSH keys of a run: Ed25519 keys made in-process from fixed bytes, so that a seed gives the
// same commit ids on every run (Ed25519 signatures are deterministic).
class Keys {
 public:
  static const Keys& get();
  ~Keys();
  Keys(const Keys&) = delete;
  Keys& operator=(const Keys&) = delete;

  std::size_t size() const { return keys_.size(); }
  // "ssh-ed25519 AAAA… k3"
  const std::string& line(int key) const { return lines_.at(static_cast<std::size_t>(key)); }
  // The armored SSH signature of `message` in namespace "git".
  std::string sign(int key, const std::string& message) const;

 private:
  Keys();
  std::vector<EVP_PKEY*> keys_;
  std::vector<std::string> blobs_;  // the public keys in SSH wire format
  std::vector<std::string> lines_;
};

class RepoBuilder {
 public:
  // Makes a bare repository at `dir` (an empty or missing folder).
  explicit RepoBuilder(const std::filesystem::path& dir);
  ~RepoBuilder();
  RepoBuilder(const RepoBuilder&) = delete;
  RepoBuilder& operator=(const RepoBuilder&) = delete;

  // Writes commit `c` (its parents are written) and sets history.commits[c].id.
  void write(History& history, std::size_t c);
  // The content id of commit c (the id of a tree of perechen.yaml, points/ and roster.yaml), hex;
  // empty when it holds no registry.
  const std::string& content_id(std::size_t c) const { return content_ids_.at(c); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::string blob(const std::string& bytes);
  struct Entry {
    std::string name;
    std::string id;  // hex
    bool tree = false;
  };
  std::string tree(std::vector<Entry> entries);  // written as given, after a stable sort
  std::string points_tree(const Content& content);
  std::string registry_entries(const Content& content, std::vector<Entry>& out);

  std::filesystem::path path_;
  git::RepositoryHandle repo_;
  git::OdbHandle odb_;
  std::map<std::string, std::string> blobs_;  // bytes -> id
  std::vector<std::string> content_ids_;
};

// The files as the builder writes them (for reports and for the tests of the model).
std::string settings_yaml(const Settings& settings);
std::string roster_yaml(const Roster& roster);
std::string point_yaml(const std::string& path, const Point& point, bool twin = false);

}  // namespace perechen::model
