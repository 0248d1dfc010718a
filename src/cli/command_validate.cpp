// SPDX-License-Identifier: Apache-2.0
// perechen validate [PATH...]: checks the registry against the rules of the regulation.

#include <chrono>
#include <iostream>
#include <optional>
#include <sstream>

#include "context.hpp"
#include "perechen/error.hpp"
#include "perechen/git/oid.hpp"
#include "perechen/git/repository.hpp"
#include "perechen/git/tree_source.hpp"
#include "perechen/git/worktree_source.hpp"
#include "perechen/i18n.hpp"
#include "perechen/platform/environment.hpp"
#include "perechen/platform/files.hpp"
#include "perechen/report/report.hpp"
#include "perechen/rules/validate.hpp"
#include "perechen/scaffold/registry_schema.hpp"

namespace perechen::cli {
namespace {

namespace fs = std::filesystem;

struct ValidateOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output;
  bool strict = false;
  bool staged = false;
  std::optional<std::string> path_prefix;  // --path-prefix; unset: found from git
  std::vector<std::string> exclude;        // --exclude GLOB, registry-relative
};

// The registry's folder inside its repository, "registry/", for the formats a forge reads (SARIF,
// Code Quality, GitHub annotations): they place findings by paths from the repository's top.
// --path-prefix says it (an empty one: the registry is the top); else git says where the
// registry lies; outside git, nothing.
std::string forge_prefix(const ValidateOptions& options, const std::optional<std::string>& found) {
  std::string prefix = options.path_prefix ? *options.path_prefix : found.value_or("");
  while (prefix.rfind("./", 0) == 0)
    prefix.erase(0, 2);
  while (!prefix.empty() && prefix.front() == '/')
    prefix.erase(0, 1);
  if (!prefix.empty() && prefix.back() != '/')
    prefix += '/';
  return prefix;
}

std::vector<Diagnostic> with_prefix(const std::vector<Diagnostic>& items,
                                    const std::string& prefix) {
  std::vector<Diagnostic> result = items;
  for (auto& d : result) {
    if (!d.where.file.empty())
      d.where.file = prefix + d.where.file;
    for (auto& r : d.related) {
      if (!r.where.file.empty())
        r.where.file = prefix + r.where.file;
    }
  }
  return result;
}

// PATH arguments as registry-relative paths; a folder ends in '/'.
std::vector<std::string> registry_paths(const Context& ctx, const fs::path& root,
                                        const std::vector<std::string>& paths) {
  std::vector<std::string> result;
  for (const auto& p : paths) {
    std::error_code ec;
    fs::path full =
        fs::absolute(ctx.start_dir() / platform::path_from_utf8(p), ec).lexically_normal();
    if (!fs::exists(full, ec)) {
      throw Error(ExitCode::usage, tr("cli.no-such-path", fmt::arg("path", p)));
    }
    fs::path rel = full.lexically_relative(root);
    std::string s = rel.generic_string();
    if (rel.empty() || s == ".." || s.rfind("../", 0) == 0) {
      throw Error(ExitCode::usage, tr("cli.path-outside", fmt::arg("path", p),
                                      fmt::arg("root", platform::path_text(root))));
    }
    if (s == ".")
      s.clear();
    // A file named on the command line is checked, or refused with the reason: never "0 files".
    if (fs::is_regular_file(full, ec) && s != kConfigFile && s != kRosterFile) {
      if (s.rfind("points/", 0) != 0)
        throw Error(ExitCode::usage, tr("validate.not-in-points", fmt::arg("path", p)));
      if (!is_point_file_name(platform::utf8_path(full.filename())))
        throw Error(ExitCode::usage, tr("validate.not-a-point-name", fmt::arg("path", p)));
    }
    if (fs::is_directory(full, ec)) {
      if (!s.empty() && s.back() == '/')
        s.pop_back();
      s += "/";
      if (s == "/")
        s.clear();  // the whole registry
    }
    result.push_back(s);
  }
  return result;
}

// A remote's URL as a URI without credentials: "https://user:token@host/x" loses its user part
// (a CI token must not land in a report), "git@host:x/y.git" becomes "ssh://git@host/x/y.git".
std::string remote_uri(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) {
    auto colon = url.find(':');
    if (colon != std::string::npos && url.find('/') > colon)
      return "ssh://" + url.substr(0, colon) + "/" + url.substr(colon + 1);
    return "file://" + url;
  }
  std::string rest = url.substr(scheme + 3);
  auto slash = rest.find('/');
  auto at = rest.rfind('@', slash);
  if (at != std::string::npos && url.compare(0, 4, "http") == 0)
    rest = rest.substr(at + 1);
  return url.substr(0, scheme + 3) + rest;
}

// The repository, commit and branch of the registry, for SARIF; nullopt outside git. The
// repository is named by its `origin` remote, as a forge knows it, else by its folder.
std::optional<report::VersionControl> version_control(const fs::path& root) {
  auto repo = git::Repository::discover(root);
  if (!repo || repo->workdir().empty())
    return std::nullopt;
  report::VersionControl vcs;
  auto origin = repo->config_string("remote.origin.url");
  vcs.repository_uri = origin ? remote_uri(*origin) : "file://" + repo->workdir().generic_string();
  if (auto head = repo->head())
    vcs.revision = head->hex();
  vcs.branch = repo->head_branch().value_or("");
  vcs.prefix = repo->relative_path(root);
  return vcs;
}

report::Summary summary_of(const ValidationResult& result, const std::string& prefix) {
  report::Summary summary{result.files,
                          result.points,
                          result.errors(),
                          result.warnings(),
                          result.diagnostics.omitted(),
                          result.diagnostics.omitted_by_rule()};
  for (const Silenced& s : result.silenced) {
    report::SilencedFinding silenced{s.file, s.line, s.rule, s.reason, s.finding};
    if (!prefix.empty())
      silenced.finding = with_prefix({s.finding}, prefix).front();
    summary.silenced.push_back(std::move(silenced));
  }
  for (const auto& file : result.excluded)
    summary.excluded.push_back(prefix + file);
  return summary;
}

// What the last commit holds, for rule 2.7 to tell the new file of a duplicate from the one it
// repeats: the point files of HEAD with their blob ids. Nothing outside git, before the first
// commit, or when git cannot read the commit (validate then reports as if nothing said, and the
// commands that need git say what is wrong).
class LastCommit {
 public:
  explicit LastCommit(const fs::path& root) {
    try {
      auto repo = git::Repository::discover(root);
      if (!repo || repo->workdir().empty())
        return;
      auto head = repo->head();
      if (!head)
        return;
      repo_.emplace(std::move(*repo));
      source_.emplace(*repo_, *head, repo_->relative_path(root));
    } catch (const Error&) {
      source_.reset();
      repo_.reset();
    }
  }
  // Rule 2.7's question (SettledFn); empty when there is no last commit.
  SettledFn settled() const {
    if (!source_)
      return {};
    return [this](const std::string& path, const std::string& bytes) {
      auto id = source_->blob_id(path);
      return id && *id == git::hash_blob(bytes);
    };
  }

 private:
  std::optional<git::Repository> repo_;
  std::optional<git::GitTreeSource> source_;
};

ExitCode run(const Context& ctx, const ValidateOptions& options) {
  auto format = report::parse_format(options.format);
  if (!format)
    throw Error(ExitCode::usage, tr("cli.bad-format", fmt::arg("format", options.format)));
  std::optional<platform::Output> output;
  if (!options.output.empty())
    output = ctx.output_target(options.output);
  // The settings are never left out; a glob naming them is a mistake worth saying.
  for (std::string_view glob : options.exclude) {
    while (glob.starts_with("./"))
      glob.remove_prefix(2);
    if (glob == kConfigFile || glob == kRosterFile)
      throw Error(ExitCode::usage, tr("validate.exclude-settings", fmt::arg("file", glob)));
  }
  fs::path root = ctx.registry_root();
  std::vector<std::string> only = registry_paths(ctx, root, options.paths);
  bool whole = std::find(only.begin(), only.end(), "") != only.end();
  if (whole)
    only.clear();

  auto started = std::chrono::steady_clock::now();
  // --staged: the registry as the index holds it, so that a pre-commit hook judges the commit
  // being made and not drafts lying untracked in points/.
  std::optional<git::RegistryRepository> repo;
  std::unique_ptr<ContentSource> source;
  if (options.staged) {
    repo.emplace(git::open_registry_repository(root));
    source = std::make_unique<git::GitTreeSource>(repo->repo, git::GitTreeSource::Staged{},
                                                  repo->prefix);
  } else {
    source = git::make_worktree_source(root);
  }
  Registry registry;
  const LastCommit last(root);
  ValidationResult result = validate(*source, only, &registry, last.settled());
  exclude(result, options.exclude);
  // A checker never writes: the editor's schema (.perechen/schema/) is brought up to date by
  // `new`, `schema --registry` and the pre-commit hook, which stages it with perechen.yaml.
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;

  const bool forge = *format == report::Format::sarif || *format == report::Format::codequality ||
                     *format == report::Format::github;
  std::optional<report::VersionControl> vcs;
  if (forge)
    vcs = version_control(root);
  std::string prefix;
  if (forge)
    prefix = forge_prefix(options, vcs ? std::optional<std::string>(vcs->prefix) : std::nullopt);
  std::vector<Diagnostic> prefixed;
  if (!prefix.empty())
    prefixed = with_prefix(result.diagnostics.items(), prefix);
  report::Input input{prefix.empty() ? result.diagnostics.items() : prefixed,
                      summary_of(result, prefix),
                      [&](std::string_view file, int line) {
                        if (!prefix.empty() && file.substr(0, prefix.size()) == prefix)
                          file.remove_prefix(prefix.size());
                        return registry.line_text(file, line);
                      },
                      false,
                      false,
                      result.checked_files};
  if (*format == report::Format::sarif) {
    input.version_control = vcs;
    // Paths now start at the repository's top, which is what %SRCROOT% maps to.
    if (input.version_control && !prefix.empty())
      input.version_control->prefix.clear();
  }
  input.seconds = took.count();
  if (!output) {
    input.color = ctx.use_color(platform::Stream::output);
    // The source line and caret are for people.
    input.source_lines = platform::is_terminal(platform::Stream::output);
    report::write(std::cout, *format, input);  // written as it goes, not gathered first
    std::cout << std::flush;
  } else {
    std::ostringstream out;
    report::write(out, *format, input);
    platform::write_output(*output, out.str());
  }
  if (result.errors() > 0)
    return ExitCode::problems;
  if (options.strict && result.warnings() > 0)
    return ExitCode::problems;
  return ExitCode::ok;
}

}  // namespace

void register_validate(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand("validate", text("validate.description"));
  cmd->add_option("PATH", options->paths, text("validate.opt-path"));
  cmd->add_option("--format", options->format, text("validate.opt-format"))
      ->check(one_of({"text", "json", "sarif", "junit", "github", "codequality"}))
      ->type_name("text|json|sarif|junit|github|codequality");
  cmd->add_option("--output,-o", options->output, text("validate.opt-output"))
      ->type_name(text("cli.type-file"));
  cmd->add_flag("--strict", options->strict, text("validate.opt-strict"));
  cmd->add_flag("--staged", options->staged, text("validate.opt-staged"));
  cmd->add_option("--exclude", options->exclude, text("validate.opt-exclude"))
      ->type_name(text("validate.type-glob"));
  cmd->add_option("--path-prefix", options->path_prefix, text("validate.opt-path-prefix"))
      ->type_name(text("cli.type-dir"));
  cmd->callback([&ctx, options] { ctx.result = run(ctx, *options); });
}

}  // namespace perechen::cli
