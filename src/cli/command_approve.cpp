// SPDX-License-Identifier: Apache-2.0
// perechen approve: records the signer's approval of the pending change as a signed commit
// (spec §5). Every refusal of the spec is exit code 1 with nothing written; failures to run
// (not a repository, detached HEAD, signing or git failures) are exit code 3; without a terminal
// to ask on and without --yes it refuses with the usage code 2, since it cannot ask.

#include <algorithm>
#include <cctype>
#include <ctime>
#include <iostream>
#include <sstream>

#include "context.hpp"
#include "perechen/approval/anchor.hpp"
#include "perechen/approval/change.hpp"
#include "perechen/approval/report.hpp"
#include "perechen/approval/sign.hpp"
#include "perechen/error.hpp"
#include "perechen/export/diff.hpp"
#include "perechen/git/repository.hpp"
#include "perechen/git/tree_source.hpp"
#include "perechen/i18n.hpp"
#include "perechen/platform/terminal.hpp"
#include "perechen/rules/validate.hpp"
#include "signing.hpp"

namespace perechen::cli {
namespace {

using approval::Plan;
using approval::Refused;

struct ApproveOptions {
  SigningOptions signing;
  std::vector<std::string> roles;
  std::string message;
  bool yes = false;
  std::string anchor;
};

// The change's rows shown before signing; beyond this many, `perechen diff` shows the rest.
constexpr std::size_t kShownRows = 100;
// A changed field's old and new text, each shortened around what differs to about this many
// characters (`perechen diff` shows them whole).
constexpr std::size_t kShownWidth = 60;

ExitCode refuse(const std::string& message) {
  std::cerr << "perechen: " << message << "\n";
  return ExitCode::problems;
}

std::string short_id(const git::Oid& id) {
  return id.hex().substr(0, 12);
}

std::vector<approval::RoleRequest> parse_requests(const std::vector<std::string>& roles) {
  std::vector<approval::RoleRequest> requests;
  for (const auto& text : roles) {
    auto request = approval::parse_role_request(text);
    if (!request)
      throw Error(ExitCode::usage, tr("approve.bad-role", fmt::arg("role", text)));
    requests.push_back(*request);
  }
  return requests;
}

// "Оплата труда / Начисление и выплата заработной платы": where a point sits in the list.
std::string place_of(const Point* point, const Config* config) {
  if (point == nullptr || !point->process.present)
    return {};
  const std::string& process = point->process.value;
  if (config == nullptr)
    return process;
  const Process* p = config->find_process(process);
  const Direction* d = config->direction_of(process);
  std::string result;
  if (d != nullptr)
    result = d->title.value + " / ";
  result += p != nullptr ? p->title.value : process;
  return result;
}

// A row of the change; for a changed point, each changed field with its old and new text (lists as
// the items added and removed), as `perechen diff` tells them.
void write_point_row(std::ostream& out, const approval::PointChange& c,
                     const approval::Status& status, const exporting::RowDiff* row) {
  const Point* point = c.after ? c.after.get() : c.before.get();
  const Config* config = c.after ? status.head_config.get() : status.base_config.get();
  std::string name = point != nullptr && point->name.present ? point->name.value : c.file;
  std::string place = place_of(point, config);
  char mark = c.kind == approval::PointChangeKind::added     ? '+'
              : c.kind == approval::PointChangeKind::removed ? '-'
                                                             : '~';
  out << "  " << mark << " " << (place.empty() ? std::string() : place + ": ") << "«" << name
      << "» (" << c.file << ")";
  if (c.kind != approval::PointChangeKind::changed) {
    // An added or removed row whole: every field the person signs for or against.
    out << "\n";
    if (row != nullptr) {
      for (const auto& field : row->content) {
        for (const auto& line : exporting::content_lines(field, language()))
          out << "      " << line << "\n";
      }
    }
    return;
  }
  if (c.fields.empty()) {
    out << " — " << tr("approval.text-layout-only") << "\n";
    return;
  }
  if (row == nullptr || row->fields.empty()) {
    // The fields differ in the file but not in the list (the order of clients, say).
    out << " — " << tr("approve.screen-fields", fmt::arg("fields", fmt::join(c.fields, ", ")))
        << "\n";
    return;
  }
  out << "\n";
  for (const auto& field : row->fields) {
    for (const auto& line : exporting::field_lines(field, language(), kShownWidth))
      out << "      " << line << "\n";
  }
}

void write_process_row(std::ostream& out, const approval::ProcessChange& p) {
  const char* key = "approval.text-process-added";
  switch (p.kind) {
    case approval::ProcessChangeKind::added:
      key = "approval.text-process-added";
      break;
    case approval::ProcessChangeKind::removed:
      key = "approval.text-process-removed";
      break;
    case approval::ProcessChangeKind::renamed:
      key = "approval.text-process-renamed";
      break;
    case approval::ProcessChangeKind::moved:
      key = "approval.text-process-moved";
      break;
  }
  out << "  * "
      << tr(key, fmt::arg("id", p.id), fmt::arg("before", p.title_before),
            fmt::arg("after", p.title_after), fmt::arg("from", p.direction_before),
            fmt::arg("to", p.direction_after))
      << "\n";
}

// What the person signs: the content and the commit, every changed row, and the roles.
void write_screen(std::ostream& out, const Plan& plan, const approval::SigningKey& key,
                  const std::string& branch) {
  const approval::Status& status = plan.status;
  std::string_view branch_name = branch;
  if (branch_name.substr(0, 11) == "refs/heads/")
    branch_name.remove_prefix(11);
  out << tr("approve.screen-title", fmt::arg("commit", short_id(plan.head)),
            fmt::arg("branch", branch_name), fmt::arg("content", short_id(*status.content)))
      << "\n";
  out << (status.approved_commit
              ? tr("approve.screen-base", fmt::arg("commit", short_id(*status.approved_commit)),
                   fmt::arg("date", status.approved_when.date()))
              : tr("approve.screen-first"))
      << "\n\n";

  if (status.pending) {
    const approval::Change& change = status.pending->change;
    out << tr("approve.screen-changes",
              fmt::arg("added", change.count(approval::PointChangeKind::added)),
              fmt::arg("removed", change.count(approval::PointChangeKind::removed)),
              fmt::arg("changed", change.count(approval::PointChangeKind::changed)))
        << "\n";
    // The rows as the list shows them, for the old and new text of each changed field.
    exporting::ListDiff rows =
        exporting::describe(change, status.base_config, status.head_config, {}, {}, language());
    auto row_of = [&](const std::string& file) -> const exporting::RowDiff* {
      for (const auto& row : rows.rows) {
        if (row.file == file)
          return &row;
      }
      return nullptr;
    };
    std::size_t shown = 0;
    for (const auto& c : change.points) {
      if (shown++ == kShownRows) {
        out << "  "
            << tr("approve.screen-more", fmt::arg("count", change.points.size() - kShownRows))
            << "\n";
        break;
      }
      write_point_row(out, c, status, row_of(c.file));
    }
    // For the first version everything is new: the points say it all.
    if (!change.first_version) {
      for (const auto& p : change.processes)
        write_process_row(out, p);
      if (change.settings_changed) {
        out << "  * "
            << (change.settings.empty() ? tr("approval.text-settings-whole")
                                        : tr("approval.text-settings",
                                             fmt::arg("keys", fmt::join(change.settings, ", "))))
            << "\n";
        for (const auto& field : rows.settings_fields) {
          for (const auto& line : exporting::field_lines(field, language(), kShownWidth))
            out << "      " << line << "\n";
        }
      }
    }
    // The roster is the root of trust: shown in full, for the first version too (spec §5.1, 8).
    if (change.roster_changed) {
      out << "  * " << tr("roster-change.title") << "\n";
      for (const auto& line : approval::describe_roster_change(change.roster))
        out << "      " << line << "\n";
    }
    out << "\n";
  }

  out << tr("approve.screen-roles",
            fmt::arg("person", approval::describe_person(plan.person, status)))
      << "\n";
  for (const auto& role : plan.roles) {
    out << "  - " << approval::describe_role(role, status) << "\n";
  }
  out << tr("approve.screen-key", fmt::arg("fingerprint", key.fingerprint()),
            fmt::arg("key", key.description()))
      << "\n\n";
}

bool yes_answer(std::string answer) {
  auto begin = answer.find_first_not_of(" \t\r");
  auto end = answer.find_last_not_of(" \t\r");
  if (begin == std::string::npos)
    return false;
  answer = answer.substr(begin, end - begin + 1);
  std::transform(answer.begin(), answer.end(), answer.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return answer == "y" || answer == "yes" || answer == "д" || answer == "да" || answer == "Д" ||
         answer == "Да" || answer == "ДА";
}

void write_outcome(std::ostream& out, approval::ContentReader& reader,
                   const approval::Recorded& recorded, const approval::EvaluateOptions& options) {
  std::vector<std::string> roles;
  for (const auto& role : recorded.plan.roles) {
    roles.push_back(approval::describe_role(role, recorded.plan.status));
  }
  out << tr("approve.recorded", fmt::arg("commit", short_id(recorded.commit)),
            fmt::arg("person",
                     approval::describe_person(recorded.plan.person, recorded.plan.status)),
            fmt::arg("roles", fmt::join(roles, "; ")))
      << "\n";
  if (recorded.attempts > 1) {
    out << tr("approve.rebuilt", fmt::arg("attempts", recorded.attempts)) << "\n";
  }
  approval::Status after = approval::evaluate(reader, recorded.commit, options);
  if (after.approved) {
    out << tr("approve.complete") << "\n";
    // The first version is the root of trust (spec §5.1, rule 3): say which commit to pin.
    if (!recorded.plan.status.approved_commit && after.approved_commit) {
      out << tr("approve.pin-anchor", fmt::arg("commit", after.approved_commit->hex())) << "\n";
    }
    return;
  }
  out << tr("approve.still-missing") << "\n";
  for (const auto& r : after.required) {
    if (r.approved)
      continue;
    out << "  - " << approval::describe_role(r.requirement.role, after) << " — "
        << approval::describe_holders(r, after) << "\n";
  }
}

ExitCode run(const Context& ctx, const ApproveOptions& options) {
  std::vector<approval::RoleRequest> requests = parse_requests(options.roles);
  if (auto problem = approval::free_text_problem(options.message)) {
    throw Error(ExitCode::usage, tr("approve.bad-message", fmt::arg("reason", *problem)));
  }
  git::RegistryRepository opened = git::open_registry_repository(ctx.registry_root());
  const git::Repository& repo = opened.repo;
  std::optional<std::string> branch = repo.head_branch();
  if (!branch)
    throw Error(ExitCode::failure, tr("approve.detached"));

  std::vector<std::string> dirty = approval::uncommitted_registry_files(repo, opened.prefix);
  if (!dirty.empty()) {
    constexpr std::size_t kListed = 10;
    std::string files;
    for (std::size_t i = 0; i < dirty.size() && i < kListed; ++i)
      files += "\n  " + dirty[i];
    if (dirty.size() > kListed) {
      files += "\n  " + tr("approve.screen-more", fmt::arg("count", dirty.size() - kListed));
    }
    return refuse(tr("approve.dirty", fmt::arg("files", files)));
  }
  std::optional<git::Oid> head = repo.head();
  if (!head)
    return refuse(tr("git.no-commits"));

  git::GitTreeSource source(repo, *head, opened.prefix);
  ValidationResult validation = validate(source, {}, nullptr, {}, CalendarFiles::skip);
  if (validation.errors() > 0) {
    return refuse(tr("approve.invalid", fmt::arg("commit", short_id(*head)),
                     fmt::arg("errors", validation.errors()),
                     fmt::arg("errors_word", plural("report.plural.error", validation.errors()))));
  }

  approval::EvaluateOptions evaluate = approval::evaluate_options(repo, options.anchor);
  approval::SigningKey key = signing_key(ctx, repo, options.signing, "approve.no-key");
  approval::ContentReader reader(repo, opened.prefix);
  auto planned = approval::plan_approval(
      reader, *head, key.signer(static_cast<std::int64_t>(std::time(nullptr))), requests, evaluate);
  if (auto* refused = std::get_if<Refused>(&planned))
    return refuse(refused->message);
  const Plan& plan = std::get<Plan>(planned);

  if (!options.yes) {
    if (!platform::is_terminal(platform::Stream::input))
      throw Error(ExitCode::usage, tr("approve.no-terminal"));
    std::ostringstream screen;
    write_screen(screen, plan, key, *branch);
    std::cout << screen.str() << tr("approve.confirm") << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    if (!yes_answer(answer))
      return refuse(tr("approve.declined"));
  }

  approval::RecordOptions record;
  record.free_text = options.message;
  record.sign = sign_options(repo);
  record.evaluate = evaluate;
  auto result = approval::record_approval(reader, *branch, plan, requests, key, record);
  if (auto* refused = std::get_if<Refused>(&result))
    return refuse(refused->message);

  std::ostringstream out;
  write_outcome(out, reader, std::get<approval::Recorded>(result), evaluate);
  std::cout << out.str() << std::flush;
  return ExitCode::ok;
}

}  // namespace

void register_approve(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<ApproveOptions>();
  CLI::App* cmd = app.add_subcommand("approve", text("approve.description"));
  add_signing_options(*cmd, options->signing, "approve");
  cmd->add_option("--role", options->roles, text("approve.opt-role"))
      ->type_name("ROLE[:PROCESS|DIRECTION]");
  cmd->add_option("--message", options->message, text("approve.opt-message"))->type_name("MESSAGE");
  cmd->add_flag("--yes", options->yes, text("approve.opt-yes"));
  add_anchor_option(*cmd, options->anchor);
  cmd->callback([&ctx, options] { ctx.result = run(ctx, *options); });
}

}  // namespace perechen::cli
