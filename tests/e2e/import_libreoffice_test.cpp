// SPDX-License-Identifier: Apache-2.0
// perechen import of tables that perechen did not write: an HTML table as a person makes it
// (columns in another order, direction and process cells merged across rows, needs as free
// numbered text, an unknown need, a row without a channel) converted by LibreOffice to docx and
// xlsx, as Word and Excel users hand them over. LibreOffice is installed when missing (as root,
// tests/support/ensure-program.sh); without it the test is skipped, and fails in CI.

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "fixture.hpp"
#include "skip.hpp"

namespace fs = std::filesystem;
using perechen::test::TempDir;

namespace {

using perechen::test::read_file;

const char* const kTable = R"(<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Перечень</title></head><body>
<table border="1">
<tr><th>№</th><th>Точка взаимодействия</th><th>Процесс</th><th>Направление деятельности</th>
<th>Внутренний клиент</th><th>Удовлетворяемые потребности</th><th>Ценность</th>
<th>Канал взаимодействия</th></tr>
<tr><td>1</td><td>Личный кабинет<br>https://lk.example.ru</td>
<td rowspan="2">Начисление и выплата заработной платы</td><td rowspan="3">Оплата труда</td>
<td>Государственные гражданские служащие, Сотрудники ОГУ</td>
<td>1) получение информации<br>6) получение результата, ответа, разъяснения: расчетный листок</td>
<td>Видеть начисления</td><td>цифровая</td></tr>
<tr><td>2</td><td>Окно выдачи документов (офлайн-точка)<br>г. Липецк, каб. 5</td>
<td>Сотрудники ОГУ</td><td>4) подача бумаг</td><td>Сдать документы</td><td></td></tr>
<tr><td>3</td><td>Телефон группы<br>+7 4742 22-33-44</td><td>Оплата отпусков</td>
<td>сотрудники ИОГВ/ОГУ</td><td>2) получение консультации<br>узнать погоду</td>
<td>Спросить о сумме</td><td></td></tr>
</table></body></html>
)";

}  // namespace

TEST_CASE("import: tables made in Word and Excel (converted by LibreOffice)") {
  std::string missing;
  if (!perechen::test::ensure_program("soffice", "libreoffice-writer-nogui libreoffice-calc-nogui",
                                      missing)) {
    PERECHEN_SKIP("LibreOffice is not available: " + missing);
  }
  TempDir work;
  std::ofstream(work.path() / "list.html") << kTable;
  std::ofstream(work.path() / "sheet.html") << kTable;
  std::string profile = "-env:UserInstallation=file://" + (work.path() / "profile").string();
  auto writer = perechen::test::run({"soffice", profile, "--headless", "--convert-to",
                                     "docx:MS Word 2007 XML", "--outdir", "out", "list.html"},
                                    work.path());
  auto calc = perechen::test::run({"soffice", profile, "--headless", "--infilter=HTML (StarCalc)",
                                   "--convert-to", "xlsx", "--outdir", "out", "sheet.html"},
                                  work.path());
  INFO(writer.err << calc.err);
  REQUIRE(fs::exists(work.path() / "out/list.docx"));
  REQUIRE(fs::exists(work.path() / "out/sheet.xlsx"));

  for (auto [file, needs_column, channel_column] :
       {std::tuple{"list.docx", "6", "8"}, std::tuple{"sheet.xlsx", "F", "H"}}) {
    {
      INFO(file);
      TempDir reg;
      perechen::test::write_minimal_registry(reg);
      fs::remove_all(reg.path() / "points");
      auto r =
          perechen::test::perechen({"import", (work.path() / "out" / file).string()}, reg.path());
      INFO(r.out << r.err);
      CHECK(r.exit_code == 1);
      std::string name = file;
      // Every reported problem, with its row and column.
      CHECK(r.out.find(name + ": строка 3, столбец " + needs_column +
                       " «Удовлетворяемые потребности»: текст «подача бумаг» под номером 4") !=
            std::string::npos);
      CHECK(r.out.find(name + ": строка 4, столбец " + needs_column +
                       " «Удовлетворяемые потребности»: потребность «узнать погоду» не найдена") !=
            std::string::npos);
      CHECK(r.out.find(name + ": строка 4, столбец " + channel_column +
                       " «Канал взаимодействия»: канал точки не указан") != std::string::npos);
      CHECK(r.out.find("Требует внимания: 3") != std::string::npos);

      // Every mapped field.
      std::string lk = read_file(reg.path() / "points/pay/salary/lichnyy-kabinet.yaml");
      CHECK(lk.find("process: salary\npoint:\n  name: Личный кабинет\n  channel: digital\n"
                    "  url: https://lk.example.ru\nclients: [civil-servants, ogu-staff]\n"
                    "value: Видеть начисления\nneeds:\n  - information\n"
                    "  - result: расчетный листок\n") != std::string::npos);
      std::string window = read_file(reg.path() / "points/pay/salary/okno-vydachi-dokumentov.yaml");
      CHECK(window.find("process: salary\npoint:\n  name: Окно выдачи документов\n"
                        "  channel: offline\n  address: г. Липецк, каб. 5\nclients: [ogu-staff]\n"
                        "value: Сдать документы\n") != std::string::npos);
      CHECK(window.find("needs:\n  - submission: подача бумаг\n") != std::string::npos);
      std::string phone = read_file(reg.path() / "points/pay/vacation/telefon-gruppy.yaml");
      CHECK(phone.find("process: vacation\npoint:\n  name: Телефон группы\n") != std::string::npos);
      CHECK(phone.find("  # channel: digital | offline\n  url: tel:+74742223344\n"
                       "clients: [civil-servants, ogu-staff]\nvalue: Спросить о сумме\n") !=
            std::string::npos);
      CHECK(phone.find("needs:\n  - consultation\n") != std::string::npos);

      // validate finds the missing channel where the comment is.
      auto v = perechen::test::perechen({"validate"}, reg.path());
      CHECK(v.exit_code == 1);
      CHECK(v.out.find("points/pay/vacation/telefon-gruppy.yaml") != std::string::npos);
    }
  }
}
