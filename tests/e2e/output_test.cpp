// SPDX-License-Identifier: Apache-2.0
// Where `--output` and `publish --dir` write, as a user notices it: a device or a pipe is written
// through and stays what it was (CI runs as root, where a rename over /dev/null would replace
// the device with a regular file), a link leads to the file that is replaced, a folder or a loop
// of links is refused by name before any work, and a text format may go to any device.

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <thread>

#include "approved_fixture.hpp"

namespace fs = std::filesystem;
using perechen::test::Approved;
using perechen::test::read_file;

namespace {

bool is_character_device(const fs::path& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0 && S_ISCHR(st.st_mode);
}

}  // namespace

TEST_CASE("output: -o /dev/null writes through the device and leaves it a device") {
  Approved r;
  REQUIRE(is_character_device("/dev/null"));
  auto validate = r.perechen({"validate", "--format", "json", "-o", "/dev/null"});
  INFO(validate.err);
  CHECK(validate.exit_code == 0);
  CHECK(validate.out.empty());
  CHECK(is_character_device("/dev/null"));

  // A text format to a device that is no terminal: no word about binary formats.
  auto csv = r.perechen({"export", "--format", "csv", "-o", "/dev/null"});
  CHECK(csv.exit_code == 0);
  CHECK(csv.err.empty());
  auto xlsx = r.perechen({"export", "--format", "xlsx", "-o", "/dev/null"});
  CHECK(xlsx.exit_code == 0);
  CHECK(xlsx.err.empty());
  CHECK(is_character_device("/dev/null"));
}

TEST_CASE("output: -o /dev/stdout is the standard output already open") {
  Approved r;
  auto validate = r.perechen({"validate", "--format", "json", "-o", "/dev/stdout"});
  INFO(validate.err);
  REQUIRE(validate.exit_code == 0);
  auto report = nlohmann::json::parse(validate.out);
  CHECK(report["summary"]["errors"] == 0);

  auto csv = r.perechen({"export", "--format", "csv", "-o", "/dev/stdout"});
  REQUIRE(csv.exit_code == 0);
  CHECK(csv.out == r.perechen({"export", "--format", "csv"}).out);
}

TEST_CASE("output: a FIFO gets the export through, and stays a FIFO") {
  Approved r;
  fs::path fifo = r.dir.path() / "keys" / "list.pipe";  // keys/ is ignored by git
  fs::create_directories(fifo.parent_path());
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string received;
  std::thread reader([&] { received = read_file(fifo); });
  auto run = r.perechen({"export", "--format", "md", "-o", fifo.string()});
  reader.join();
  CHECK(run.exit_code == 0);
  CHECK(received == r.perechen({"export", "--format", "md"}).out);
  struct stat st {};
  REQUIRE(::lstat(fifo.c_str(), &st) == 0);
  CHECK(S_ISFIFO(st.st_mode));
}

TEST_CASE("output: a link is followed; its target is replaced and the link stays a link") {
  Approved r;
  fs::path site = r.dir.path() / "keys" / "site";
  fs::create_directories(site);
  fs::path target = site / "perechen.json";
  { std::ofstream(target) << "old\n"; }
  fs::create_symlink("keys/site/perechen.json", r.dir.path() / "current.json");
  auto run = r.perechen({"export", "--format", "json", "-o", "current.json"});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(fs::is_symlink(r.dir.path() / "current.json"));
  CHECK(read_file(target) == r.perechen({"export", "--format", "json"}).out);
  CHECK(fs::is_regular_file(target));
}

TEST_CASE("output: a folder or a loop of links is refused by name, exit 2, nothing written") {
  Approved r;
  fs::create_directories(r.dir.path() / "reports");
  fs::path folder = r.dir.path() / "reports";
  auto validate = r.perechen({"validate", "--format", "sarif", "-o", "reports"});
  CHECK(validate.exit_code == 2);
  CHECK(validate.err ==
        "perechen: " + folder.string() + " — это папка, а не файл: укажите путь к файлу\n");
  CHECK(fs::is_empty(folder));

  auto english = r.perechen({"--lang", "en", "export", "--format", "docx", "-o", "reports"});
  CHECK(english.exit_code == 2);
  CHECK(english.err ==
        "perechen: " + folder.string() + " is a folder, not a file: give the path of a file\n");

  fs::create_symlink("loop-b.json", r.dir.path() / "loop-a.json");
  fs::create_symlink("loop-a.json", r.dir.path() / "loop-b.json");
  auto loop = r.perechen({"validate", "--format", "json", "-o", "loop-a.json"});
  CHECK(loop.exit_code == 2);
  CHECK(loop.err == "perechen: " + (r.dir.path() / "loop-a.json").string() +
                        ": символьные ссылки образуют петлю и не ведут ни к какому файлу\n");
  CHECK(fs::is_symlink(r.dir.path() / "loop-a.json"));
}

TEST_CASE("publish --dir: a folder where a file of the bundle goes stops it before anything") {
  Approved r;
  fs::path site = r.dir.path() / "keys" / "site";
  fs::create_directories(site / "perechen.html");
  const std::string key = r.people.ivanova.file.string();  // a publisher of the roster
  auto run = r.perechen({"publish", "--dir", site.string(), "--key", key});
  CHECK(run.exit_code == 2);
  CHECK(run.err.find((site / "perechen.html").string() + " — это папка, а не файл") !=
        std::string::npos);
  // Nothing of the bundle written, and no publication recorded.
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(site))
    names.push_back(entry.path().filename().string());
  CHECK(names == std::vector<std::string>{"perechen.html"});
  CHECK(perechen::test::git(r.dir.path(), {"tag", "-l", "perechen/published/*"}).empty());

  // With the folder gone, a file of the bundle that is a link is written where it leads.
  fs::remove(site / "perechen.html");
  fs::path kept = r.dir.path() / "keys" / "kept.csv";
  { std::ofstream(kept) << "old\n"; }
  fs::create_symlink(kept, site / "perechen.csv");
  auto published = r.perechen({"publish", "--dir", site.string(), "--key", key});
  INFO(published.err);
  REQUIRE(published.exit_code == 0);
  CHECK(fs::is_symlink(site / "perechen.csv"));
  CHECK(read_file(kept) == r.perechen({"export", "--format", "csv", "--excel"}).out);
}

TEST_CASE("output: a terminal named by -o refuses a binary format and takes a text one") {
  Approved r;
  // `script` gives the program a pseudo-terminal as its standard output.
  std::string base = std::string(PERECHEN_BINARY) + " -C " + r.dir.path().string() + " export ";
  auto docx =
      perechen::test::run({"script", "-qec", base + "--format docx -o /dev/stdout", "/dev/null"},
                          r.dir.path(), r.env());
  CHECK(docx.exit_code == 2);
  CHECK(docx.out.find("формат docx двоичный и не выводится на терминал") != std::string::npos);
  CHECK(docx.out.find("PK") == std::string::npos);

  auto csv = perechen::test::run(
      {"script", "-qec", base + "--format csv -o /dev/stdout", "/dev/null"}, r.dir.path(), r.env());
  CHECK(csv.exit_code == 0);
  CHECK(csv.out.find("двоичный") == std::string::npos);
  CHECK(csv.out.find("Начисление и выплата заработной платы") != std::string::npos);
}
