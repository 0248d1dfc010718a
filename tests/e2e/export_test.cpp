// SPDX-License-Identifier: Apache-2.0
// perechen export, diff and publish run as a user runs them: on a registry repository made here,
// approved with keys made by ssh-keygen and approval commits made by `git commit -S`; every
// commit of the fixture is dated 2026-03-02 (Monday), so the version is approved on that day and
// due (5 working days, 9 March 2026 being a day off) on 2026-03-10.

#include <sys/resource.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "pending_approvals.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace perechen;
using perechen::test::Key;
using perechen::test::TempDir;
using perechen::test::zip_part;

namespace {

struct Registry {
  TempDir dir;
  test::People people;
  std::map<std::string, std::string> env;

  Registry() : people(test::make_people(dir)) {
    test::git(dir.path(), {"init", "-q"});
    dir.write(".gitignore", "keys/\nout/\n");
    test::write_minimal_registry(dir);
    dir.write("roster.yaml", test::roster_yaml(people));
    // The tagger of publish: no user configuration is read from outside the test.
    env = {{"HOME", (dir.path() / "keys").string()}, {"GIT_CONFIG_NOSYSTEM", "1"}};
  }

  test::RunResult perechen(const std::vector<std::string>& args) {
    return test::perechen(args, dir.path(), env);
  }

  json status_json() {
    auto r = perechen({"status", "--format", "json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
  }

  // Every approval the pending change needs, one commit per person, in the order status lists.
  void approve_all() {
    test::approve_pending(dir.path(), people, status_json());
    REQUIRE(status_json()["approved"] == true);
  }

  void edit(const std::string& file, const std::string& from, const std::string& to) {
    std::string text = dir.read(file);
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    dir.write(file, text.replace(at, from.size(), to));
  }

  std::string commit(const std::string& message) { return test::commit_all(dir.path(), message); }
};

using perechen::test::read_file;

// The files of a folder, by name.
std::vector<std::string> listing(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("export: nothing approved yet is said plainly, exit 1") {
  Registry r;
  r.commit("first version");
  auto run = r.perechen({"export", "--format", "csv"});
  CHECK(run.exit_code == 1);
  CHECK(run.out.empty());
  CHECK(run.err.find("не согласована полностью") != std::string::npos);
  CHECK(run.err.find("--rev head") != std::string::npos);

  auto en = r.perechen({"--lang", "en", "export"});
  CHECK(en.exit_code == 1);
  CHECK(en.err.find("no version of the list is fully approved yet") != std::string::npos);

  // A draft can still be looked at.
  auto head = r.perechen({"export", "--format", "json", "--rev", "head"});
  REQUIRE(head.exit_code == 0);
  json doc = json::parse(head.out);
  CHECK(doc["version"]["approved"] == false);
  CHECK(doc["version"]["commit_date"] == "2026-03-02");
  CHECK(doc["rows"].size() == 3);
}

TEST_CASE("export: the approved version with its date and approvers, not the later head") {
  Registry r;
  r.commit("first version");
  r.approve_all();
  std::string approved_commit = r.status_json()["approved_commit"];

  r.edit("points/pay/lk.yaml", "Видеть начисления и удержания без визита в бухгалтерию",
         "Видеть расчетный листок онлайн");
  r.commit("new wording");

  auto approved = r.perechen({"export", "--format", "json"});
  INFO(approved.err);
  REQUIRE(approved.exit_code == 0);
  json doc = json::parse(approved.out);
  CHECK(doc["version"]["revision"] == "approved");
  CHECK(doc["version"]["approved"] == true);
  CHECK(doc["version"]["approved_on"] == "2026-03-02");
  CHECK(doc["version"]["commit"] == approved_commit);
  REQUIRE(doc["version"]["approvers"].size() == 3);
  CHECK(doc["version"]["approvers"][0]["name"] == "Сидоров Петр Николаевич");
  CHECK(doc["version"]["approvers"][0]["position"] == "Начальник отдела");
  CHECK(doc["version"]["approvers"][0]["date"] == "2026-03-02");
  CHECK(doc["version"]["approvers"][2]["roles"][0]["role"] == "client_centricity");
  CHECK(approved.out.find("Видеть начисления и удержания без визита в бухгалтерию") !=
        std::string::npos);
  CHECK(approved.out.find("Видеть расчетный листок онлайн") == std::string::npos);

  auto head = r.perechen({"export", "--format", "json", "--rev", "head"});
  REQUIRE(head.exit_code == 0);
  json draft = json::parse(head.out);
  CHECK(draft["version"]["approved"] == false);
  CHECK(draft["version"]["approved_on"].is_null());
  CHECK(draft["version"]["approvers"].empty());
  CHECK(head.out.find("Видеть расчетный листок онлайн") != std::string::npos);

  // The working tree, not committed, and a revision by name.
  r.edit("points/pay/lk.yaml", "Видеть расчетный листок онлайн", "Черновик формулировки");
  auto worktree = r.perechen({"export", "--format", "md", "--rev", "worktree"});
  REQUIRE(worktree.exit_code == 0);
  CHECK(worktree.out.find("Черновик формулировки") != std::string::npos);
  CHECK(worktree.out.find("рабочая копия") != std::string::npos);
  auto by_id = r.perechen({"export", "--format", "md", "--rev", approved_commit.substr(0, 10)});
  REQUIRE(by_id.exit_code == 0);
  CHECK(by_id.out.find("согласована 02.03.2026, коммит " + approved_commit.substr(0, 12)) !=
        std::string::npos);
  // An order cannot be dated before the approval, unless that is meant (--force-date); xlsx takes
  // the order's number and date as docx does.
  auto early =
      r.perechen({"export", "--format", "docx", "-o", "early.docx", "--order-date", "2026-03-01"});
  CHECK(early.exit_code == 2);
  CHECK(early.err.find("приказ датирован раньше, чем перечень согласован (2026-03-02)") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(r.dir.path() / "early.docx"));
  auto forced = r.perechen({"export", "--format", "docx", "-o", "early.docx", "--order-date",
                            "2026-03-01", "--force-date"});
  CHECK(forced.exit_code == 0);
  auto order_xlsx = r.perechen({"export", "--format", "xlsx", "-o", "order.xlsx", "--order-number",
                                "15-п", "--order-date", "2026-03-05"});
  CHECK(order_xlsx.exit_code == 0);
  auto missing = r.perechen({"export", "--rev", "no-such-branch"});
  CHECK(missing.exit_code == 2);  // a bad argument, as in status, verify and roster (spec §4)
  CHECK(missing.err.find("no-such-branch") != std::string::npos);
}

TEST_CASE("export: a registry with errors is not exported") {
  Registry r;
  r.edit("points/pay/lk.yaml", "needs:\n  - information", "needs:\n  - telepathy");
  auto run = r.perechen({"export", "--rev", "worktree", "--format", "md"});
  CHECK(run.exit_code == 1);
  CHECK(run.out.empty());
  CHECK(run.err.find("в перечне 1 ошибка;") != std::string::npos);
}

TEST_CASE("export: binary formats need a file and never go to a terminal") {
  Registry r;
  auto no_output = r.perechen({"export", "--rev", "worktree", "--format", "xlsx"});
  CHECK(no_output.exit_code == 2);
  CHECK(no_output.out.empty());
  CHECK(no_output.err.find("формат xlsx двоичный: укажите файл, --output ФАЙЛ") !=
        std::string::npos);

  // On a terminal (script gives the program a pseudo-terminal).
  std::string command = std::string(PERECHEN_BINARY) + " -C " + r.dir.path().string() +
                        " export --rev worktree --format docx";
  auto tty = test::run({"script", "-qec", command, "/dev/null"}, r.dir.path());
  CHECK(tty.exit_code == 2);
  CHECK(tty.out.find("формат docx двоичный и не выводится на терминал") != std::string::npos);
  CHECK(tty.out.find("PK") == std::string::npos);

  // A device that is no terminal takes any format, written through (tests/e2e/output_test.cpp).
  auto device = r.perechen({"export", "--rev", "worktree", "--format", "docx", "-o", "/dev/null"});
  CHECK(device.exit_code == 0);
  CHECK(device.err.empty());

  auto fragment = r.perechen({"export", "--rev", "worktree", "--format", "csv", "--fragment"});
  CHECK(fragment.exit_code == 2);
  CHECK(fragment.err.find("--fragment бывает только у формата html") != std::string::npos);
  auto date = r.perechen({"export", "--rev", "worktree", "--format", "docx", "-o", "a.docx",
                          "--order-date", "5.3.26"});
  CHECK(date.exit_code == 2);
  CHECK(date.err.find("--order-date: ожидается дата ГГГГ-ММ-ДД") != std::string::npos);
  CHECK_FALSE(fs::exists(r.dir.path() / "a.docx"));
}

TEST_CASE("export: the same bytes twice, in files written whole") {
  Registry r;
  fs::create_directories(r.dir.path() / "out");
  for (std::string format : {"xlsx", "docx", "html", "csv", "json", "md"}) {
    INFO(format);
    auto first = r.perechen(
        {"export", "--rev", "worktree", "--format", format, "-o", "out/first." + format});
    REQUIRE(first.exit_code == 0);
    CHECK(first.out.empty());
    auto second = r.perechen(
        {"export", "--rev", "worktree", "--format", format, "-o", "out/second." + format});
    REQUIRE(second.exit_code == 0);
    std::string a = read_file(r.dir.path() / "out" / ("first." + format));
    CHECK(!a.empty());
    CHECK(a == read_file(r.dir.path() / "out" / ("second." + format)));
  }
  // Text formats on standard output are the same bytes as in the file.
  auto stdout_csv = r.perechen({"export", "--rev", "worktree", "--format", "csv"});
  CHECK(stdout_csv.out == read_file(r.dir.path() / "out" / "first.csv"));
  // Nothing but the files asked for: no temporary files left behind.
  CHECK(listing(r.dir.path() / "out").size() == 12);
}

TEST_CASE("export: a failed write leaves no partial file and keeps the old one") {
  Registry r;
  // Into a folder that does not exist.
  auto missing = r.perechen(
      {"export", "--rev", "worktree", "--format", "docx", "-o", "no-such-folder/list.docx"});
  CHECK(missing.exit_code == 3);
  CHECK(missing.err.find("не удалось записать") != std::string::npos);
  CHECK_FALSE(fs::exists(r.dir.path() / "no-such-folder"));

  // A file size limit makes the write fail half-way (as a full disk would), even for root.
  fs::create_directories(r.dir.path() / "out");
  r.dir.write("out/list.html", "old version\n");
  std::string command = "trap '' XFSZ; ulimit -f 4; exec " + std::string(PERECHEN_BINARY) +
                        " export --rev worktree --format html -o out/list.html";
  auto limited = test::run({"sh", "-c", command}, r.dir.path(), {{"NO_COLOR", "1"}});
  CHECK(limited.exit_code == 3);
  CHECK(limited.err.find("не удалось записать") != std::string::npos);
  CHECK(r.dir.read("out/list.html") == "old version\n");
  CHECK(listing(r.dir.path() / "out") == std::vector<std::string>{"list.html"});

  // A read-only folder stops a user (root would write anyway: the test runs perechen as a user
  // without privileges).
  fs::create_directories(r.dir.path() / "locked");
  fs::permissions(r.dir.path() / "locked", fs::perms::owner_read | fs::perms::owner_exec);
  auto locked = test::perechen_unprivileged(
      {"export", "--rev", "worktree", "--format", "xlsx", "-o", "locked/list.xlsx"}, r.dir.path(),
      r.dir.path(), r.env);
  INFO(locked.err);
  CHECK(locked.exit_code == 3);
  CHECK(locked.err.find("не удалось записать") != std::string::npos);
  CHECK(listing(r.dir.path() / "locked").empty());
  fs::permissions(r.dir.path() / "locked", fs::perms::owner_all);
}

TEST_CASE("diff: rows added, removed and changed, with the reasons of 3.3") {
  Registry r;
  r.commit("first version");

  // Before any approval the diff starts from nothing: every process enters the registry.
  auto first = r.perechen({"diff", "--format", "json"});
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  json everything = json::parse(first.out);
  CHECK(everything["first_version"] == true);
  CHECK(everything["from"]["commit"].is_null());
  CHECK(everything["summary"] == json{{"added", 3}, {"removed", 0}, {"changed", 0}});
  CHECK(everything["rows"][0]["reasons"] == json{"3.3.1"});

  r.approve_all();
  r.edit("points/pay/window.yaml", "  - consultation\n", "  - consultation\n  - result\n");
  r.edit("points/pay/lk.yaml", "kind: personal_account", "kind: portal");
  r.edit("points/pay/lk.yaml", "без визита в бухгалтерию", "без визита");
  r.edit("points/docs/email.yaml", "  - submission\n  - progress\n",
         "  - progress\n  - submission\n");
  r.dir.write("points/docs/window.yaml", R"(process: certificates
point:
  name: Окно выдачи справок
  channel: offline
  kind: document_window
  address: г. Липецк, ул. Советская, д. 3, каб. 14
clients: [civil-servants]
value: Получить справку лично
needs: [result]
basis:
  - type: instruction
    title: Поручение от 01.02.2026
)");

  auto run = r.perechen({"diff", "--format", "json"});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  json diff = json::parse(run.out);
  CHECK(diff["from"]["revision"] == "approved");
  CHECK(diff["from"]["commit"] == r.status_json()["approved_commit"]);
  CHECK(diff["to"] == json{{"revision", "worktree"}, {"commit", nullptr}});
  CHECK(diff["summary"] == json{{"added", 1}, {"removed", 0}, {"changed", 3}});
  REQUIRE(diff["rows"].size() == 4);
  // In the order of the list: salary (lk), vacation (window), certificates (window, email).
  json lk = diff["rows"][0];
  CHECK(lk["file"] == "points/pay/lk.yaml");
  CHECK(lk["change"] == "changed");
  CHECK(lk["reasons"] == json{"3.3.2"});
  REQUIRE(lk["fields"].size() == 2);
  CHECK(lk["fields"][0] == json{{"field", "point.kind"},
                                {"before", "Личный кабинет"},
                                {"after", "Официальный сайт, портал"},
                                {"added", json::array()},
                                {"removed", json::array()},
                                {"reason", "3.3.2"}});
  CHECK(lk["fields"][1]["field"] == "value");
  CHECK(lk["fields"][1]["reason"].is_null());

  json window = diff["rows"][1];
  CHECK(window["file"] == "points/pay/window.yaml");
  CHECK(window["reasons"] == json{"3.3.3"});
  CHECK(window["fields"][0]["field"] == "needs");
  CHECK(window["fields"][0]["added"] == json{"6) получение результата, ответа, разъяснения"});
  CHECK(window["fields"][0]["removed"].empty());

  // Needs reordered: the list does not change, the row is editorial.
  json email = diff["rows"][3];
  CHECK(email["file"] == "points/docs/email.yaml");
  CHECK(email["editorial"] == true);
  CHECK(email["fields"].empty());

  json added = diff["rows"][2];
  CHECK(added["change"] == "added");
  CHECK(added["point"] == "Окно выдачи справок");
  CHECK(added["reasons"] == json{"3.3.2"});

  auto text = r.perechen({"diff"});
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("~ Оплата труда / Оплата отпусков / Окно приема документов") !=
        std::string::npos);
  CHECK(text.out.find("п. 3.3.3 — изменены удовлетворяемые потребности клиента") !=
        std::string::npos);
  CHECK(text.out.find("вид точки: Личный кабинет → Официальный сайт, портал") != std::string::npos);
  CHECK(text.out.find("Строки: добавлено 1, исключено 0, изменено 3") != std::string::npos);

  auto md = r.perechen({"diff", "--format", "md"});
  REQUIRE(md.exit_code == 0);
  CHECK(md.out.find("| изменена | Оплата труда / Начисление и выплата заработной платы / Личный "
                    "кабинет сотрудника<br>`points/pay/lk.yaml`") != std::string::npos);

  // Two commits by name; the same version on both sides.
  r.commit("changes");
  auto same = r.perechen({"diff", "HEAD", "worktree"});
  REQUIRE(same.exit_code == 0);
  CHECK(same.out.find("Содержание перечня не изменилось.") != std::string::npos);
}

TEST_CASE("diff: a process leaving the registry is 3.3.1") {
  Registry r;
  r.commit("first version");
  r.approve_all();
  r.edit("perechen.yaml", "      - id: vacation\n        title: Оплата отпусков\n", "");
  fs::remove(r.dir.path() / "points/pay/window.yaml");
  r.edit("roster.yaml", "    vacation: sidorov\n", "");
  auto run = r.perechen({"diff", "--format", "json"});
  REQUIRE(run.exit_code == 0);
  json diff = json::parse(run.out);
  REQUIRE(diff["rows"].size() == 1);
  CHECK(diff["rows"][0]["change"] == "removed");
  CHECK(diff["rows"][0]["reasons"] == json{"3.3.1"});
  REQUIRE(diff["processes"].size() == 1);
  CHECK(diff["processes"][0]["change"] == "removed");
  CHECK(diff["processes"][0]["reason"] == "3.3.1");
  CHECK(diff["roster_changed"] == true);
}

TEST_CASE("diff: an added and a removed row are shown whole, and settings old and new") {
  Registry r;
  r.commit("first version");

  // The first version: the settings are a new file, told with their values, never an empty list.
  auto first = r.perechen({"diff"});
  REQUIRE(first.exit_code == 0);
  CHECK(first.out.find("Настройки перечня (perechen.yaml): новый файл") != std::string::npos);
  CHECK(first.out.find("изменены: \n") == std::string::npos);
  CHECK(first.out.find("organization: (пусто) → Управление финансов Липецкой области") !=
        std::string::npos);

  r.approve_all();
  fs::remove(r.dir.path() / "points/pay/window.yaml");
  r.dir.write("points/docs/window.yaml", R"(process: certificates
point:
  name: Окно выдачи справок
  channel: offline
  kind: document_window
  address: г. Липецк, ул. Советская, д. 3, каб. 14
clients: [civil-servants, ogu-staff]
value: Получить справку лично в день обращения
needs: [result, consultation]
basis:
  - type: instruction
    title: Поручение от 01.02.2026
)");
  r.edit("perechen.yaml", "organization: Управление финансов Липецкой области",
         "organization: Управление финансов области");

  // Text: every field of the added row and of the removed one, and the setting old and new.
  auto text = r.perechen({"diff"});
  INFO(text.out);
  REQUIRE(text.exit_code == 0);
  for (const char* line :
       {"    адрес: г. Липецк, ул. Советская, д. 3, каб. 14\n",
        "    ценность: Получить справку лично в день обращения\n",
        "    внутренний клиент:\n      • Государственные гражданские служащие\n"
        "      • Сотрудники ОГУ\n",
        "    основание (п. 2.4): Поручение от 01.02.2026\n",
        "    наименование точки: Окно приема документов\n",  // the removed row: what goes
        "    ценность: Сдать заявление на отпуск лично\n",
        "  organization: Управление финансов Липецкой области → Управление финансов области\n"}) {
    CHECK(text.out.find(line) != std::string::npos);
  }
  CHECK(text.out.find("    потребности:\n      • ") != std::string::npos);
  CHECK(text.out.find("      • 6) получение результата") != std::string::npos);

  // JSON: the content of the rows and the settings' fields.
  auto run = r.perechen({"diff", "--format", "json"});
  REQUIRE(run.exit_code == 0);
  json diff = json::parse(run.out);
  json added, removed;
  for (const auto& row : diff["rows"]) {
    if (row["change"] == "added")
      added = row;
    if (row["change"] == "removed")
      removed = row;
  }
  REQUIRE(added.is_object());
  REQUIRE(removed.is_object());
  std::map<std::string, json> fields;
  for (const auto& f : added["content"])
    fields[f["field"]] = f;
  CHECK(fields["value"]["value"] == "Получить справку лично в день обращения");
  CHECK(fields["point.address"]["value"] == "г. Липецк, ул. Советская, д. 3, каб. 14");
  CHECK(fields["clients"]["items"].size() == 2);
  CHECK(fields["needs"]["items"].size() == 2);
  CHECK(fields["basis"]["items"] == json{"Поручение от 01.02.2026"});
  CHECK(removed["content"].size() >= 8);
  CHECK(diff["settings"]["fields"] ==
        json::array({{{"field", "organization"},
                      {"before", "Управление финансов Липецкой области"},
                      {"after", "Управление финансов области"},
                      {"added", json::array()},
                      {"removed", json::array()},
                      {"reason", nullptr}}}));

  // Markdown: the row's cell holds every field.
  auto md = r.perechen({"diff", "--format", "md"});
  REQUIRE(md.exit_code == 0);
  CHECK(md.out.find("ценность: Получить справку лично в день обращения") != std::string::npos);
  CHECK(md.out.find("- organization: Управление финансов Липецкой области → Управление финансов "
                    "области") != std::string::npos);

  // HTML: a whole document to read or print before signing, with the text escaped.
  auto html = r.perechen({"diff", "--format", "html"});
  REQUIRE(html.exit_code == 0);
  CHECK(html.out.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.out.find("@page") != std::string::npos);
  CHECK(html.out.find("ценность: Получить справку лично в день обращения") != std::string::npos);
  CHECK(html.out.find("ОКУ «ЦБУ»") == std::string::npos);  // not a field of these rows
  CHECK(html.out.find("Поручение начальника управления от 01.02.2026") != std::string::npos);
  CHECK(html.out.find("</html>") != std::string::npos);

  // status --format md, the note of a merge request: the same rows whole.
  r.commit("changes");
  auto status = r.perechen({"status", "--format", "md"});
  REQUIRE(status.exit_code == 0);
  CHECK(status.out.find("ценность: Получить справку лично в день обращения") != std::string::npos);
  CHECK(status.out.find("ценность: Сдать заявление на отпуск лично") != std::string::npos);
  CHECK(status.out.find("organization: Управление финансов Липецкой области → Управление "
                        "финансов области") != std::string::npos);
}

TEST_CASE("publish: the bundle, the tag, and the deadline in status") {
  Registry r;
  r.commit("first version");
  auto nothing = r.perechen({"publish", "--dir", "out"});
  CHECK(nothing.exit_code == 1);
  CHECK(nothing.err.find("публиковать нечего") != std::string::npos);
  CHECK_FALSE(fs::exists(r.dir.path() / "out"));

  r.approve_all();
  json before = r.status_json();
  REQUIRE(before["publication"].is_object());
  CHECK(before["publication"]["approved_on"] == "2026-03-02");
  CHECK(before["publication"]["due"] == "2026-03-10");
  CHECK(before["publication"]["published"] == false);
  CHECK(before["publication"]["overdue"] == true);  // the clock is past 2026-03-10

  auto early = r.perechen({"publish", "--dir", "out", "--date", "2026-03-01"});
  CHECK(early.exit_code == 2);
  CHECK(early.err.find("раньше, чем версия согласована (2026-03-02)") != std::string::npos);

  auto run = r.perechen(
      {"publish", "--dir", "out", "--date", "2026-03-05", "--key", r.people.ivanova.file.string()});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(listing(r.dir.path() / "out") ==
        std::vector<std::string>{"perechen-fragment.html", "perechen-rfc4180.csv", "perechen.csv",
                                 "perechen.docx", "perechen.html", "perechen.json",
                                 "perechen.xlsx"});
  // The site's csv opens in Russian Excel: a BOM and ';'; the RFC 4180 one is beside it.
  std::string excel_csv = read_file(r.dir.path() / "out" / "perechen.csv");
  CHECK(excel_csv.rfind("\xEF\xBB\xBF", 0) == 0);
  CHECK(excel_csv.substr(0, excel_csv.find('\n')).find(';') != std::string::npos);
  std::string data_csv = read_file(r.dir.path() / "out" / "perechen-rfc4180.csv");
  CHECK(data_csv.rfind("\xEF\xBB\xBF", 0) != 0);
  CHECK(data_csv.substr(0, data_csv.find('\n')).find(',') != std::string::npos);
  std::string approved_commit = before["approved_commit"];
  std::string tag = "perechen/published/2026-03-05-" + approved_commit.substr(0, 12);
  CHECK(run.out.find("тег " + tag) != std::string::npos);
  CHECK(run.out.find("срок публикации (п. 3.1): 2026-03-10; опубликовано 2026-03-05 — в срок") !=
        std::string::npos);
  CHECK(test::git(r.dir.path(), {"tag", "-l", "perechen/published/*"}) == tag + "\n");
  CHECK(test::git(r.dir.path(), {"cat-file", "-t", tag}) == "tag\n");
  CHECK(test::git(r.dir.path(), {"rev-parse", tag + "^{commit}"}).substr(0, 40) == approved_commit);
  CHECK(test::git(r.dir.path(), {"cat-file", "tag", tag}).find("Perechen-Published: 2026-03-05") !=
        std::string::npos);
  // Signed as `git tag -s` signs, so git itself verifies it with the roster's allowed signers.
  r.dir.write("keys/allowed", r.perechen({"roster", "allowed-signers"}).out);
  CHECK(test::git(r.dir.path(),
                  {"-c", "gpg.ssh.allowedSignersFile=" + (r.dir.path() / "keys/allowed").string(),
                   "verify-tag", tag})
            .empty());

  // The bundle is the approved version, as export writes it.
  auto json_export = r.perechen({"export", "--format", "json"});
  CHECK(read_file(r.dir.path() / "out" / "perechen.json") == json_export.out);
  auto fragment = r.perechen({"export", "--format", "html", "--fragment"});
  CHECK(read_file(r.dir.path() / "out" / "perechen-fragment.html") == fragment.out);

  json after = r.status_json();
  CHECK(after["publication"] == json{{"approved_on", "2026-03-02"},
                                     {"due", "2026-03-10"},
                                     {"published", true},
                                     {"overdue", false},
                                     {"published_on", "2026-03-05"},
                                     {"published_by", "ivanova"},
                                     {"tag", tag},
                                     {"unverified", json::array()},
                                     {"calendar", json{{"official", true},
                                                       {"preliminary_years", json::array()},
                                                       {"uncovered_years", json::array()},
                                                       {"warnings", json::array()}}}});

  // Publishing again the same day adds nothing; a commit outside the registry keeps it published.
  auto again = r.perechen(
      {"publish", "--dir", "out", "--date", "2026-03-05", "--key", r.people.ivanova.file.string()});
  REQUIRE(again.exit_code == 0);
  CHECK(again.out.find("уже была записана") != std::string::npos);
  r.dir.write("README.md", "Перечень\n");
  r.commit("readme");
  CHECK(r.status_json()["publication"]["published"] == true);

  // A new change, approved: its publication is pending again.
  r.edit("points/pay/lk.yaml", "без визита в бухгалтерию", "без визита");
  r.commit("wording");
  r.approve_all();
  json next = r.status_json();
  CHECK(next["publication"]["published"] == false);
}

// The registry's calendar/2027.yaml (docs/calendar.md) counts for publish as for status: the
// shipped preliminary 2027 with 9 March made a day off too, by a decree.
TEST_CASE("publish: the registry's own calendar year moves the deadline") {
  test::GitDate date("2027-03-01T10:00:00+03:00");
  Registry r;
  std::string year = "year: 2027\nsource: Постановление (пример)\npreliminary: false\n";
  year += "working_days: 246\nweekdays_off:\n";
  for (const char* day : {"01-01", "01-04", "01-05", "01-06", "01-07", "01-08", "02-22", "02-23",
                          "03-08", "03-09", "05-03", "05-10", "06-14", "11-04", "11-05", "12-31"}) {
    year += std::string("  - 2027-") + day + "\n";
  }
  r.dir.write("calendar/2027.yaml", year + "working_weekends:\n  - 2027-02-20\n");
  r.commit("first version");
  r.approve_all();
  // By the shipped calendar the due date would be 2027-03-09, and this publication late.
  auto run = r.perechen({"--lang", "en", "publish", "--dir", "out", "--date", "2027-03-10", "--key",
                         r.people.ivanova.file.string()});
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("publication deadline (cl. 3.1): 2027-03-10; published 2027-03-10: on time") !=
        std::string::npos);
  CHECK((run.out + run.err).find("preliminary") == std::string::npos);
  json status = r.status_json();
  CHECK(status["publication"]["due"] == "2027-03-10");
  CHECK(status["publication"]["overdue"] == false);
}

TEST_CASE("publish: late publication is overdue") {
  Registry r;
  r.commit("first version");
  r.approve_all();
  auto run = r.perechen(
      {"publish", "--dir", "out", "--date", "2026-03-11", "--key", r.people.sidorov.file.string()});
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("опубликовано 2026-03-11 — с опозданием") != std::string::npos);
  json status = r.status_json();
  CHECK(status["publication"]["published"] == true);
  CHECK(status["publication"]["overdue"] == true);
}

// spec §7: anyone who can push a tag can make a perechen/published/* tag; only a record signed by
// a publisher of the approved version's roster marks the version as published.
TEST_CASE("publish: an unsigned publication mark is unverified, and the deadline stands") {
  Registry r;
  r.commit("first version");
  r.approve_all();
  std::string approved = r.status_json()["approved_commit"];
  std::string annotated = "perechen/published/2026-03-05-" + approved.substr(0, 12);
  std::string lightweight = "perechen/published/2026-03-04-" + approved.substr(0, 12);
  test::git(r.dir.path(), {"tag", "-a", "-m",
                           "Публикация перечня на сайте 2026-03-05\n\nPerechen-Published: "
                           "2026-03-05",
                           annotated, approved});
  test::git(r.dir.path(), {"tag", lightweight, approved});

  json publication = r.status_json()["publication"];
  CHECK(publication["published"] == false);
  CHECK(publication["overdue"] == true);  // due 2026-03-10, and the clock is past it
  CHECK(publication["published_by"].is_null());
  REQUIRE(publication["unverified"].size() == 2);
  CHECK(publication["unverified"][0]["tag"] == lightweight);
  CHECK(publication["unverified"][0]["date"] == "2026-03-04");
  CHECK(publication["unverified"][0]["reason"] == "unsigned");
  CHECK(publication["unverified"][1]["tag"] == annotated);
  CHECK(publication["unverified"][1]["reason"] == "unsigned");
  CHECK(publication["unverified"][1]["detail"] == "тег не подписан");

  auto text = r.perechen({"status"});
  CHECK(text.out.find("Публикация ПРОСРОЧЕНА: согласовано 2026-03-02, срок был 2026-03-10.") !=
        std::string::npos);
  CHECK(text.out.find("Отметка о публикации " + annotated +
                      " (2026-03-05) не подтверждена и срок не останавливает: тег не подписан "
                      "[unsigned]") != std::string::npos);
  auto md = r.perechen({"status", "--format", "md"});
  CHECK(md.out.find("⚠️ Публикация ПРОСРОЧЕНА") != std::string::npos);
  CHECK(md.out.find("⚠️ Отметка о публикации") != std::string::npos);
  auto en = r.perechen({"--lang", "en", "status"});
  CHECK(en.out.find("is unverified and does not stop the deadline: the tag is not signed "
                    "[unsigned]") != std::string::npos);
}

TEST_CASE("publish: a record signed by a publisher counts; by anyone else it is unverified") {
  Registry r;
  r.dir.write("roster.yaml", test::roster_yaml(r.people) + "publishers: [kuznetsova]\n");
  r.commit("first version");
  r.approve_all();
  std::string approved = r.status_json()["approved_commit"];
  auto name = [&](const std::string& date) {
    return "perechen/published/" + date + "-" + approved.substr(0, 12);
  };
  auto sign_tag = [&](const Key& key, const std::string& date) {
    test::git_signed(
        r.dir.path(), key,
        {"tag", "-s", "-m", "Публикация перечня на сайте " + date, name(date), approved});
  };
  Key stranger = test::make_key(r.dir, "stranger");
  sign_tag(r.people.ivanova, "2026-03-03");  // in the roster, but not a publisher
  sign_tag(stranger, "2026-03-04");          // in no roster
  json before = r.status_json()["publication"];
  CHECK(before["published"] == false);
  CHECK(before["overdue"] == true);
  REQUIRE(before["unverified"].size() == 2);
  CHECK(before["unverified"][0]["reason"] == "not-a-publisher");
  CHECK(before["unverified"][0]["detail"].get<std::string>().find("ivanova") != std::string::npos);
  CHECK(before["unverified"][1]["reason"] == "key-not-in-roster");

  // The publisher's own record, as `git tag -s` makes it, counts.
  sign_tag(r.people.kuznetsova, "2026-03-05");
  // The same signed record under a name with an earlier date is not the signed one.
  std::string object = test::git(r.dir.path(), {"rev-parse", name("2026-03-05")}).substr(0, 40);
  test::git(r.dir.path(), {"update-ref", "refs/tags/" + name("2026-03-02"), object});
  json after = r.status_json()["publication"];
  CHECK(after["published"] == true);
  CHECK(after["overdue"] == false);
  CHECK(after["published_on"] == "2026-03-05");
  CHECK(after["published_by"] == "kuznetsova");
  CHECK(after["tag"] == name("2026-03-05"));
  REQUIRE(after["unverified"].size() == 3);
  CHECK(after["unverified"][0]["tag"] == name("2026-03-02"));
  CHECK(after["unverified"][0]["reason"] == "renamed");
  auto text = r.perechen({"status"});
  CHECK(text.out.find("Опубликовано 2026-03-05: запись " + name("2026-03-05") +
                      " подписана публикующим Кузнецова Ольга Сергеевна (kuznetsova)") !=
        std::string::npos);
}

TEST_CASE("publish: signs the record with the publisher's key and refuses anyone else's") {
  Registry r;
  r.dir.write("roster.yaml", test::roster_yaml(r.people) + "publishers: [kuznetsova]\n");
  r.commit("first version");
  r.approve_all();

  // Not a publisher: refused before anything is written.
  auto refused = r.perechen(
      {"publish", "--dir", "out", "--date", "2026-03-05", "--key", r.people.ivanova.file.string()});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("записывать публикацию могут только publishers") != std::string::npos);
  CHECK(refused.err.find("ничего не записано") != std::string::npos);
  CHECK_FALSE(fs::exists(r.dir.path() / "out"));
  CHECK(test::git(r.dir.path(), {"tag", "-l", "perechen/published/*"}).empty());
  // No key at all: the record cannot be signed.
  auto no_key = r.perechen({"publish", "--dir", "out", "--date", "2026-03-05"});
  CHECK(no_key.exit_code == 2);
  CHECK(no_key.err.find("запись публикации подписывается") != std::string::npos);

  // git's user.signingkey, as for approve.
  test::git(r.dir.path(), {"config", "user.signingkey", r.people.kuznetsova.file.string()});
  auto run = r.perechen({"publish", "--dir", "out", "--date", "2026-03-05"});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  json publication = r.status_json()["publication"];
  CHECK(publication["published"] == true);
  CHECK(publication["published_by"] == "kuznetsova");
  CHECK(publication["unverified"].empty());
}

TEST_CASE("export docx: the approval sheet marks each approval with the signer key's fingerprint") {
  Registry r;
  r.commit("first version");
  r.approve_all();
  fs::create_directories(r.dir.path() / "out");
  auto approved = r.perechen({"export", "--format", "docx", "-o", "out/list.docx"});
  INFO(approved.err);
  REQUIRE(approved.exit_code == 0);
  std::string body = zip_part(r.dir.path() / "out" / "list.docx", "word/document.xml");
  auto sheet = body.find("Лист согласования");
  REQUIRE(sheet != std::string::npos);
  for (const std::string person : {"ivanova", "petrova", "sidorov"}) {
    // The fingerprint as ssh-keygen prints it: "256 SHA256:… comment (ED25519)".
    auto listed =
        test::run({"ssh-keygen", "-lf", test::key_of(r.people, person).file.string() + ".pub"});
    REQUIRE(listed.exit_code == 0);
    std::string fingerprint = listed.out.substr(listed.out.find(' ') + 1);
    fingerprint = fingerprint.substr(0, fingerprint.find(' '));
    CHECK(body.find("Ключ: " + fingerprint, sheet) != std::string::npos);
  }
  CHECK(body.find("Владелец: Сидоров Петр Николаевич", sheet) != std::string::npos);
  CHECK(body.find("ПРОЕКТ") == std::string::npos);

  // The draft on top: «ПРОЕКТ» above the table and in the header of every page.
  r.edit("points/pay/lk.yaml", "Видеть начисления и удержания без визита в бухгалтерию",
         "Видеть расчетный листок онлайн");
  r.commit("new wording");
  auto draft = r.perechen({"export", "--rev", "head", "--format", "docx", "-o", "out/draft.docx"});
  REQUIRE(draft.exit_code == 0);
  fs::path file = r.dir.path() / "out" / "draft.docx";
  CHECK(zip_part(file, "word/document.xml").find(">ПРОЕКТ</w:t>") != std::string::npos);
  CHECK(zip_part(file, "word/header1.xml").find("ПРОЕКТ") != std::string::npos);
  CHECK(zip_part(file, "word/header2.xml").find("ПРОЕКТ") != std::string::npos);
  CHECK(zip_part(file, "word/document.xml").find("Согласований нет") != std::string::npos);
}

TEST_CASE("export: --with-style goes with --fragment only") {
  Registry r;
  auto alone = r.perechen({"export", "--rev", "worktree", "--with-style"});
  CHECK(alone.exit_code == 2);
  CHECK(alone.err.find("--with-style бывает только с --fragment") != std::string::npos);
  auto styled = r.perechen({"export", "--rev", "worktree", "--fragment", "--with-style"});
  REQUIRE(styled.exit_code == 0);
  CHECK(styled.out.rfind("<style>", 0) == 0);
  CHECK(styled.out.find("<table class=\"perechen\">") != std::string::npos);
}
