// SPDX-License-Identifier: Apache-2.0
// The export model and its writers (spec §6): row order and need numbering, the golden files of
// every text format, the XML inside xlsx and docx, and the same bytes on a second run.

#include <zip.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include <cstdlib>
#include <fstream>
#include <numeric>
#include <regex>
#include <sstream>

#include "fixture.hpp"
#include "perechen/export/document.hpp"
#include "perechen/export/format.hpp"
#include "perechen/export/publication.hpp"
#include "perechen/registry/registry.hpp"

namespace {

using namespace perechen;
using namespace perechen::exporting;
using perechen::test::TempDir;

// The minimal registry of the fixture, plus points that exercise ordering and escaping:
// two more points of `salary` whose names sort around «Личный кабинет», one with markup
// characters that every format must escape.
void write_registry(const TempDir& dir) {
  perechen::test::write_minimal_registry(dir);
  dir.write("points/pay/zz-phone.yaml", R"(process: salary
point:
  name: "Ёлка: «горячая» линия | бухгалтерия"
  channel: digital
  kind: phone
  url: tel:+74742000000
clients: [ogu-staff, civil-servants]
value: "Спросить про <начисления> & удержания, \"быстро\"; без визита"
needs:
  - other: Напоминание о сроках, 1-я строка
  - consultation
basis:
  - type: instruction
    title: Поручение от 01.02.2026
)");
  dir.write("points/pay/aa-box.yaml", R"(process: salary
point:
  name: Ящик для письменных обращений
  channel: offline
  kind: feedback_box
  address: г. Липецк, ул. Советская, д. 3, холл
clients: [civil-servants]
value: Оставить отзыв о работе бухгалтерии
needs:
  - feedback_result
  - feedback
basis:
  - type: internal_act
    title: Приказ от 10.01.2026 № 6
)");
}

Registry load(const TempDir& dir) {
  auto source = make_directory_source(dir.path().string());
  Diagnostics diagnostics;
  Registry registry = load_registry(*source, diagnostics);
  REQUIRE(diagnostics.empty());
  return registry;
}

Version approved_version() {
  Version v;
  v.revision = "approved";
  v.commit = "0123456789abcdef0123456789abcdef01234567";
  v.commit_date = "2026-03-03";
  v.approved = true;
  v.approved_on = "2026-03-03";
  v.approvers = {
      {"sidorov",
       "Сидоров Петр Николаевич",
       "Начальник отдела бухгалтерского учета",
       "2026-03-02",
       {{"process_owner", "salary"},
        {"process_owner", "vacation"},
        {"process_owner", "certificates"}},
       {{SignatureMark::Kind::ssh, "SHA256:sidorovKEYfingerprint", {}, {}, {}, {}, {}}}},
      {"petrova",
       "Петрова Мария Ивановна",
       "Заместитель начальника управления финансов",
       "2026-03-03",
       {{"direction_curator", "pay"}, {"direction_curator", "docs"}},
       {{SignatureMark::Kind::certificate,
         {},
         "01A2B3",
         "Петрова Мария Ивановна",
         "УЦ Липецкой области",
         "2026-01-15",
         "2027-04-15"}}},
      {"ivanova",
       "Иванова Анна Петровна",
       "Заместитель начальника управления финансов",
       "2026-03-03",
       {{"client_centricity", ""}},
       {}},
  };
  return v;
}

Document sample(Lang lang = Lang::ru) {
  TempDir dir;
  write_registry(dir);
  return build_document(load(dir), approved_version(), lang);
}

using perechen::test::read_file;

// Compares with a golden file committed in tests/golden/export/; a missing file is a failure.
// PERECHEN_UPDATE_GOLDEN=1 rewrites a file that differs after a deliberate change of the output,
// and the check fails all the same: a run that wrote golden files has compared nothing, and must
// never count as a pass (review the diff, then run again without it).
void check_golden(const std::string& name, const std::string& actual) {
  auto path = perechen::test::source_dir() / "tests" / "golden" / "export" / name;
  const char* update = std::getenv("PERECHEN_UPDATE_GOLDEN");
  if (update != nullptr && std::string_view(update) == "1") {
    bool same = std::filesystem::exists(path) && read_file(path) == actual;
    if (!same) {
      std::ofstream out(path, std::ios::binary);
      out << actual;
      out.close();
      REQUIRE(out.good());
      FAIL("golden file " << path.string()
                          << " rewritten (PERECHEN_UPDATE_GOLDEN=1): review it and run again");
    }
  }
  INFO("golden file " << path.string()
                      << " (after a deliberate change: PERECHEN_UPDATE_GOLDEN=1, then review)");
  REQUIRE(std::filesystem::exists(path));
  std::string expected = read_file(path);
  if (expected == actual)
    return;
  // Name the first line that differs instead of printing both files whole.
  std::istringstream e(expected), a(actual);
  std::string el, al;
  int line = 0;
  while (true) {
    ++line;
    bool more_e = static_cast<bool>(std::getline(e, el));
    bool more_a = static_cast<bool>(std::getline(a, al));
    if (!more_e && !more_a)
      break;
    if (el != al || more_e != more_a)
      break;
  }
  FAIL("line " << line << " differs:\n  golden: " << el << "\n  actual: " << al);
}

// The entries of a zip archive, read with libzip.
std::map<std::string, std::string> unzip(const std::string& bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  REQUIRE(src != nullptr);
  zip_t* archive = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  REQUIRE(archive != nullptr);
  std::map<std::string, std::string> entries;
  zip_int64_t n = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    auto index = static_cast<zip_uint64_t>(i);
    zip_stat_t st;
    REQUIRE(zip_stat_index(archive, index, 0, &st) == 0);
    zip_file_t* file = zip_fopen_index(archive, index, 0);
    REQUIRE(file != nullptr);
    std::string data(static_cast<std::size_t>(st.size), '\0');
    REQUIRE(zip_fread(file, data.data(), st.size) == static_cast<zip_int64_t>(st.size));
    zip_fclose(file);
    entries[st.name] = data;
  }
  zip_close(archive);
  return entries;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1))
    ++n;
  return n;
}

}  // namespace

TEST_CASE("rows follow perechen.yaml's directions and processes, then the point's name",
          "[export]") {
  Document doc = sample();
  REQUIRE(doc.rows.size() == 5);
  std::vector<std::string> order;
  for (const auto& row : doc.rows)
    order.push_back(row.process_id + ":" + row.name);
  // salary (ё read as е: «Ёлка» before «Личный», quotes ignored), then vacation, then docs.
  CHECK(order == std::vector<std::string>{
                     "salary:Ёлка: «горячая» линия | бухгалтерия",
                     "salary:Личный кабинет сотрудника",
                     "salary:Ящик для письменных обращений",
                     "vacation:Окно приема документов",
                     "certificates:Электронная почта отдела справок",
                 });
  for (std::size_t i = 0; i < doc.rows.size(); ++i) {
    CHECK(doc.rows[i].number == static_cast<int>(i + 1));
  }
  CHECK(doc.rows[0].direction_title == "Оплата труда");
  CHECK(doc.rows[4].direction_title == "Справки и документы");
  CHECK(doc.title == "Перечень точек взаимодействия с внутренним клиентом");
  CHECK(doc.organization == "Управление финансов Липецкой области");
}

TEST_CASE("needs are numbered as in clause 2.6 and listed in its order", "[export]") {
  Document doc = sample();
  const Row& phone = doc.rows[0];
  REQUIRE(phone.needs.size() == 2);
  CHECK(phone.needs[0].number == 2);
  CHECK(phone.needs[0].code == "consultation");
  CHECK(phone.needs[0].title == "получение консультации");
  CHECK(phone.needs[1].number == 9);
  CHECK(phone.needs[1].description == "Напоминание о сроках, 1-я строка");
  const Row& box = doc.rows[2];
  REQUIRE(box.needs.size() == 2);
  CHECK(box.needs[0].number == 7);
  CHECK(box.needs[1].number == 8);
  // Clients in the order of perechen.yaml, with their titles.
  REQUIRE(phone.clients.size() == 2);
  CHECK(phone.clients[0].title == "Государственные гражданские служащие");
  CHECK(phone.clients[1].title == "Сотрудники ОГУ");
  CHECK(phone.kind_title == "Телефонная линия, контакт-центр");
}

TEST_CASE("direction and process cells span their rows", "[export]") {
  Document doc = sample();
  CHECK(group_spans(doc.rows, false) == std::vector<std::size_t>{4, 0, 0, 0, 1});
  CHECK(group_spans(doc.rows, true) == std::vector<std::size_t>{3, 0, 0, 1, 1});
  CHECK(group_spans({}, true).empty());
}

TEST_CASE("English headings and need titles with --lang en", "[export]") {
  Document doc = sample(Lang::en);
  CHECK(doc.rows[0].needs[0].title == "getting a consultation");
  std::string md = write_md(doc);
  CHECK(md.find("| No. | Direction of activity | Process | Interaction point |") !=
        std::string::npos);
  CHECK(md.find("approved on 2026-03-03, commit 0123456789ab") != std::string::npos);
  // English headings over the registry's Russian content: the page is Russian, the headings say
  // they are English.
  std::string html = write_html(doc, false);
  CHECK(html.find("<html lang=\"ru\">") != std::string::npos);
  CHECK(html.find("<thead lang=\"en\">") != std::string::npos);
}

TEST_CASE("text formats match their golden files", "[export][golden]") {
  Document doc = sample();
  check_golden("minimal.html", write_html(doc, false));
  check_golden("minimal.fragment.html", write_html(doc, true));
  check_golden("minimal.csv", write_csv(doc, false));
  check_golden("minimal.excel.csv", write_csv(doc, true));
  check_golden("minimal.json", write_json(doc));
  check_golden("minimal.md", write_md(doc));
}

TEST_CASE("html is standalone, accessible and escapes text", "[export]") {
  std::string html = write_html(sample(), false);
  CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"ru\">", 0) == 0);
  CHECK(html.find("<caption>") != std::string::npos);
  CHECK(count(html, "<th scope=\"col\">") == 6);
  CHECK(count(html, "<th scope=\"col\" class=\"number\">") == 1);
  // No cell spans rows: the direction and process in every row, grey after their group starts.
  CHECK(html.find("rowspan") == std::string::npos);
  CHECK(count(html, "<th scope=\"row\" class=\"direction\">Оплата труда</th>") == 1);
  CHECK(count(html, "<th scope=\"row\" class=\"direction continued\">Оплата труда</th>") == 3);
  CHECK(count(html, "<th scope=\"row\" class=\"process continued\">") == 2);
  // Widths measured from the text, a contact broken only after its natural points, no git words
  // for visitors, a draft mark for every printed page.
  CHECK(count(html, "<col class=") == 7);
  CHECK(html.find("<col class=\"needs\" style=\"width: ") != std::string::npos);
  CHECK(html.find("коммит") == std::string::npos);
  CHECK(html.find("согласована 03.03.2026") != std::string::npos);
  CHECK(count(html, "<tbody>") == 2);
  CHECK(html.find("@media print") != std::string::npos);
  CHECK(html.find("@media screen and (max-width") != std::string::npos);
  CHECK(html.find("<colgroup>") != std::string::npos);
  // No external resources: no src=, no stylesheet links, no http other than the points' own links.
  CHECK(html.find(" src=") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("&lt;начисления&gt; &amp; удержания, &quot;быстро&quot;") != std::string::npos);
  // Contacts as people read them: a phone number grouped, an e-mail without mailto:.
  CHECK(html.find("<a href=\"tel:+74742000000\">+7 4742 00-00-00</a>") != std::string::npos);
  // A long contact may break after its natural points only (<wbr>), a phone number not at all.
  CHECK(html.find(">spravki@<wbr>example.<wbr>ru</a>") != std::string::npos);
  CHECK(html.find("<li value=\"9\">другие потребности клиента: Напоминание о сроках") !=
        std::string::npos);

  std::string fragment = write_html(sample(), true);
  // The bare fragment draws its own borders and aligns its cells at the top; its own stylesheet
  // only turns rows into cards in a narrow box, and reaches nothing outside its box.
  CHECK(fragment.rfind("<div class=\"perechen-fragment\" style=\"overflow-x: auto\">\n<style>",
                       0) == 0);
  CHECK(fragment.find("</style>\n<table class=\"perechen\" style=\"border-collapse: collapse; "
                      "width: 100%\">") != std::string::npos);
  CHECK(fragment.find("@container perechen-fragment (max-width: 48rem) {") != std::string::npos);
  {
    const auto style_begin = fragment.find("<style>") + 7;
    const std::string style = fragment.substr(style_begin, fragment.find("</style>") - style_begin);
    std::size_t selectors = 0;
    for (std::size_t at = 0; (at = style.find('{', at)) != std::string::npos; ++at) {
      std::size_t begin = style.find_last_of("}\n", at);
      std::string head = style.substr(begin + 1, at - begin - 1);
      if (head.rfind('@', 0) == 0)
        continue;
      ++selectors;
      for (std::size_t part = 0; part != std::string::npos;) {
        std::size_t comma = head.find(',', part);
        std::string selector = head.substr(part, comma == std::string::npos ? comma : comma - part);
        selector.erase(0, selector.find_first_not_of(' '));
        CHECK(selector.rfind(".perechen-fragment", 0) == 0);
        part = comma == std::string::npos ? comma : comma + 1;
      }
    }
    CHECK(selectors >= 8);
  }
  CHECK(fragment.find(
            "<td data-label=\"Ценность для внутреннего клиента\" style=\"border: 1px solid "
            "#999; padding: 4px; text-align: left; vertical-align: top\">") != std::string::npos);
  CHECK(fragment.find("<html") == std::string::npos);
  // Readable without a stylesheet: each part of the point's cell a block of its own.
  CHECK(fragment.find("<div class=\"name\"><strong>Ёлка: «горячая» линия | "
                      "бухгалтерия</strong></div><div class=\"channel\">цифровая точка "
                      "(Телефонная линия, контакт-центр)</div><div class=\"contact\"><a "
                      "href=\"tel:+74742000000\">") != std::string::npos);
  CHECK(fragment.find("<span") == std::string::npos);
  // --with-style: the table's own small stylesheet, not the page's.
  std::string styled = write_html(sample(), true, true);
  CHECK(styled.rfind("<style>", 0) == 0);
  CHECK(styled.find("table.perechen {") != std::string::npos);
  CHECK(styled.find("\nbody {") == std::string::npos);
  CHECK(styled.find("<table class=\"perechen\">") != std::string::npos);
}

TEST_CASE("short titles in the cells, full ones in the legend; «сотрудники ИОГВ/ОГУ»", "[export]") {
  TempDir dir;
  write_registry(dir);
  std::string config = read_file(dir.path() / "perechen.yaml");
  auto insert_after = [&](const std::string& line, const std::string& added) {
    auto at = config.find(line);
    REQUIRE(at != std::string::npos);
    config.insert(at + line.size(), added);
  };
  insert_after("    title: Государственные гражданские служащие\n",
               "    short_title: гражданские служащие\n");
  insert_after("        title: Начисление и выплата заработной платы\n",
               "        short_title: Зарплата\n");
  dir.write("perechen.yaml", config);
  Document doc = build_document(load(dir), approved_version(), Lang::ru);
  // The phone line serves both clients: the regulation's words; the box only civil servants.
  CHECK(doc.rows[0].every_client);
  CHECK_FALSE(doc.rows[2].every_client);
  REQUIRE(doc.legend.size() == 2);
  CHECK(doc.legend[0].group == LegendEntry::Group::client);
  CHECK(doc.legend[0].short_title == "гражданские служащие");
  CHECK(doc.legend[0].title == "Государственные гражданские служащие");
  CHECK(doc.legend[1].group == LegendEntry::Group::process);
  CHECK(doc.legend[1].short_title == "Зарплата");
  CHECK(doc.every_client ==
        std::vector<std::string>{"Государственные гражданские служащие", "Сотрудники ОГУ"});

  std::string html = write_html(doc, true);
  CHECK(html.find("<th scope=\"row\" class=\"process\" style=\"") != std::string::npos);
  CHECK(html.find(">Зарплата</th>") != std::string::npos);
  CHECK(html.find("<li>сотрудники ИОГВ/ОГУ</li>") != std::string::npos);
  CHECK(html.find("<li>гражданские служащие</li>") != std::string::npos);
  CHECK(html.find("<tbody class=\"perechen-legend\">") != std::string::npos);
  CHECK(html.find("<li>Зарплата — Начисление и выплата заработной платы</li>") !=
        std::string::npos);
  CHECK(html.find("<li>сотрудники ИОГВ/ОГУ — все внутренние клиенты: Государственные "
                  "гражданские служащие; Сотрудники ОГУ</li>") != std::string::npos);

  // docx: the legend is a table of its own after the main one, its heading the first row.
  auto body = unzip(write_docx(doc, {}))["word/document.xml"];
  auto legend = body.find("Сокращения, принятые в перечне");
  REQUIRE(legend != std::string::npos);
  CHECK(body.rfind("<w:tbl>", legend) > body.rfind("</w:tbl>", legend));
  CHECK(body.rfind("</w:tbl>", legend) != std::string::npos);
  CHECK(body.find("Зарплата") < legend);
  CHECK(body.find("Начисление и выплата заработной платы") > legend);

  // Data formats keep the full titles.
  std::string csv = write_csv(doc, false);
  CHECK(csv.find("Начисление и выплата заработной платы") != std::string::npos);
  CHECK(csv.find("сотрудники ИОГВ/ОГУ") == std::string::npos);
}

TEST_CASE("a draft says «ПРОЕКТ» in every document, on every page of docx and xlsx", "[export]") {
  Document doc = sample();
  doc.version = Version{};
  doc.version.revision = "head";
  doc.version.commit = "0123456789abcdef0123456789abcdef01234567";
  doc.version.commit_date = "2026-03-04";
  REQUIRE(doc.draft());

  // HTML: on every printed page, in a margin box of the page; the visitor sees a date, no commit.
  std::string page = write_html(doc, false);
  CHECK(page.find("@page { @top-right { content: \"ПРОЕКТ\";") != std::string::npos);
  CHECK(page.find("не согласована, состояние на 04.03.2026") != std::string::npos);
  CHECK(page.find("коммит") == std::string::npos);
  CHECK(write_html(sample(), false).find("@top-right") == std::string::npos);

  auto docx = unzip(write_docx(doc, {}));
  CHECK(docx["word/document.xml"].find("<w:pStyle w:val=\"PerechenDraft\"/></w:pPr><w:r><w:rPr>"
                                       "<w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">"
                                       "ПРОЕКТ</w:t>") != std::string::npos);
  CHECK(docx["word/header1.xml"].find("ПРОЕКТ") != std::string::npos);
  CHECK(docx["word/header2.xml"].find("ПРОЕКТ") != std::string::npos);
  auto xlsx = unzip(write_xlsx(doc));
  // The page header in the font of the text.
  CHECK(xlsx["xl/worksheets/sheet1.xml"].find(
            "<oddHeader>&amp;C&amp;\"Times New Roman,Regular\"&amp;11&amp;P&amp;R&amp;\"Times New "
            "Roman,Bold\"&amp;11ПРОЕКТ</oddHeader>") != std::string::npos);
  CHECK(xlsx["xl/sharedStrings.xml"].find("<t>ПРОЕКТ</t>") != std::string::npos);
  std::string html = write_html(doc, false);
  CHECK(html.find("<p class=\"perechen-draft\">ПРОЕКТ: содержание перечня не согласовано "
                  "полностью (п. 3.4)</p>") != std::string::npos);
  CHECK(write_html(doc, true).find(
            "padding: 4px 0\"><strong class=\"perechen-draft\">ПРОЕКТ</strong>") !=
        std::string::npos);
  CHECK(write_html(doc, true, true)
            .find("<caption><strong class=\"perechen-draft\">ПРОЕКТ</strong>") !=
        std::string::npos);
  CHECK(write_md(doc).find("ПРОЕКТ") != std::string::npos);

  // The approved version says nothing of the kind.
  Document approved = sample();
  auto clean = unzip(write_docx(approved, {}));
  CHECK(clean["word/document.xml"].find("ПРОЕКТ") == std::string::npos);
  CHECK(clean["word/header1.xml"].find("ПРОЕКТ") == std::string::npos);
  CHECK(write_html(approved, false).find("ПРОЕКТ") == std::string::npos);
}

TEST_CASE("docx: the approval sheet with each approver and the mark of the signature", "[export]") {
  auto body = unzip(write_docx(sample(), {}))["word/document.xml"];
  auto sheet = body.find("Лист согласования");
  REQUIRE(sheet != std::string::npos);
  CHECK(body.find("<w:pageBreakBefore/>") == std::string::npos);  // in the style, not inline
  std::string tail = body.substr(sheet);
  CHECK(tail.find("Начальник отдела бухгалтерского учета") != std::string::npos);
  CHECK(tail.find("владелец процесса «Начисление и выплата заработной платы»") !=
        std::string::npos);
  CHECK(tail.find("СОГЛАСОВАНО ЭЛЕКТРОННОЙ ПОДПИСЬЮ") != std::string::npos);
  CHECK(tail.find("Ключ: SHA256:sidorovKEYfingerprint") != std::string::npos);
  CHECK(tail.find("Владелец: Сидоров Петр Николаевич") != std::string::npos);
  // A certificate's mark: serial number, owner, issuer, validity.
  CHECK(tail.find("ДОКУМЕНТ ПОДПИСАН ЭЛЕКТРОННОЙ ПОДПИСЬЮ") != std::string::npos);
  CHECK(tail.find("Сертификат: 01A2B3") != std::string::npos);
  CHECK(tail.find("Издатель: УЦ Липецкой области") != std::string::npos);
  CHECK(tail.find("Действителен с 15.01.2026 по 15.04.2027") != std::string::npos);
  // An approval whose signature could not be read says so instead of a frame.
  CHECK(tail.find("подпись не прочитана") != std::string::npos);
  CHECK(tail.find("Иванова Анна Петровна") != std::string::npos);
  CHECK(tail.find("03.03.2026") != std::string::npos);
  // It says where it goes: attached to the order by default, or kept in the file.
  CHECK(tail.find("Лист согласования прилагается к приказу.") != std::string::npos);
  WriteOptions in_file;
  in_file.sheet_in_file = true;
  CHECK(unzip(write_docx(sample(), in_file))["word/document.xml"].find(
            "Лист согласования хранится в деле вместе с подлинником приказа.") !=
        std::string::npos);
}

TEST_CASE("positions keep sentence case inside a sentence", "[export]") {
  std::string md = write_md(sample());
  CHECK(md.find("Петрова Мария Ивановна, заместитель начальника управления финансов, 03.03.2026") !=
        std::string::npos);
  Document doc = sample();
  doc.version.approvers[0].position = "ОКУ «ЦБУ»: директор";
  CHECK(write_md(doc).find("Сидоров Петр Николаевич, ОКУ «ЦБУ»: директор") != std::string::npos);
}

TEST_CASE("csv is RFC 4180; the Excel variant has a BOM and ';'", "[export]") {
  std::string csv = write_csv(sample(), false);
  CHECK(csv.rfind("№ п/п,Направление деятельности,", 0) == 0);
  // Every record ends in CRLF; a field with a quote, comma or line break is quoted.
  CHECK(csv.find("\"Спросить про <начисления> & удержания, \"\"быстро\"\"; без визита\"") !=
        std::string::npos);
  CHECK(csv.find("\"2) получение консультации\n9) другие потребности клиента: Напоминание о "
                 "сроках, 1-я строка\"\r\n") != std::string::npos);
  CHECK(count(csv, "\r\n") >= 6);
  std::string excel = write_csv(sample(), true);
  CHECK(excel.rfind("\xEF\xBB\xBF№ п/п;Направление деятельности;", 0) == 0);
  // With ';' as the separator, a comma alone no longer needs quotes, a ';' does.
  CHECK(excel.find(";Государственные гражданские служащие;") != std::string::npos);
  CHECK(excel.find("\"Спросить про <начисления> & удержания, \"\"быстро\"\"; без визита\"") !=
        std::string::npos);
}

TEST_CASE("md escapes pipes and markup in cells", "[export]") {
  std::string md = write_md(sample());
  CHECK(md.find("Ёлка: «горячая» линия \\| бухгалтерия") != std::string::npos);
  CHECK(md.find("\\<начисления\\>") != std::string::npos);
  // One table row per point, each with 8 unescaped pipes.
  std::istringstream lines(md);
  std::string line;
  int rows = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("| ", 0) != 0)
      continue;
    ++rows;
    std::size_t pipes = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '|' && (i == 0 || line[i - 1] != '\\'))
        ++pipes;
    }
    CHECK(pipes == 8);
  }
  CHECK(rows == 6);  // header and five points
}

TEST_CASE("every writer drops the characters its format forbids", "[export]") {
  // C0 controls but tab and line feed, DEL, a C1 control, U+FFFE, U+FFFF and a stray byte.
  const std::string bad = std::string(
                              "a\x01"
                              "b\x7F"
                              "c\xC2\x85"
                              "d\xEF\xBF\xBE"
                              "e\xEF\xBF\xBF") +
                          "f\x0B"
                          "g\xFF"
                          "h\x1F";
  Document doc = sample();
  doc.title = "Т" + bad;
  doc.rows[0].name = "Н" + bad;
  doc.rows[0].value = "З" + bad + "\t<&>";
  doc.rows[0].needs[0].description = bad;
  auto clean = [](const std::string& text) {
    for (std::string_view forbidden :
         {"\x01", "\x7F", "\xC2\x85", "\xEF\xBF\xBE", "\xEF\xBF\xBF", "\x0B", "\xFF", "\x1F"}) {
      if (text.find(forbidden) != std::string::npos)
        return false;
    }
    return true;
  };
  std::string html = write_html(doc, false);
  CHECK(clean(html));
  CHECK(html.find("Нabcdefgh") != std::string::npos);
  CHECK(html.find("Зabcdefgh\t&lt;&amp;&gt;") != std::string::npos);
  CHECK(clean(write_html(doc, true)));
  CHECK(clean(write_csv(doc, false)));
  CHECK(clean(write_csv(doc, true)));
  CHECK(clean(write_md(doc)));
  for (const std::string& bytes : {write_docx(doc, {}), write_xlsx(doc)}) {
    for (const auto& [name, part] : unzip(bytes)) {
      INFO(name);
      CHECK(clean(part));
    }
  }
  CHECK(unzip(write_docx(doc, {}))["word/document.xml"].find("Нabcdefgh") != std::string::npos);
}

TEST_CASE("json follows schemas/export.schema.json", "[export]") {
  auto json = nlohmann::json::parse(write_json(sample()));
  auto schema_json = nlohmann::json::parse(
      read_file(perechen::test::source_dir() / "schemas" / "export.schema.json"));
  valijson::Schema schema;
  valijson::SchemaParser parser;
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_json);
  parser.populateSchema(schema_adapter, schema);
  valijson::Validator validator;
  valijson::adapters::NlohmannJsonAdapter target(json);
  valijson::ValidationResults results;
  bool valid = validator.validate(schema, target, &results);
  valijson::ValidationResults::Error error;
  std::string why;
  while (results.popError(error))
    why += error.description + "; ";
  INFO(why);
  CHECK(valid);
  CHECK(json["version"]["commit"] == "0123456789abcdef0123456789abcdef01234567");
  CHECK(json["version"]["approvers"].size() == 3);
  CHECK(json["rows"][0]["needs"][1]["number"] == 9);
  CHECK(json["rows"][1]["point"]["address"].is_null());

  // A worktree version has no commit: nulls, still valid.
  Document doc = sample();
  doc.version = Version{};
  doc.version.revision = "worktree";
  auto draft = nlohmann::json::parse(write_json(doc));
  valijson::adapters::NlohmannJsonAdapter draft_target(draft);
  CHECK(validator.validate(schema, draft_target, nullptr));
  CHECK(draft["version"]["commit"].is_null());
}

TEST_CASE("xlsx: merged group cells, frozen header, filter, landscape, fixed date", "[export]") {
  std::string bytes = write_xlsx(sample());
  auto entries = unzip(bytes);
  REQUIRE(entries.count("xl/worksheets/sheet1.xml") == 1);
  const std::string& sheet = entries["xl/worksheets/sheet1.xml"];
  const std::string& strings = entries["xl/sharedStrings.xml"];
  // The order's mark in row 1, title, organisation, version, «Согласовано:» and each of the three
  // approvers in rows 2–8, the header in row 10, points 11–15, then the legend.
  CHECK(sheet.find("<mergeCell ref=\"F1:G1\"/>") != std::string::npos);  // «Приложение…»
  CHECK(sheet.find("<mergeCell ref=\"A2:G2\"/>") != std::string::npos);  // the title
  CHECK(sheet.find("<mergeCell ref=\"A8:G8\"/>") != std::string::npos);  // the third approver
  // The header row alone frozen: the view starts at it, one row in the top pane.
  CHECK(sheet.find("<sheetView topLeftCell=\"A10\" tabSelected=\"1\" workbookViewId=\"0\"><pane "
                   "ySplit=\"1\" topLeftCell=\"A11\" activePane=\"bottomLeft\" "
                   "state=\"frozen\"/>") != std::string::npos);
  CHECK(sheet.find("<autoFilter") == std::string::npos);  // it would cover merged cells
  // No cell spans the rows of a group: the direction and process stand in every row.
  CHECK(sheet.find("<mergeCell ref=\"B11:B14\"/>") == std::string::npos);
  CHECK(count(strings, "<t>Оплата труда</t>") == 1);
  CHECK(count(sheet, "<c r=\"B1") >= 4);
  CHECK(strings.find("<t>Приложение\nк приказу Управления финансов Липецкой области\nот «___» "
                     "__________ 20___ г. № ______</t>") != std::string::npos);
  CHECK(strings.find("Сокращения, принятые в перечне") != std::string::npos);
  // The legend on a sheet of its own, so that the table's repeated header is not printed above it.
  CHECK(entries.count("xl/worksheets/sheet2.xml") == 1);
  CHECK(entries["xl/workbook.xml"].find("name=\"Сокращения\"") != std::string::npos);
  // Rows as tall as their text: a point's row of 3 needs is lower than the 255 pt of old, and
  // higher than one line.
  std::smatch height;
  REQUIRE(std::regex_search(sheet, height, std::regex("<row r=\"11\"[^>]* ht=\"([0-9.]+)\"")));
  CHECK(std::stod(height[1]) > 30);
  CHECK(std::stod(height[1]) < 120);
  CHECK(sheet.find("orientation=\"landscape\"") != std::string::npos);
  CHECK(sheet.find("paperSize=\"9\"") != std::string::npos);
  CHECK(strings.find("Удовлетворяемые потребности клиента") != std::string::npos);
  CHECK(strings.find("Сидоров Петр Николаевич") != std::string::npos);
  CHECK(entries["xl/styles.xml"].find("wrapText=\"1\"") != std::string::npos);
  CHECK(entries["xl/workbook.xml"].find("_xlnm.Print_Titles") != std::string::npos);
  CHECK(entries["docProps/core.xml"].find("2026-03-03T00:00:00Z") != std::string::npos);
  CHECK(write_xlsx(sample()) == bytes);

  // The order's number and date, as in the docx.
  WriteOptions order;
  order.order_number = "15-п";
  order.order_date = "2026-03-05";
  CHECK(unzip(write_xlsx(sample(), order))["xl/sharedStrings.xml"].find("от 05.03.2026 № 15-п") !=
        std::string::npos);
}

TEST_CASE("docx: landscape A4, repeated header row, merged cells, the order line", "[export]") {
  WriteOptions options;
  options.order_number = "15-п";
  options.order_date = "2026-03-05";
  std::string bytes = write_docx(sample(), options);
  auto entries = unzip(bytes);
  REQUIRE(entries.count("word/document.xml") == 1);
  REQUIRE(entries.count("[Content_Types].xml") == 1);
  const std::string& body = entries["word/document.xml"];
  CHECK(body.find("<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>") !=
        std::string::npos);
  // Margins of 20 mm, page numbers from page 2 (a first page of its own), Times New Roman.
  CHECK(body.find("<w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" "
                  "w:left=\"1134\"") != std::string::npos);
  CHECK(body.find("<w:titlePg/>") != std::string::npos);
  CHECK(entries["word/header1.xml"].find("<w:instrText xml:space=\"preserve\"> PAGE "
                                         "</w:instrText>") != std::string::npos);
  CHECK(entries["word/header2.xml"].find("PAGE") == std::string::npos);
  CHECK(entries["word/styles.xml"].find("w:ascii=\"Times New Roman\"") != std::string::npos);
  // The header rows of the main table and of the approval sheet repeat on every page; rows of
  // the table may break across pages: only header rows and the sheet's rows are kept whole.
  // main table, legend (its heading and its header), approval sheet
  CHECK(count(body, "<w:tblHeader/>") == 4);
  CHECK(count(body, "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>") == 4);
  // Short rows never split (all five here); no merged cells: the direction and process in every
  // row, in a grey continuation style after the first of their group (3 + 2).
  auto main_table = body.substr(0, body.find("</w:tbl>"));
  CHECK(count(main_table, "<w:cantSplit/>") == 6);
  CHECK(count(main_table, "<w:vMerge") == 0);
  CHECK(count(main_table, "<w:pStyle w:val=\"PerechenContinued\"/>") == 5);
  // Hyphenation on, for the document's language (ru-RU); widow control and whole lines in cells.
  CHECK(entries["word/settings.xml"].find("<w:autoHyphenation/>") != std::string::npos);
  CHECK(entries["word/styles.xml"].find("<w:lang w:val=\"ru-RU\"") != std::string::npos);
  CHECK(entries["word/styles.xml"].find("<w:widowControl/>") != std::string::npos);
  // Column widths measured from the text: they fill the text's width, the needs (the most text)
  // get the widest column, and no column is narrower than the longest word of its header.
  std::smatch grid;
  REQUIRE(std::regex_search(main_table, grid, std::regex("<w:tblGrid>(.*?)</w:tblGrid>")));
  std::vector<int> widths;
  std::string columns = grid[1];
  const std::regex width("w:w=\"([0-9]+)\"");
  for (std::sregex_iterator it(columns.begin(), columns.end(), width); it != std::sregex_iterator();
       ++it)
    widths.push_back(std::stoi((*it)[1]));
  REQUIRE(widths.size() == 7);
  CHECK(std::accumulate(widths.begin(), widths.end(), 0) == 16838 - 2 * 1134);
  CHECK(*std::max_element(widths.begin(), widths.end()) == widths[6]);
  CHECK(widths[3] >= 14 * 121);  // «взаимодействия», 14 letters at 0.55 em of 11 pt
  CHECK(widths[6] >= 15 * 121);  // «Удовлетворяемые»
  // Page 1 is the appendix: no version, commit or approvers above the table.
  auto table_start = body.find("<w:tbl>");
  CHECK(body.substr(0, table_start).find("коммит") == std::string::npos);
  CHECK(body.substr(0, table_start).find("Согласовано") == std::string::npos);
  CHECK(body.find("коммит") > body.find("Лист согласования"));
  // «Приложение к приказу <organisation> от … № …» as one paragraph of three lines, before the
  // table.
  CHECK(body.find("<w:t xml:space=\"preserve\">Приложение</w:t></w:r><w:r><w:br/></w:r><w:r>"
                  "<w:t xml:space=\"preserve\">к приказу Управления финансов Липецкой "
                  "области</w:t></w:r><w:r><w:br/></w:r><w:r><w:t xml:space=\"preserve\">от "
                  "05.03.2026 № 15-п</w:t>") < body.find("<w:tbl>"));
  // Links are links, shown as people read them.
  CHECK(body.find("<w:hyperlink r:id=\"rId10\">") != std::string::npos);
  CHECK(body.find(">+7 4742 00-00-00</w:t>") != std::string::npos);
  CHECK(body.find("mailto:") == std::string::npos);
  CHECK(entries["word/_rels/document.xml.rels"].find(
            "Target=\"tel:+74742000000\" TargetMode=\"External\"") != std::string::npos);
  CHECK(body.find("Ёлка: «горячая» линия | бухгалтерия") != std::string::npos);
  CHECK(body.find("&lt;начисления&gt; &amp; удержания, &quot;быстро&quot;") != std::string::npos);
  CHECK(write_docx(sample(), options) == bytes);

  // Without the order's number and date: blanks to fill in by hand.
  auto blank = unzip(write_docx(sample(), {}));
  CHECK(blank["word/document.xml"].find("от «___» __________ 20___ г. № ______") !=
        std::string::npos);
}

TEST_CASE("zip entries carry a fixed date", "[export]") {
  for (const std::string& bytes : {write_docx(sample(), {}), write_xlsx(sample())}) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    zip_t* archive = zip_open_from_source(src, ZIP_RDONLY, &error);
    REQUIRE(archive != nullptr);
    for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
      zip_stat_t st;
      REQUIRE(zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &st) == 0);
      std::tm tm{};
      localtime_r(&st.mtime, &tm);
      CHECK(tm.tm_year == 80);
      CHECK(tm.tm_mon == 0);
      CHECK(tm.tm_mday == 1);
    }
    zip_close(archive);
  }
}

TEST_CASE("every format gives the same bytes twice", "[export]") {
  for (Format format :
       {Format::html, Format::csv, Format::json, Format::md, Format::xlsx, Format::docx}) {
    INFO(format_name(format));
    CHECK(write(sample(), format) == write(sample(), format));
  }
}

TEST_CASE("publication deadline: 5 working days after approval, on the production calendar",
          "[export][publication]") {
  using perechen::calendar::Date;
  auto cal = perechen::calendar::Calendar::builtin();
  Date approved = *Date::parse("2026-03-02");  // Monday; 9 March 2026 is a day off
  auto p = deadline(cal, approved, 5, {}, *Date::parse("2026-03-10"));
  CHECK(p.due.iso() == "2026-03-10");
  CHECK_FALSE(p.published);
  CHECK_FALSE(p.overdue);  // the due day itself is still in time
  CHECK(p.warnings.empty());
  CHECK(deadline(cal, approved, 5, {}, *Date::parse("2026-03-11")).overdue);

  // Published in time stays in time; published late was overdue.
  auto in_time =
      deadline(cal, approved, 5, {*Date::parse("2026-03-05")}, *Date::parse("2026-12-01"));
  CHECK(in_time.published);
  CHECK(in_time.published_on->iso() == "2026-03-05");
  CHECK_FALSE(in_time.overdue);
  auto late = deadline(cal, approved, 5, {*Date::parse("2026-03-12")}, *Date::parse("2026-03-12"));
  CHECK(late.published);
  CHECK(late.overdue);
  // The first publication counts; one dated before the approval is not of this version.
  auto first =
      deadline(cal, approved, 5,
               {*Date::parse("2026-03-12"), *Date::parse("2026-03-04"), *Date::parse("2026-02-27")},
               *Date::parse("2026-03-12"));
  CHECK(first.published_on->iso() == "2026-03-04");
  CHECK_FALSE(first.overdue);
  CHECK_FALSE(deadline(cal, approved, 5, {*Date::parse("2026-02-27")}, approved).published);

  // The registry's own days off and working days (perechen.yaml publication).
  auto own = perechen::calendar::Calendar::builtin();
  own.add_days_off({*Date::parse("2026-03-04")});
  CHECK(deadline(own, approved, 5, {}, approved).due.iso() == "2026-03-11");
  CHECK(deadline(cal, approved, 3, {}, approved).due.iso() == "2026-03-05");
  // A year the calendar does not cover is said, not guessed silently.
  auto far = deadline(cal, *Date::parse("2031-03-03"), 5, {}, *Date::parse("2031-03-03"));
  CHECK(far.warnings.size() == 1);
}

TEST_CASE("publication tags are named by date and commit", "[export][publication]") {
  auto commit = *perechen::git::Oid::parse("0123456789abcdef0123456789abcdef01234567");
  CHECK(publication_tag_name(*perechen::calendar::Date::parse("2026-03-05"), commit) ==
        "perechen/published/2026-03-05-0123456789ab");
}
