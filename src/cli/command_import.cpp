// SPDX-License-Identifier: Apache-2.0
// perechen import FILE [DIR] (spec §9): the list a department already keeps in a docx, xlsx, ods
// or csv table becomes point files. Into a registry (DIR, -C, or the folder holds perechen.yaml)
// the rows are matched to its ids; into an empty or absent DIR a new registry is written as init
// would. Nothing is overwritten; --dry-run writes nothing. Exit 1 when some row needs a look.

#include <fstream>
#include <iostream>
#include <sstream>

#include "context.hpp"
#include "perechen/error.hpp"
#include "perechen/git/worktree_source.hpp"
#include "perechen/i18n.hpp"
#include "perechen/import/import.hpp"
#include "perechen/platform/environment.hpp"
#include "perechen/platform/files.hpp"
#include "perechen/platform/process.hpp"
#include "perechen/registry/registry.hpp"
#include "perechen/registry/source.hpp"
#include "perechen/scaffold/repository.hpp"
#include "perechen/text.hpp"
#include "perechen/yaml/parse.hpp"

namespace perechen::cli {
namespace {

namespace fs = std::filesystem;

struct ImportOptions {
  std::string file;
  std::string dir;
  std::string format;
  bool dry_run = false;
};

std::string read_source(const fs::path& path) {
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (!fs::is_regular_file(status)) {
    throw Error(ExitCode::failure,
                tr("import.file-unreadable", fmt::arg("file", platform::path_text(path))));
  }
  if (fs::file_size(path, ec) > importing::kMaxFileBytes)
    throw Error(ExitCode::failure,
                tr("import.file-too-large-named", fmt::arg("file", platform::path_text(path))));
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in && !in.eof())
    throw Error(ExitCode::failure,
                tr("import.file-unreadable", fmt::arg("file", platform::path_text(path))));
  return bytes.str();
}

// .doc, .xls and .rtf: converted to .docx or .xlsx by LibreOffice into `folder` when soffice is
// installed; refused at once (usage) with how to save the file otherwise.
std::optional<fs::path> convert_legacy(const fs::path& file, const fs::path& folder) {
  std::string name = platform::utf8_path(file.filename());
  std::size_t dot = name.rfind('.');
  std::string ext = dot == std::string::npos ? std::string() : text::to_lower(name.substr(dot + 1));
  if (ext != "doc" && ext != "xls" && ext != "rtf")
    return std::nullopt;
  auto soffice = platform::find_program("soffice");
  if (!soffice) {
    throw Error(ExitCode::usage,
                tr("import.legacy-format", fmt::arg("file", name), fmt::arg("ext", ext)));
  }
  std::string target = ext == "xls" ? "xlsx" : "docx";
  platform::RunOptions options;
  options.timeout = std::chrono::minutes(5);
  auto result =
      platform::run({platform::utf8_path(*soffice),
                     "-env:UserInstallation=file://" + platform::utf8_path(folder / "profile"),
                     "--headless", "--convert-to", target, "--outdir", platform::utf8_path(folder),
                     platform::utf8_path(fs::absolute(file))},
                    options);
  fs::path out = folder / platform::path_from_utf8(platform::utf8_path(file.stem()) + "." + target);
  if (!result.ok() || !fs::exists(out)) {
    std::string detail = result.err.empty() ? result.out : result.err;
    throw Error(ExitCode::failure, tr("import.legacy-failed", fmt::arg("file", name),
                                      fmt::arg("detail", detail.substr(0, 200))));
  }
  return out;
}

// A folder of our own beside a temporary file (so its name is ours), removed on every path out.
struct TempFolder {
  platform::TempFile marker{"perechen-import"};
  fs::path path;
  TempFolder() : path(marker.path().string() + ".d") {
    std::error_code ec;
    if (!fs::create_directory(path, ec))
      throw Error(ExitCode::failure,
                  tr("import.file-unreadable", fmt::arg("file", platform::path_text(path))));
  }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
};

importing::Format format_for(const ImportOptions& options, const fs::path& file) {
  if (!options.format.empty())
    return *importing::format_of("." + options.format);
  if (auto format = importing::format_of(platform::utf8_path(file.filename())))
    return *format;
  throw Error(ExitCode::usage,
              tr("import.format-unknown", fmt::arg("file", platform::path_text(file))));
}

// Where to write and whether a registry is there already.
struct Target {
  fs::path root;
  bool registry = false;
};

Target target_of(const Context& ctx, const ImportOptions& options) {
  if (options.dir.empty()) {
    auto root = find_registry_root(ctx.start_dir());
    if (!root)
      throw Error(ExitCode::failure, tr("import.no-registry"));
    return {*root, true};
  }
  std::error_code ec;
  fs::path dir =
      fs::absolute(ctx.start_dir() / platform::path_from_utf8(options.dir), ec).lexically_normal();
  if (!dir.has_filename() && dir.has_parent_path())
    dir = dir.parent_path();
  if (fs::exists(dir / kConfigFile, ec))
    return {dir, true};
  auto status = fs::status(dir, ec);
  if (fs::exists(status)) {
    if (!fs::is_directory(status) || !fs::is_empty(dir, ec))
      throw Error(ExitCode::failure,
                  tr("import.dir-not-empty", fmt::arg("dir", platform::path_text(dir))));
  }
  return {dir, false};
}

void list(std::ostream& out, const std::string& heading, const std::vector<std::string>& paths) {
  if (paths.empty())
    return;
  out << heading << "\n";
  for (const auto& path : paths)
    out << "  " << path << "\n";
}

ExitCode run(const Context& ctx, const ImportOptions& options) {
  fs::path file = ctx.start_dir() / platform::path_from_utf8(options.file);
  std::string name = platform::utf8_path(file.filename());
  std::optional<TempFolder> converted_in;
  if (options.format.empty()) {
    std::string lower = text::to_lower(name);
    for (std::string_view ext : {".doc", ".xls", ".rtf"}) {
      if (lower.size() > ext.size() &&
          lower.compare(lower.size() - ext.size(), ext.size(), ext) == 0) {
        converted_in.emplace();
        if (auto out = convert_legacy(file, converted_in->path))
          file = *out;
      }
    }
  }
  importing::Format format = format_for(options, file);
  Target target = target_of(ctx, options);

  std::string bytes = read_source(file);
  std::vector<importing::Table> tables = importing::read_tables(bytes, format, name);
  std::optional<Config> config;
  if (target.registry)
    config = load_config(target.root, "import.config-broken");
  std::vector<importing::ExistingPoint> existing;
  if (target.registry) {
    Diagnostics ignored;
    auto source = git::make_worktree_source(target.root);
    Registry registry = load_registry(*source, ignored);
    for (const auto& p : registry.points)
      existing.push_back({p.file, p.process.value, p.name.value});
  }
  importing::Plan plan =
      importing::plan_import(tables, name, config ? &*config : nullptr, existing);

  std::ostream& out = std::cout;
  out << tr("import.read", fmt::arg("file", name), fmt::arg("table", plan.table),
            fmt::arg("row", plan.heading_row), fmt::arg("count", plan.points.size()))
      << "\n";
  importing::WriteOutcome outcome;
  if (options.dry_run) {
    outcome = importing::dry_run(target.root, plan);
    list(out, tr("import.would-write", fmt::arg("count", outcome.written.size())), outcome.written);
  } else {
    if (!target.registry) {
      std::error_code ec;
      fs::create_directories(target.root, ec);
      if (ec) {
        throw Error(ExitCode::failure,
                    tr("init.cannot-make-folder", fmt::arg("dir", platform::path_text(target.root)),
                       fmt::arg("reason", ec.message())));
      }
      scaffold::RepositoryOutcome repo = scaffold::ensure_repository(target.root);
      if (repo.created) {
        out << tr("init.git-created", fmt::arg("dir", platform::path_text(target.root)),
                  fmt::arg("branch", repo.branch))
            << "\n";
      }
    }
    outcome = importing::write_plan(target.root, plan);
    list(out, tr("import.written", fmt::arg("count", outcome.written.size())), outcome.written);
  }
  list(out, tr("import.existing", fmt::arg("count", outcome.existing.size())), outcome.existing);
  if (!plan.problems.empty()) {
    out << tr("import.problems", fmt::arg("count", plan.problems.size())) << "\n";
    for (const auto& problem : plan.problems)
      out << "  " << name << ": " << importing::place(problem) << ": " << problem.message << "\n";
  }
  const importing::Summary& s = plan.summary;
  std::size_t structure =
      s.headers + s.numbering + s.sections + s.totals + s.signatures + s.continued;
  out << tr("import.summary", fmt::arg("rows", s.rows), fmt::arg("points", s.points),
            fmt::arg("structure", structure), fmt::arg("headers", s.headers),
            fmt::arg("numbering", s.numbering), fmt::arg("sections", s.sections),
            fmt::arg("totals", s.totals), fmt::arg("signatures", s.signatures),
            fmt::arg("continued", s.continued), fmt::arg("unknown", s.unknown),
            fmt::arg("look", s.rows_to_look.size()))
      << "\n";
  if (!s.rows_to_look.empty()) {
    std::string rows;
    std::size_t shown = 0;
    for (const auto& [table, row] : s.rows_to_look) {
      if (++shown > 50) {
        rows += ", …";
        break;
      }
      rows += (rows.empty() ? "" : ", ") + (table.empty() ? "" : table + " ") + std::to_string(row);
    }
    out << tr("import.summary-rows", fmt::arg("rows", rows)) << "\n";
  }
  if (!options.dry_run) {
    fs::path shown = target.root.lexically_relative(ctx.start_dir());
    std::string where =
        shown.empty() || shown == "." ? std::string() : "-C " + platform::path_text(shown) + " ";
    out << tr("import.next", fmt::arg("where", where)) << "\n";
  }
  return plan.problems.empty() && outcome.existing.empty() ? ExitCode::ok : ExitCode::problems;
}

}  // namespace

void register_import(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<ImportOptions>();
  CLI::App* cmd = app.add_subcommand("import", text("import.description"));
  cmd->add_option("FILE", options->file, text("import.opt-file"))
      ->required()
      ->type_name(text("cli.type-file"));
  cmd->add_option("DIR", options->dir, text("import.opt-dir"))->type_name(text("cli.type-dir"));
  cmd->add_option("--format", options->format, text("import.opt-format"))
      ->type_name("csv|xlsx|ods|odt|docx")
      ->check(one_of({"csv", "xlsx", "ods", "odt", "docx"}));
  cmd->add_flag("--dry-run", options->dry_run, text("import.opt-dry-run"));
  cmd->callback([&ctx, options] { ctx.result = run(ctx, *options); });
}

}  // namespace perechen::cli
