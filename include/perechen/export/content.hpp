// SPDX-License-Identifier: Apache-2.0
#pragma once

// Which content export and publish read: the working tree, a commit, or the last fully approved
// version; with the version data the export shows above the table (the commit, the day it was
// fully approved, who approved it and when).

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "perechen/approval/content.hpp"
#include "perechen/approval/history.hpp"
#include "perechen/export/document.hpp"
#include "perechen/git/repository.hpp"
#include "perechen/registry/registry.hpp"
#include "perechen/registry/source.hpp"

namespace perechen::exporting {

// The repository of a registry with a reader of its versions, opened once per command, and the
// anchor its approvals are judged with (approval/anchor.hpp: `anchor` is the --anchor option, empty
// when not given; git's perechen.anchor is the default).
struct History {
  explicit History(const std::filesystem::path& registry_root, const std::string& anchor = {});
  History(const History&) = delete;
  History& operator=(const History&) = delete;

  std::unique_ptr<git::RegistryRepository> repository;
  std::unique_ptr<approval::ContentReader> reader;
  approval::EvaluateOptions options;

  const git::Repository& repo() const { return repository->repo; }
  // HEAD, or "head" / any git revision, peeled to a commit; Error(failure) when there is none.
  git::Oid resolve(const std::string& revision) const;
};

struct Content {
  std::unique_ptr<History> history;  // null for the working tree
  std::unique_ptr<ContentSource> source;
  Version version;
  // The evaluation `version` comes from: for "approved", of HEAD, whose base is the version (so
  // that publish judges its publication by it); empty for the working tree.
  approval::Status status;
};

// `revision`: "worktree" (the files as they are, in git or not), "approved" (the last fully
// approved content of HEAD's first-parent history), "head", or anything git rev-parse takes.
// A commit's version says whether its content is fully approved, when and by whom. Throws
// Error(failure) when the registry is not in a git repository (for anything but worktree) or the
// revision names no commit, and Error(problems) for "approved" when nothing is approved yet.
// `anchor`: as History's.
Content open_content(const std::filesystem::path& registry_root, const std::string& revision,
                     const std::string& anchor = {});

// The version data of `commit`: when `approved`, the day and approvers of the base of `status`
// (the evaluation of its history), with names and positions from the approved content's roster.
Version version_of(History& history, const git::Oid& commit, const approval::Status& status,
                   const std::string& revision, bool approved);

// The mark of the signature behind a counted approval, as the approval sheet shows it: for an SSH
// signature, the signer key's fingerprint; for a certificate (КЭП), its serial number, owner,
// issuer, validity and SHA-256. nullopt when the signer is neither. The one place that turns a
// signer into what people see.
std::optional<SignatureMark> signature_mark(const approval::Signer& signer);

// The registry of a content, loaded and checked by every rule of validate.
struct Checked {
  Registry registry;
  std::size_t errors = 0;
};
Checked load_checked(const Content& content);

// The date of a commit in the committer's own time zone, YYYY-MM-DD.
std::string commit_date(const git::Repository& repo, const git::Oid& commit);

}  // namespace perechen::exporting
