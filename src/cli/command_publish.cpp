// SPDX-License-Identifier: Apache-2.0
// perechen publish --dir DIR [--date YYYY-MM-DD]: the approved version as the site and the order
// need it, written into DIR, and its publication recorded in git as a tag signed by the publisher
// (clause 3.1, spec §7), which `status` then reads. A key that would sign a record nobody counts
// (not a publisher of the approved version's roster) is refused before anything is written.

#include <ctime>
#include <iostream>

#include "context.hpp"
#include "perechen/calendar/date.hpp"
#include "perechen/error.hpp"
#include "perechen/export/content.hpp"
#include "perechen/export/format.hpp"
#include "perechen/export/publication.hpp"
#include "perechen/i18n.hpp"
#include "perechen/platform/environment.hpp"
#include "perechen/platform/files.hpp"
#include "signing.hpp"

namespace perechen::cli {
namespace {

namespace fs = std::filesystem;

struct PublishOptions {
  std::string dir;
  std::string date;
  std::string anchor;
  SigningOptions signing;
};

// The files of the bundle: the page, the table to paste into the site, and the data. The site's
// csv is the one a visitor opens in Russian Excel (a BOM and ';'); the RFC 4180 one is beside it
// for programs, named so.
struct BundleFile {
  const char* name;
  exporting::Format format;
  exporting::WriteOptions options;
};

const std::vector<BundleFile>& bundle() {
  static const std::vector<BundleFile> files{
      {"perechen.html", exporting::Format::html, {}},
      {"perechen-fragment.html", exporting::Format::html, {true, false, false, {}, {}, false}},
      {"perechen.csv", exporting::Format::csv, {false, false, true, {}, {}, false}},
      {"perechen-rfc4180.csv", exporting::Format::csv, {}},
      {"perechen.xlsx", exporting::Format::xlsx, {}},
      {"perechen.docx", exporting::Format::docx, {}},
      {"perechen.json", exporting::Format::json, {}},
  };
  return files;
}

ExitCode run(const Context& ctx, const PublishOptions& o) {
  calendar::Date today = exporting::local_today();
  calendar::Date date = today;
  if (!o.date.empty()) {
    auto parsed = calendar::Date::parse(o.date);
    if (!parsed) {
      throw Error(ExitCode::usage,
                  tr("export.bad-date", fmt::arg("option", "--date"), fmt::arg("value", o.date)));
    }
    date = *parsed;
  }
  fs::path root = ctx.registry_root();
  fs::path dir = fs::absolute(ctx.start_dir() / platform::path_from_utf8(o.dir));

  exporting::Content content;
  try {
    content = exporting::open_content(root, "approved", o.anchor);
  } catch (const Error& e) {
    // Only "nothing approved yet" is told in publish's words; a bad anchor says its own.
    if (e.code() != ExitCode::problems || e.what() != tr("export.nothing-approved"))
      throw;
    throw Error(ExitCode::problems, tr("publish.nothing-approved"));
  }
  const exporting::Version& version = content.version;
  if (date.iso() < version.approved_on) {
    throw Error(ExitCode::usage, tr("publish.before-approval", fmt::arg("date", date.iso()),
                                    fmt::arg("approved_on", version.approved_on)));
  }
  exporting::History& history = *content.history;
  const approval::Status& status = content.status;
  approval::SigningKey key = signing_key(ctx, history.repo(), o.signing, "publish.no-key");
  {
    // The record must count once made: signed by a publisher of the approved version's roster.
    auto roster = history.reader->at(*status.approved_commit).roster();
    exporting::RecordCheck who =
        exporting::judge_publisher(key.signer(static_cast<std::int64_t>(std::time(nullptr))),
                                   roster.get(), status.approved_when.time);
    if (!who.counts) {
      std::cerr << "perechen: " << tr("publish.refused", fmt::arg("detail", who.detail)) << "\n";
      return ExitCode::problems;
    }
  }
  auto loaded = exporting::load_checked(content);
  if (loaded.errors > 0) {
    std::cerr << "perechen: "
              << tr("export.registry-errors", fmt::arg("count", loaded.errors),
                    fmt::arg("count_word", plural("report.plural.error", loaded.errors)))
              << "\n";
    return ExitCode::problems;
  }
  exporting::Document doc = exporting::build_document(loaded.registry, version, language());

  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) {
    throw Error(ExitCode::failure,
                tr("publish.cannot-create-dir", fmt::arg("dir", platform::path_text(dir))));
  }
  // Every file of the bundle is judged before the first is written: a folder in the way stops
  // the publication before anything changed.
  std::vector<platform::Output> outputs;
  for (const auto& file : bundle())
    outputs.push_back(platform::output_target(dir / file.name));
  for (std::size_t i = 0; i < bundle().size(); ++i) {
    const BundleFile& file = bundle()[i];
    platform::write_output(outputs[i], exporting::write(doc, file.format, file.options));
    std::cout << tr("publish.written", fmt::arg("file", platform::path_text(outputs[i].path)))
              << "\n";
  }

  git::Oid commit = *git::Oid::parse(version.commit);
  git::Oid content_id = *history.reader->at(commit).id();
  exporting::Recorded recorded = exporting::record_publication(
      history.repo(), commit, content_id, date, key, sign_options(history.repo()));
  std::cout << tr(recorded.existed ? "publish.already-recorded" : "publish.recorded",
                  fmt::arg("commit", version.commit.substr(0, 12)), fmt::arg("date", date.iso()),
                  fmt::arg("tag", recorded.tag))
            << "\n";

  std::optional<exporting::Publication> judged = exporting::publication_of(history, status, today);
  exporting::Publication publication = judged.value_or(exporting::Publication{});
  // A tag of this name made before, unsigned or by someone else: it marks nothing, and publish
  // does not overwrite a tag.
  for (const auto& record : publication.unverified) {
    if (record.tag == recorded.tag) {
      std::cout << std::flush;
      std::cerr << "perechen: "
                << tr("publish.existing-unverified", fmt::arg("tag", record.tag),
                      fmt::arg("detail", record.detail))
                << "\n";
      return ExitCode::problems;
    }
  }
  // The tag is the record of 3.1 for everyone else only once it is on the shared repository.
  std::cout << tr("publish.push-tag", fmt::arg("tag", recorded.tag)) << "\n";
  std::string published = publication.published_on ? publication.published_on->iso() : date.iso();
  std::cout << tr(publication.overdue ? "publish.late" : "publish.on-time",
                  fmt::arg("due", publication.due.iso()), fmt::arg("published", published))
            << "\n";
  for (const auto& warning : publication.warnings)
    std::cout << warning << "\n";
  std::cout << std::flush;
  return ExitCode::ok;
}

}  // namespace

void register_publish(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<PublishOptions>();
  CLI::App* cmd = app.add_subcommand("publish", text("publish.description"));
  cmd->add_option("--dir", options->dir, text("publish.opt-dir"))
      ->required()
      ->type_name(text("cli.type-dir"));
  cmd->add_option("--date", options->date, text("publish.opt-date"))->type_name("YYYY-MM-DD");
  add_signing_options(*cmd, options->signing, "publish");
  add_anchor_option(*cmd, options->anchor);
  cmd->callback([&ctx, options] { ctx.result = run(ctx, *options); });
}

}  // namespace perechen::cli
