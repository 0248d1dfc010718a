// SPDX-License-Identifier: Apache-2.0
// platform::write_new, replace_atomically, TempFile and the output targets on POSIX: what is on
// disk afterwards, for each kind of thing a path can lead to. CI runs as root, so nothing here
// relies on permissions; the only device written to is /dev/null, which must stay one.

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <array>
#include <cstring>
#include <thread>

#include "fixture.hpp"
#include "perechen/error.hpp"
#include "perechen/platform/files.hpp"

namespace fs = std::filesystem;
using perechen::Error;
using perechen::ExitCode;
using perechen::test::read_file;
using perechen::test::TempDir;
namespace platform = perechen::platform;

namespace {

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

ino_t inode_of(const fs::path& path) {
  struct stat st {};
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st.st_ino;
}

// The message and exit code of the Error that `f` throws.
template <typename F>
std::pair<std::string, ExitCode> error_of(F f) {
  try {
    f();
  } catch (const Error& e) {
    return {e.what(), e.code()};
  }
  FAIL("no perechen::Error");
  return {};
}

bool is_character_device(const fs::path& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0 && S_ISCHR(st.st_mode);
}

}  // namespace

TEST_CASE("read_regular_file: a regular file of bounded size, never a wait on a FIFO") {
  using Problem = platform::FileRead::Problem;
  TempDir dir;
  fs::path file = dir.write("points/a.yaml", "id: a\n");
  auto read = platform::read_regular_file(file, 1024);
  CHECK(read.problem == Problem::none);
  CHECK(read.bytes == "id: a\n");
  fs::create_symlink("a.yaml", dir.path() / "points/link.yaml");
  CHECK(platform::read_regular_file(dir.path() / "points/link.yaml", 1024).bytes == "id: a\n");

  auto large = platform::read_regular_file(file, 5);
  CHECK(large.problem == Problem::too_large);
  CHECK(large.size == 6);
  CHECK(large.bytes.empty());

  auto missing = platform::read_regular_file(dir.path() / "points/none.yaml", 1024);
  CHECK(missing.problem == Problem::unreadable);
  CHECK(missing.reason == "No such file or directory");

  CHECK(platform::read_regular_file(dir.path() / "points", 1024).problem == Problem::not_regular);
  // A FIFO nobody writes to would block a plain open() for ever.
  fs::path fifo = dir.path() / "points/fifo.yaml";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(platform::read_regular_file(fifo, 1024).problem == Problem::not_regular);
  CHECK(platform::read_regular_file("/dev/null", 1024).problem == Problem::not_regular);
}

TEST_CASE("write_new: a new file whole, never over anything, parents made") {
  TempDir dir;
  fs::path file = dir.path() / "a/b/new.yaml";
  CHECK(platform::write_new(file, "id: x\n") == platform::NewFile::written);
  CHECK(read_file(file) == "id: x\n");
  CHECK(platform::write_new(file, "other\n") == platform::NewFile::exists);
  CHECK(read_file(file) == "id: x\n");
  // Nothing else beside it: the temporary file went into place by rename.
  CHECK(names_in(dir.path() / "a/b") == std::vector<std::string>{"new.yaml"});

  // A dangling link is something: it is not followed, and its target is not made.
  fs::create_symlink(dir.path() / "elsewhere.yaml", dir.path() / "link.yaml");
  CHECK(platform::write_new(dir.path() / "link.yaml", "x") == platform::NewFile::exists);
  CHECK_FALSE(fs::exists(dir.path() / "elsewhere.yaml"));
  CHECK(fs::is_symlink(dir.path() / "link.yaml"));

  // A folder in the way is left alone too.
  fs::create_directories(dir.path() / "folder.yaml");
  CHECK(platform::write_new(dir.path() / "folder.yaml", "x") == platform::NewFile::exists);
  CHECK(fs::is_directory(dir.path() / "folder.yaml"));
}

TEST_CASE("write_new: the mode a new file gets is the umask's, not the temporary file's 0600") {
  TempDir dir;
  mode_t old = ::umask(022);
  platform::write_new(dir.path() / "p.yaml", "x");
  ::umask(old);
  CHECK((fs::status(dir.path() / "p.yaml").permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
         fs::perms::others_read));
}

TEST_CASE("replace_atomically: a new file by rename, keeping the old one's permissions") {
  TempDir dir;
  fs::path file = dir.write("out/list.html", "old\n");
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  ino_t before = inode_of(file);
  platform::replace_atomically(file, "new\n");
  CHECK(read_file(file) == "new\n");
  CHECK(inode_of(file) != before);  // renamed into place, never rewritten in place
  CHECK((fs::status(file).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
  CHECK(names_in(dir.path() / "out") == std::vector<std::string>{"list.html"});

  auto [message, code] =
      error_of([&] { platform::replace_atomically(dir.path() / "no/such/folder.html", "x"); });
  CHECK(code == ExitCode::failure);
  CHECK(message == "не удалось записать " + (dir.path() / "no/such/folder.html").string() +
                       ": No such file or directory");
}

TEST_CASE("TempFile: in the system's temporary folder ($TMPDIR), private, gone with its object") {
  TempDir dir;
  const char* saved = std::getenv("TMPDIR");
  std::string saved_value = saved != nullptr ? saved : "";
  ::setenv("TMPDIR", dir.path().c_str(), 1);
  fs::path path;
  {
    platform::TempFile file("perechen-test", "ssh-ed25519 AAAA\n");
    path = file.path();
    CHECK(platform::temp_directory() == dir.path());
    CHECK(path.parent_path() == dir.path());
    CHECK(path.filename().string().rfind("perechen-test-", 0) == 0);
    CHECK(read_file(path) == "ssh-ed25519 AAAA\n");
    CHECK((fs::status(path).permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write));

    platform::TempFile moved = std::move(file);
    CHECK(moved.path() == path);
    CHECK(file.path().empty());  // NOLINT(bugprone-use-after-move): the moved-from owns nothing
  }
  CHECK_FALSE(fs::exists(path));
  CHECK(names_in(dir.path()).empty());

  // A TMPDIR that names no folder is passed over for the system's own.
  ::setenv("TMPDIR", (dir.path() / "missing").c_str(), 1);
  CHECK(platform::temp_directory() == fs::path(P_tmpdir));
  if (saved != nullptr)
    ::setenv("TMPDIR", saved_value.c_str(), 1);
  else
    ::unsetenv("TMPDIR");
}

TEST_CASE("output: nothing there, or a regular file, is written beside and renamed") {
  TempDir dir;
  fs::path fresh = dir.path() / "report.json";
  auto output = platform::output_target(fresh);
  CHECK(output.kind == platform::OutputKind::file);
  CHECK(output.target == fresh);
  platform::write_output(output, "{}\n");
  CHECK(read_file(fresh) == "{}\n");

  ino_t before = inode_of(fresh);
  platform::write_output(fresh, "[]\n");
  CHECK(read_file(fresh) == "[]\n");
  CHECK(inode_of(fresh) != before);
  CHECK(names_in(dir.path()) == std::vector<std::string>{"report.json"});
}

TEST_CASE("output: a symbolic link is followed; the rename happens at its target") {
  TempDir dir;
  fs::path target = dir.write("real/list.csv", "old\n");
  fs::create_directories(dir.path() / "links");
  // A relative link, resolved from the link's own folder, through a second link.
  fs::create_symlink("../real/list.csv", dir.path() / "links/first.csv");
  fs::create_symlink("first.csv", dir.path() / "links/second.csv");

  auto output = platform::output_target(dir.path() / "links/second.csv");
  CHECK(output.kind == platform::OutputKind::file);
  CHECK(fs::equivalent(output.target, target));
  platform::write_output(output, "new\n");
  CHECK(read_file(target) == "new\n");
  CHECK(fs::is_symlink(dir.path() / "links/second.csv"));
  CHECK(fs::read_symlink(dir.path() / "links/second.csv") == "first.csv");
  CHECK(fs::read_symlink(dir.path() / "links/first.csv") == "../real/list.csv");
  CHECK(names_in(dir.path() / "real") == std::vector<std::string>{"list.csv"});
  CHECK(names_in(dir.path() / "links") == std::vector<std::string>{"first.csv", "second.csv"});

  // A dangling link makes its target, and stays a link.
  fs::create_symlink(dir.path() / "real/made.csv", dir.path() / "dangling.csv");
  platform::write_output(dir.path() / "dangling.csv", "made\n");
  CHECK(fs::is_symlink(dir.path() / "dangling.csv"));
  CHECK(read_file(dir.path() / "real/made.csv") == "made\n");
}

TEST_CASE("output: a folder is refused, naming it and saying it is a folder") {
  TempDir dir;
  fs::create_directories(dir.path() / "site");
  fs::create_symlink("site", dir.path() / "to-site");
  for (const char* name : {"site", "to-site"}) {
    fs::path path = dir.path() / name;
    auto [message, code] = error_of([&] { platform::output_target(path); });
    CHECK(code == ExitCode::usage);
    CHECK(message == path.string() + " — это папка, а не файл: укажите путь к файлу");
  }
  CHECK(fs::is_directory(dir.path() / "site"));
  CHECK(names_in(dir.path() / "site").empty());
}

TEST_CASE("output: a loop of symbolic links is called a loop") {
  TempDir dir;
  fs::create_symlink("b.json", dir.path() / "a.json");
  fs::create_symlink("a.json", dir.path() / "b.json");
  fs::create_symlink("self.json", dir.path() / "self.json");
  // A loop in a folder of the path, which the kernel finds itself.
  fs::create_symlink("loop-dir", dir.path() / "loop-dir");
  for (const char* name : {"a.json", "self.json", "loop-dir/x.json"}) {
    fs::path path = dir.path() / name;
    auto [message, code] = error_of([&] { platform::write_output(path, "{}"); });
    CHECK(code == ExitCode::usage);
    CHECK(message ==
          path.string() + ": символьные ссылки образуют петлю и не ведут ни к какому файлу");
  }
  CHECK(fs::is_symlink(dir.path() / "a.json"));
}

TEST_CASE("output: /dev/null is written through and stays a character device") {
  // As root, a rename over /dev/null would replace the device with a regular file.
  REQUIRE(is_character_device("/dev/null"));
  auto output = platform::output_target("/dev/null");
  CHECK(output.kind == platform::OutputKind::stream);
  CHECK(output.target == "/dev/null");
  platform::write_output(output, "bytes that go nowhere\n");
  CHECK(is_character_device("/dev/null"));

  // Through a link too: the device is what the link leads to.
  TempDir dir;
  fs::create_symlink("/dev/null", dir.path() / "discard");
  platform::write_output(dir.path() / "discard", "x");
  CHECK(fs::is_symlink(dir.path() / "discard"));
  CHECK(is_character_device("/dev/null"));
  CHECK(names_in(dir.path()) == std::vector<std::string>{"discard"});
}

TEST_CASE("output: a FIFO is written through to its reader") {
  TempDir dir;
  fs::path fifo = dir.path() / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  auto output = platform::output_target(fifo);
  CHECK(output.kind == platform::OutputKind::stream);
  std::string received;
  std::thread reader([&] { received = read_file(fifo); });
  platform::write_output(output, "через канал\n");
  reader.join();
  CHECK(received == "через канал\n");
  struct stat st {};
  REQUIRE(::lstat(fifo.c_str(), &st) == 0);
  CHECK(S_ISFIFO(st.st_mode));
  CHECK(names_in(dir.path()) == std::vector<std::string>{"pipe"});
}

TEST_CASE("output: /dev/fd/N is the stream this process holds open as N") {
  std::array<int, 2> fds{};
  REQUIRE(::pipe(fds.data()) == 0);
  fs::path path = "/dev/fd/" + std::to_string(fds[1]);
  auto output = platform::output_target(path);
  CHECK(output.kind == platform::OutputKind::stream);
  platform::write_output(output, "held open");
  ::close(fds[1]);
  std::array<char, 64> buffer{};
  auto got = ::read(fds[0], buffer.data(), buffer.size());
  ::close(fds[0]);
  REQUIRE(got > 0);
  CHECK(std::string(buffer.data(), static_cast<std::size_t>(got)) == "held open");
}

TEST_CASE("output: a socket cannot take a report") {
  TempDir dir;
  fs::path path = dir.path() / "socket";
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  REQUIRE(path.string().size() < sizeof address.sun_path);
  std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
  REQUIRE(::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
  auto [message, code] = error_of([&] { platform::output_target(path); });
  ::close(fd);
  CHECK(code == ExitCode::usage);
  CHECK(message ==
        path.string() + " — не файл и не устройство, в которое можно писать: укажите путь к файлу");
}
