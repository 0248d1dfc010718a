// SPDX-License-Identifier: Apache-2.0
// perechen schema [point|config|roster|export]: the JSON Schemas of the file formats and of the
// export, exactly as compiled into the binary, for editors, CI and other programs.

#include <nlohmann/json.hpp>

#include <array>
#include <iostream>

#include "context.hpp"
#include "perechen/embedded.hpp"
#include "perechen/error.hpp"
#include "perechen/i18n.hpp"
#include "perechen/platform/environment.hpp"
#include "perechen/registry/config.hpp"
#include "perechen/scaffold/registry_schema.hpp"

namespace perechen::cli {
namespace {

constexpr std::array<const char*, 4> kSchemas = {"point", "config", "roster", "export"};

std::string schema_path(std::string_view name) {
  return "schemas/" + std::string(name) + ".schema.json";
}

std::string_view schema_bytes(std::string_view name) {
  auto bytes = embedded_file(schema_path(name));
  if (!bytes)
    throw Error(ExitCode::failure, tr("schema.missing", fmt::arg("name", name)));
  return *bytes;
}

// --registry: the point schema of the registry found from -C / the current folder.
ExitCode write_registry_schema(const Context& ctx) {
  std::filesystem::path root = ctx.registry_root();
  auto config = scaffold::read_config_file(root);
  if (!config) {
    throw Error(ExitCode::failure, tr("new.config-broken",
                                      fmt::arg("file", platform::path_text((root / kConfigFile)))));
  }
  bool wrote = scaffold::update_registry_schema(root, *config);
  std::string file =
      (root / scaffold::kRegistrySchemaPath).lexically_relative(ctx.start_dir()).generic_string();
  std::cout << tr(wrote ? "schema.registry-written" : "schema.registry-same",
                  fmt::arg("file", file))
            << "\n";
  return ExitCode::ok;
}

ExitCode run(const std::string& name) {
  if (!name.empty()) {
    std::cout << schema_bytes(name) << std::flush;
    return ExitCode::ok;
  }
  // Without a name: which schemas there are, what each describes and its $id.
  for (const char* each : kSchemas) {
    auto schema = nlohmann::json::parse(schema_bytes(each), nullptr, false);
    std::string title = schema.is_object() ? schema.value("title", "") : "";
    std::string id = schema.is_object() ? schema.value("$id", "") : "";
    std::cout << fmt::format("{:<8} {}\n         {}\n", each, title, id);
  }
  return ExitCode::ok;
}

}  // namespace

void register_schema(CLI::App& app, Context& ctx) {
  auto name = std::make_shared<std::string>();
  auto registry = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("schema", text("schema.description"));
  cmd->add_flag("--registry", *registry, text("schema.opt-registry"));
  cmd->add_option("NAME", *name, text("schema.opt-name"))
      ->check(one_of({"point", "config", "roster", "export"}))
      ->type_name("point|config|roster|export");
  cmd->callback([&ctx, name, registry] {
    if (*registry && !name->empty())
      throw Error(ExitCode::usage, tr("schema.registry-and-name"));
    ctx.result = *registry ? write_registry_schema(ctx) : run(*name);
  });
}

}  // namespace perechen::cli
