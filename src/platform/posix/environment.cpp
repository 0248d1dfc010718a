// SPDX-License-Identifier: Apache-2.0
// perechen/platform/environment.hpp on POSIX: the bytes the system gives, as they are.

#include <sys/stat.h>

#include <cstdlib>

#include "perechen/platform/environment.hpp"

namespace perechen::platform {

std::vector<std::string> program_arguments(int argc, char** argv) {
  std::vector<std::string> arguments;
  for (int i = 0; i < argc; ++i)
    arguments.emplace_back(argv[i]);
  return arguments;
}

std::optional<std::string> environment(std::string_view name) {
  const char* value = std::getenv(std::string(name).c_str());
  if (value == nullptr)
    return std::nullopt;
  return std::string(value);
}

std::optional<std::filesystem::path> home_directory() {
  auto home = environment("HOME");
  if (!home || home->empty())
    return std::nullopt;
  return std::filesystem::path(*home);
}

bool ssh_agent_available() {
  auto socket = environment("SSH_AUTH_SOCK");
  return socket && !socket->empty();
}

std::string path_text(const std::filesystem::path& path) {
  return path.string();
}

}  // namespace perechen::platform
