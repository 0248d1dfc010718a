// SPDX-License-Identifier: Apache-2.0
#include "perechen/scaffold/registry_schema.hpp"
#include "perechen/git/worktree_source.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "perechen/embedded.hpp"
#include "perechen/error.hpp"
#include "perechen/i18n.hpp"
#include "perechen/platform/files.hpp"
#include "perechen/registry/source.hpp"
#include "perechen/yaml/parse.hpp"

namespace perechen::scaffold {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

struct Choice {
  std::string id;
  std::string description;
};

// The schema speaks Russian whatever --lang says, as schemas/ does: its bytes must not depend on
// who ran perechen last.
template <typename... Args>
std::string ru(std::string_view key, Args&&... args) {
  return fmt::vformat(message_template(key, Lang::ru), fmt::make_format_args(args...));
}

std::string list_of(const std::vector<Choice>& choices) {
  std::string list;
  for (const auto& choice : choices)
    list += (list.empty() ? "" : ", ") + choice.id;
  return list;
}

// `enum` of the ids, each with its description (VS Code shows enumDescriptions and
// markdownEnumDescriptions in the completion list), and what to say of any other value.
void restrict_to(Json& node, const std::vector<Choice>& choices, const std::string& message,
                 bool allow_empty) {
  Json values = Json::array();
  Json descriptions = Json::array();
  for (const auto& choice : choices) {
    values.push_back(choice.id);
    descriptions.push_back(choice.description);
  }
  if (allow_empty) {
    values.push_back(nullptr);
    values.push_back("");
    descriptions.push_back("");
    descriptions.push_back("");
  }
  node.erase("pattern");
  node.erase("patternErrorMessage");
  node["enum"] = std::move(values);
  node["enumDescriptions"] = descriptions;
  node["markdownEnumDescriptions"] = std::move(descriptions);
  node["errorMessage"] = message;
}

}  // namespace

std::string registry_point_schema(const Config& config) {
  Json schema = Json::parse(embedded_file("schemas/point.schema.json").value_or("{}"));
  Json& properties = schema["properties"];
  schema["$id"] = "https://perechen.example/schemas/point.registry.schema.json";
  schema["title"] = ru("registry-schema.title", fmt::arg("title", config.title.value));

  std::vector<Choice> processes;
  for (const auto& direction : config.directions) {
    for (const auto& process : direction.processes) {
      if (process.id.present)
        processes.push_back(
            {process.id.value, process.title.value + " (" + direction.title.value + ")"});
    }
  }
  restrict_to(properties["process"], processes,
              ru("registry-schema.process", fmt::arg("ids", list_of(processes))), false);

  std::vector<Choice> clients;
  for (const auto& client : config.clients) {
    if (client.id.present)
      clients.push_back({client.id.value, client.title.value});
  }
  restrict_to(properties["clients"]["items"], clients,
              ru("registry-schema.client", fmt::arg("ids", list_of(clients))), false);

  std::vector<Choice> institutions;
  for (const auto& institution : config.institutions) {
    if (institution.id.present)
      institutions.push_back({institution.id.value, institution.title.value});
  }
  restrict_to(properties["prepared_by"], institutions,
              ru("registry-schema.institution", fmt::arg("ids", list_of(institutions))), true);

  // Kinds: the built-in ones stay as they are; the registry's own replace the pattern that
  // stood for "any id from perechen.yaml".
  Json& kind_choices = properties["point"]["properties"]["kind"]["anyOf"];
  std::vector<Choice> kinds;
  for (const auto& kind : config.kinds) {
    if (kind.id.present)
      kinds.push_back({kind.id.value, kind.title.value + " (" + kind.channel.value + ")"});
  }
  Json custom = Json::array();
  for (auto& choice : kind_choices) {
    if (choice.contains("pattern") && !choice.contains("type")) {
      if (kinds.empty())
        continue;  // no kinds of its own: only the built-in ones are right
      restrict_to(choice, kinds, "", false);
      choice.erase("errorMessage");
    }
    custom.push_back(choice);
  }
  kind_choices = std::move(custom);
  return schema.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::optional<Config> read_config_file(const fs::path& root) {
  auto source = git::make_worktree_source(root);
  Diagnostics problems;
  auto bytes = source->read(kConfigFile, problems);
  if (!bytes)
    return std::nullopt;
  auto tree = yaml::parse(kConfigFile, *bytes, problems);
  if (!tree)
    return std::nullopt;
  return read_config(*tree);
}

bool update_registry_schema(const fs::path& root, const Config& config) {
  std::string text = registry_point_schema(config);
  fs::path path = root / kRegistrySchemaPath;
  std::ifstream in(path, std::ios::binary);
  if (in) {
    std::ostringstream old;
    old << in.rdbuf();
    if (old.str() == text)
      return false;
    in.close();
    platform::replace_atomically(path, text);
    return true;
  }
  platform::write_new(path, text);
  return true;
}

}  // namespace perechen::scaffold
