// SPDX-License-Identifier: Apache-2.0
// perechen status: the last fully approved version, the pending change, each approval it needs
// (present, missing, rejected and why), and the publication deadline.

#include <iostream>
#include <sstream>

#include "context.hpp"
#include "perechen/approval/anchor.hpp"
#include "perechen/approval/history.hpp"
#include "perechen/approval/report.hpp"
#include "perechen/export/diff.hpp"
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

  approval::ReportOptions report{true, publication_of(status, ctx), {}};
  std::ostringstream out;
  if (options.format == "json") {
    out << approval::to_json(status, report);
  } else if (options.format == "md") {
    // A note on a forge is bounded (GitHub's job summary: 1 MiB): up to this many rows every field
    // is shown; a larger change keeps the short table, and `perechen diff` shows it whole.
    constexpr std::size_t kWholeRows = 200;
    if (status.pending && status.pending->change.points.size() <= kWholeRows) {
      // Every field of what the approvers sign, as `perechen diff --format md` shows it.
      exporting::Side from{"approved",
                           status.approved_commit ? status.approved_commit->hex() : std::string()};
      exporting::Side to{options.rev, revision.hex()};
      exporting::ListDiff diff = exporting::describe(status.pending->change, status.base_config,
                                                     status.head_config, from, to, language());
      report.pending_markdown = exporting::write_diff(diff, exporting::DiffFormat::md, language());
    }
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
