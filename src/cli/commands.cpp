#include "context.hpp"

namespace perechen::cli {

// One line per command; each lives in command_<name>.cpp.
void register_validate(CLI::App& app, Context& ctx);
void register_export(CLI::App& app, Context& ctx);

void register_commands(CLI::App& app, Context& ctx) {
  register_validate(app, ctx);
  register_export(app, ctx);
}

}  // namespace perechen::cli
