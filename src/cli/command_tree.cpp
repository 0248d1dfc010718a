// SPDX-License-Identifier: Apache-2.0
#include "command_tree.hpp"

#include <algorithm>

#include "context.hpp"

namespace perechen::cli {
namespace {

std::vector<std::string> split_choices(const std::string& value) {
  std::vector<std::string> choices;
  if (value.find('|') == std::string::npos)
    return choices;
  std::size_t start = 0;
  while (true) {
    auto bar = value.find('|', start);
    std::string choice = value.substr(start, bar - start);
    // "approved|head|REV": an upper-case word stands for any value, not a choice.
    bool placeholder =
        std::none_of(choice.begin(), choice.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (!placeholder)
      choices.push_back(std::move(choice));
    if (bar == std::string::npos)
      break;
    start = bar + 1;
  }
  return choices;
}

OptionInfo describe_option(const CLI::Option& opt, const CLI::App& app) {
  OptionInfo info;
  for (const auto& name : opt.get_lnames())
    info.names.push_back("--" + name);
  for (const auto& name : opt.get_snames())
    info.names.push_back("-" + name);
  if (opt.get_positional() && info.names.empty())
    info.positional = opt.get_name(true);
  info.description = opt.get_description();
  info.exits =
      &opt == app.get_help_ptr() || &opt == app.get_help_all_ptr() || &opt == app.get_version_ptr();
  if (opt.get_type_size_max() == 0)
    return info;  // a flag
  // CLI11 appends the checks to the name ("ru|en:{ru,en}"); the name alone is what help shows.
  info.value = opt.get_type_name();
  info.value = info.value.substr(0, info.value.find(":{"));  // not "ROLE[:PROCESS|DIRECTION]"
  info.choices = split_choices(info.value);
  if (info.choices.empty()) {
    const std::string dir = text("cli.type-dir");
    const std::string file = text("cli.type-file");
    const std::string& shown = info.positional.empty() ? info.value : info.positional;
    info.directories = shown == dir || shown == "DIR";
    info.files = info.directories || shown == file || shown == "FILE" || shown == "PATH";
  }
  info.many = info.positional.size() > 0 && opt.get_items_expected_max() > 1;
  return info;
}

CommandInfo describe_app(const CLI::App& app, std::vector<std::string> path) {
  CommandInfo info;
  info.path = std::move(path);
  info.description = app.get_description();
  std::vector<OptionInfo> positionals;
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_group().empty())
      continue;
    OptionInfo option = describe_option(*opt, app);
    (option.positional.empty() ? info.options : positionals).push_back(std::move(option));
  }
  info.options.insert(info.options.end(), positionals.begin(), positionals.end());
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_group().empty())
      continue;  // hidden
    std::vector<std::string> sub_path = info.path;
    sub_path.push_back(sub->get_name());
    info.subcommands.push_back(describe_app(*sub, std::move(sub_path)));
  }
  return info;
}

}  // namespace

std::string CommandInfo::name() const {
  return path.empty() ? "perechen" : path.back();
}

std::string CommandInfo::joined(char separator) const {
  std::string result;
  for (const auto& part : path) {
    if (!result.empty())
      result += separator;
    result += part;
  }
  return result;
}

CommandInfo describe(const CLI::App& app) {
  return describe_app(app, {});
}

}  // namespace perechen::cli
