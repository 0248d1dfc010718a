// SPDX-License-Identifier: Apache-2.0
#include "context.hpp"

namespace perechen::cli {

// One line per command; each lives in command_<name>.cpp.
void register_validate(CLI::App& app, Context& ctx);
void register_status(CLI::App& app, Context& ctx);
void register_verify(CLI::App& app, Context& ctx);
void register_roster(CLI::App& app, Context& ctx);
void register_export(CLI::App& app, Context& ctx);
void register_diff(CLI::App& app, Context& ctx);
void register_publish(CLI::App& app, Context& ctx);
void register_approve(CLI::App& app, Context& ctx);

void register_init(CLI::App& app, Context& ctx);
void register_new(CLI::App& app, Context& ctx);
void register_schema(CLI::App& app, Context& ctx);
void register_doctor(CLI::App& app, Context& ctx);
void register_completion(CLI::App& app, Context& ctx);
void register_complete(CLI::App& app, Context& ctx);
void register_man(CLI::App& app, Context& ctx);
void register_help(CLI::App& app, Context& ctx);
void register_import(CLI::App& app, Context& ctx);

void register_commands(CLI::App& app, Context& ctx) {
  register_validate(app, ctx);
  register_status(app, ctx);
  register_verify(app, ctx);
  register_roster(app, ctx);
  register_export(app, ctx);
  register_diff(app, ctx);
  register_publish(app, ctx);
  register_approve(app, ctx);
  register_init(app, ctx);
  register_new(app, ctx);
  register_import(app, ctx);
  register_schema(app, ctx);
  register_doctor(app, ctx);
  register_completion(app, ctx);
  register_complete(app, ctx);
  register_man(app, ctx);
  register_help(app, ctx);
}

}  // namespace perechen::cli
