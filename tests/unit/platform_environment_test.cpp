// SPDX-License-Identifier: Apache-2.0
// The text of paths in messages and the Windows command line read back into arguments: plain
// text, so the Windows rules are checked here too, with the POSIX backend of the rest.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <random>

#include "perechen/platform/environment.hpp"
#include "perechen/platform/process.hpp"

namespace fs = std::filesystem;
using perechen::platform::path_from_utf8;
using perechen::platform::path_text;
using perechen::platform::windows_command_line;
using perechen::platform::windows_path_text;
using perechen::platform::windows_split_command_line;

TEST_CASE("windows_path_text: forward slashes as git writes them, without the long-path prefix") {
  CHECK(windows_path_text("C:\\Users\\Иван\\перечень\\points\\pay\\lk.yaml") ==
        "C:/Users/Иван/перечень/points/pay/lk.yaml");
  CHECK(windows_path_text("points\\pay\\lk.yaml") == "points/pay/lk.yaml");
  CHECK(windows_path_text("\\\\?\\C:\\Очень длинная папка\\lk.yaml") ==
        "C:/Очень длинная папка/lk.yaml");
  CHECK(windows_path_text("\\\\?\\UNC\\server\\share\\реестр") == "//server/share/реестр");
  CHECK(windows_path_text("\\\\server\\share") == "//server/share");
  CHECK(windows_path_text("already/forward") == "already/forward");
}

TEST_CASE("path_text on POSIX: the bytes of the path, a backslash being a letter of a name") {
  CHECK(path_text(fs::path("/tmp/перечень/a\\b.yaml")) == "/tmp/перечень/a\\b.yaml");
  CHECK(path_text(path_from_utf8("папка с пробелом/lk.yaml")) == "папка с пробелом/lk.yaml");
}

TEST_CASE("path_from_utf8 keeps Cyrillic names whole") {
  fs::path path = path_from_utf8("Перечень ЦБУ/points/окно.yaml");
  CHECK(path.filename().u8string() == u8"окно.yaml");
  CHECK(path.parent_path().parent_path().u8string() == u8"Перечень ЦБУ");
}

TEST_CASE("windows_split_command_line: the C runtime's rules") {
  using Args = std::vector<std::string>;
  CHECK(windows_split_command_line("perechen.exe validate") == Args{"perechen.exe", "validate"});
  CHECK(windows_split_command_line(
            "\"C:\\Program Files\\perechen\\perechen.exe\"  -C \"D:\\Реестр ЦБУ\\\" validate") ==
        Args{"C:\\Program Files\\perechen\\perechen.exe", "-C", "D:\\Реестр ЦБУ\" validate"});
  // The program's name takes no escapes: a backslash before its closing quote is a backslash.
  CHECK(windows_split_command_line("\"C:\\dir\\\" x") == Args{"C:\\dir\\", "x"});
  CHECK(windows_split_command_line("p \"\" \"a b\"\tc") == Args{"p", "", "a b", "c"});
  CHECK(windows_split_command_line("p a\\\\b \\\\\\\"q \"x\\\\\" y") ==
        Args{"p", "a\\\\b", "\\\"q", "x\\", "y"});
  CHECK(windows_split_command_line("p \"say \"\"hi\"\"\"") == Args{"p", "say \"hi\""});
  CHECK(windows_split_command_line("p ab\"c d\"e") == Args{"p", "abc de"});
  CHECK(windows_split_command_line("p   ") == Args{"p"});
}

TEST_CASE("windows_split_command_line reads back what windows_command_line wrote") {
  const std::vector<std::string> pieces{"a",    " ", "\t",   "\"",  "\\",   "\\\\",
                                        "ключ", "",  "C:\\", "x y", "\"\"", "\\\""};
  std::mt19937 random(17);
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::string> argv{"C:\\Program Files\\OpenSSH\\ssh-keygen.exe"};
    std::size_t count = random() % 5;
    for (std::size_t i = 0; i < count; ++i) {
      std::string argument;
      std::size_t length = random() % 6;
      for (std::size_t j = 0; j < length; ++j)
        argument += pieces[random() % pieces.size()];
      argv.push_back(argument);
    }
    std::string line = windows_command_line(argv);
    INFO(line);
    REQUIRE(windows_split_command_line(line) == argv);
  }
}

TEST_CASE("program_arguments on POSIX: argv as given") {
  char program[] = "perechen";
  char argument[] = "Перечень ЦБУ";
  char* argv[] = {program, argument, nullptr};
  CHECK(perechen::platform::program_arguments(2, argv) ==
        std::vector<std::string>{"perechen", "Перечень ЦБУ"});
}

TEST_CASE("home_directory and ssh_agent_available read HOME and SSH_AUTH_SOCK on POSIX") {
  const char* saved_home = std::getenv("HOME");
  const char* saved_socket = std::getenv("SSH_AUTH_SOCK");
  std::string home = saved_home != nullptr ? saved_home : "";
  std::string socket = saved_socket != nullptr ? saved_socket : "";
  setenv("HOME", "/home/Иван", 1);
  CHECK(perechen::platform::home_directory() == path_from_utf8("/home/Иван"));
  setenv("HOME", "", 1);
  CHECK_FALSE(perechen::platform::home_directory());
  setenv("SSH_AUTH_SOCK", "", 1);
  CHECK_FALSE(perechen::platform::ssh_agent_available());
  setenv("SSH_AUTH_SOCK", "/run/agent.sock", 1);
  CHECK(perechen::platform::ssh_agent_available());
  CHECK(perechen::platform::environment("SSH_AUTH_SOCK") == "/run/agent.sock");
  if (saved_home != nullptr)
    setenv("HOME", home.c_str(), 1);
  else
    unsetenv("HOME");
  if (saved_socket != nullptr)
    setenv("SSH_AUTH_SOCK", socket.c_str(), 1);
  else
    unsetenv("SSH_AUTH_SOCK");
}
