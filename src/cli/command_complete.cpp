// SPDX-License-Identifier: Apache-2.0
// perechen __complete WHAT: the ids that shell completion offers for an option's value, one a line,
// from the registry found as every command finds it (-C DIR or upward from the current folder):
// `process` (new --process), `kind` (new --kind: built-in and the registry's own), `client`
// (new --client), `role` (approve --role: the three roles of clause 3.4). The completion scripts
// (command_completion.cpp) call it; outside a registry, or with a broken perechen.yaml, it prints
// the built-in ids only and says nothing, as a Tab press must never print an error. Hidden.

#include <iostream>

#include "context.hpp"
#include "perechen/approval/roles.hpp"
#include "perechen/catalog.hpp"
#include "perechen/registry/registry.hpp"

namespace perechen::cli {
namespace {

// The registry's settings, when the folder is in a registry whose perechen.yaml reads.
std::optional<Config> registry_config(const Context& ctx) {
  try {
    auto root = find_registry_root(ctx.start_dir());
    if (!root)
      return std::nullopt;
    return load_config(*root, "new.config-broken");
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::vector<std::string> ids_for(const std::string& what, const Context& ctx) {
  std::vector<std::string> ids;
  if (what == "role") {
    using approval::Role;
    for (Role role : {Role::process_owner, Role::direction_curator, Role::client_centricity})
      ids.emplace_back(approval::to_string(role));
    return ids;
  }
  if (what == "kind") {
    for (const auto& kind : builtin_kinds())
      ids.push_back(kind.id);
  }
  std::optional<Config> config = registry_config(ctx);
  if (!config)
    return ids;
  auto add = [&ids](const LocatedText& id) {
    if (id.present && !id.value.empty())
      ids.push_back(id.value);
  };
  if (what == "process") {
    for (const auto& direction : config->directions) {
      for (const auto& process : direction.processes)
        add(process.id);
    }
  } else if (what == "client") {
    for (const auto& client : config->clients)
      add(client.id);
  } else if (what == "kind") {
    for (const auto& kind : config->kinds)
      add(kind.id);
  }
  return ids;
}

}  // namespace

void register_complete(CLI::App& app, Context& ctx) {
  auto what = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("__complete", text("complete.description"));
  cmd->group("");  // hidden: for the completion scripts
  cmd->add_option("WHAT", *what, text("complete.opt-what"))
      ->required()
      ->check(one_of({"process", "kind", "client", "role"}))
      ->type_name("process|kind|client|role");
  cmd->callback([&ctx, what] {
    for (const auto& id : ids_for(*what, ctx))
      std::cout << id << "\n";
    std::cout << std::flush;
    ctx.result = ExitCode::ok;
  });
}

}  // namespace perechen::cli
