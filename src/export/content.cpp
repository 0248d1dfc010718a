// SPDX-License-Identifier: Apache-2.0
#include "perechen/export/content.hpp"

#include <algorithm>

#include "perechen/approval/anchor.hpp"
#include "perechen/approval/report.hpp"
#include "perechen/cms/cms.hpp"
#include "perechen/error.hpp"
#include "perechen/git/tree_source.hpp"
#include "perechen/git/worktree_source.hpp"
#include "perechen/i18n.hpp"
#include "perechen/rules/validate.hpp"

namespace perechen::exporting {

namespace fs = std::filesystem;

History::History(const fs::path& registry_root, const std::string& anchor)
    : repository(
          std::make_unique<git::RegistryRepository>(git::open_registry_repository(registry_root))),
      reader(std::make_unique<approval::ContentReader>(repository->repo, repository->prefix)),
      options(approval::evaluate_options(repository->repo, anchor)) {}

git::Oid History::resolve(const std::string& revision) const {
  std::string name = revision == "head" ? std::string("HEAD") : revision;
  std::optional<git::Oid> commit = repo().resolve_commit(name);
  if (commit)
    return *commit;
  // An unborn repository cannot run at all (3); a revision that does not exist is a bad argument
  // (2), as for status, verify and roster (spec §4).
  if (!repo().head())
    throw Error(ExitCode::failure, tr("git.no-commits"));
  throw Error(ExitCode::usage, tr("export.no-revision", fmt::arg("rev", revision)));
}

std::string commit_date(const git::Repository& repo, const git::Oid& commit) {
  git::RawCommit raw = repo.raw_commit(commit);
  return approval::When{raw.time, raw.offset_minutes}.date();
}

std::optional<SignatureMark> signature_mark(const approval::Signer& signer) {
  SignatureMark mark;
  if (signer.certificate) {
    const cms::SignerCertificate& certificate = *signer.certificate;
    mark.kind = SignatureMark::Kind::certificate;
    mark.fingerprint = certificate.sha256;
    mark.serial = certificate.serial;
    mark.owner = certificate.owner;
    mark.issuer = certificate.issuer;
    mark.valid_from = approval::When{certificate.not_before, 0}.date();
    mark.valid_to = approval::When{certificate.not_after, 0}.date();
    return mark;
  }
  if (!signer.key)
    return std::nullopt;
  mark.kind = SignatureMark::Kind::ssh;
  mark.fingerprint = signer.key->fingerprint();
  return mark;
}

Version version_of(History& history, const git::Oid& commit, const approval::Status& status,
                   const std::string& revision, bool approved) {
  Version version;
  version.revision = revision;
  version.commit = commit.hex();
  version.commit_date = commit_date(history.repo(), commit);
  if (!approved || !status.approved_commit)
    return version;
  version.approved = true;
  version.approved_on = status.approved_when.date();
  if (status.anchored)
    version.anchor = status.anchor.value_or(*status.approved_commit).hex();
  auto roster = history.reader->at(*status.approved_commit).roster();
  for (const auto& approval : status.approvals) {
    auto it = std::find_if(version.approvers.begin(), version.approvers.end(),
                           [&](const Approver& a) { return a.person == approval.person; });
    if (it == version.approvers.end()) {
      Approver approver;
      approver.person = approval.person;
      approver.name = approval.person;
      if (const Person* person = roster ? roster->find_person(approval.person) : nullptr) {
        approver.name = person->name.value;
        approver.position = person->position.value;
      }
      // The capacity the approval was given in, as the roster that judged it says (spec §2.2):
      // «и.о. начальника отдела …» for whoever stood in for a head.
      if (std::string acting = approval::acting_of(approval.person, status); !acting.empty())
        approver.position = acting;
      version.approvers.push_back(std::move(approver));
      it = std::prev(version.approvers.end());
    }
    it->date = std::max(it->date, approval.when.date());
    if (auto mark = signature_mark(approval.signer)) {
      if (std::find(it->marks.begin(), it->marks.end(), *mark) == it->marks.end())
        it->marks.push_back(std::move(*mark));
    }
    for (const auto& role : approval.roles) {
      it->roles.push_back({std::string(approval::to_string(role.role)), role.scope});
    }
  }
  return version;
}

Content open_content(const fs::path& registry_root, const std::string& revision,
                     const std::string& anchor) {
  Content content;
  if (revision == "worktree") {
    content.source = git::make_worktree_source(registry_root);
    content.version.revision = revision;
    return content;
  }
  content.history = std::make_unique<History>(registry_root, anchor);
  History& history = *content.history;
  git::Oid commit;
  approval::Status status;
  if (revision == "approved") {
    git::Oid head = history.resolve("HEAD");
    status = approval::evaluate(*history.reader, head, history.options);
    if (!status.approved_commit)
      throw Error(ExitCode::problems, tr("export.nothing-approved"));
    commit = *status.approved_commit;
    // The status of HEAD describes its base, the approved content, with the approvals that made it.
    content.version = version_of(history, commit, status, revision, true);
  } else {
    commit = history.resolve(revision);
    // A tree that does not read unambiguously is named before anything else is read of it.
    history.reader->at(commit).require_well_formed();
    status = approval::evaluate(*history.reader, commit, history.options);
    content.version = version_of(history, commit, status, revision, status.approved);
  }
  content.source =
      std::make_unique<git::GitTreeSource>(history.repo(), commit, history.repository->prefix);
  content.status = std::move(status);
  return content;
}

Checked load_checked(const Content& content) {
  Checked checked;
  ValidationResult result =
      validate(*content.source, {}, &checked.registry, {}, CalendarFiles::skip);
  checked.errors = result.errors();
  return checked;
}

}  // namespace perechen::exporting
