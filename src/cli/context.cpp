// SPDX-License-Identifier: Apache-2.0
#include "context.hpp"

#include <cstdlib>

#include "perechen/error.hpp"
#include "perechen/git/worktree_source.hpp"
#include "perechen/i18n.hpp"
#include "perechen/platform/environment.hpp"
#include "perechen/registry/registry.hpp"
#include "perechen/registry/source.hpp"
#include "perechen/yaml/parse.hpp"

namespace perechen::cli {

namespace fs = std::filesystem;

fs::path Context::start_dir() const {
  std::error_code ec;
  fs::path base = fs::current_path(ec);
  if (directory.empty())
    return base;
  fs::path dir = fs::absolute(base / platform::path_from_utf8(directory), ec);
  if (!fs::is_directory(dir, ec)) {
    throw Error(ExitCode::failure, tr("cli.no-directory", fmt::arg("dir", directory)));
  }
  return dir;
}

fs::path Context::registry_root() const {
  fs::path start = start_dir();
  auto root = find_registry_root(start);
  if (!root)
    throw Error(ExitCode::failure,
                tr("cli.not-registry", fmt::arg("dir", platform::path_text(start))));
  return *root;
}

bool Context::use_color(platform::Stream stream) const {
  if (color == "always")
    return true;
  if (color == "never")
    return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0')
    return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string_view(term) == "dumb")
    return false;
  return platform::is_terminal(stream);
}

platform::Output Context::output_target(const std::string& file) const {
  return platform::output_target(fs::absolute(start_dir() / platform::path_from_utf8(file)));
}

void translate_groups(CLI::App& app) {
  const std::string options = text("cli.label-Options");
  const std::string subcommands = text("cli.label-Subcommands");
  for (CLI::Option* option : app.get_options()) {
    if (option->get_group() == "Options")
      option->group(options);
  }
  for (CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_group() == "Subcommands")
      sub->group(subcommands);
    translate_groups(*sub);
  }
}

void add_anchor_option(CLI::App& cmd, std::string& anchor) {
  cmd.add_option("--anchor", anchor, text("cli.opt-anchor"))->type_name("COMMIT");
}

std::string text(const char* key) {
  return std::string(message_template(key));
}

Config load_config(const fs::path& root, const char* broken_key) {
  auto source = git::make_worktree_source(root);
  Diagnostics problems;
  auto bytes = source->read(kConfigFile, problems);
  std::optional<yaml::Node> tree;
  if (bytes)
    tree = yaml::parse(kConfigFile, *bytes, problems);
  if (!tree)
    throw Error(ExitCode::failure,
                tr(broken_key, fmt::arg("file", platform::path_text((root / kConfigFile)))));
  return read_config(*tree);
}

}  // namespace perechen::cli
