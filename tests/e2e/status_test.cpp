// SPDX-License-Identifier: Apache-2.0
// perechen status, verify and roster allowed-signers, run as a user runs them: on a registry
// repository made here, with keys made by ssh-keygen and approvals made by `git commit -S`.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "../unit/approval_fixture.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace perechen;
using perechen::test::Key;
using perechen::test::TempDir;

namespace {

struct Registry {
  TempDir dir;
  test::People people;

  explicit Registry(const std::string& key_type = "ed25519")
      : people(test::make_people(dir, key_type)) {
    test::git(dir.path(), {"init", "-q"});
    dir.write(".gitignore", "keys/\n");
    test::write_minimal_registry(dir);
    dir.write("roster.yaml", test::roster_yaml(people));
  }

  test::RunResult perechen(const std::vector<std::string>& args) {
    return test::perechen(args, dir.path());
  }

  json status_json() {
    auto r = perechen({"status", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
  }

  std::string approve(const Key& key, const std::string& approver,
                      const std::vector<std::string>& roles) {
    json now = status_json();
    std::string base =
        now["approved_commit"].is_null() ? "none" : now["approved_commit"].get<std::string>();
    return test::approve_with_git(
        dir.path(), key,
        test::approval_message(now["content"].get<std::string>(), base, approver, roles));
  }

  std::vector<std::string> approve_first_version() {
    return {
        approve(people.sidorov, "sidorov",
                {"process_owner salary", "process_owner vacation", "process_owner certificates"}),
        approve(people.petrova, "petrova", {"direction_curator pay", "direction_curator docs"}),
        approve(people.ivanova, "ivanova", {"client_centricity"})};
  }
};

}  // namespace

TEST_CASE("status --format json: the fields of spec §4.2") {
  Registry r;
  test::commit_all(r.dir.path(), "first version");
  json before = r.status_json();
  CHECK(before["approved"] == false);
  CHECK(before["approved_commit"].is_null());
  CHECK(before["head"] == test::git(r.dir.path(), {"rev-parse", "HEAD"}).substr(0, 40));
  REQUIRE(before["required"].size() == 6);
  CHECK(before["required"][0] == json{{"role", "process_owner"},
                                      {"scope", "salary"},
                                      {"person", "sidorov"},
                                      {"holders", json::array({"sidorov"})},
                                      {"approved", false},
                                      {"commit", nullptr},
                                      {"named_by_change", false}});
  CHECK(before["required"][5]["role"] == "client_centricity");
  CHECK(before["required"][5]["scope"].is_null());
  CHECK(before["pending"]["change"]["rows"] == json{{"added", 3}, {"removed", 0}, {"changed", 0}});
  CHECK(before["pending"]["initiator"]["name"] == "Test");
  CHECK(before["pending"]["initiator"]["in_roster"] == false);
  CHECK(before["publication"].is_null());
  CHECK(before["rejected"].empty());

  auto approvals = r.approve_first_version();
  json after = r.status_json();
  CHECK(after["approved"] == true);
  CHECK(after["approved_commit"] == approvals.back());
  CHECK(after["required"][0]["commit"] == approvals.front());
  CHECK(after["required"][5]["commit"] == approvals.back());
  CHECK(after["base"]["date"] == "2026-03-02");
  CHECK(after["base"]["approvals"][2]["name"] == "Иванова Анна Петровна");
  CHECK(after["pending"].is_null());
}

TEST_CASE("status says when the due date is the calendar's guess, in text, json and md") {
  struct Case {
    std::string date;  // of every commit, the approvals too
    std::vector<int> preliminary, uncovered;
    std::string words;  // of the warning, in English
  };
  for (const Case& c : {Case{"2028-03-01T10:00:00+03:00",
                             {},
                             {2028},
                             "perechen has no production calendar for 2028"},
                        Case{"2024-03-01T10:00:00+03:00",
                             {},
                             {2024},
                             "perechen has no production calendar for 2024"},
                        Case{"2027-03-01T10:00:00+03:00",
                             {2027},
                             {},
                             "The production calendar for 2027 is preliminary"},
                        Case{"2026-03-02T10:00:00+03:00", {}, {}, ""}}) {
    DYNAMIC_SECTION(c.date) {
      test::GitDate date(c.date);
      Registry r;
      test::commit_all(r.dir.path(), "first version");
      r.approve_first_version();
      json status = r.status_json();
      REQUIRE(status["approved"] == true);
      const json& calendar = status["publication"]["calendar"];
      CHECK(calendar["official"] == c.words.empty());
      CHECK(calendar["preliminary_years"] == json(c.preliminary));
      CHECK(calendar["uncovered_years"] == json(c.uncovered));
      CHECK(calendar["warnings"].size() == c.preliminary.size() + c.uncovered.size());
      for (const std::string format : {"text", "md"}) {
        INFO(format);
        auto shown = r.perechen({"--lang", "en", "status", "--format", format});
        REQUIRE(shown.exit_code == 0);
        INFO(shown.out);
        if (c.words.empty()) {
          CHECK(shown.out.find("production calendar") == std::string::npos);
        } else {
          CHECK(shown.out.find(c.words) != std::string::npos);
        }
      }
    }
  }
}

namespace {

// A registry's own calendar/2027.yaml (docs/calendar.md): the shipped preliminary 2027 with
// 9 March 2027 made a day off too, and the decree named; `working_days` as given.
std::string registry_2027(int working_days) {
  std::string text = "year: 2027\nsource: Постановление (пример)\npreliminary: false\n";
  text += "working_days: " + std::to_string(working_days) + "\nweekdays_off:\n";
  for (const char* day : {"01-01", "01-04", "01-05", "01-06", "01-07", "01-08", "02-22", "02-23",
                          "03-08", "03-09", "05-03", "05-10", "06-14", "11-04", "11-05", "12-31"}) {
    text += std::string("  - 2027-") + day + "\n";
  }
  return text + "working_weekends:\n  - 2027-02-20\n";
}

}  // namespace

TEST_CASE("a registry's calendar/2027.yaml replaces the built-in year in status") {
  // Approved on Monday 1 March 2027: by the shipped preliminary year (8 March off) five working
  // days later is 9 March; with the registry's year, where 9 March is off too, 10 March.
  test::GitDate date("2027-03-01T10:00:00+03:00");
  Registry r;
  SECTION("a good file moves the due date and ends the preliminary warning") {
    r.dir.write("calendar/2027.yaml", registry_2027(246));
    test::commit_all(r.dir.path(), "first version");
    r.approve_first_version();
    json status = r.status_json();
    REQUIRE(status["approved"] == true);
    CHECK(status["publication"]["due"] == "2027-03-10");
    const json& calendar = status["publication"]["calendar"];
    CHECK(calendar["official"] == true);
    CHECK(calendar["preliminary_years"].empty());
    CHECK(calendar["warnings"].empty());
    auto shown = r.perechen({"--lang", "en", "status"});
    REQUIRE(shown.exit_code == 0);
    INFO(shown.out);
    CHECK(shown.out.find("production calendar") == std::string::npos);
    CHECK(shown.out.find("calendar file") == std::string::npos);
  }
  SECTION("a broken file is validate's finding, and status leaves it out with a warning") {
    r.dir.write("calendar/2027.yaml", registry_2027(247));
    test::commit_all(r.dir.path(), "first version");
    r.approve_first_version();
    auto checked = r.perechen({"validate", "--format", "json"});
    CHECK(checked.exit_code == 1);
    json findings = json::parse(checked.out)["diagnostics"];
    REQUIRE(findings.size() == 1);
    CHECK(findings[0]["rule"] == "registry-calendar");
    CHECK(findings[0]["file"] == "calendar/2027.yaml");
    CHECK(findings[0]["line"] == 4);
    // Not content: the list is exported (and approved) all the same.
    CHECK(r.perechen({"export", "--format", "csv"}).exit_code == 0);

    json status = r.status_json();
    CHECK(status["publication"]["due"] == "2027-03-09");
    const json& calendar = status["publication"]["calendar"];
    CHECK(calendar["preliminary_years"] == json::array({2027}));
    REQUIRE(calendar["warnings"].size() == 2);
    CHECK(calendar["warnings"][0].get<std::string>().find("calendar/2027.yaml:4") !=
          std::string::npos);
    for (const std::string format : {"text", "md"}) {
      auto shown = r.perechen({"--lang", "en", "status", "--format", format});
      REQUIRE(shown.exit_code == 0);
      INFO(shown.out);
      CHECK(shown.out.find("The registry's calendar file is not taken (calendar/2027.yaml:4") !=
            std::string::npos);
      CHECK(shown.out.find("The production calendar for 2027 is preliminary") != std::string::npos);
    }
  }
  SECTION("the file is read from the approved version, not the working tree") {
    test::commit_all(r.dir.path(), "first version");
    r.approve_first_version();
    r.dir.write("calendar/2027.yaml", registry_2027(246));
    CHECK(r.status_json()["publication"]["due"] == "2027-03-09");
    // Committed after the approval, it is in HEAD but not in the approved commit either.
    test::commit_all(r.dir.path(), "the decree is out");
    CHECK(r.status_json()["publication"]["due"] == "2027-03-09");
  }
}

TEST_CASE("validate --staged checks the calendar files the index holds") {
  Registry r;
  r.dir.write("calendar/2027.yaml", registry_2027(247));
  r.dir.write("calendar/readme.txt", "decree\n");
  r.dir.write("calendar/2026.yaml", "year: 2026\n");  // left out of the index: not judged
  test::git(r.dir.path(), {"add", "perechen.yaml", "roster.yaml", "points", "calendar/2027.yaml",
                           "calendar/readme.txt"});
  auto checked = r.perechen({"validate", "--staged", "--format", "json"});
  CHECK(checked.exit_code == 1);
  json findings = json::parse(checked.out)["diagnostics"];
  REQUIRE(findings.size() == 2);
  CHECK(findings[0]["file"] == "calendar/2027.yaml");
  CHECK(findings[0]["line"] == 4);
  CHECK(findings[0]["rule"] == "registry-calendar");
  CHECK(findings[1]["file"] == "calendar/readme.txt");
  CHECK(findings[1]["rule"] == "registry-calendar");

  test::git(r.dir.path(), {"rm", "-q", "-r", "--cached", "calendar"});
  test::git(r.dir.path(), {"add", "calendar/2026.yaml"});
  auto second = r.perechen({"validate", "--staged", "--format", "json"});
  json more = json::parse(second.out)["diagnostics"];
  REQUIRE(more.size() == 1);
  CHECK(more[0]["file"] == "calendar/2026.yaml");
  CHECK(more[0]["rule"] == "registry-calendar");
}

TEST_CASE("status as text, in Russian and in English") {
  Registry r;
  test::commit_all(r.dir.path(), "first version");
  r.approve(r.people.sidorov, "sidorov",
            {"process_owner salary", "process_owner vacation", "process_owner certificates"});
  Key stranger = test::make_key(r.dir, "stranger");
  std::string forged = r.approve(stranger, "ivanova", {"client_centricity"});

  auto ru = r.perechen({"status"});
  CHECK(ru.exit_code == 0);
  CHECK(ru.out.find("Согласованных версий пока нет.") != std::string::npos);
  CHECK(ru.out.find("не хватает 3 из 6 согласований") != std::string::npos);
  CHECK(ru.out.find("[x] владелец процесса «Начисление и выплата заработной платы» (salary): "
                    "Сидоров Петр Николаевич (sidorov) — согласовано") != std::string::npos);
  CHECK(ru.out.find("[ ] заместитель, отвечающий за клиентоцентричность: Иванова Анна Петровна "
                    "(ivanova) — нет согласования") != std::string::npos);
  CHECK(ru.out.find("строки перечня: добавлено 3, удалено 0, изменено 0") != std::string::npos);
  CHECK(ru.out.find(forged.substr(0, 12) + ": ключ подписи SHA256:") != std::string::npos);
  CHECK(ru.out.find("[key-not-in-roster]") != std::string::npos);

  auto en = r.perechen({"--lang", "en", "status"});
  CHECK(en.exit_code == 0);
  CHECK(en.out.find("3 of 6 approvals are missing") != std::string::npos);
  CHECK(en.out.find("[ ] deputy head responsible for client-centricity: Иванова Анна Петровна "
                    "(ivanova) — missing") != std::string::npos);
}

TEST_CASE(
    "verify: 0 when fully approved, 1 when not, 3 outside a repository, 2 for a bad revision") {
  Registry r;
  std::string first = test::commit_all(r.dir.path(), "first version");
  auto not_yet = r.perechen({"verify"});
  CHECK(not_yet.exit_code == 1);
  CHECK(not_yet.out.find("Не согласовано") != std::string::npos);
  CHECK(not_yet.out.find("нет согласования: владелец процесса") != std::string::npos);

  auto approvals = r.approve_first_version();
  auto ok = r.perechen({"verify"});
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.find("Согласовано: ") == 0);
  CHECK(r.perechen({"verify", first}).exit_code == 1);
  CHECK(r.perechen({"verify", approvals.back()}).exit_code == 0);

  r.dir.write("README.md", "readme\n");
  std::string readme = test::commit_all(r.dir.path(), "readme");
  CHECK(r.perechen({"verify"}).exit_code == 0);

  std::string text = r.dir.read("points/pay/lk.yaml");
  r.dir.write("points/pay/lk.yaml", text + "# comment\n");
  test::commit_all(r.dir.path(), "comment");
  auto json_out = r.perechen({"verify", "--format", "json"});
  CHECK(json_out.exit_code == 1);
  json verdict = json::parse(json_out.out);
  CHECK(verdict["approved"] == false);
  // approved_commit is the newest commit holding the approved content (spec §4.2); the base
  // says where that content became fully approved.
  CHECK(verdict["approved_commit"] == readme);
  CHECK(verdict["base"]["commit"] == approvals.back());
  CHECK(verdict["required"].size() == 3);
  CHECK_FALSE(verdict.contains("publication"));

  // Trust pinned at the current commit: nothing newer to check.
  std::string head = test::git(r.dir.path(), {"rev-parse", "HEAD"}).substr(0, 40);
  CHECK(r.perechen({"verify", "--anchor", head}).exit_code == 0);

  auto bad_rev = r.perechen({"verify", "no-such-branch"});
  CHECK(bad_rev.exit_code == 2);
  CHECK(bad_rev.err.find("no-such-branch") != std::string::npos);

  TempDir plain;
  test::write_minimal_registry(plain);
  auto no_repo = test::perechen({"verify"}, plain.path());
  CHECK(no_repo.exit_code == 3);
  CHECK(no_repo.err.find("git") != std::string::npos);
}

TEST_CASE("a registry in a subfolder of the repository") {
  TempDir dir;
  test::git(dir.path(), {"init", "-q"});
  dir.write("README.md", "top\n");
  fs::create_directories(dir.path() / "registry");
  test::write_minimal_registry(dir);
  for (const char* name : {"perechen.yaml", "roster.yaml"}) {
    fs::rename(dir.path() / name, dir.path() / "registry" / name);
  }
  fs::rename(dir.path() / "points", dir.path() / "registry" / "points");
  test::commit_all(dir.path(), "first");
  auto r = test::perechen({"-C", "registry/points", "status", "--format", "json"}, dir.path());
  REQUIRE(r.exit_code == 0);
  json status = json::parse(r.out);
  CHECK(status["pending"]["change"]["rows"]["added"] == 3);
  CHECK_FALSE(status["content"].is_null());
}

TEST_CASE("verify agrees with git verify-commit and the allowed-signers file, for every key type") {
  for (std::string type : {"ed25519", "rsa", "ecdsa"}) {
    CAPTURE(type);
    Registry r(type);
    test::commit_all(r.dir.path(), "first version");
    Key stranger = test::make_key(r.dir, "stranger", type);
    std::string forged = r.approve(stranger, "ivanova", {"client_centricity"});
    auto approvals = r.approve_first_version();
    CHECK(r.perechen({"verify"}).exit_code == 0);

    auto signers = r.perechen({"roster", "allowed-signers", "--rev", "HEAD"});
    REQUIRE(signers.exit_code == 0);
    CHECK(signers.out.find("ivanova namespaces=\"git\" " +
                           r.people.ivanova.line.substr(0, r.people.ivanova.line.rfind(' '))) !=
          std::string::npos);
    auto file = r.dir.write("keys/allowed_signers", signers.out);
    auto git_verifies = [&](const std::string& commit) {
      auto v = test::run(
          {"git", "-c", "gpg.ssh.allowedSignersFile=" + file.string(), "verify-commit", commit},
          r.dir.path());
      return v.exit_code == 0;
    };
    json status = r.status_json();
    for (const auto& commit : approvals) {
      CHECK(git_verifies(commit));
    }
    CHECK_FALSE(git_verifies(forged));
    REQUIRE(status["rejected"].empty());  // the forged one sits before the approved commit

    // After the approval, a forged copy is listed as rejected, and git refuses it too.
    std::string copy = r.approve(stranger, "ivanova", {"client_centricity"});
    json later = r.status_json();
    REQUIRE(later["rejected"].size() == 1);
    CHECK(later["rejected"][0]["commit"] == copy);
    CHECK(later["rejected"][0]["reason"] == "key-not-in-roster");
    CHECK_FALSE(git_verifies(copy));
  }
}

TEST_CASE(
    "roster allowed-signers reads the working tree by default and says which keys it left out") {
  Registry r;
  std::string text = r.dir.read("roster.yaml");
  text.replace(text.find(r.people.petrova.line), r.people.petrova.line.size(), "ssh-ed25519 AAAA");
  r.dir.write("roster.yaml", text);
  auto out = r.perechen({"roster", "allowed-signers"});
  CHECK(out.exit_code == 0);
  CHECK(out.out.find("ivanova namespaces=\"git\" ssh-ed25519 ") != std::string::npos);
  CHECK(out.out.find("petrova") == std::string::npos);
  CHECK(out.err.find("petrova") != std::string::npos);
}

TEST_CASE("verify is not fooled by a commit with a second tree line in its header") {
  Registry r;
  test::commit_all(r.dir.path(), "first version");
  r.approve_first_version();
  REQUIRE(r.perechen({"verify"}).exit_code == 0);
  std::string good_tree = test::git(r.dir.path(), {"rev-parse", "HEAD^{tree}"}).substr(0, 40);
  std::string text = r.dir.read("points/pay/lk.yaml");
  text.replace(text.find("https://lk.example.ru"), 21, "https://evil.example.ru");
  r.dir.write("points/pay/lk.yaml", text);
  std::string evil = test::commit_all(r.dir.path(), "evil");
  auto honest = r.perechen({"verify"});
  REQUIRE(honest.exit_code != 0);
  std::string honest_content = r.status_json()["content"].get<std::string>();

  // The same commit with the approved tree named again further down the header: git and libgit2
  // take the first tree line, so a checkout still gives the evil content.
  std::string raw = test::git(r.dir.path(), {"cat-file", "commit", evil});
  raw.insert(raw.find("\n\n") + 1, "tree " + good_tree + "\n");
  auto file = r.dir.write("keys/raw", raw);
  std::string forged =
      test::git(r.dir.path(), {"hash-object", "-t", "commit", "-w", "--literally", file.string()})
          .substr(0, 40);
  test::git(r.dir.path(), {"update-ref", "HEAD", forged});
  REQUIRE(test::git(r.dir.path(), {"rev-parse", "HEAD^{tree}"}).substr(0, 40) != good_tree);
  auto verify = r.perechen({"verify"});
  CHECK(verify.exit_code == honest.exit_code);
  json status = r.status_json();
  CHECK(status["content"] == honest_content);
  CHECK(status["approved"] == false);
}
