// SPDX-License-Identifier: Apache-2.0
// perechen status: the last fully approved version, the pending change, each approval it needs
// (present, missing, rejected and why), and the publication deadline.

#include <iostream>
#include <sstream>

#include "context.hpp"
#include "perechen/approval/anchor.hpp"
#include "perechen/approval/history.hpp"
#include "perechen/approval/report.hpp"
#include "perechen/export/publication.hpp"
#include "perechen/git/repository.hpp"

namespace perechen::cli {
namespace {

struct StatusOptions {
  std::string format = "text";
  std::string rev = "HEAD";
  std::string anchor;
};

// The publication of the approved version (spec §7): the due date from the production calendar
// and whether `publish` recorded it (the export and calendar work of issue 4).
std::optional<approval::PublicationState> publication_of(const approval::Status& status,
                                                         const Context& ctx) {
  return exporting::publication_state(ctx.registry_root(), status, exporting::local_today());
}

ExitCode run(const Context& ctx, const StatusOptions& options) {
  auto opened = git::open_registry_repository(ctx.registry_root());
  git::Oid revision = opened.repo.require_commit(options.rev);
  approval::ContentReader reader(opened.repo, opened.prefix);
  approval::Status status =
      approval::evaluate(reader, revision, approval::evaluate_options(opened.repo, options.anchor));

  approval::ReportOptions report{true, publication_of(status, ctx)};
  std::ostringstream out;
  if (options.format == "json") {
    out << approval::to_json(status, report);
  } else if (options.format == "md") {
    approval::write_status_markdown(out, status, report);
  } else {
    approval::write_status_text(out, status, report);
  }
  std::cout << out.str() << std::flush;
  return ExitCode::ok;
}

}  // namespace

void register_status(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<StatusOptions>();
  CLI::App* cmd = app.add_subcommand("status", text("status.description"));
  cmd->add_option("--format", options->format, text("status.opt-format"))
      ->check(one_of({"text", "json", "md"}))
      ->type_name("text|json|md");
  cmd->add_option("--rev", options->rev, text("status.opt-rev"))->type_name("REV");
  add_anchor_option(*cmd, options->anchor);
  cmd->callback([&ctx, options] { ctx.result = run(ctx, *options); });
}

}  // namespace perechen::cli
