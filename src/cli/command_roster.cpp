// perechen roster allowed-signers: the roster as an OpenSSH allowed_signers file, so that
// `git verify-commit` can check approvals with the keys perechen trusts.

#include <iostream>
#include <memory>

#include "context.hpp"
#include "perechen/approval/allowed_signers.hpp"
#include "perechen/error.hpp"
#include "perechen/git/tree_source.hpp"
#include "perechen/i18n.hpp"
#include "perechen/yaml/parse.hpp"

namespace perechen::cli {
namespace {

struct RosterOptions {
  std::string rev;  // empty: the working tree
};

ExitCode run_allowed_signers(const Context& ctx, const RosterOptions& options) {
  std::filesystem::path root = ctx.registry_root();
  std::unique_ptr<ContentSource> source;
  std::optional<git::RegistryRepository> opened;  // the repository must outlive its source
  std::string origin = (root / kRosterFile).string();
  if (options.rev.empty()) {
    source = make_directory_source(root.string());
  } else {
    opened.emplace(git::open_registry_repository(root));
    git::Oid commit = opened->repo.require_commit(options.rev);
    source = std::make_unique<git::GitTreeSource>(opened->repo, commit, opened->prefix);
    origin = kRosterFile + std::string(" @ ") + commit.hex();
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
  cmd->callback([&ctx, options] { ctx.result = run_allowed_signers(ctx, *options); });
}

}  // namespace perechen::cli
