// SPDX-License-Identifier: Apache-2.0
// The readers of perechen import (src/import/): each format into the same table with merged
// cells resolved, CSV by RFC 4180 and Excel's variant, the limits, and the mapper's reading of
// cell texts (needs, clients, channel, contacts) on tables built here.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "../../src/export/zip.hpp"
#include "perechen/error.hpp"
#include "perechen/import/import.hpp"
#include "perechen/import/table.hpp"
#include "perechen/registry/config.hpp"
#include "perechen/yaml/parse.hpp"

using namespace perechen;
using namespace perechen::importing;

namespace {

std::vector<std::string> cells(const Table& table, std::size_t row) {
  return table.rows.at(row).cells;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return {};
}

Config config_of(const std::string& yaml) {
  Diagnostics d;
  auto tree = yaml::parse("perechen.yaml", yaml, d);
  REQUIRE(tree);
  return read_config(*tree);
}

const char* const kConfig = R"(title: Перечень
organization: УФО
institutions: [{id: cbu, title: ЦБУ}]
clients:
  - {id: servants, title: Государственные гражданские служащие, short_title: ГГС}
  - {id: workers, title: "Работники, не являющиеся служащими"}
directions:
  - id: pay
    title: Оплата труда
    short_title: ОТ
    processes:
      - {id: salary, title: Начисление зарплаты}
)";

Table table_of(std::vector<std::vector<std::string>> rows) {
  Table t;
  t.name = "CSV";
  for (std::size_t i = 0; i < rows.size(); ++i)
    t.rows.push_back(TableRow{i + 1, rows[i]});
  return t;
}

}  // namespace

TEST_CASE("csv: RFC 4180 quotes, line breaks in fields, the Excel variant") {
  auto t = read_csv("a,\"b, \"\"c\"\"\",\"line 1\r\nline 2\"\r\nd,e,f\n");
  REQUIRE(t.size() == 1);
  REQUIRE(t[0].rows.size() == 2);
  CHECK(cells(t[0], 0) == std::vector<std::string>{"a", "b, \"c\"", "line 1\nline 2"});
  CHECK(t[0].rows[1].number == 2);
  auto excel = read_csv(
      "\xEF\xBB\xBF"
      "a;b,c;d\r\n1;2;3\r\n");
  CHECK(cells(excel[0], 0) == std::vector<std::string>{"a", "b,c", "d"});
  // Rows without text are left out but keep the numbering.
  auto gaps = read_csv("x,y\n,\n\nz,w\n");
  REQUIRE(gaps[0].rows.size() == 2);
  CHECK(gaps[0].rows[1].number == 4);
  CHECK(error_of([] { read_csv("a,\"b\nc\n"); }).find("строке 1") != std::string::npos);
}

TEST_CASE("docx: grid spans and vertical merges resolved, paragraphs as lines") {
  std::string xml =
      "<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>Перед таблицей</w:t></w:r></w:p><w:tbl>"
      "<w:tr><w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan "
      "w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>D"
      "</w:t></w:r></w:p></w:tc></w:tr>"
      "<w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>dir</w:t></w:r>"
      "</w:p></w:tc><w:tc><w:p><w:r><w:t>one</w:t></w:r><w:r><w:br/><w:t>two</w:t></w:r></w:p>"
      "<w:p><w:r><w:t>three</w:t></w:r><w:r><w:delText>gone</w:delText></w:r></w:p></w:tc>"
      "<w:tc/><w:tc/></w:tr>"
      "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>x</w:t></w:r>"
      "</w:p></w:tc></w:tr>"
      "</w:tbl><w:tbl><w:tr><w:tc><w:p><w:r><w:t>legend</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
      "</w:body></w:document>";
  auto tables = read_docx(exporting::make_zip({{"word/document.xml", xml}}, "docx"));
  REQUIRE(tables.size() == 2);
  const Table& t = tables[0];
  REQUIRE(t.rows.size() == 3);
  CHECK(cells(t, 0) == std::vector<std::string>{"A", "B", "", "D"});
  CHECK(cells(t, 1) == std::vector<std::string>{"dir", "one\ntwo\nthree"});
  CHECK(cells(t, 2) == std::vector<std::string>{"dir", "x"});
  CHECK(t.rows[2].number == 3);
  CHECK_FALSE(t.lettered);
}

TEST_CASE("xlsx: shared and inline strings, merged ranges, sheet order from the workbook") {
  std::string workbook =
      "<workbook xmlns:r=\"r\"><sheets><sheet name=\"Титул\" r:id=\"rId2\"/><sheet "
      "name=\"Перечень\" r:id=\"rId1\"/></sheets></workbook>";
  std::string rels =
      "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/list.xml\"/><Relationship "
      "Id=\"rId2\" Target=\"/xl/worksheets/title.xml\"/></Relationships>";
  std::string shared =
      "<sst><si><t>Оплата труда</t></si><si><r><t>Лич</t></r><r><t>ный</t></r><rPh><t>x</t></rPh>"
      "</si></sst>";
  std::string sheet =
      "<worksheet><sheetData><row r=\"2\"><c r=\"B2\" t=\"s\"><v>0</v></c><c r=\"C2\" "
      "t=\"s\"><v>1</v></c><c r=\"D2\"><v>7</v></c></row><row r=\"3\"><c r=\"C3\" "
      "t=\"inlineStr\"><is><t>Окно</t></is></c></row><row r=\"9\"><c r=\"C9\" "
      "t=\"str\"><v>вне</v></c></row></sheetData><mergeCells><mergeCell "
      "ref=\"B2:B4\"/></mergeCells></worksheet>";
  auto tables = read_xlsx(exporting::make_zip({{"xl/workbook.xml", workbook},
                                               {"xl/_rels/workbook.xml.rels", rels},
                                               {"xl/sharedStrings.xml", shared},
                                               {"xl/worksheets/title.xml", "<worksheet/>"},
                                               {"xl/worksheets/list.xml", sheet}},
                                              "xlsx"));
  REQUIRE(tables.size() == 2);
  CHECK(tables[0].name == "Титул");
  CHECK(tables[0].rows.empty());
  const Table& t = tables[1];
  REQUIRE(t.rows.size() == 3);
  CHECK(t.lettered);
  CHECK(t.rows[0].number == 2);
  CHECK(cells(t, 0) == std::vector<std::string>{"", "Оплата труда", "Личный", "7"});
  CHECK(cells(t, 1) == std::vector<std::string>{"", "Оплата труда", "Окно"});
  CHECK(cells(t, 2) == std::vector<std::string>{"", "", "вне"});  // row 9 is outside the range
}

TEST_CASE("ods: repeated rows and cells, spans over covered cells, text:s and line breaks") {
  std::string content =
      "<office:document-content xmlns:office=\"o\" xmlns:table=\"t\" xmlns:text=\"x\">"
      "<office:body><office:spreadsheet><table:table table:name=\"Лист1\">"
      "<table:table-row><table:table-cell table:number-rows-spanned=\"2\"><text:p>Оплата"
      "<text:s/>труда</text:p></table:table-cell><table:table-cell><text:p>один</text:p><text:p>"
      "два<text:line-break/>три</text:p></table:table-cell></table:table-row>"
      "<table:table-row table:number-rows-repeated=\"1000000\"><table:table-cell "
      "table:number-columns-repeated=\"16384\"/></table:table-row>"
      "</table:table></office:spreadsheet></office:body></office:document-content>";
  std::string spans =
      "<office:document-content xmlns:office=\"o\" xmlns:table=\"t\" xmlns:text=\"x\">"
      "<office:body><office:spreadsheet><table:table table:name=\"Лист2\">"
      "<table:table-row><table:table-cell table:number-rows-spanned=\"2\"><text:p>dir</text:p>"
      "</table:table-cell><table:table-cell><text:p>a</text:p></table:table-cell>"
      "</table:table-row><table:table-row><table:covered-table-cell/><table:table-cell>"
      "<text:p>b</text:p></table:table-cell></table:table-row><table:table-row "
      "table:number-rows-repeated=\"2\"><table:table-cell table:number-columns-repeated=\"2\">"
      "<text:p>r</text:p></table:table-cell></table:table-row></table:table>"
      "</office:spreadsheet></office:body></office:document-content>";
  auto first = read_ods(exporting::make_zip({{"content.xml", content}}, "ods"));
  REQUIRE(first.size() == 1);
  REQUIRE(first[0].rows.size() == 1);
  CHECK(cells(first[0], 0) == std::vector<std::string>{"Оплата труда", "один\nдва\nтри"});
  auto second = read_ods(exporting::make_zip({{"content.xml", spans}}, "ods"));
  REQUIRE(second[0].rows.size() == 4);
  CHECK(cells(second[0], 1) == std::vector<std::string>{"dir", "b"});
  CHECK(cells(second[0], 3) == std::vector<std::string>{"r", "r"});
  CHECK(second[0].rows[3].number == 4);
}

TEST_CASE("readers refuse what is not a document, with the reason") {
  CHECK(error_of([] { read_xlsx("PK\x03\x04 not really"); }).find("не архив zip") !=
        std::string::npos);
  CHECK(error_of([] {
          read_docx(exporting::make_zip({{"other.xml", "<a/>"}}, "x"));
        }).find("нет части word/document.xml") != std::string::npos);
  CHECK(error_of([] {
          read_docx(exporting::make_zip({{"word/document.xml", "<w:document><w:body>"}}, "x"));
        }).find("XML поврежден") != std::string::npos);
  CHECK(error_of([] { read_tables("PK", Format::docx, "list.docx"); }).find("list.docx: ") == 0);
}

TEST_CASE("mapper: needs by wording or number, clients by title or short title") {
  Config config = config_of(kConfig);
  Table t = table_of({
      {"Направление деятельности", "Наименование процесса", "Точка взаимодействия",
       "Внутренний клиент", "Ценность для внутреннего клиента",
       "Удовлетворяемые потребности клиента"},
      {"1", "2", "3", "4", "5", "6"},
      {"ОТ", "Начисление зарплаты", "Портал (цифровая точка)\nwww.portal.example.ru",
       "ГГС; Работники, не являющиеся служащими", "Узнать",
       "1) получение информации; 2) получение консультации\n"
       "получение результата, ответа, разъяснения: ответ: в срок\n9) другие потребности клиента: "
       "подписка\n3. получение форм документов"},
      {"", "", "Почта\nzarplata@example.ru", "Работники, не являющиеся служащими, ГГС", "Спросить",
       "6) получение информации"},
  });
  Plan plan = plan_import({t}, "list.csv", &config);
  REQUIRE(plan.points.size() == 2);
  const std::string& portal = plan.points[0].content;
  INFO(portal);
  CHECK(plan.points[0].path == "points/pay/salary/portal.yaml");
  CHECK(portal.find("  channel: digital\n  url: https://www.portal.example.ru\n") !=
        std::string::npos);
  CHECK(portal.find("clients: [servants, workers]\n") != std::string::npos);
  CHECK(portal.find("needs:\n  - information\n  - consultation\n  - result: \"ответ: в срок\"\n"
                    "  - other: подписка\n  - forms\n") != std::string::npos);
  const std::string& mail = plan.points[1].content;
  INFO(mail);
  CHECK(mail.find("  url: mailto:zarplata@example.ru\n") != std::string::npos);
  CHECK(mail.find("clients: [workers, servants]\n") != std::string::npos);
  // A number that disagrees with the wording: the wording wins, and the person is told.
  REQUIRE(plan.problems.size() == 2);
  // No channel column and none in the point's cell: said at the point's column.
  CHECK(plan.problems[0].row == 4);
  CHECK(plan.problems[0].column == "3");
  CHECK(plan.problems[0].message.find("канал точки не указан") != std::string::npos);
  CHECK(plan.problems[1].column == "6");
  CHECK(plan.problems[1].heading == "Удовлетворяемые потребности клиента");
  CHECK(plan.problems[1].message.find("номер 6 не совпадает") != std::string::npos);
}

TEST_CASE("mapper: a new registry gets ids made from the titles, unique") {
  Table t = table_of({
      {"Точка взаимодействия", "Процесс", "Направление", "Клиент", "Канал", "Вид точки"},
      {"Окно", "Выдача справок", "Справки и документы", "Пенсионеры, Ветераны труда", "офлайн",
       "Информационный киоск"},
      {"Окно", "Выдача справок", "Справки и документы", "Пенсионеры", "офлайн", ""},
      {"Киоск", "Выдача справок", "Справки", "Пенсионеры", "офлайн", ""},
  });
  Plan plan = plan_import({t}, "list.csv", nullptr);
  REQUIRE(plan.new_registry);
  REQUIRE(plan.points.size() == 3);
  CHECK(plan.points[0].path == "points/spravki-i-dokumenty/vydacha-spravok/okno.yaml");
  CHECK(plan.points[1].path == "points/spravki-i-dokumenty/vydacha-spravok/okno-2.yaml");
  CHECK(plan.points[2].path == "points/spravki/vydacha-spravok-2/kiosk.yaml");
  INFO(plan.config_text);
  CHECK(plan.config_text.find(
            "  - id: pensionery\n    title: Пенсионеры\n  - id: veterany-truda\n") !=
        std::string::npos);
  CHECK(plan.config_text.find("kinds:\n  # Проверьте: вида «Информационный киоск» нет среди "
                              "встроенных, он добавлен из list.csv, строки таблицы: 2. ") !=
        std::string::npos);
  CHECK(plan.config_text.find("\n  - id: informatsionnyy-kiosk\n    title: Информационный "
                              "киоск\n    channel: offline\n") != std::string::npos);
  // So is the kind, at its cell.
  CHECK(plan.problems.front().row == 2);
  CHECK(plan.problems.front().column == "6");
  CHECK(plan.problems.front().message.find("вид точки «Информационный киоск» не найден среди "
                                           "встроенных видов: добавлен в kinds:") !=
        std::string::npos);
  // Clients that are none of clause 1.3 are added, and each is reported for a look.
  std::size_t new_clients = 0;
  for (const auto& p : plan.problems)
    new_clients += p.message.find("не из п. 1.3") != std::string::npos ? 1u : 0u;
  CHECK(new_clients == 2);  // each new client once, where it is first seen
  CHECK(plan.roster_text.find("    vydacha-spravok-2: responsible\n") != std::string::npos);
}

TEST_CASE("mapper: no heading row is a clear error") {
  Config config = config_of(kConfig);
  CHECK(error_of([&] {
          plan_import({table_of({{"a", "b"}, {"c", "d"}})}, "x.csv", &config);
        }).find("x.csv: нет таблицы по форме приложения") != std::string::npos);
}

TEST_CASE("mapper: rows below the list on the same sheet (legend, approval sheet) are not points") {
  Config config = config_of(kConfig);
  Table t = table_of({
      {"№ п/п", "Направление деятельности", "Наименование процесса", "Точка взаимодействия",
       "Внутренний клиент", "Ценность", "Удовлетворяемые потребности"},
      {"1", "ОТ", "Начисление зарплаты", "Окно\nофлайн-точка", "сотрудники ИОГВ/ОГУ", "Сдать", "4"},
      {"Лист согласования"},
      {"Должность", "Фамилия", "Дата", "Подпись"},
      {"Заместитель начальника", "Иванова", "01.03.2026", "ключ SHA256:..."},
  });
  Plan plan = plan_import({t}, "list.xlsx", &config);
  REQUIRE(plan.points.size() == 1);
  CHECK(plan.problems.empty());
  CHECK(plan.points[0].content.find("clients: [servants, workers]\n") != std::string::npos);
}

TEST_CASE("mapper: a process the registry has under another direction is taken, and said") {
  Config config = config_of(kConfig);
  Table t = table_of({
      {"Направление деятельности", "Наименование процесса", "Точка взаимодействия",
       "Внутренний клиент", "Ценность", "Удовлетворяемые потребности", "Канал"},
      {"Справки", "Начисление зарплаты", "Окно", "ГГС", "Сдать", "4", "офлайн"},
  });
  Plan plan = plan_import({t}, "list.csv", &config);
  REQUIRE(plan.points.size() == 1);
  CHECK(plan.points[0].path == "points/pay/salary/okno.yaml");
  REQUIRE(plan.problems.size() == 1);
  CHECK(plan.problems[0].column == "1");
  CHECK(plan.problems[0].message ==
        "направления «Справки» нет в perechen.yaml (п. 2.2.1), а процесс «Начисление зарплаты» там "
        "относится к направлению «Оплата труда» (pay, perechen.yaml:8); взято направление из "
        "perechen.yaml");
}
