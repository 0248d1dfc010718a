// SPDX-License-Identifier: Apache-2.0
// perechen verify [REV]: exit 0 only when the registry content at REV is fully approved with
// valid signatures; the gate for CI.

#include <iostream>
#include <sstream>

#include "context.hpp"
#include "perechen/approval/anchor.hpp"
#include "perechen/approval/history.hpp"
#include "perechen/approval/report.hpp"
#include "perechen/git/repository.hpp"

namespace perechen::cli {
namespace {

struct VerifyOptions {
  std::string rev = "HEAD";
  std::string anchor;
  std::string format = "text";
};

ExitCode run(const Context& ctx, const VerifyOptions& options) {
  auto opened = git::open_registry_repository(ctx.registry_root());
  git::Oid revision = opened.repo.require_commit(options.rev);
  approval::ContentReader reader(opened.repo, opened.prefix);
  approval::Status status =
      approval::evaluate(reader, revision, approval::evaluate_options(opened.repo, options.anchor));

  std::ostringstream out;
  if (options.format == "json") {
    out << approval::to_json(status, approval::ReportOptions{});
  } else {
    approval::write_verify_text(out, status);
  }
  std::cout << out.str() << std::flush;
  return status.approved ? ExitCode::ok : ExitCode::problems;
}

}  // namespace

void register_verify(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<VerifyOptions>();
  CLI::App* cmd = app.add_subcommand("verify", text("verify.description"));
  cmd->add_option("REV", options->rev, text("verify.opt-rev"));
  add_anchor_option(*cmd, options->anchor);
  cmd->add_option("--format", options->format, text("verify.opt-format"))
      ->check(one_of({"text", "json"}))
      ->type_name("text|json");
  cmd->callback([&ctx, options] { ctx.result = run(ctx, *options); });
}

}  // namespace perechen::cli
