// SPDX-License-Identifier: Apache-2.0
// perechen new: a new point file from a template, in points/<direction>/, with the schema modeline.
// On a terminal every field a point needs is asked for (choices listed from the registry and
// data/needs.yaml, with defaults), so that the file written passes validate. Without one, what
// the options give (process, name, channel, kind, clients) is written, everything else is left
// absent with a comment showing how to fill it, so that `validate` lists exactly what remains, and
// the absence of --process, --name or --channel is a usage error.

#include <iostream>

#include "context.hpp"
#include "perechen/catalog.hpp"
#include "perechen/error.hpp"
#include "perechen/git/worktree_source.hpp"
#include "perechen/i18n.hpp"
#include "perechen/platform/environment.hpp"
#include "perechen/platform/files.hpp"
#include "perechen/platform/terminal.hpp"
#include "perechen/registry/config.hpp"
#include "perechen/registry/registry.hpp"
#include "perechen/registry/source.hpp"
#include "perechen/rules/validate.hpp"
#include "perechen/scaffold/point_draft.hpp"
#include "perechen/scaffold/registry_schema.hpp"
#include "perechen/text.hpp"
#include "perechen/yaml/parse.hpp"

namespace perechen::cli {
namespace {

namespace fs = std::filesystem;

// Writes .perechen/schema/point.schema.json anew where the registry keeps one (init made it) and
// perechen.yaml has changed since; says so, since the file is to be committed.
void refresh_schema(const Context& ctx, const fs::path& root, const Config& config) {
  std::error_code ec;
  if (!fs::is_regular_file(root / scaffold::kRegistrySchemaPath, ec))
    return;
  if (scaffold::update_registry_schema(root, config)) {
    std::string file =
        (root / scaffold::kRegistrySchemaPath).lexically_relative(ctx.start_dir()).generic_string();
    std::cout << tr("new.schema-refreshed", fmt::arg("file", file)) << "\n";
  }
}

struct NewOptions {
  std::string process;
  std::string name;
  std::string channel;
  std::string kind;
  std::vector<std::string> clients;
  std::string file;
};

// The channel of a kind, built-in or the registry's own; empty for an unknown kind.
std::string channel_of_kind(const Config& config, const std::string& kind) {
  if (const KindInfo* builtin = find_builtin_kind(kind))
    return builtin->channel;
  if (const CustomKind* custom = config.find_kind(kind))
    return custom->channel.value;
  return {};
}

struct KindChoice {
  std::string id;
  std::string title;
};

std::vector<KindChoice> kinds_for(const Config& config, const std::string& channel) {
  std::vector<KindChoice> result;
  for (const auto& kind : builtin_kinds()) {
    if (kind.channel == channel)
      result.push_back({kind.id, language() == Lang::ru ? kind.title_ru : kind.title_en});
  }
  for (const auto& kind : config.kinds) {
    if (kind.channel.value == channel && kind.id.present)
      result.push_back({kind.id.value, kind.title.value});
  }
  return result;
}

std::vector<std::string> process_ids(const Config& config) {
  std::vector<std::string> ids;
  for (const auto& direction : config.directions) {
    for (const auto& process : direction.processes) {
      if (process.id.present)
        ids.push_back(process.id.value);
    }
  }
  return ids;
}

std::string name_exists(const Point& point, const std::string& process) {
  return tr("new.name-exists", fmt::arg("process", process), fmt::arg("name", point.name.value),
            fmt::arg("file", point.file));
}

// An unknown --kind is said as such, with the nearest known kind, before anything is asked.
void check_kind_known(const NewOptions& o, const Config& config) {
  if (o.kind.empty() || !channel_of_kind(config, o.kind).empty())
    return;
  std::vector<std::string> ids;
  for (const char* channel : {"digital", "offline"}) {
    if (o.channel.empty() || o.channel == channel) {
      for (const auto& kind : kinds_for(config, channel))
        ids.push_back(kind.id);
    }
  }
  std::string list;
  for (const auto& id : ids)
    list += (list.empty() ? "" : ", ") + id;
  std::string message = tr("new.unknown-kind-any", fmt::arg("kind", o.kind), fmt::arg("ids", list));
  std::string near = text::nearest(o.kind, ids);
  if (!near.empty())
    message += " " + tr("new.did-you-mean", fmt::arg("id", near));
  throw Error(ExitCode::usage, message);
}

// Questions at the terminal. Standard error carries them, so that nothing but the result ever
// reaches standard output.
class Asker {
 public:
  std::string line(const std::string& prompt) {
    std::cerr << prompt << std::flush;
    std::string answer;
    if (!std::getline(std::cin, answer))
      throw Error(ExitCode::usage, tr("new.input-ended"));
    return std::string(text::trim(answer));
  }

  // One of `count` numbered choices (1-based) or, when `ids` match, an id; `allow_empty` lets
  // an empty answer mean "none" (-1).
  int choose(const std::string& prompt, const std::vector<std::string>& ids, bool allow_empty) {
    for (;;) {
      std::string answer = line(prompt);
      if (answer.empty() && allow_empty)
        return -1;
      for (std::size_t i = 0; i < ids.size(); ++i) {
        if (answer == ids[i] || answer == std::to_string(i + 1))
          return static_cast<int>(i);
      }
      std::cerr << tr("new.bad-choice", fmt::arg("count", ids.size())) << "\n";
    }
  }

  // Several of the numbered choices, by numbers or ids separated by commas or spaces, in the
  // order of the list; an empty answer takes `defaults`.
  std::vector<std::size_t> choose_many(const std::string& prompt,
                                       const std::vector<std::string>& ids,
                                       const std::vector<std::size_t>& defaults) {
    for (;;) {
      std::string answer = line(prompt);
      if (answer.empty())
        return defaults;
      std::vector<bool> taken(ids.size(), false);
      bool bad = false;
      std::size_t start = 0;
      while (start < answer.size()) {
        std::size_t end = answer.find_first_of(", \t;", start);
        std::string word = answer.substr(start, end == std::string::npos ? end : end - start);
        start = end == std::string::npos ? answer.size() : end + 1;
        if (word.empty())
          continue;
        bool found = false;
        for (std::size_t i = 0; i < ids.size(); ++i) {
          if (word == ids[i] || word == std::to_string(i + 1)) {
            taken[i] = true;
            found = true;
          }
        }
        bad = bad || !found;
      }
      std::vector<std::size_t> chosen;
      for (std::size_t i = 0; i < ids.size(); ++i) {
        if (taken[i])
          chosen.push_back(i);
      }
      if (!bad && !chosen.empty())
        return chosen;
      std::cerr << tr("new.bad-choices", fmt::arg("count", ids.size())) << "\n";
    }
  }

  // A text that may not be empty.
  std::string required(const std::string& prompt) {
    for (;;) {
      std::string answer = line(prompt);
      if (!answer.empty())
        return answer;
      std::cerr << tr("new.answer-required") << "\n";
    }
  }
};

// "  1) id — title" for each choice, to standard error.
void list_choices(const std::vector<std::pair<std::string, std::string>>& choices) {
  for (std::size_t i = 0; i < choices.size(); ++i) {
    std::cerr << fmt::format("  {}) {}{}\n", i + 1, choices[i].first,
                             choices[i].second.empty() ? "" : " — " + choices[i].second);
  }
}

std::vector<std::string> first_of(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::vector<std::string> ids;
  for (const auto& pair : pairs)
    ids.push_back(pair.first);
  return ids;
}

bool url_scheme_allowed(const std::string& url) {
  for (std::string_view scheme : {"https://", "http://", "mailto:", "tel:"}) {
    if (url.size() > scheme.size() && url.compare(0, scheme.size(), scheme) == 0)
      return true;
  }
  return false;
}

// The fields after the channel and kind (spec §2.3), asked at the terminal in the order of the
// file: where the point is, clients (2.2.4), value (2.2.5), needs (2.6), basis (2.4) and, when
// the registry has several institutions, which one prepared it (2.3).
void ask_fields(scaffold::PointDraft& draft, const Config& config) {
  Asker ask;
  bool offline = draft.channel == "offline";
  for (;;) {
    draft.contact = ask.line(tr(offline ? "new.ask-address" : "new.ask-url"));
    if (offline || draft.contact.empty() || url_scheme_allowed(draft.contact))
      break;
    std::cerr << tr("new.bad-url") << "\n";
  }

  std::vector<std::pair<std::string, std::string>> clients;
  for (const auto& client : config.clients) {
    if (client.id.present && !client.id.value.empty())
      clients.emplace_back(client.id.value, client.title.value);
  }
  if (draft.clients.empty() && !clients.empty()) {
    std::cerr << tr("new.ask-clients") << "\n";
    list_choices(clients);
    std::vector<std::size_t> all;
    for (std::size_t i = 0; i < clients.size(); ++i)
      all.push_back(i);
    for (std::size_t i : ask.choose_many(tr("new.prompt-clients"), first_of(clients), all))
      draft.clients.push_back(clients[i].first);
  }

  draft.value = ask.required(tr("new.ask-value"));

  std::vector<std::pair<std::string, std::string>> needs;
  for (const auto& need : perechen::needs())
    needs.emplace_back(need.code, title(need, language()));
  std::cerr << tr("new.ask-needs") << "\n";
  list_choices(needs);
  for (std::size_t i : ask.choose_many(tr("new.prompt-needs"), first_of(needs), {0})) {
    const NeedInfo& need = perechen::needs()[i];
    scaffold::DraftNeed chosen{need.code, {}};
    if (need.needs_description)
      chosen.description = ask.required(tr("new.ask-other", fmt::arg("code", need.code)));
    draft.needs.push_back(std::move(chosen));
  }

  std::vector<std::pair<std::string, std::string>> types{
      {"internal_act", tr("new.basis-internal-act")},
      {"contract", tr("new.basis-contract")},
      {"instruction", tr("new.basis-instruction")}};
  std::cerr << tr("new.ask-basis") << "\n";
  list_choices(types);
  int type = ask.choose(tr("new.prompt-default-first"), first_of(types), true);
  draft.basis_type = types[static_cast<std::size_t>(type < 0 ? 0 : type)].first;
  draft.basis_title = ask.line(tr("new.ask-basis-title"));

  std::vector<std::pair<std::string, std::string>> institutions;
  for (const auto& institution : config.institutions) {
    if (institution.id.present && !institution.id.value.empty())
      institutions.emplace_back(institution.id.value, institution.title.value);
  }
  if (institutions.size() > 1) {
    std::cerr << tr("new.ask-prepared-by") << "\n";
    list_choices(institutions);
    int chosen = ask.choose(tr("new.prompt-default-first"), first_of(institutions), true);
    draft.prepared_by = institutions[static_cast<std::size_t>(chosen < 0 ? 0 : chosen)].first;
  }
}

// --client ids must be the registry's: a typo is said now, not by validate later.
void check_clients(const NewOptions& o, const Config& config) {
  std::vector<std::string> ids;
  for (const auto& client : config.clients) {
    if (client.id.present)
      ids.push_back(client.id.value);
  }
  for (const auto& id : o.clients) {
    if (config.find_client(id) != nullptr)
      continue;
    std::string list;
    for (const auto& known : ids)
      list += (list.empty() ? "" : ", ") + known;
    std::string message = tr("new.unknown-client", fmt::arg("client", id), fmt::arg("ids", list));
    std::string near = text::nearest(id, ids);
    if (!near.empty())
      message += " " + tr("new.did-you-mean", fmt::arg("id", near));
    throw Error(ExitCode::usage, message);
  }
}

void ask_missing(NewOptions& o, const Config& config, const std::vector<Point>& points) {
  Asker ask;
  if (o.process.empty()) {
    std::cerr << tr("new.ask-process") << "\n";
    std::vector<std::string> ids;
    for (const auto& direction : config.directions) {
      for (const auto& process : direction.processes) {
        if (!process.id.present)
          continue;
        ids.push_back(process.id.value);
        std::cerr << fmt::format("  {}) {} — {} ({})\n", ids.size(), process.id.value,
                                 process.title.value, direction.title.value);
      }
    }
    if (ids.empty())
      throw Error(ExitCode::failure, tr("new.no-processes"));
    o.process = ids[static_cast<std::size_t>(ask.choose(tr("new.prompt-choice"), ids, false))];
  }
  while (o.name.empty()) {
    o.name = ask.line(tr("new.ask-name"));
    if (const Point* taken = point_named(points, o.process, o.name)) {
      std::cerr << name_exists(*taken, o.process) << "\n";
      o.name.clear();
    }
  }
  if (o.channel.empty()) {
    std::cerr << tr("new.ask-channel") << "\n";
    std::cerr << "  1) digital — " << tr("new.channel-digital") << "\n";
    std::cerr << "  2) offline — " << tr("new.channel-offline") << "\n";
    std::vector<std::string> ids{"digital", "offline"};
    o.channel = ids[static_cast<std::size_t>(ask.choose(tr("new.prompt-choice"), ids, false))];
  }
  if (o.kind.empty()) {
    std::cerr << tr("new.ask-kind") << "\n";
    std::vector<KindChoice> kinds = kinds_for(config, o.channel);
    std::vector<std::string> ids;
    for (const auto& kind : kinds) {
      ids.push_back(kind.id);
      std::cerr << fmt::format("  {}) {} — {}\n", ids.size(), kind.id, kind.title);
    }
    int chosen = ask.choose(tr("new.prompt-kind"), ids, true);
    if (chosen >= 0)
      o.kind = ids[static_cast<std::size_t>(chosen)];
  }
}

void check_options(const NewOptions& o, const Config& config) {
  if (config.find_process(o.process) == nullptr) {
    std::vector<std::string> ids = process_ids(config);
    std::string near = text::nearest(o.process, ids);
    std::string message = tr("new.unknown-process", fmt::arg("process", o.process));
    if (!near.empty())
      message += " " + tr("new.did-you-mean", fmt::arg("id", near));
    std::string list;
    for (const auto& id : ids)
      list += (list.empty() ? "" : ", ") + id;
    throw Error(ExitCode::usage, message + "\n" + tr("new.known-processes", fmt::arg("ids", list)));
  }
  if (text::trim(o.name).empty())
    throw Error(ExitCode::usage, tr("new.empty-name"));
  if (o.channel != "digital" && o.channel != "offline")
    throw Error(ExitCode::usage, tr("new.bad-channel", fmt::arg("channel", o.channel)));
  if (!o.kind.empty()) {
    std::string kind_channel = channel_of_kind(config, o.kind);
    if (kind_channel.empty()) {
      std::string list;
      for (const auto& kind : kinds_for(config, o.channel))
        list += (list.empty() ? "" : ", ") + kind.id;
      throw Error(ExitCode::usage, tr("new.unknown-kind", fmt::arg("kind", o.kind),
                                      fmt::arg("channel", o.channel), fmt::arg("ids", list)));
    }
    if (kind_channel != o.channel) {
      throw Error(ExitCode::usage,
                  tr("new.kind-channel", fmt::arg("kind", o.kind),
                     fmt::arg("kind_channel", kind_channel), fmt::arg("channel", o.channel)));
    }
  }
}

// --file F: inside points/ of the registry and a YAML name, or validate would never see it.
fs::path explicit_path(const Context& ctx, const fs::path& root, const std::string& file) {
  fs::path path = fs::absolute(ctx.start_dir() / platform::path_from_utf8(file)).lexically_normal();
  fs::path rel = path.lexically_relative(root / "points");
  std::string s = rel.generic_string();
  std::string ext = platform::utf8_path(path.extension());
  if (rel.empty() || s == "." || s.rfind("..", 0) == 0 || (ext != ".yaml" && ext != ".yml")) {
    throw Error(ExitCode::usage, tr("new.file-outside", fmt::arg("file", file),
                                    fmt::arg("points", platform::path_text((root / "points")))));
  }
  return path;
}

ExitCode run(const Context& ctx, NewOptions o) {
  fs::path root = ctx.registry_root();
  Config config = load_config(root, "new.config-broken");

  o.name = std::string(text::trim(o.name));
  check_kind_known(o, config);
  // The points as they are now, to refuse a second point of one name in one process (2.7).
  Diagnostics ignored;
  Registry registry = load_registry(*git::make_worktree_source(root), ignored);
  if (!o.process.empty() && !o.name.empty()) {
    if (const Point* taken = point_named(registry.points, o.process, o.name))
      throw Error(ExitCode::usage, name_exists(*taken, o.process));
  }
  if (o.channel.empty() && !o.kind.empty())
    o.channel = channel_of_kind(config, o.kind);  // a kind says its channel
  std::vector<std::string> missing;
  if (o.process.empty())
    missing.emplace_back("--process");
  if (o.name.empty())
    missing.emplace_back("--name");
  if (o.channel.empty())
    missing.emplace_back("--channel");
  bool terminal = platform::is_terminal(platform::Stream::input);
  if (!missing.empty() && !terminal) {
    std::string list;
    for (const auto& m : missing)
      list += (list.empty() ? "" : ", ") + m;
    throw Error(ExitCode::usage, tr("new.missing-options", fmt::arg("options", list)));
  }
  check_clients(o, config);
  if (terminal)
    ask_missing(o, config, registry.points);
  check_options(o, config);
  if (const Point* taken = point_named(registry.points, o.process, o.name))
    throw Error(ExitCode::usage, name_exists(*taken, o.process));

  const Direction* direction = config.direction_of(o.process);
  if (!text::is_slug(direction->id.value)) {
    // Never a folder name made of whatever perechen.yaml holds ("../.."): validate says what.
    throw Error(ExitCode::failure, tr("new.config-broken",
                                      fmt::arg("file", platform::path_text((root / kConfigFile)))));
  }
  scaffold::PointDraft draft;
  draft.process = o.process;
  draft.name = o.name;
  draft.channel = o.channel;
  draft.kind = o.kind;
  draft.clients = o.clients;
  if (terminal)
    ask_fields(draft, config);
  fs::path written;
  if (!o.file.empty()) {
    written = explicit_path(ctx, root, o.file);
    std::string content =
        scaffold::point_file_text(draft, config, scaffold::schema_ref(root, written));
    if (platform::write_new(written, content) == platform::NewFile::exists)
      throw Error(ExitCode::usage, tr("new.file-exists", fmt::arg("file", o.file)));
  } else {
    fs::path folder = root / "points" / direction->id.value;
    std::string content =
        scaffold::point_file_text(draft, config, scaffold::schema_ref(root, folder / "point.yaml"));
    written =
        scaffold::create_point_file(root, direction->id.value, scaffold::slug(o.name), content);
  }

  std::string shown = written.lexically_relative(ctx.start_dir()).generic_string();
  std::cout << tr("new.created", fmt::arg("file", shown)) << "\n";
  // The editor's schema follows perechen.yaml as it is now: a process added there by hand just
  // before is known to the editor in the file just made.
  refresh_schema(ctx, root, config);
  if (!terminal) {
    // Only what is still empty: a client given with --client is not asked for again.
    std::vector<std::string> empty;
    if (draft.clients.empty())
      empty.emplace_back("clients");
    if (draft.value.empty())
      empty.emplace_back("value");
    if (draft.needs.empty())
      empty.emplace_back("needs");
    if (draft.basis_title.empty())
      empty.emplace_back("basis");
    if (draft.contact.empty())
      empty.emplace_back(o.channel == "offline" ? "address" : "url");
    std::string list;
    for (std::size_t i = 0; i < empty.size(); ++i) {
      if (i > 0)
        list += i + 1 == empty.size() ? tr("new.fields-and") : ", ";
      list += empty[i];
    }
    if (!list.empty())
      std::cout << tr("new.next-fill", fmt::arg("fields", list), fmt::arg("file", shown)) << "\n";
    std::cout << tr("new.not-terminal") << "\n";
  } else {
    std::cout << tr("new.next-check", fmt::arg("file", shown)) << "\n";
  }
  return ExitCode::ok;
}

}  // namespace

void register_new(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<NewOptions>();
  CLI::App* cmd = app.add_subcommand("new", text("new.description"));
  cmd->add_option("--process", options->process, text("new.opt-process"))
      ->type_name(text("new.type-process"));
  cmd->add_option("--name", options->name, text("new.opt-name"))->type_name("POINT_NAME");
  cmd->add_option("--channel", options->channel, text("new.opt-channel"))
      ->check(one_of({"digital", "offline"}))
      ->type_name("digital|offline");
  cmd->add_option("--kind", options->kind, text("new.opt-kind"))->type_name(text("new.type-kind"));
  cmd->add_option("--client", options->clients, text("new.opt-client"))->type_name("CLIENT");
  cmd->add_option("--file", options->file, text("new.opt-file"))->type_name(text("cli.type-file"));
  cmd->callback([&ctx, options] { ctx.result = run(ctx, *options); });
}

}  // namespace perechen::cli
