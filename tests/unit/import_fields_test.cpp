// SPDX-License-Identifier: Apache-2.0
// The steps of perechen import on their own (src/import/): data/import.yaml checked as it is read,
// the header block over several rows, the kind of each row, needs in every notation, contacts,
// and the text hygiene of rule 2.7.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "../../src/import/fields.hpp"
#include "../../src/import/layout.hpp"
#include "../../src/import/vocabulary.hpp"
#include "perechen/embedded.hpp"
#include "perechen/error.hpp"
#include "perechen/import/import.hpp"

using namespace perechen;
using namespace perechen::importing;

namespace {

std::string error_of(std::string_view yaml) {
  try {
    read_vocabulary(yaml);
  } catch (const Error& e) {
    return e.what();
  }
  return {};
}

Table table_of(std::vector<std::vector<std::string>> rows) {
  Table t;
  t.name = "T";
  for (std::size_t i = 0; i < rows.size(); ++i)
    t.rows.push_back(TableRow{i + 1, rows[i]});
  return t;
}

std::vector<std::string> needs_of(std::string_view cell) {
  std::vector<std::string> out;
  for (const auto& item : read_needs(cell)) {
    std::string s = item.need != nullptr ? item.need->code : "?" + item.text;
    if (!item.description.empty())
      s += ": " + item.description;
    out.push_back(s);
  }
  return out;
}

}  // namespace

TEST_CASE(
    "vocabulary: data/import.yaml is read whole, and a bad entry is an error that says where") {
  auto text = embedded_file("data/import.yaml");
  REQUIRE(text);
  Vocabulary v = read_vocabulary(*text);
  CHECK(v.columns.size() == kColumns);
  CHECK_FALSE(v.kinds.empty());
  CHECK(v.all_clients.front() == "сотрудники иогв/огу");

  CHECK(error_of("columns:\n  - {column: nonsense, words: [x]}\n") ==
        "data/import.yaml: columns.nonsense: unknown column");
  CHECK(error_of("columns: {a: b}\n").find("columns: a list is expected") != std::string::npos);
  std::string base(*text);
  std::string bad_channel = base;
  bad_channel.replace(bad_channel.find("  digital: [цифровая точка"), 10, "  virtual:");
  CHECK(error_of(bad_channel) == "data/import.yaml: channels.virtual: unknown name");
  std::string bad_client = base;
  bad_client.replace(bad_client.find("  civil-servants: [государственные"), 17, "  pensioners:");
  CHECK(error_of(bad_client) == "data/import.yaml: clients.pensioners: unknown name");
  CHECK(error_of("columns: [").find("data/import.yaml: YAML") == 0);
}

TEST_CASE("headings: the column whose word comes first, sub-headings under a group") {
  CHECK(classify_heading("Ценность для внутреннего клиента") == value);
  CHECK(classify_heading("Адрес точки") == contact);
  CHECK(classify_heading("Точка взаимодействия (наименование, вид, адрес)") == point);
  CHECK(classify_heading("Точка взаимодействия, адрес (ссылка)") == point);
  CHECK(classify_heading("Направление (вид) деятельности") == direction);
  CHECK(classify_heading("Вид точки") == kind);
  CHECK(classify_heading("№ п/п") == number);
  CHECK(classify_heading("Client needs satisfied") == Column::needs);
  CHECK(classify_heading("Value for the internal client") == value);
  CHECK_FALSE(classify_heading("Примечание"));

  Table t = table_of({
      {"Перечень точек взаимодействия"},
      {"№ п/п", "Процесс", "Точка взаимодействия", "", "", "Клиент", "Ценность", "Потребности"},
      {"№ п/п", "Процесс", "наименование", "вид", "адрес, ссылка", "Клиент", "Ценность",
       "Потребности"},
      {"1", "2", "3", "4", "5", "6", "7", "8"},
      {"1", "Отпуск", "Окно", "", "каб. 5", "ГГС", "Сдать", "4"},
  });
  auto h = find_header(t);
  REQUIRE(h);
  CHECK(h->first == 1);
  CHECK(h->last == 3);  // the numbering row belongs to the block
  CHECK(h->columns[point] == 2u);
  CHECK(h->columns[kind] == 3u);
  CHECK(h->columns[contact] == 4u);
  CHECK(h->headings[3] == "Точка взаимодействия — вид");
  CHECK(h->unplaced.empty());

  Table matrix = table_of({
      {"Точка взаимодействия", "Процесс", "Потребности", "", ""},
      {"Точка взаимодействия", "Процесс", "1", "получение консультации", "9"},
  });
  auto m = find_header(matrix);
  REQUIRE(m);
  REQUIRE(m->need_columns.size() == 3);
  CHECK(m->need_columns[1].second == "consultation");
  CHECK(m->need_columns[2].second == "other");
}

TEST_CASE("rows: points, sections, totals, signatures, the header again, unknown") {
  Table t = table_of({
      {"№", "Процесс", "Точка взаимодействия", "Клиент", "Ценность"},
  });
  auto h = find_header(t);
  REQUIRE(h);
  auto kind_of = [&](std::vector<std::string> cells) {
    return classify_row(TableRow{9, std::move(cells)}, *h, false);
  };
  CHECK(kind_of({"1", "Отпуск", "Окно", "ГГС", "Сдать"}).kind == RowKind::point);
  auto section = kind_of({"Раздел 2. Справки и документы"});
  CHECK(section.kind == RowKind::section);
  CHECK(section.section == "Справки и документы");
  CHECK(section.level == 1);
  auto numbered = kind_of({"1.2.", "", "Выдача справок", "", ""});
  CHECK(numbered.kind == RowKind::section);
  CHECK(numbered.section == "Выдача справок");
  CHECK(numbered.level == 2);
  CHECK(kind_of({"", "", "", "Итого", "3"}).kind == RowKind::totals);
  CHECK(kind_of({"Начальник отдела", "", "Иванов"}).kind == RowKind::signature);
  CHECK(kind_of({"№", "Процесс", "Точка взаимодействия", "Клиент", "Ценность"}).kind ==
        RowKind::header);
  CHECK(kind_of({"1", "2", "3", "4", "5"}).kind == RowKind::numbering);
  CHECK(kind_of({"3", "Отпуск", "", "Пенсионеры", ""}).kind == RowKind::unknown);
  // A lone text right of the point's column (a cell carried over to a row of its own).
  CHECK(kind_of({"", "", "", "", "и удержания"}).kind == RowKind::unknown);
  CHECK(classify_row(TableRow{9, {"1", "Отпуск", "Окно"}}, *h, true).kind == RowKind::signature);
}

TEST_CASE("needs: every notation clerks use") {
  CHECK(needs_of("1) получение информации;") == std::vector<std::string>{"information"});
  CHECK(needs_of("1, 5, 6") == std::vector<std::string>{"information", "progress", "result"});
  CHECK(needs_of("1;2;6") == std::vector<std::string>{"information", "consultation", "result"});
  CHECK(needs_of("1 - получение информации") == std::vector<std::string>{"information"});
  CHECK(needs_of("получение информации, получение консультации") ==
        std::vector<std::string>{"information", "consultation"});
  CHECK(needs_of("1) получение информации, 2) получение консультации") ==
        std::vector<std::string>{"information", "consultation"});
  CHECK(needs_of("получение информации; получение консультации.") ==
        std::vector<std::string>{"information", "consultation"});
  CHECK(needs_of("получени информации") == std::vector<std::string>{"information"});
  CHECK(needs_of("получение информации – график выплат") ==
        std::vector<std::string>{"information: график выплат"});
  CHECK(needs_of("получение информации (график выплат)") ==
        std::vector<std::string>{"information: график выплат"});
  CHECK(needs_of("6) получение результата, ответа, разъяснения: ответ: в срок") ==
        std::vector<std::string>{"result: ответ: в срок"});
  CHECK(needs_of("получение информации о ходе рассмотрения заявления, обращения, запроса, "
                 "документов") == std::vector<std::string>{"progress"});
  CHECK(needs_of("узнать погоду") == std::vector<std::string>{"?узнать погоду"});
  CHECK(needs_of("5) получение информации о ходе рассмотрения заявления") ==
        std::vector<std::string>{"progress"});
  auto by_number = read_needs("4) подача бумаг");
  REQUIRE(by_number.size() == 1);
  CHECK(by_number[0].need->code == "submission");
  CHECK(by_number[0].by_number_only);
}

TEST_CASE("contacts: phones to +7, extensions and remarks apart, Cyrillic domains, several") {
  auto url = [](std::string_view s) { return read_contact(s).url.value_or("-"); };
  CHECK(url("8 (4742) 22-33-44") == "tel:+74742223344");
  CHECK(url("+7 4742 22-33-44") == "tel:+74742223344");
  CHECK(url("8-800-100-20-30") == "tel:+78001002030");
  CHECK(url("(4742) 22-33-44") == "tel:+74742223344");
  auto ext = read_contact("8 (4742) 22-33-44, доб. 105");
  CHECK(ext.url == "tel:+74742223344");
  CHECK(ext.note == "доб. 105");
  CHECK(url("госуслуги.рф") == "https://госуслуги.рф");
  CHECK(url("www.example.ru") == "https://www.example.ru");
  CHECK(url("zp@example.ru") == "mailto:zp@example.ru");
  auto remark = read_contact("https://lk.example.ru (раздел «Зарплата»)");
  CHECK(remark.url == "https://lk.example.ru");
  CHECK(remark.note == "раздел «Зарплата»");
  CHECK(url("г. Липецк, ул. Ленина, д. 1") == "-");
  CHECK(split_contacts("zp@example.ru, otpusk@example.ru") ==
        std::vector<std::string>{"zp@example.ru", "otpusk@example.ru"});
  CHECK(split_contacts("https://x.ru; г. Липецк, ул. Ленина, д. 1; каб. 12") ==
        std::vector<std::string>{"https://x.ru", "г. Липецк, ул. Ленина, д. 1; каб. 12"});
}

TEST_CASE("text hygiene: invisible characters made plain, long text cut with «…»") {
  CHECK(clean_text("Личный\xC2\xA0кабинет") == "Личный кабинет");
  CHECK(clean_text("Отпус\xC2\xAD"
                   "кные") == "Отпускные");
  CHECK(clean_text("a\xE2\x80\x8B"
                   "b\xE2\x80\x8F"
                   "c\xE2\x81\xA6"
                   "d\xEF\xBB\xBF") == "abcd");
  CHECK(clean_text("a\xE2\x80\xAF"
                   "b") == "a b");
  CHECK(norm("Сотрудники ИОГВ / ОГУ") == "сотрудники иогв/огу");
  CHECK(cut("абвгд", 7) == "аб…");  // 7 bytes at most, «…» included
  CHECK(cut("abc", 7) == "abc");
}

TEST_CASE("sections: numbering off a title, processes as section rows under a direction column") {
  CHECK(section_title("1. Оплата труда") == "Оплата труда");
  CHECK(section_title("1.2. Отпускные") == "Отпускные");
  CHECK(section_title("2) Справки") == "Справки");
  CHECK(section_title("Раздел II. Налоги") == "Налоги");
  CHECK(section_title("1С:Зарплата") == "1С:Зарплата");
  CHECK(section_title("2-НДФЛ и справки") == "2-НДФЛ и справки");

  Table t = table_of({
      {"Направление деятельности", "Точка взаимодействия", "Внутренний клиент", "Ценность",
       "Потребности"},
      {"Отпускные"},
      {"1. Оплата труда", "Окно", "ГГС", "Сдать",
       "4) представление заявления, обращения, "
       "запроса, документов"},
      {"Оплата труда", "Почта", "ГГС", "Спросить", "2"},
  });
  Plan plan = plan_import({t}, "list.csv", nullptr);
  INFO(plan.config_text);
  REQUIRE(plan.points.size() == 2);
  CHECK(plan.points[0].path == "points/oplata-truda/otpusknye/okno.yaml");
  CHECK(plan.points[1].path == "points/oplata-truda/otpusknye/pochta.yaml");
  CHECK(plan.summary.sections == 1);
  CHECK(plan.problems.size() == 2);  // no channel for either point
}

TEST_CASE("headings: a two-row header whose other headings are not merged down") {
  // «№ п/п» and the rest written in the first row only: the second row is still the header, not
  // a point named «наименование».
  Table t = table_of({
      {"№ п/п", "Наименование процесса", "Точка взаимодействия", "", "", "Внутренний клиент",
       "Ценность", "Удовлетворяемые потребности"},
      {"", "", "наименование", "вид", "адрес", "", "", ""},
      {"1", "Отпускные", "Телефон", "телефон", "8 (4742) 22-33-44", "ГГС", "Спросить", "2"},
  });
  auto h = find_header(t);
  REQUIRE(h);
  CHECK(h->last == 1);
  CHECK(h->columns[point] == 2u);
  CHECK(h->columns[kind] == 3u);
  CHECK(h->columns[contact] == 4u);
  Plan plan = plan_import({t}, "list.csv", nullptr);
  REQUIRE(plan.points.size() == 1);
  CHECK(plan.points[0].content.find("  name: Телефон\n  channel: digital\n  kind: phone\n"
                                    "  url: tel:+74742223344\n") != std::string::npos);
  CHECK(plan.summary.rows == 1);
}
