// SPDX-License-Identifier: Apache-2.0
// The roster change shown in full (spec §5.1, rule 8): when a change touches roster.yaml, the root
// of trust, `status` (text, json, md), `diff` (text, json, md) and the `approve` prompt list the
// people added or removed, the keys added or removed with their SHA-256 fingerprints (as
// ssh-keygen -l prints them), and the roles moved from whom to whom. `roster allowed-signers`
// prints the roster of the current approved version, not the one the change brings.

#include <catch2/catch.hpp>

#include <regex>

#include "approved_fixture.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using perechen::test::Approved;
using perechen::test::contains;
using perechen::test::git;

namespace {

// "SHA256:…" of a public key file, from ssh-keygen itself.
std::string fingerprint(const fs::path& key) {
  auto r = perechen::test::run({"ssh-keygen", "-l", "-E", "sha256", "-f", key.string() + ".pub"});
  REQUIRE(r.exit_code == 0);
  std::smatch m;
  REQUIRE(std::regex_search(r.out, m, std::regex("SHA256:[A-Za-z0-9+/]+")));
  return m.str();
}

// The approved registry, then a change of roster.yaml only: novikov joins with a key and takes
// the process vacation from sidorov, petrova gets a second key, kuznetsova (an initiator) leaves,
// ivanova's position changes.
struct RosterChanged : Approved {
  perechen::test::Key novikov = perechen::test::make_key(dir, "novikov");
  perechen::test::Key petrova2 = perechen::test::make_key(dir, "petrova2");

  RosterChanged() {
    std::string roster = dir.read("roster.yaml");
    auto replace = [&](const std::string& from, const std::string& to) {
      auto at = roster.find(from);
      REQUIRE(at != std::string::npos);
      roster.replace(at, from.size(), to);
    };
    replace("      - " + people.petrova.line + "\n",
            "      - " + people.petrova.line + "\n      - " + petrova2.line + "\n");
    replace("    vacation: sidorov", "    vacation: novikov");
    replace("  initiators: [kuznetsova]\n", "");
    auto kuz = roster.find("  - id: kuznetsova");
    auto end = roster.find("roles:");
    roster.replace(kuz, end - kuz,
                   "  - id: novikov\n    name: Новиков Николай Николаевич\n    position: Начальник "
                   "отдела кадров\n    keys:\n      - " +
                       novikov.line + "\n");
    replace("    position: Заместитель начальника управления\n    keys:\n      - " +
                people.ivanova.line,
            "    position: Первый заместитель начальника управления\n    keys:\n      - " +
                people.ivanova.line);
    dir.write("roster.yaml", roster);
    perechen::test::commit_all(dir.path(), "roster change");
  }
};

}  // namespace

TEST_CASE("status shows a roster change in full: people, keys with fingerprints, roles moved") {
  RosterChanged r;
  std::string novikov = fingerprint(r.novikov.file);
  std::string petrova2 = fingerprint(r.petrova2.file);

  auto ru = r.perechen({"status"});
  REQUIRE(ru.exit_code == 0);
  INFO(ru.out);
  CHECK(contains(ru.out, "  roster.yaml (согласующие, их ключи и роли) изменен:\n"));
  CHECK(contains(ru.out,
                 "    + человек: Новиков Николай Николаевич (novikov), Начальник отдела кадров\n"));
  CHECK(contains(ru.out, "    - человек: Кузнецова Ольга Сергеевна (kuznetsova), Бухгалтер\n"));
  CHECK(contains(ru.out,
                 "    ~ ivanova: должность «Заместитель начальника управления» → «Первый "
                 "заместитель начальника управления»\n"));
  CHECK(contains(ru.out, "    + ключ novikov: ssh-ed25519 " + novikov + " novikov\n"));
  CHECK(contains(ru.out, "    + ключ petrova: ssh-ed25519 " + petrova2 + " petrova2\n"));
  CHECK(contains(ru.out, "    - ключ kuznetsova: ssh-ed25519 " +
                             fingerprint(r.people.kuznetsova.file) + " kuznetsova\n"));
  CHECK(contains(ru.out, "    ~ владелец процесса vacation: sidorov → novikov\n"));
  CHECK(contains(ru.out, "    ~ инициатор: kuznetsova → никто\n"));
  CHECK_FALSE(contains(ru.out, "sidorov: ssh-ed25519"));  // unchanged keys are not listed

  auto en = r.perechen({"--lang", "en", "status"});
  CHECK(contains(en.out, "    + key of novikov: ssh-ed25519 " + novikov + " novikov\n"));
  CHECK(contains(en.out, "    ~ owner of process vacation: sidorov → novikov\n"));

  json report = r.status_json();
  const json& roster = report["pending"]["change"]["roster"];
  CHECK(report["pending"]["change"]["roster_changed"] == true);
  REQUIRE(roster["keys_added"].size() == 2);
  CHECK(roster["keys_added"][0] == json{{"person", "novikov"},
                                        {"fingerprint", novikov},
                                        {"algorithm", "ssh-ed25519"},
                                        {"comment", "novikov"},
                                        {"line", r.novikov.line}});
  CHECK(roster["keys_added"][1]["fingerprint"] == petrova2);
  CHECK(roster["people_added"] == json::array({{{"id", "novikov"},
                                                {"name", "Новиков Николай Николаевич"},
                                                {"position", "Начальник отдела кадров"}}}));
  CHECK(roster["people_removed"][0]["id"] == "kuznetsova");
  CHECK(
      roster["roles"] ==
      json::array(
          {{{"role", "process_owner"},
            {"scope", "vacation"},
            {"from", "sidorov"},
            {"to", "novikov"}},
           {{"role", "initiator"}, {"scope", nullptr}, {"from", "kuznetsova"}, {"to", nullptr}}}));

  auto md = r.perechen({"status", "--format", "md"});
  CHECK(md.exit_code == 0);
  CHECK(contains(md.out, "**roster.yaml (согласующие, их ключи и роли) изменен:**\n\n"));
  CHECK(contains(md.out, "- `+` ключ novikov: ssh-ed25519 " + novikov + " novikov\n"));
  CHECK(contains(md.out, "- `~` владелец процесса vacation: sidorov → novikov\n"));
}

TEST_CASE("diff shows a roster change in full, in text, json and md") {
  RosterChanged r;
  std::string novikov = fingerprint(r.novikov.file);
  auto text = r.perechen({"diff", "approved", "HEAD"});
  REQUIRE(text.exit_code == 0);
  CHECK(contains(text.out, "Состав согласующих (roster.yaml) изменен\n"));
  CHECK(contains(text.out, "  + ключ novikov: ssh-ed25519 " + novikov + " novikov\n"));
  CHECK(contains(text.out, "  ~ владелец процесса vacation: sidorov → novikov\n"));

  auto js = r.perechen({"diff", "approved", "HEAD", "--format", "json"});
  REQUIRE(js.exit_code == 0);
  json diff = json::parse(js.out);
  CHECK(diff["roster_changed"] == true);
  CHECK(diff["roster"]["keys_added"][0]["fingerprint"] == novikov);
  CHECK(diff["roster"]["roles"][0]["to"] == "novikov");

  auto md = r.perechen({"--lang", "en", "diff", "approved", "HEAD", "--format", "md"});
  REQUIRE(md.exit_code == 0);
  CHECK(contains(md.out, "- `+` key of novikov: ssh-ed25519 " + novikov + " novikov\n"));
  CHECK(contains(md.out, "- `-` person: Кузнецова Ольга Сергеевна (kuznetsova), Бухгалтер\n"));
}

TEST_CASE("the approve prompt shows the roster change before anyone signs") {
  RosterChanged r;
  std::string novikov = fingerprint(r.novikov.file);
  // A terminal for the prompt: script(1) gives perechen one; the answer is "no".
  std::string command =
      std::string(PERECHEN_BINARY) + " approve --key " + r.people.ivanova.file.string();
  std::map<std::string, std::string> env = r.env();
  env["NO_COLOR"] = "1";
  auto prompt =
      perechen::test::run({"script", "-qec", command, "/dev/null"}, r.dir.path(), env, "n\n");
  INFO(prompt.out << prompt.err);
  CHECK(contains(prompt.out, "roster.yaml (согласующие, их ключи и роли) изменен:"));
  CHECK(contains(prompt.out, "+ ключ novikov: ssh-ed25519 " + novikov + " novikov"));
  CHECK(contains(prompt.out, "~ владелец процесса vacation: sidorov → novikov"));
  CHECK(r.head() == git(r.dir.path(), {"rev-parse", "HEAD"}).substr(0, 40));
  CHECK(git(r.dir.path(), {"log", "-1", "--format=%s"}) == "roster change\n");
}

TEST_CASE("roster allowed-signers prints the approved version's roster, not the change's") {
  RosterChanged r;
  auto signers = r.perechen({"--lang", "en", "roster", "allowed-signers"});
  REQUIRE(signers.exit_code == 0);
  CHECK(contains(signers.out, "kuznetsova namespaces=\"git\" "));
  CHECK_FALSE(contains(signers.out, "novikov"));
  CHECK_FALSE(contains(signers.out, r.petrova2.line.substr(0, 60)));
  CHECK(signers.err ==
        "perechen: roster.yaml of the current approved version, commit " + r.approved + "\n");

  auto head = r.perechen({"--lang", "en", "roster", "allowed-signers", "--rev", "HEAD"});
  REQUIRE(head.exit_code == 0);
  CHECK(contains(head.out, "novikov namespaces=\"git\" "));
  CHECK(head.err == "perechen: roster.yaml of commit " + r.head() + "\n");
}

TEST_CASE(
    "roster allowed-signers before any approval: HEAD's roster, which checks the first version") {
  Approved r(false);
  auto signers = r.perechen({"--lang", "en", "roster", "allowed-signers"});
  REQUIRE(signers.exit_code == 0);
  CHECK(contains(signers.out, "ivanova namespaces=\"git\" "));
  CHECK(signers.err == "perechen: nothing is approved yet: roster.yaml of HEAD, commit " + r.first +
                           ", which the first version is checked with\n");
}

TEST_CASE("the first version lists its whole roster: the root of trust is shown once in full") {
  Approved r(false);
  auto status = r.perechen({"status"});
  REQUIRE(status.exit_code == 0);
  for (const auto* person : {"ivanova", "petrova", "sidorov", "kuznetsova"}) {
    CHECK(contains(status.out, "    + ключ " + std::string(person) + ": ssh-ed25519 SHA256:"));
  }
  CHECK(contains(status.out, "    ~ заместитель по клиентоцентричности: никто → ivanova\n"));
}
