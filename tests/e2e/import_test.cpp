// SPDX-License-Identifier: Apache-2.0
// perechen import (spec §9) run as a user runs it: tables exported by perechen itself come back
// as the same list; tables people made (built here from HTML by LibreOffice, or by hand) are
// mapped field by field with every doubt reported at its row and column; hostile files are
// refused with a clear message; --dry-run and existing files leave the tree as it was.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "../../src/export/zip.hpp"
#include "fixture.hpp"
#include "perechen/yaml/parse.hpp"

namespace fs = std::filesystem;
using perechen::test::TempDir;

namespace {

using perechen::test::files_under;
using perechen::test::read_file;

void write_file(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

perechen::test::RunResult perechen_in(const fs::path& cwd, const std::vector<std::string>& args) {
  return perechen::test::perechen(args, cwd, {{"GIT_CONFIG_NOSYSTEM", "1"}});
}

int errors_of(const std::string& validate_json) {
  return nlohmann::json::parse(validate_json)["summary"]["errors"].get<int>();
}

void export_to(const fs::path& registry, const std::string& format, const fs::path& out) {
  auto r = perechen_in(
      registry, {"export", "--rev", "worktree", "--format", format, "--output", out.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

// A registry whose cells hold what is hard to read back: several clients with commas and quotes
// in their titles, every need with a description holding colons and semicolons, a url and an
// address on one point, e-mail and phone urls, a custom kind, a value of several lines, ё; short
// titles in the cells and points that serve every client («сотрудники ИОГВ/ОГУ»).
void write_dense_registry(const fs::path& root) {
  write_file(root / "perechen.yaml", R"(title: Перечень точек взаимодействия
organization: Управление финансов Липецкой области
institutions:
  - id: cbu
    title: ОКУ «Центр бухгалтерского учета»
clients:
  - id: servants
    title: Государственные гражданские служащие
    short_title: ГГС
  - id: workers
    title: Работники, не являющиеся государственными служащими
  - id: ogu
    title: Сотрудники ОГУ «Центр», переведенных на учет
  - id: office
    title: Служащие аппарата; управление делами
directions:
  - id: pay
    title: Оплата труда
    short_title: ОТ
    processes:
      - id: salary
        title: Начисление заработной платы, расчетные листки
      - id: vacation
        title: Отпускные
        short_title: Отп.
  - id: docs
    title: Справки и документы
    processes:
      - id: certificates
        title: Справки «2-НДФЛ» и о доходах
kinds:
  - id: kiosk
    title: Информационный киоск
    channel: offline
)");
  write_file(root / "roster.yaml", R"(people:
  - id: boss
    name: Иванова Анна Петровна
    position: Заместитель начальника
roles:
  client_centricity: boss
  direction_curators: {pay: boss, docs: boss}
  process_owners: {salary: boss, vacation: boss, certificates: boss}
)");
  write_file(root / "points/pay/lk.yaml", R"(process: salary
point:
  name: Личный кабинет «1С:Кабинет сотрудника» (веб-версия)
  channel: digital
  kind: personal_account
  url: https://lk.example.ru/cabinet?tab=pay&x=1
  address: г. Липецк, ул. Ленина, д. 1; каб. 12
clients: [servants, workers, ogu, office]
value: "Видеть начисления: «без визита»\nи удержания, по месяцам"
needs:
  - information: расчетный листок; график выплат
  - consultation
  - forms: "бланк заявления: форма 1"
  - submission
  - progress: статус, срок
  - result: "ответ: в день выплаты"
  - feedback
  - feedback_result
  - other: подписка на уведомления
)");
  write_file(root / "points/pay/mail.yaml", R"(process: salary
point:
  name: Почта группы расчетов
  channel: digital
  kind: email
  url: mailto:zarplata@example.ru
clients: [workers]
value: Задать вопрос письмом
needs: [consultation, result]
)");
  write_file(root / "points/pay/phone.yaml", R"(process: vacation
point:
  name: Телефонная линия
  channel: digital
  url: tel:+74742000000
clients: [servants, office]
value: Узнать сумму отпускных
needs: [information]
)");
  write_file(root / "points/docs/kiosk.yaml", R"(process: certificates
point:
  name: Киоск в холле ЦБУ, 1-й этаж
  channel: offline
  kind: kiosk
  address: г. Липецк, пл. Плеханова, д. 1, холл
clients: [ogu]
value: Распечатать справку самому
needs: [forms, result]
)");
  write_file(root / "points/docs/window.yaml", R"(process: certificates
point:
  name: Окно приёма документов
  channel: offline
  address: каб. 5
clients: [servants, workers, ogu, office]
value: Сдать и получить документы
needs: [submission, result]
)");
}

// Exports `source` as `format`, imports that into a registry with the same settings and no
// points, and checks that it validates and exports the same csv, byte for byte.
void check_round_trip(const fs::path& source, const std::string& format) {
  TempDir work;
  fs::path table = work.path() / ("list." + format);
  export_to(source, format, table);
  export_to(source, "csv", work.path() / "before.csv");
  fs::path target = work.path() / "target";
  fs::create_directories(target);
  fs::copy_file(source / "perechen.yaml", target / "perechen.yaml");
  fs::copy_file(source / "roster.yaml", target / "roster.yaml");

  auto imported = perechen_in(work.path(), {"import", table.string(), "target"});
  INFO(imported.out << imported.err);
  REQUIRE(imported.exit_code == 0);
  CHECK(imported.out.find("Требует внимания") == std::string::npos);
  auto validated = perechen_in(target, {"validate", "--format", "json"});
  INFO(validated.out);
  CHECK(validated.exit_code == 0);
  CHECK(errors_of(validated.out) == 0);
  export_to(target, "csv", work.path() / "after.csv");
  CHECK(read_file(work.path() / "after.csv") == read_file(work.path() / "before.csv"));
}

}  // namespace

TEST_CASE("import: an export of the example registry comes back as the same list") {
  fs::path example = perechen::test::source_dir() / "examples" / "registry";
  for (std::string format : {"csv", "xlsx", "docx"}) {
    SECTION(format) {
      check_round_trip(example, format);
    }
  }
}

TEST_CASE("import: a dense registry comes back as the same list") {
  TempDir source;
  write_dense_registry(source.path());
  for (std::string format : {"csv", "xlsx", "docx"}) {
    SECTION(format) {
      check_round_trip(source.path(), format);
    }
  }
}

TEST_CASE("import: into a new folder, a registry as init makes it, that validates") {
  TempDir work;
  fs::path example = perechen::test::source_dir() / "examples" / "registry";
  export_to(example, "docx", work.path() / "list.docx");
  auto r = perechen_in(work.path(), {"import", "list.docx", "new-registry"});
  INFO(r.out << r.err);
  // The example's own kinds (an intranet, an online survey) are none of the built-in ones: they
  // are added to kinds: and each row of them is said; nothing else needs a look.
  REQUIRE(r.exit_code == 1);
  CHECK(r.out.find("Требует внимания: 4 ") != std::string::npos);
  CHECK(r.out.find("Строки, которые требуют внимания: 13, 15, 24, 25\n") != std::string::npos);
  std::size_t kinds_said = 0;
  const std::string said = "не найден среди встроенных видов: добавлен в kinds: perechen.yaml";
  for (std::size_t at = r.out.find(said); at != std::string::npos; at = r.out.find(said, at + 1))
    ++kinds_said;
  CHECK(kinds_said == 4);
  fs::path reg = work.path() / "new-registry";
  CHECK(fs::exists(reg / ".git"));
  CHECK(fs::exists(reg / "schemas" / "point.schema.json"));
  std::string config = read_file(reg / "perechen.yaml");
  CHECK(config.find("  - id: oplata-truda\n    title: Оплата труда\n") != std::string::npos);
  CHECK(config.find("  - id: onlayn-opros\n    title: Онлайн-опрос\n    channel: digital\n") !=
        std::string::npos);
  std::string roster = read_file(reg / "roster.yaml");
  CHECK(roster.find("    oplata-truda: responsible\n") != std::string::npos);
  CHECK(fs::exists(reg / "points/oplata-truda"));

  // What is left to the person: the basis of each point (warnings), nothing wrong.
  auto validated = perechen_in(work.path(), {"-C", "new-registry", "validate", "--format", "json"});
  INFO(validated.out);
  CHECK(validated.exit_code == 0);
  CHECK(errors_of(validated.out) == 0);
  CHECK(validated.out.find("basis-missing") != std::string::npos);

  // The same list again: every file is there already and left as it was.
  auto before = files_under(reg);
  auto again = perechen_in(work.path(), {"import", "list.docx", "new-registry"});
  CHECK(again.exit_code == 1);
  CHECK(again.out.find("Уже есть, не тронуты: 25") != std::string::npos);
  CHECK(files_under(reg) == before);
}

TEST_CASE("import: --dry-run and existing files leave the tree byte-identical") {
  TempDir work;
  fs::path example = perechen::test::source_dir() / "examples" / "registry";
  export_to(example, "csv", work.path() / "list.csv");

  SECTION("dry run into a new folder writes nothing at all") {
    auto r = perechen_in(work.path(), {"import", "--dry-run", "list.csv", "fresh"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);  // the example's own kinds are said (a new registry adds them)
    CHECK(r.out.find("points/oplata-truda/") != std::string::npos);
    CHECK_FALSE(fs::exists(work.path() / "fresh"));
  }

  SECTION("into a registry that has the points already") {
    fs::path target = work.path() / "target";
    fs::copy(example, target, fs::copy_options::recursive);
    auto before = files_under(target);
    auto dry = perechen_in(work.path(), {"import", "--dry-run", "list.csv", "target"});
    CHECK(files_under(target) == before);
    auto first = perechen_in(work.path(), {"import", "list.csv", "target"});
    INFO(first.out << first.err);
    // The example's files have other names: each row's point is found by its process and name,
    // reported with both places, and not written again.
    CHECK(first.exit_code == 1);
    CHECK(first.out.find("Требует внимания: 25 ") != std::string::npos);
    CHECK(first.out.find("list.csv: строка 3: точка «Личный кабинет «1С:Кабинет сотрудника»» "
                         "этого процесса уже есть в перечне: points/pay/salary-lk.yaml; строка не "
                         "записана еще раз\n") != std::string::npos);
    CHECK(files_under(target) == before);
    auto second = perechen_in(work.path(), {"import", "list.csv", "target"});
    INFO(second.out);
    CHECK(second.exit_code == 1);
    CHECK(files_under(target) == before);
  }
}

TEST_CASE("import: a table made by hand, every doubt at its row and column") {
  TempDir work;
  perechen::test::write_minimal_registry(work);
  // Columns in another order, an Excel csv (BOM, ';'), a direction written once, needs as free
  // numbered text, an unknown need, a row without a channel, an unknown client.
  std::string csv =
      "\xEF\xBB\xBF"
      "Процесс;Точка взаимодействия;Направление деятельности;Внутренний клиент;"
      "Удовлетворяемые потребности;Ценность;Канал взаимодействия\r\n"
      "Начисление и выплата заработной платы;\"Личный кабинет\nhttps://lk.example.ru\";"
      "Оплата труда;Государственные гражданские служащие;\"1) получение информации\n6) "
      "получение результата, ответа, разъяснения: расчетный листок\";Видеть начисления;"
      "цифровая точка\r\n"
      ";\"Телефон бухгалтерии\n+7 (4742) 22-33-44\";;Государственные гражданские служащие;"
      "\"2) получение консультации\nузнать погоду\";Спросить;\r\n"
      ";\"Окно (офлайн-точка)\nкаб. 5\";;Пенсионеры;4;Сдать документы;\r\n";
  write_file(work.path() / "list.csv", csv);
  auto r = perechen_in(work.path(), {"import", "list.csv"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("list.csv: строка 3, столбец 5 «Удовлетворяемые потребности»: потребность "
                   "«узнать погоду» не найдена") != std::string::npos);
  CHECK(r.out.find("list.csv: строка 3, столбец 7 «Канал взаимодействия»: канал точки не указан") !=
        std::string::npos);
  CHECK(r.out.find("list.csv: строка 4, столбец 4 «Внутренний клиент»: внутреннего клиента "
                   "«Пенсионеры» нет в perechen.yaml") != std::string::npos);

  std::string lk = read_file(work.path() / "points/pay/salary/lichnyy-kabinet.yaml");
  CHECK(lk.find("process: salary\n") != std::string::npos);
  CHECK(lk.find("  channel: digital\n  url: https://lk.example.ru\n") != std::string::npos);
  CHECK(lk.find("clients: [civil-servants]\n") != std::string::npos);
  CHECK(lk.find("needs:\n  - information\n  - result: расчетный листок\n") != std::string::npos);

  std::string phone = read_file(work.path() / "points/pay/salary/telefon-bukhgalterii.yaml");
  CHECK(phone.find("  # channel: digital | offline\n  url: tel:+74742223344\n") !=
        std::string::npos);
  CHECK(phone.find("# строка 3, столбец 5 «Удовлетворяемые потребности»: потребность «узнать "
                   "погоду»") != std::string::npos);
  CHECK(phone.find("needs:\n  - consultation\n") != std::string::npos);

  std::string window = read_file(work.path() / "points/pay/salary/okno.yaml");
  CHECK(window.find("  channel: offline\n  address: каб. 5\n") != std::string::npos);
  CHECK(window.find("# clients: []") != std::string::npos);
  CHECK(window.find("  - submission\n") != std::string::npos);

  // validate finds what is left at its place.
  auto v = perechen_in(work.path(), {"validate"});
  CHECK(v.exit_code == 1);
  CHECK(v.out.find("telefon-bukhgalterii.yaml") != std::string::npos);
  CHECK(v.out.find("[missing-field]") != std::string::npos);
}

TEST_CASE("import: line breaks in a heading or a cell cannot add a key to the point file") {
  TempDir work;
  perechen::test::write_minimal_registry(work);
  // The value's heading and the channel's cell break their lines before text that reads as a key;
  // both end up in comments of the point file (the value is missing, the channel not recognised).
  std::string csv =
      "Процесс;Точка взаимодействия;Внутренний клиент;\"Ценность…\nprepared_by: injected #\";"
      "Удовлетворяемые потребности;Канал взаимодействия\r\n"
      "Начисление и выплата заработной платы;Личный кабинет;Государственные гражданские служащие;;"
      "1) получение информации;\"цифровая\r\nbasis: injected\"\r\n";
  write_file(work.path() / "list.csv", csv);
  auto r = perechen_in(work.path(), {"import", "list.csv"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  std::string text = read_file(work.path() / "points/pay/salary/lichnyy-kabinet.yaml");
  INFO(text);
  // The notes are there, every line of them a comment.
  CHECK(text.find("\n# строка 2, столбец 4 «Ценность…\n# prepared_by: injected #»: ") !=
        std::string::npos);
  CHECK(text.find("канал «цифровая\n  # basis: injected» не распознан") != std::string::npos);
  // Exactly the planned keys, and none of the injected ones.
  perechen::Diagnostics found;
  auto tree = perechen::yaml::parse("lichnyy-kabinet.yaml", text, found);
  REQUIRE(tree);
  std::vector<std::string> keys;
  for (const auto& entry : tree->entries)
    keys.push_back(entry.key);
  CHECK(keys == std::vector<std::string>{"process", "point", "clients", "needs"});
  const auto* point = tree->find("point");
  REQUIRE(point != nullptr);
  std::vector<std::string> point_keys;
  for (const auto& entry : point->entries)
    point_keys.push_back(entry.key);
  CHECK(point_keys == std::vector<std::string>{"name"});
}

TEST_CASE("import: hostile and broken files are refused with a clear message") {
  TempDir work;
  perechen::test::write_minimal_registry(work);
  auto import = [&](const std::string& name, const std::string& bytes) {
    write_file(work.path() / name, bytes);
    auto r = perechen_in(work.path(), {"import", name});
    INFO(r.out << r.err);
    CHECK(r.signal == 0);
    return r;
  };

  SECTION("not a zip") {
    auto r = import("list.docx", "Это не документ Word, а просто текст.\n");
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("list.docx: не архив zip") != std::string::npos);
  }
  SECTION("a zip bomb") {
    std::string zeros(80u << 20, '0');
    auto bomb = perechen::exporting::make_zip({{"word/document.xml", zeros}}, "docx");
    REQUIRE(bomb.size() < (1u << 20));
    auto r = import("bomb.docx", bomb);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("zip-бомба") != std::string::npos);
  }
  SECTION("a zip bomb whose headers claim a small size") {
    std::string bomb =
        perechen::exporting::make_zip({{"word/document.xml", std::string(80u << 20, '0')}}, "d");
    auto claim = [&bomb](std::size_t at) {
      bomb[at] = 100;  // the uncompressed size, little-endian: 100 bytes
      bomb[at + 1] = bomb[at + 2] = bomb[at + 3] = 0;
    };
    claim(22);                            // the local header
    claim(bomb.find("PK\x01\x02") + 24);  // the central directory
    auto r = import("liar.docx", bomb);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("zip-бомба") != std::string::npos);
  }
  SECTION("billion laughs") {
    std::string xml =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
        "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
        "<w:document xmlns:w=\"w\"><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>&lol3;</w:t></w:r>"
        "</w:p></w:tc></w:tr></w:tbl></w:body></w:document>";
    auto r =
        import("laughs.docx", perechen::exporting::make_zip({{"word/document.xml", xml}}, "d"));
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("word/document.xml: в XML есть DTD") != std::string::npos);
  }
  SECTION("an external entity") {
    std::string xml =
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
        "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>&e;</t></is></c></row>"
        "</sheetData></worksheet>";
    auto r = import(
        "external.xlsx",
        perechen::exporting::make_zip(
            {{"xl/workbook.xml", "<workbook><sheets><sheet name=\"S\"/></sheets></workbook>"},
             {"xl/worksheets/sheet1.xml", xml}},
            "x"));
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("DTD") != std::string::npos);
    CHECK(r.out.find("root:") == std::string::npos);
  }
  SECTION("deep nesting") {
    std::string xml = "<w:document xmlns:w=\"w\">";
    for (int i = 0; i < 5000; ++i)
      xml += "<w:p>";
    auto r = import("deep.docx", perechen::exporting::make_zip({{"word/document.xml", xml}}, "d"));
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("глубже 256") != std::string::npos);
  }
  SECTION("a sheet of 100,000 empty rows, then the list") {
    std::string sheet =
        "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Наименование "
        "процесса</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>Точка взаимодействия</t></is></c>"
        "<c r=\"C1\" t=\"inlineStr\"><is><t>Внутренний клиент</t></is></c></row>";
    for (int r = 2; r <= 100001; ++r)
      sheet += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) + "\"/></row>";
    sheet +=
        "<row r=\"100002\"><c r=\"A100002\" t=\"inlineStr\"><is><t>Начисление и выплата "
        "заработной платы</t></is></c><c r=\"B100002\" t=\"inlineStr\"><is><t>Киоск\n(офлайн-точка)"
        "</t></is></c><c r=\"C100002\" t=\"inlineStr\"><is><t>сотрудники ИОГВ/ОГУ</t></is></c>"
        "</row></sheetData></worksheet>";
    auto r = import(
        "empty.xlsx",
        perechen::exporting::make_zip(
            {{"xl/workbook.xml", "<workbook><sheets><sheet name=\"S\"/></sheets></workbook>"},
             {"xl/worksheets/sheet1.xml", sheet}},
            "x"));
    CHECK(r.exit_code == 1);  // no value, no needs: a person must add them
    CHECK(r.out.find("list: строка 100002") == std::string::npos);
    CHECK(r.out.find("empty.xlsx: строка 100002: ценность") != std::string::npos);
    std::string kiosk = read_file(work.path() / "points/pay/salary/kiosk.yaml");
    CHECK(kiosk.find("  channel: offline\n") != std::string::npos);
    CHECK(kiosk.find("clients: [civil-servants, ogu-staff]\n") != std::string::npos);
  }
  SECTION("too many rows with text") {
    std::string csv = "Процесс,Точка взаимодействия,Внутренний клиент\n";
    for (int r = 0; r < 100001; ++r)
      csv += "p,t,c\n";
    auto r = import("huge.csv", csv);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("больше 100 000") != std::string::npos);
  }
  SECTION("too many rows with text in the XML of docx, xlsx and ods") {
    // The limit is hit inside expat's callbacks: the exception comes back through the parser's C
    // code as a kept exception, rethrown once expat has returned.
    std::string docx = "<w:document><w:body><w:tbl>";
    std::string xlsx = "<worksheet><sheetData>";
    for (int row = 1; row <= 100001; ++row) {
      docx += "<w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>";
      xlsx +=
          "<row r=\"" + std::to_string(row) + "\"><c t=\"inlineStr\"><is><t>x</t></is></c></row>";
    }
    docx += "</w:tbl></w:body></w:document>";
    xlsx += "</sheetData></worksheet>";
    std::string ods =
        "<office:document-content><office:body><office:spreadsheet><table:table>"
        "<table:table-row table:number-rows-repeated=\"100001\"><table:table-cell><text:p>x"
        "</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>"
        "</office:body></office:document-content>";
    for (auto [name, bytes] :
         {std::pair{"rows.docx", perechen::exporting::make_zip({{"word/document.xml", docx}}, "d")},
          std::pair{"rows.xlsx", perechen::exporting::make_zip(
                                     {{"xl/workbook.xml",
                                       "<workbook><sheets><sheet name=\"S\"/></sheets></workbook>"},
                                      {"xl/worksheets/sheet1.xml", xlsx}},
                                     "x")},
          std::pair{"rows.ods", perechen::exporting::make_zip({{"content.xml", ods}}, "o")}}) {
      INFO(name);
      auto r = import(name, bytes);
      CHECK(r.exit_code == 3);
      CHECK(r.err == "perechen: " + std::string(name) +
                         ": в таблицах больше 100 000 непустых строк — это не перечень\n");
      CHECK_FALSE(fs::exists(work.path() / "points/pay/salary"));
    }
  }
  SECTION("a csv neither UTF-8, UTF-16 nor Windows-1251") {
    auto r = import("list.csv", "\x81\x82\x83;\x84\x85\n");
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("не в UTF-8") != std::string::npos);
  }
  SECTION("a csv in UTF-16 that breaks off") {
    auto r = import("list.csv", std::string("\xFF\xFE\x1F\x04\x00", 5));
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("UTF-16") != std::string::npos);
  }
  SECTION("no table in the appendix form") {
    auto r = import("other.csv", "a,b,c\n1,2,3\n");
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("нет таблицы по форме приложения") != std::string::npos);
  }
}
