// SPDX-License-Identifier: Apache-2.0
// perechen import (spec §9), the last ways a row could be mapped without a word: a kind of the
// table's own in a new registry (added to kinds: and said, row by row), a kind whose channel is
// not the one written, a direction that disagrees with the registry imported into (spelled
// otherwise, numbered otherwise, absent, or a process under another direction) as a section row
// or in a direction column, and a section row taken for a second heading row. Each table is a
// csv as Excel saves it («;»), made here; the files written, the messages, the exit code and
// the summary are checked.

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "fixture.hpp"

namespace fs = std::filesystem;
using perechen::test::TempDir;

namespace {

using perechen::test::read_file;

// The point files under `root` but those of write_minimal_registry.
std::vector<std::string> points_under(const fs::path& root) {
  std::vector<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(root / "points")) {
    std::string path = entry.path().lexically_relative(root).generic_string();
    if (entry.is_regular_file() && path != "points/docs/email.yaml" &&
        path != "points/pay/lk.yaml" && path != "points/pay/window.yaml")
      out.push_back(path);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string summary_of(const std::string& out) {
  std::size_t at = out.find("Строк прочитано:");
  if (at == std::string::npos)
    return {};
  return out.substr(at, out.find('\n', at) - at);
}

// The lines of the problems block, each without its two spaces.
std::vector<std::string> problems_of(const std::string& out) {
  std::vector<std::string> lines;
  std::istringstream in(out);
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line.rfind("Требует внимания:", 0) == 0) {
      inside = true;
      continue;
    }
    if (inside && line.rfind("  ", 0) != 0)
      break;
    if (inside)
      lines.push_back(line.substr(2));
  }
  return lines;
}

perechen::test::RunResult import_into(const fs::path& registry, const std::string& csv) {
  std::ofstream(registry / "list.csv", std::ios::binary) << csv;
  return perechen::test::perechen({"import", "list.csv"}, registry, {{"GIT_CONFIG_NOSYSTEM", "1"}});
}

// write_minimal_registry: pay «Оплата труда» (perechen.yaml:12; salary «Начисление и выплата
// заработной платы», vacation «Оплата отпусков»), docs «Справки и документы» (perechen.yaml:19;
// certificates «Выдача справок»); its points points/docs/email.yaml, points/pay/lk.yaml and
// points/pay/window.yaml.
const char* const kPay = "(pay, perechen.yaml:12)";
const char* const kDocs = "(docs, perechen.yaml:19)";

}  // namespace

TEST_CASE("import: into a registry, a section row whose direction disagrees is said at its row") {
  TempDir work;
  perechen::test::write_minimal_registry(work);
  std::string csv =
      "№;Наименование процесса;Точка взаимодействия;Канал;Внутренний клиент;Ценность;"
      "Потребности\r\n"
      "Раздел 1. ОПЛАТА ТРУДА;;;;;;\r\n"
      "1;Оплата отпусков;Почта группы расчетов;цифровая;ГГС;Спросить письмом;2\r\n"
      "2;Выдача справок;Окно выдачи справок;офлайн;ГГС;Получить справку;6\r\n"
      "Раздел 1. Справки и документы;;;;;;\r\n"
      "3;Выдача справок;Окно 5;офлайн;ГГС;Получить справку;6\r\n"
      "Раздел 3. Налоги;;;;;;\r\n"
      "4;Налоговые вычеты;Портал;цифровая;ГГС;Скачать бланк;3\r\n"
      "5;Начисление и выплата заработной платы;Личный кабинет;цифровая;ГГС;Видеть начисления;1\r\n";
  auto r = import_into(work.path(), csv);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  std::vector<std::string> expected = {
      std::string("list.csv: строка 2: направление «ОПЛАТА ТРУДА» в perechen.yaml написано "
                  "иначе: «Оплата труда» ") +
          kPay +
          "; взято направление из perechen.yaml — исправьте написание в таблице или в "
          "perechen.yaml, чтобы они совпадали",
      std::string("list.csv: строка 4: процесс «Выдача справок» в perechen.yaml относится к "
                  "направлению «Справки и документы» ") +
          kDocs + ", а в таблице — к «ОПЛАТА ТРУДА»; взято направление из perechen.yaml",
      std::string("list.csv: строка 5: в таблице направление 1 — «Справки и документы», а в "
                  "perechen.yaml направление 1 — «Оплата труда» ") +
          kPay + ", «Справки и документы» там — направление 2 " + kDocs +
          "; взято по наименованию — проверьте номер",
      "list.csv: строка 7: направления «Налоги» нет в perechen.yaml (п. 2.2.1): добавьте его в "
      "directions: или исправьте название в таблице; направления перечня: «Оплата труда», "
      "«Справки и документы»",
      "list.csv: строка 8, столбец 2 «Наименование процесса»: процесса «Налоговые вычеты» нет в "
      "реестре процессов perechen.yaml (п. 2.2.2, 3.3.1): добавьте его туда или исправьте "
      "название",
      std::string("list.csv: строка 9: направления «Налоги» нет в perechen.yaml (п. 2.2.1), а "
                  "процесс «Начисление и выплата заработной платы» там относится к направлению "
                  "«Оплата труда» ") +
          kPay + "; взято направление из perechen.yaml",
  };
  CHECK(problems_of(r.out) == expected);
  CHECK(summary_of(r.out) ==
        "Строк прочитано: 8; точек: 5; служебных строк: 3 (заголовки 0, нумерация 0, разделы 3, "
        "итоги 0, подписи 0, продолжения точек 0); не распознано: 0; строк требуют внимания: 6");
  CHECK(r.out.find("Строки, которые требуют внимания: 2, 4, 5, 7, 8, 9\n") != std::string::npos);
  // Each point where the registry has its process; the one it lacks, for validate to find.
  CHECK(points_under(work.path()) ==
        std::vector<std::string>{"points/docs/certificates/okno-5.yaml",
                                 "points/docs/certificates/okno-vydachi-spravok.yaml",
                                 "points/nalogi/nalogovye-vychety/portal.yaml",
                                 "points/pay/salary/lichnyy-kabinet.yaml",
                                 "points/pay/vacation/pochta-gruppy-raschetov.yaml"});
  std::string moved = read_file(work.path() / "points/docs/certificates/okno-vydachi-spravok.yaml");
  CHECK(moved.find("# строка 4: процесс «Выдача справок» в perechen.yaml относится к "
                   "направлению «Справки и документы»") != std::string::npos);
  CHECK(moved.find("process: certificates\n") != std::string::npos);
  // perechen.yaml is the registry's: the import adds nothing to it.
  CHECK(read_file(work.path() / "perechen.yaml").find("Налоги") == std::string::npos);
}

TEST_CASE("import: into a registry, a direction cell that disagrees is said at its cell") {
  TempDir work;
  perechen::test::write_minimal_registry(work);
  std::string csv =
      "Направление деятельности;Наименование процесса;Точка взаимодействия;Канал;"
      "Внутренний клиент;Ценность;Потребности\r\n"
      // The same direction: spaces, a line break in the cell, the id.
      "Оплата  труда;Оплата отпусков;Почта;цифровая;ГГС;Спросить;2\r\n"
      "\"Оплата\nтруда\";Оплата отпусков;Приемная;офлайн;ГГС;Спросить;2\r\n"
      "pay;Оплата отпусков;Бот;цифровая;ГГС;Спросить;2\r\n"
      // Spelled otherwise; numbered otherwise; a process of another direction; a direction the
      // registry lacks, its process the registry's or not.
      "оплата труда;Оплата отпусков;Телефон;цифровая;ГГС;Спросить;2\r\n"
      "2. Оплата труда;Оплата отпусков;Чат;цифровая;ГГС;Спросить;2\r\n"
      "Справки и документы;Оплата отпусков;Окно;офлайн;ГГС;Спросить;2\r\n"
      "Кадры;Оплата отпусков;Киоск;офлайн;ГГС;Спросить;2\r\n"
      "Кадры;Прием на работу;Кабинет 3;офлайн;ГГС;Спросить;2\r\n";
  auto r = import_into(work.path(), csv);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  const std::string at = "list.csv: строка ";
  const std::string cell = ", столбец 1 «Направление деятельности»: ";
  std::vector<std::string> expected = {
      at + "5" + cell +
          "направление «оплата труда» в perechen.yaml написано иначе: «Оплата труда» " + kPay +
          "; взято направление из perechen.yaml — исправьте написание в таблице или в "
          "perechen.yaml, чтобы они совпадали",
      at + "6" + cell +
          "в таблице направление 2 — «Оплата труда», а в perechen.yaml направление 2 — «Справки "
          "и документы» " +
          kDocs + ", «Оплата труда» там — направление 1 " + kPay +
          "; взято по наименованию — проверьте номер",
      at + "7" + cell +
          "процесс «Оплата отпусков» в perechen.yaml относится к направлению «Оплата труда» " +
          kPay + ", а в таблице — к «Справки и документы»; взято направление из perechen.yaml",
      at + "8" + cell +
          "направления «Кадры» нет в perechen.yaml (п. 2.2.1), а процесс «Оплата отпусков» там "
          "относится к направлению «Оплата труда» " +
          kPay + "; взято направление из perechen.yaml",
      at + "9" + cell +
          "направления «Кадры» нет в perechen.yaml (п. 2.2.1): добавьте его в directions: или "
          "исправьте название в таблице; направления перечня: «Оплата труда», «Справки и "
          "документы»",
      at + "9, столбец 2 «Наименование процесса»: процесса «Прием на работу» нет в реестре "
           "процессов perechen.yaml (п. 2.2.2, 3.3.1): добавьте его туда или исправьте название",
  };
  CHECK(problems_of(r.out) == expected);
  CHECK(summary_of(r.out) ==
        "Строк прочитано: 8; точек: 8; служебных строк: 0 (заголовки 0, нумерация 0, разделы 0, "
        "итоги 0, подписи 0, продолжения точек 0); не распознано: 0; строк требуют внимания: 5");
  CHECK(r.out.find("Строки, которые требуют внимания: 5, 6, 7, 8, 9\n") != std::string::npos);
  CHECK(points_under(work.path()) == std::vector<std::string>{
                                         "points/kadry/priem-na-rabotu/kabinet-3.yaml",
                                         "points/pay/vacation/bot.yaml",
                                         "points/pay/vacation/chat.yaml",
                                         "points/pay/vacation/kiosk.yaml",
                                         "points/pay/vacation/okno.yaml",
                                         "points/pay/vacation/pochta.yaml",
                                         "points/pay/vacation/priemnaya.yaml",
                                         "points/pay/vacation/telefon.yaml",
                                     });
  // The doubt is in the point's file too, for the person who opens it.
  CHECK(read_file(work.path() / "points/pay/vacation/telefon.yaml")
            .find("# строка 5, столбец 1 «Направление деятельности»: направление «оплата "
                  "труда» в perechen.yaml написано иначе") != std::string::npos);

  SECTION("in English") {
    auto en = perechen::test::perechen({"--lang", "en", "import", "--dry-run", "list.csv"},
                                       work.path(), {{"GIT_CONFIG_NOSYSTEM", "1"}});
    CHECK(en.exit_code == 1);
    CHECK(en.out.find("list.csv: row 6, column 1 «Направление деятельности»: the table's "
                      "direction 2 is «Оплата труда», but direction 2 of perechen.yaml is "
                      "«Справки и документы» (docs, perechen.yaml:19) and «Оплата труда» is "
                      "direction 1 there (pay, perechen.yaml:12); taken by the title: check the "
                      "number\n") != std::string::npos);
  }
}

TEST_CASE("import: into a new registry, a kind of the table's own is added to kinds: and said") {
  TempDir work;
  std::string csv =
      "Направление деятельности;Процесс;Точка взаимодействия;Вид точки;Канал;Внутренний клиент;"
      "Ценность;Потребности\r\n"
      "Оплата труда;Отпуска;Опрос об удобстве;Онлайн-опрос;;ГГС;Оценить;8\r\n"
      "Оплата труда;Отпуска;Опрос о графике;Онлайн-опрос;;ГГС;Оценить график;8\r\n"
      "Оплата труда;Отпуска;Киоск в холле;Информационный киоск;офлайн;ГГС;Посмотреть график;1\r\n"
      "Оплата труда;Отпуска;СЭД «Дело»;СЭД;;ГГС;Подать заявление;4\r\n";
  std::ofstream(work.path() / "list.csv", std::ios::binary) << csv;
  auto r = perechen::test::perechen({"import", "list.csv", "reg"}, work.path(),
                                    {{"GIT_CONFIG_NOSYSTEM", "1"}});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  const std::string cell = ", столбец 4 «Вид точки»: вид точки ";
  const std::string check =
      " — проверьте, не встроенный ли это вид другими словами (portal, personal_account, phone, "
      "email, edms, reception, document_window…), и тогда исправьте kind";
  std::vector<std::string> expected = {
      "list.csv: строка 2" + cell +
          "«Онлайн-опрос» не найден среди встроенных видов: добавлен в kinds: perechen.yaml как "
          "onlayn-opros (канал digital)" +
          check,
      "list.csv: строка 3" + cell +
          "«Онлайн-опрос» не найден среди встроенных видов: добавлен в kinds: perechen.yaml как "
          "onlayn-opros (канал digital)" +
          check,
      "list.csv: строка 4" + cell +
          "«Информационный киоск» не найден среди встроенных видов: добавлен в kinds: "
          "perechen.yaml как informatsionnyy-kiosk (канал offline)" +
          check,
  };
  CHECK(problems_of(r.out) == expected);
  CHECK(summary_of(r.out) ==
        "Строк прочитано: 4; точек: 4; служебных строк: 0 (заголовки 0, нумерация 0, разделы 0, "
        "итоги 0, подписи 0, продолжения точек 0); не распознано: 0; строк требуют внимания: 3");
  CHECK(r.out.find("Строки, которые требуют внимания: 2, 3, 4\n") != std::string::npos);

  // Nothing lost: the kinds are in perechen.yaml, each with a note above it, and the points use
  // them (the known «СЭД» is the built-in edms, without a word).
  std::string config = read_file(work.path() / "reg/perechen.yaml");
  CHECK(config.find(
            "\nkinds:\n"
            "  # Проверьте: вида «Онлайн-опрос» нет среди встроенных, он добавлен из list.csv, "
            "строки таблицы: 2, 3. Если это встроенный вид другими словами, впишите его id в "
            "kind этих точек и удалите эту запись.\n"
            "  - id: onlayn-opros\n    title: Онлайн-опрос\n    channel: digital\n"
            "  # Проверьте: вида «Информационный киоск» нет среди встроенных, он добавлен из "
            "list.csv, строки таблицы: 4. Если это встроенный вид другими словами, впишите его id "
            "в kind этих точек и удалите эту запись.\n"
            "  - id: informatsionnyy-kiosk\n    title: Информационный киоск\n"
            "    channel: offline\n") != std::string::npos);
  std::string survey =
      read_file(work.path() / "reg/points/oplata-truda/otpuska/opros-o-grafike.yaml");
  CHECK(survey.find("  channel: digital\n  # строка 3, столбец 4 «Вид точки»: вид точки "
                    "«Онлайн-опрос» не найден среди встроенных видов") != std::string::npos);
  CHECK(survey.find("\n  kind: onlayn-opros\n") != std::string::npos);
  CHECK(read_file(work.path() / "reg/points/oplata-truda/otpuska/sed-delo.yaml")
            .find("  channel: digital\n  kind: edms\n") != std::string::npos);
  // validate reads the kinds as the registry's own.
  auto v = perechen::test::perechen({"validate"}, work.path() / "reg");
  CHECK(v.out.find("kind-unknown") == std::string::npos);
  CHECK(v.out.find("kind-channel-mismatch") == std::string::npos);
}

TEST_CASE("import: a section row right under a one-row header is a section, not a heading") {
  // «Раздел 1. …» has the word of the direction's column in it; read as a second header row, it
  // made the № column the directions, and the points' numbers became directions «1», «2».
  TempDir work;
  std::string csv =
      "№;Наименование процесса;Точка взаимодействия;Канал;Внутренний клиент;Ценность;"
      "Потребности\r\n"
      "Раздел 1. Оплата труда;;;;;;\r\n"
      "1;Оплата отпусков;Почта группы расчетов;цифровая;ГГС;Спросить письмом;2\r\n"
      "Раздел 2. Справки и документы;;;;;;\r\n"
      "2;Выдача справок;Окно 5;офлайн;ГГС;Получить справку;6\r\n";
  std::ofstream(work.path() / "list.csv", std::ios::binary) << csv;
  auto r = perechen::test::perechen({"import", "list.csv", "reg"}, work.path(),
                                    {{"GIT_CONFIG_NOSYSTEM", "1"}});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(summary_of(r.out) ==
        "Строк прочитано: 4; точек: 2; служебных строк: 2 (заголовки 0, нумерация 0, разделы 2, "
        "итоги 0, подписи 0, продолжения точек 0); не распознано: 0; строк требуют внимания: 0");
  CHECK(read_file(work.path() / "reg/perechen.yaml")
            .find("directions:\n"
                  "  - id: oplata-truda\n    title: Оплата труда\n    processes:\n"
                  "      - id: oplata-otpuskov\n        title: Оплата отпусков\n"
                  "  - id: spravki-i-dokumenty\n    title: Справки и документы\n    processes:\n"
                  "      - id: vydacha-spravok\n        title: Выдача справок\n") !=
        std::string::npos);
  CHECK(fs::exists(work.path() / "reg/points/oplata-truda/oplata-otpuskov/"
                                 "pochta-gruppy-raschetov.yaml"));
  CHECK(fs::exists(work.path() / "reg/points/spravki-i-dokumenty/vydacha-spravok/okno-5.yaml"));
}

TEST_CASE("import: a kind whose channel is not the one written is said, both kept as written") {
  TempDir work;
  std::string csv =
      "Направление деятельности;Процесс;Точка взаимодействия;Вид точки;Канал;Внутренний клиент;"
      "Ценность;Потребности\r\n"
      "Оплата труда;Отпуска;Телефон отдела;Телефон;офлайн;ГГС;Спросить;2\r\n"
      "Оплата труда;Отпуска;\"Приемная ЦБУ\n(цифровая точка)\";Приемная;;ГГС;Прийти;2\r\n"
      "Оплата труда;Отпуска;Горячая линия;;Телефон;ГГС;Позвонить;2\r\n";
  std::ofstream(work.path() / "list.csv", std::ios::binary) << csv;
  auto r = perechen::test::perechen({"import", "list.csv", "reg"}, work.path(),
                                    {{"GIT_CONFIG_NOSYSTEM", "1"}});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  std::vector<std::string> expected = {
      "list.csv: строка 2, столбец 5 «Канал»: канал offline расходится с видом точки «Телефон»: у "
      "вида phone канал digital (п. 1.3); записаны оба, как в таблице, — исправьте канал или вид",
      "list.csv: строка 3, столбец 3 «Точка взаимодействия»: канал digital расходится с видом "
      "точки «Приемная»: у вида reception канал offline (п. 1.3); записаны оба, как в таблице, — "
      "исправьте канал или вид",
  };
  CHECK(problems_of(r.out) == expected);
  CHECK(summary_of(r.out) ==
        "Строк прочитано: 3; точек: 3; служебных строк: 0 (заголовки 0, нумерация 0, разделы 0, "
        "итоги 0, подписи 0, продолжения точек 0); не распознано: 0; строк требуют внимания: 2");
  std::string phone =
      read_file(work.path() / "reg/points/oplata-truda/otpuska/telefon-otdela.yaml");
  CHECK(phone.find("  # строка 2, столбец 5 «Канал»: канал offline расходится с видом точки "
                   "«Телефон»") != std::string::npos);
  CHECK(phone.find("  channel: offline\n  kind: phone\n") != std::string::npos);
  // A kind in the channel's column gives its own channel: nothing to say.
  CHECK(read_file(work.path() / "reg/points/oplata-truda/otpuska/goryachaya-liniya.yaml")
            .find("  channel: digital\n  kind: phone\n") != std::string::npos);
}

TEST_CASE("import: a client after a long wording is read, and «all but some» is said") {
  TempDir work;
  std::string csv =
      "Направление деятельности;Процесс;Точка взаимодействия;Канал;Внутренний клиент;Ценность;"
      "Потребности\r\n"
      "Оплата труда;Отпуска;Почта;цифровая;Государственные гражданские служащие, работники;"
      "Спросить;2\r\n"
      "Оплата труда;Отпуска;Портал;цифровая;сотрудники ИОГВ/ОГУ (кроме УД);Прочитать;1\r\n";
  std::ofstream(work.path() / "list.csv", std::ios::binary) << csv;
  auto r = perechen::test::perechen({"import", "list.csv", "reg"}, work.path(),
                                    {{"GIT_CONFIG_NOSYSTEM", "1"}});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(problems_of(r.out) ==
        std::vector<std::string>{
            "list.csv: строка 3, столбец 5 «Внутренний клиент»: «сотрудники ИОГВ/ОГУ (кроме УД)» "
            "— все клиенты, кроме некоторых: перенесены все клиенты перечня, уберите из clients "
            "тех, кто исключен"});
  CHECK(summary_of(r.out) ==
        "Строк прочитано: 2; точек: 2; служебных строк: 0 (заголовки 0, нумерация 0, разделы 0, "
        "итоги 0, подписи 0, продолжения точек 0); не распознано: 0; строк требуют внимания: 1");
  CHECK(read_file(work.path() / "reg/points/oplata-truda/otpuska/pochta.yaml")
            .find("\nclients: [civil-servants, workers]\n") != std::string::npos);
  CHECK(read_file(work.path() / "reg/points/oplata-truda/otpuska/portal.yaml")
            .find("\nclients: [civil-servants, government-office, workers, ogu-staff]\n") !=
        std::string::npos);
  // No client beyond the four of clause 1.3.
  CHECK(read_file(work.path() / "reg/perechen.yaml").find("  - id: rabotniki") ==
        std::string::npos);
}
