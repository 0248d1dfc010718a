// SPDX-License-Identifier: Apache-2.0
// perechen roster allowed-signers: the roster as an OpenSSH allowed_signers file, so that
// `git verify-commit` can check approvals with the keys perechen trusts. By default the roster is
// that of the current approved version (spec §5.1, rule 8), never the one a pending change brings;
// stderr says which commit it came from.

#include <iostream>
#include <memory>

#include "context.hpp"
#include "perechen/approval/allowed_signers.hpp"
#include "perechen/approval/anchor.hpp"
#include "perechen/approval/history.hpp"
#include "perechen/error.hpp"
#include "perechen/git/tree_source.hpp"
#include "perechen/git/worktree_source.hpp"
#include "perechen/i18n.hpp"
#include "perechen/platform/environment.hpp"
#include "perechen/platform/files.hpp"
#include "perechen/yaml/parse.hpp"

namespace perechen::cli {
namespace {

struct RosterOptions {
  std::string rev;  // empty: the current approved version
  std::string anchor;
};

// The commit whose roster to print, saying on stderr which it is and why; nullopt for the working
// tree (a registry not yet in git, or with no commit).
std::optional<git::Oid> roster_commit(const RosterOptions& options,
                                      const git::RegistryRepository* opened) {
  if (opened == nullptr) {
    std::cerr << "perechen: " << tr("roster.from-worktree") << "\n";
    return std::nullopt;
  }
  if (!options.rev.empty()) {
    git::Oid commit = opened->repo.require_commit(options.rev);
    std::cerr << "perechen: " << tr("roster.from-rev", fmt::arg("commit", commit.hex())) << "\n";
    return commit;
  }
  git::Oid head = *opened->repo.head();
  approval::ContentReader reader(opened->repo, opened->prefix);
  approval::Status status =
      approval::evaluate(reader, head, approval::evaluate_options(opened->repo, options.anchor));
  if (status.approved_commit) {
    std::cerr << "perechen: "
              << tr("roster.from-approved", fmt::arg("commit", status.approved_commit->hex()))
              << "\n";
    return *status.approved_commit;
  }
  std::cerr << "perechen: " << tr("roster.from-head", fmt::arg("commit", head.hex())) << "\n";
  return head;
}

ExitCode run_allowed_signers(const Context& ctx, const RosterOptions& options) {
  std::filesystem::path root = ctx.registry_root();
  std::unique_ptr<ContentSource> source;
  std::optional<git::RegistryRepository> opened;  // the repository must outlive its source
  std::string origin = platform::path_text(root / kRosterFile);
  auto repo = git::Repository::discover(root);
  if (!options.rev.empty() || (repo && repo->head()))
    opened.emplace(git::open_registry_repository(root));
  if (auto commit = roster_commit(options, opened ? &*opened : nullptr)) {
    source = std::make_unique<git::GitTreeSource>(opened->repo, *commit, opened->prefix);
    origin = kRosterFile + std::string(" @ ") + commit->hex();
  } else {
    source = git::make_worktree_source(root);
  }
  Diagnostics problems;
  std::optional<std::string> bytes = source->read(kRosterFile, problems);
  std::optional<yaml::Node> tree;
  if (bytes)
    tree = yaml::parse(kRosterFile, *bytes, problems);
  if (!tree) {
    std::string why = problems.empty() ? std::string() : problems.items().front().message;
    throw Error(ExitCode::problems,
                tr("approval.roster-unreadable", fmt::arg("origin", origin), fmt::arg("why", why)));
  }
  auto signers = approval::allowed_signers(read_roster(*tree), origin);
  std::cout << signers.text << std::flush;
  for (const auto& skipped : signers.skipped) {
    std::cerr << "perechen: " << tr("approval.roster-key-skipped", fmt::arg("what", skipped))
              << "\n";
  }
  return ExitCode::ok;
}

}  // namespace

void register_roster(CLI::App& app, Context& ctx) {
  CLI::App* roster = app.add_subcommand("roster", text("roster.description"));
  roster->require_subcommand(1);
  auto options = std::make_shared<RosterOptions>();
  CLI::App* cmd = roster->add_subcommand("allowed-signers", text("roster.allowed-signers"));
  cmd->add_option("--rev", options->rev, text("roster.opt-rev"))->type_name("REV");
  add_anchor_option(*cmd, options->anchor);
  cmd->callback([&ctx, options] { ctx.result = run_allowed_signers(ctx, *options); });
}

}  // namespace perechen::cli
