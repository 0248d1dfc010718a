// SPDX-License-Identifier: Apache-2.0
// perechen import of the layouts departments make (issue: no row lost without a word), each built
// at test time in the real format: HTML tables converted by LibreOffice to docx, odt, xlsx and ods
// (four soffice calls, each converting several files), and csv in UTF-8, Windows-1251 with «;»
// and UTF-16 (iconv). Every field of every point, the exit code and the summary are checked.
// LibreOffice is installed when missing (as root); without it the test is skipped, and fails in CI.

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "fixture.hpp"
#include "skip.hpp"

namespace fs = std::filesystem;
using perechen::test::TempDir;

namespace {

using perechen::test::read_file;

// A two-row header («Точка взаимодействия» over «наименование | вид | адрес, ссылка», the other
// headings merged down), a numbering row, directions as full-width section rows with and without
// «Раздел N.», a process merged down two rows, a totals row, and a signature below the table
// (a row of the sheet in Calc; outside the table in Writer). NBSP in a name, spaced slashes in
// «сотрудники ИОГВ / ОГУ», needs as «1, 2», with «;» at the end, with a typo and a description
// in brackets, a phone with an extension.
const char* const kSections = R"(<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Перечень</title></head><body>
<p>Перечень точек взаимодействия с внутренним клиентом</p>
<table border="1">
<tr><th rowspan="2">№ п/п</th><th rowspan="2">Наименование процесса</th><th colspan="3">Точка взаимодействия</th>
<th rowspan="2">Внутренний клиент</th><th rowspan="2">Ценность для внутреннего клиента</th><th rowspan="2">Удовлетворяемые потребности</th></tr>
<tr><th>наименование</th><th>вид</th><th>адрес, ссылка</th></tr>
<tr><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td><td>7</td><td>8</td></tr>
<tr><td colspan="8">Раздел 1. Оплата труда</td></tr>
<tr><td>1</td><td rowspan="2">Начисление заработной платы</td><td>Личный&nbsp;кабинет сотрудника</td><td>цифровая</td>
<td>https://lk.example.ru</td><td>сотрудники ИОГВ / ОГУ</td><td>Видеть начисления</td>
<td>1) получение информации;<br>6) получение результата, ответа, разъяснения: расчетный листок</td></tr>
<tr><td>2</td><td>Телефон группы расчетов</td><td>Телефон</td><td>8 (4742) 22-33-44, доб. 105</td><td>ГГС</td>
<td>Спросить о сумме</td><td>1, 2</td></tr>
<tr><td colspan="8">2. Справки и документы</td></tr>
<tr><td>3</td><td>Выдача справок</td><td>Окно выдачи документов</td><td>офлайн</td>
<td>г. Липецк, ул. Ленина, д. 1, каб. 5</td><td>ГГС ИОГВ, работники ОГУ</td><td>Получить справку в день обращения</td>
<td>4) представление заявления, обращения, запроса, документов;<br>получени информации (справка о доходах)</td></tr>
<tr><td colspan="5">Итого</td><td colspan="3">3</td></tr>
</table>
<p>Начальник отдела бюджетного учета И. И. Иванов</p>
</body></html>
)";

const char* const kSectionsPoints =
    R"(== points/oplata-truda/nachislenie-zarabotnoy-platy/lichnyy-kabinet-sotrudnika.yaml
process: nachislenie-zarabotnoy-platy
point:
  name: Личный кабинет сотрудника
  channel: digital
  url: https://lk.example.ru
clients: [civil-servants, government-office, workers, ogu-staff]
value: Видеть начисления
needs:
  - information
  - result: расчетный листок
== points/oplata-truda/nachislenie-zarabotnoy-platy/telefon-gruppy-raschetov.yaml
process: nachislenie-zarabotnoy-platy
point:
  name: Телефон группы расчетов
  channel: digital
  kind: phone
  # доб. 105
  url: tel:+74742223344
clients: [civil-servants]
value: Спросить о сумме
needs:
  - information
  - consultation
== points/spravki-i-dokumenty/vydacha-spravok/okno-vydachi-dokumentov.yaml
process: vydacha-spravok
point:
  name: Окно выдачи документов
  channel: offline
  address: г. Липецк, ул. Ленина, д. 1, каб. 5
clients: [civil-servants, ogu-staff]
value: Получить справку в день обращения
needs:
  - submission
  - information: справка о доходах
)";

// A list split into three Word tables: the second without a header (after a page break), the
// third with the header repeated. Kinds and channels in the words people use («СЭД», «очно»),
// clients as «все категории», «УД», «работники», needs as «4» and «1 - … – …».
const char* const kSplit = R"(<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Перечень</title></head><body>
<table border="1">
<tr><th>№</th><th>Направление деятельности</th><th>Процесс</th><th>Точка взаимодействия</th><th>Канал</th><th>Внутренний клиент</th><th>Ценность</th><th>Потребности</th></tr>
<tr><td>1</td><td>Оплата труда</td><td>Отпускные</td><td>Почта группы расчетов</td><td>цифровая</td><td>все категории</td><td>Спросить письмом</td><td>2) получение консультации</td></tr>
</table>
<p>Продолжение таблицы на следующей странице</p>
<table border="1">
<tr><td>2</td><td>Оплата труда</td><td>Отпускные</td><td>СЭД «Дело»</td><td>СЭД</td><td>УД</td><td>Подать заявление</td><td>4</td></tr>
</table>
<p></p>
<table border="1">
<tr><th>№</th><th>Направление деятельности</th><th>Процесс</th><th>Точка взаимодействия</th><th>Канал</th><th>Внутренний клиент</th><th>Ценность</th><th>Потребности</th></tr>
<tr><td>3</td><td>Оплата труда</td><td>Отпускные</td><td>Приемная ЦБУ</td><td>очно</td><td>работники</td><td>Прийти с вопросом</td><td>1 - получение информации – график отпусков</td></tr>
</table>
</body></html>
)";

const char* const kSplitPoints = R"(== points/oplata-truda/otpusknye/pochta-gruppy-raschetov.yaml
process: otpusknye
point:
  name: Почта группы расчетов
  channel: digital
clients: [civil-servants, government-office, workers, ogu-staff]
value: Спросить письмом
needs:
  - consultation
== points/oplata-truda/otpusknye/priemnaya-tsbu.yaml
process: otpusknye
point:
  name: Приемная ЦБУ
  channel: offline
clients: [workers]
value: Прийти с вопросом
needs:
  - information: график отпусков
== points/oplata-truda/otpusknye/sed-delo.yaml
process: otpusknye
point:
  name: СЭД «Дело»
  channel: digital
  kind: edms
clients: [government-office]
value: Подать заявление
needs:
  - submission
)";

// Needs as a matrix: a column per need under the group heading, marked «+», «да», «✓», «-».
const char* const kMatrix = R"(<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Перечень</title></head><body>
<table border="1">
<tr><th rowspan="2">Направление</th><th rowspan="2">Процесс</th><th rowspan="2">Точка взаимодействия</th><th rowspan="2">Канал</th><th rowspan="2">Клиент</th><th rowspan="2">Ценность</th><th colspan="9">Удовлетворяемые потребности</th></tr>
<tr><th>1</th><th>2</th><th>3</th><th>4</th><th>5</th><th>6</th><th>7</th><th>8</th><th>9</th></tr>
<tr><td>Налоги</td><td>Налоговые вычеты</td><td>Портал ЦБУ</td><td>цифровая</td><td>сотрудники ОГУ</td><td>Скачать бланк</td><td>+</td><td></td><td>+</td><td></td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td>Налоги</td><td>Налоговые вычеты</td><td>Окно приема документов</td><td>офлайн</td><td>сотрудники ОГУ</td><td>Сдать заявление</td><td></td><td></td><td></td><td>да</td><td>✓</td><td></td><td></td><td></td><td>-</td></tr>
</table></body></html>
)";

const char* const kMatrixPoints = R"(== points/nalogi/nalogovye-vychety/okno-priema-dokumentov.yaml
process: nalogovye-vychety
point:
  name: Окно приема документов
  channel: offline
clients: [ogu-staff]
value: Сдать заявление
needs:
  - submission
  - progress
== points/nalogi/nalogovye-vychety/portal-tsbu.yaml
process: nalogovye-vychety
point:
  name: Портал ЦБУ
  channel: digital
clients: [ogu-staff]
value: Скачать бланк
needs:
  - information
  - forms
)";

// A clerk's table: the needs matrix's numbers in a row of their own under «Удовлетворяемые
// потребности» (the other headings not merged down, so that row is all numbers), sections
// labelled «Направление деятельности: …», the list split into two Word tables by a paragraph
// («Продолжение», a row of the sheet in Calc) where the second ends in empty cells (its rows are
// narrower than the header), a totals row spanning the table.
const char* const kLabelled = R"(<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Перечень</title></head><body>
<table border="1">
<tr><th>№</th><th>Процесс</th><th>Точка взаимодействия</th><th>Канал</th><th>Внутренний клиент</th><th>Ценность</th><th colspan="9">Удовлетворяемые потребности</th></tr>
<tr><td></td><td></td><td></td><td></td><td></td><td></td><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td><td>7</td><td>8</td><td>9</td></tr>
<tr><td colspan="15">Направление деятельности: Оплата труда</td></tr>
<tr><td>1</td><td>Начисление заработной платы</td><td>Личный кабинет</td><td>цифровая</td><td>сотрудники ИОГВ / ОГУ</td><td>Видеть начисления</td><td>+</td><td></td><td></td><td></td><td></td><td>+</td><td></td><td></td><td></td></tr>
</table>
<p>Продолжение</p>
<table border="1">
<tr><td colspan="15">Направление деятельности: Налоги</td></tr>
<tr><td>2</td><td>Налоговые вычеты</td><td>Окно приема документов</td><td>офлайн</td><td>работники ОГУ</td><td>Сдать заявление</td><td></td><td></td><td></td><td>да</td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td colspan="6">Итого точек</td><td colspan="9">2</td></tr>
</table>
</body></html>
)";

const char* const kLabelledPoints =
    R"(== points/nalogi/nalogovye-vychety/okno-priema-dokumentov.yaml
process: nalogovye-vychety
point:
  name: Окно приема документов
  channel: offline
clients: [ogu-staff]
value: Сдать заявление
needs:
  - submission
== points/oplata-truda/nachislenie-zarabotnoy-platy/lichnyy-kabinet.yaml
process: nachislenie-zarabotnoy-platy
point:
  name: Личный кабинет
  channel: digital
clients: [civil-servants, government-office, workers, ogu-staff]
value: Видеть начисления
needs:
  - information
  - result
)";

// Every point file under `root`, sorted by path: its path, then its lines from the third (after
// the schema and the source comments) up to the first blank line.
std::string points_of(const fs::path& root) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root / "points")) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::string out;
  for (const auto& f : files) {
    out += "== " + f.lexically_relative(root).generic_string() + "\n";
    std::istringstream in(read_file(f));
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      if (n < 3)
        continue;
      if (line.empty())
        break;
      out += line + "\n";
    }
  }
  return out;
}

std::string summary_of(const std::string& out) {
  std::size_t at = out.find("Строк прочитано:");
  if (at == std::string::npos)
    return {};
  return out.substr(at, out.find('\n', at) - at);
}

perechen::test::RunResult import_new(const fs::path& file, const fs::path& target) {
  return perechen::test::perechen({"import", file.string(), target.string()}, target.parent_path(),
                                  {{"GIT_CONFIG_NOSYSTEM", "1"}});
}

}  // namespace

TEST_CASE("import: layouts departments make, in docx, odt, xlsx and ods (made by LibreOffice)") {
  std::string missing;
  if (!perechen::test::ensure_program("soffice", "libreoffice-writer-nogui libreoffice-calc-nogui",
                                      missing)) {
    PERECHEN_SKIP("LibreOffice is not available: " + missing);
  }
  // Catch runs the test case again for each section: the files are made once, by five soffice
  // calls in all (each takes seconds on a loaded machine).
  static TempDir work;
  static bool made = false;
  if (!made) {
    made = true;
    std::ofstream(work.path() / "sections.html") << kSections;
    std::ofstream(work.path() / "sections-sheet.html") << kSections;
    std::ofstream(work.path() / "split.html") << kSplit;
    std::ofstream(work.path() / "matrix-sheet.html") << kMatrix;
    std::ofstream(work.path() / "labelled.html") << kLabelled;
    std::ofstream(work.path() / "labelled-sheet.html") << kLabelled;
    std::string profile = "-env:UserInstallation=file://" + (work.path() / "profile").string();
    auto soffice = [&](std::vector<std::string> args) {
      std::vector<std::string> argv{"soffice", profile, "--headless"};
      argv.insert(argv.end(), args.begin(), args.end());
      auto r = perechen::test::run(argv, work.path());
      INFO(r.out << r.err);
      CHECK(r.exit_code == 0);
    };
    soffice({"--convert-to", "docx:MS Word 2007 XML", "--outdir", "out", "sections.html",
             "split.html", "labelled.html"});
    soffice({"--convert-to", "odt", "--outdir", "out", "sections.html"});
    soffice({"--convert-to", "doc:MS Word 97", "--outdir", "out", "sections.html"});
    soffice({"--infilter=HTML (StarCalc)", "--convert-to", "xlsx", "--outdir", "out",
             "sections-sheet.html", "matrix-sheet.html", "labelled-sheet.html"});
    soffice({"--infilter=HTML (StarCalc)", "--convert-to", "ods", "--outdir", "out",
             "sections-sheet.html"});
  }

  SECTION("a two-row header, a numbering row, sections, totals, a signature") {
    for (const char* file :
         {"sections.docx", "sections.odt", "sections-sheet.xlsx", "sections-sheet.ods",
          "sections.doc"}) {  // .doc: converted by LibreOffice inside perechen
      INFO(file);
      REQUIRE(fs::exists(work.path() / "out" / file));
      fs::path target = work.path() / (std::string("reg-") + file);
      auto r = import_new(work.path() / "out" / file, target);
      INFO(r.out << r.err);
      CHECK(r.exit_code == 0);
      // The signature below the table is a row of the sheet in Calc only.
      bool sheet = std::string(file).find("sheet") != std::string::npos;
      CHECK(summary_of(r.out) == std::string("Строк прочитано: ") + (sheet ? "7" : "6") +
                                     "; точек: 3; служебных строк: " + (sheet ? "4" : "3") +
                                     " (заголовки 0, нумерация 0, разделы 2, итоги 1, подписи " +
                                     (sheet ? "1" : "0") +
                                     ", продолжения точек 0); не распознано: 0; строк требуют "
                                     "внимания: 0");
      CHECK(points_of(target) == kSectionsPoints);
      std::string config = read_file(target / "perechen.yaml");
      CHECK(config.find("  - id: oplata-truda\n    title: Оплата труда\n    processes:\n"
                        "      - id: nachislenie-zarabotnoy-platy\n") != std::string::npos);
      CHECK(config.find("  - id: spravki-i-dokumenty\n    title: Справки и документы\n") !=
            std::string::npos);
      // No client beyond the four of clause 1.3.
      CHECK(config.find("  - id: ogu-staff\n") != std::string::npos);
      CHECK(config.find("\n\ndirections:") != std::string::npos);
      CHECK(config.substr(config.find("  - id: ogu-staff\n")).find("  - id: ", 1) >
            config.substr(config.find("  - id: ogu-staff\n")).find("directions:"));
    }
  }

  SECTION("a list split into Word tables, the header repeated on a later page") {
    fs::path target = work.path() / "reg-split";
    auto r = import_new(work.path() / "out/split.docx", target);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(summary_of(r.out) ==
          "Строк прочитано: 3; точек: 3; служебных строк: 0 (заголовки 0, нумерация 0, разделы 0, "
          "итоги 0, подписи 0, продолжения точек 0); не распознано: 0; строк требуют внимания: 0");
    CHECK(points_of(target) == kSplitPoints);
  }

  SECTION("labelled sections, the matrix's numbers in a row of their own, a split table") {
    for (const char* file : {"labelled.docx", "labelled-sheet.xlsx"}) {
      INFO(file);
      fs::path target = work.path() / (std::string("reg-") + file);
      auto r = import_new(work.path() / "out" / file, target);
      INFO(r.out << r.err);
      CHECK(r.exit_code == 0);
      // «Продолжение» is a row of the sheet in Calc only.
      bool sheet = std::string(file).find("sheet") != std::string::npos;
      CHECK(summary_of(r.out) == std::string("Строк прочитано: ") + (sheet ? "6" : "5") +
                                     "; точек: 2; служебных строк: " + (sheet ? "4" : "3") +
                                     " (заголовки " + (sheet ? "1" : "0") +
                                     ", нумерация 0, разделы 2, итоги 1, подписи 0, продолжения "
                                     "точек 0); не распознано: 0; строк требуют внимания: 0");
      CHECK(points_of(target) == kLabelledPoints);
      CHECK(read_file(target / "perechen.yaml")
                .find("  - id: oplata-truda\n    title: Оплата труда\n") != std::string::npos);
    }
  }

  SECTION("needs as a matrix of nine columns") {
    fs::path target = work.path() / "reg-matrix";
    auto r = import_new(work.path() / "out/matrix-sheet.xlsx", target);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(summary_of(r.out) ==
          "Строк прочитано: 2; точек: 2; служебных строк: 0 (заголовки 0, нумерация 0, разделы 0, "
          "итоги 0, подписи 0, продолжения точек 0); не распознано: 0; строк требуют внимания: 0");
    CHECK(points_of(target) == kMatrixPoints);
  }
}

namespace {

// One table as people save it from Excel: the heading «Точка взаимодействия (наименование, вид,
// адрес)», «Направление (вид) деятельности», a soft hyphen in a process title (the same process
// as the row above), «Итого» outside the № column, a row nobody can read.
const char* const kCsv =
    "№;Направление (вид) деятельности;Процесс;Точка взаимодействия (наименование, вид, адрес);"
    "Вид точки;Внутренний клиент;Ценность;Потребности\n"
    "1;Оплата труда;Отпускные;\"Телефон группы расчетов\n8-800-100-20-30\";Телефон;все внутренние "
    "клиенты;Узнать сумму;\"1;2\"\n"
    "2;Оплата труда;Отпус\xC2\xAD"
    "кные;\"Электронная почта\nzp@example.ru, otpusk@example.ru\";e-mail;ГГС;Спросить;2 - "
    "получение "
    "консультации: по графику\n"
    ";;;;;Итого;2;\n"
    "3;Оплата труда;;;;;Пенсионеры;\n";

const char* const kCsvPoints = R"(== points/oplata-truda/otpusknye/elektronnaya-pochta.yaml
process: otpusknye
point:
  name: Электронная почта
  channel: digital
  kind: email
  # строка 3, столбец 4 «Точка взаимодействия (наименование, вид, адрес)»: у точки уже есть url; еще один контакт «otpusk@example.ru» записан комментарием — оставьте один или заведите отдельную точку
  url: mailto:zp@example.ru
clients: [civil-servants]
value: Спросить
needs:
  - consultation: по графику
== points/oplata-truda/otpusknye/telefon-gruppy-raschetov.yaml
process: otpusknye
point:
  name: Телефон группы расчетов
  channel: digital
  kind: phone
  url: tel:+78001002030
clients: [civil-servants, government-office, workers, ogu-staff]
value: Узнать сумму
needs:
  - information
  - consultation
)";

}  // namespace

TEST_CASE(
    "import: csv in UTF-8, in Windows-1251 with semicolons and in UTF-16, every row accounted "
    "for") {
  TempDir work;
  std::string utf8 = kCsv;
  // Excel writes «;» and CRLF; Notepad's "Unicode" is UTF-16 with a BOM.
  auto cp1251 =
      perechen::test::run({"iconv", "-f", "UTF-8", "-t", "CP1251"}, work.path(), {}, utf8);
  REQUIRE(cp1251.exit_code == 0);
  auto utf16 =
      perechen::test::run({"iconv", "-f", "UTF-8", "-t", "UTF-16LE"}, work.path(), {}, utf8);
  REQUIRE(utf16.exit_code == 0);
  std::map<std::string, std::string> files = {
      {"utf8.csv", utf8}, {"cp1251.csv", cp1251.out}, {"utf16.csv", "\xFF\xFE" + utf16.out}};
  for (const auto& [name, bytes] : files) {
    INFO(name);
    std::ofstream(work.path() / name, std::ios::binary) << bytes;
    fs::path target = work.path() / ("reg-" + name);
    auto r = import_new(work.path() / name, target);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(summary_of(r.out) ==
          "Строк прочитано: 4; точек: 2; служебных строк: 1 (заголовки 0, нумерация 0, разделы 0, "
          "итоги 1, подписи 0, продолжения точек 0); не распознано: 1; строк требуют внимания: 2");
    CHECK(r.out.find("Строки, которые требуют внимания: 3, 5\n") != std::string::npos);
    CHECK(r.out.find(name + ": строка 5: строка не распознана — ни точка (нет наименования "
                            "точки), ни заголовок, ни раздел, ни итог: «3 | Оплата труда | "
                            "Пенсионеры»") != std::string::npos);
    std::string points = points_of(target);
    CHECK(points == kCsvPoints);
    // One process, though one title had a soft hyphen.
    std::string config = read_file(target / "perechen.yaml");
    CHECK(config.find("otpusknye-2") == std::string::npos);
  }
}

TEST_CASE("import: into a registry, a point it has under another file name is not written again") {
  TempDir work;
  std::ofstream(work.path() / "list.csv", std::ios::binary) << kCsv;
  fs::path target = work.path() / "reg";
  REQUIRE(import_new(work.path() / "list.csv", target).exit_code == 1);
  fs::rename(target / "points/oplata-truda/otpusknye/telefon-gruppy-raschetov.yaml",
             target / "points/oplata-truda/phone.yaml");
  auto r = perechen::test::perechen({"import", "../list.csv"}, target);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("list.csv: строка 2: точка «Телефон группы расчетов» этого процесса уже есть в "
                   "перечне: points/oplata-truda/phone.yaml; строка не записана еще раз\n") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(target / "points/oplata-truda/otpusknye/telefon-gruppy-raschetov.yaml"));
  CHECK(r.out.find("Уже есть, не тронуты: 1\n  points/oplata-truda/otpusknye/"
                   "elektronnaya-pochta.yaml\n") != std::string::npos);
}

TEST_CASE("import: .doc, .xls and .rtf without LibreOffice are refused at once, saying how") {
  TempDir work;
  for (const char* name : {"list.doc", "list.xls", "list.rtf"}) {
    INFO(name);
    std::ofstream(work.path() / name) << "{\\rtf1 old}";
    auto r = perechen::test::perechen({"import", name, "reg"}, work.path(),
                                      {{"PATH", (work.path() / "no-programs").string()}});
    CHECK(r.exit_code == 2);
    std::string ext = std::string(name).substr(5);
    CHECK(r.err == "perechen: " + std::string(name) + ": формат ." + ext +
                       " читается только через LibreOffice (soffice), а его здесь нет; откройте "
                       "файл в Word, Excel или LibreOffice и сохраните как .docx или .xlsx («Файл "
                       "→ Сохранить как»)\n");
    CHECK_FALSE(fs::exists(work.path() / "reg"));
  }
}

TEST_CASE("import: an English export of the example registry comes back with --lang en") {
  TempDir work;
  fs::path example = perechen::test::source_dir() / "examples" / "registry";
  fs::path list = work.path() / "list.csv";
  auto exported = perechen::test::perechen(
      {"--lang", "en", "export", "--rev", "worktree", "--format", "csv", "--output", list.string()},
      example);
  REQUIRE(exported.exit_code == 0);
  fs::path target = work.path() / "target";
  fs::create_directories(target);
  fs::copy_file(example / "perechen.yaml", target / "perechen.yaml");
  fs::copy_file(example / "roster.yaml", target / "roster.yaml");
  auto r = perechen::test::perechen({"--lang", "en", "import", list.string()}, target);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Rows read: 25; points: 25; structure rows: 0 (headings 0, numbering 0, "
                   "sections 0, totals 0, signatures 0, continuations of points 0); not "
                   "recognised: 0; rows that need a "
                   "look: 0\n") != std::string::npos);
  fs::path again = work.path() / "again.csv";
  auto back = perechen::test::perechen({"--lang", "en", "export", "--rev", "worktree", "--format",
                                        "csv", "--output", again.string()},
                                       target);
  REQUIRE(back.exit_code == 0);
  CHECK(read_file(again) == read_file(list));
}
