// SPDX-License-Identifier: Apache-2.0
// The production calendar: the worked examples of domain.md, the shipped years, the registry's
// own days off and the stated fallback for a year the calendar does not cover.

#include <catch2/catch.hpp>

#include <string>
#include <variant>

#include "perechen/calendar/calendar.hpp"
#include "perechen/embedded.hpp"
#include "perechen/error.hpp"
#include "perechen/i18n.hpp"

namespace Catch {
template <>
struct StringMaker<perechen::calendar::Date> {
  static std::string convert(const perechen::calendar::Date& date) { return date.iso(); }
};
}  // namespace Catch

namespace {

using perechen::calendar::Calendar;
using perechen::calendar::Coverage;
using perechen::calendar::Date;
using perechen::calendar::Due;

Date date(std::string_view text) {
  const std::optional<Date> parsed = Date::parse(text);
  REQUIRE(parsed.has_value());
  return *parsed;
}

// One line of domain.md's table: the event, its weekday there, the due date, and whether the
// answer had to use the preliminary 2027.
void check_worked_example(std::string_view event, std::chrono::weekday weekday,
                          std::string_view due, bool preliminary_2027) {
  const Calendar calendar = Calendar::builtin();
  CAPTURE(event);
  CHECK(date(event).weekday() == weekday);
  const Due result = calendar.due_after(date(event), 5);
  CHECK(result.date == date(due));
  CHECK(result.uncovered_years.empty());
  if (preliminary_2027) {
    CHECK(result.preliminary_years == std::vector<int>{2027});
  } else {
    CHECK(result.preliminary_years.empty());
  }
  // The due date is the fifth working day, not a later day off.
  CHECK(calendar.is_working_day(result.date));
  CHECK(calendar.working_days_between(date(event), result.date).working_days == 5);
}

}  // namespace

TEST_CASE("due 5 working days after Tue 29.04.2025 is Mon 12.05.2025 (1-2 and 8-9 May off)") {
  check_worked_example("2025-04-29", std::chrono::Tuesday, "2025-05-12", false);
}

TEST_CASE("due 5 working days after Tue 28.10.2025 is Wed 05.11.2025 (Sat 01.11 works)") {
  check_worked_example("2025-10-28", std::chrono::Tuesday, "2025-11-05", false);
}

TEST_CASE("due 5 working days after Fri 26.12.2025 is Wed 14.01.2026 (New Year days off)") {
  check_worked_example("2025-12-26", std::chrono::Friday, "2026-01-14", false);
}

TEST_CASE("due 5 working days after Thu 19.02.2026 is Fri 27.02.2026 (23 February off)") {
  check_worked_example("2026-02-19", std::chrono::Thursday, "2026-02-27", false);
}

TEST_CASE("due 5 working days after Thu 05.03.2026 is Fri 13.03.2026 (8 March moved to 9)") {
  check_worked_example("2026-03-05", std::chrono::Thursday, "2026-03-13", false);
}

TEST_CASE("due 5 working days after Wed 29.04.2026 is Thu 07.05.2026 (1 May off)") {
  check_worked_example("2026-04-29", std::chrono::Wednesday, "2026-05-07", false);
}

TEST_CASE("due 5 working days after Mon 02.11.2026 is Tue 10.11.2026 (4 November off)") {
  check_worked_example("2026-11-02", std::chrono::Monday, "2026-11-10", false);
}

TEST_CASE("due 5 working days after Mon 28.12.2026 is Wed 13.01.2027, from the preliminary 2027") {
  check_worked_example("2026-12-28", std::chrono::Monday, "2027-01-13", true);
}

TEST_CASE("each shipped year has 247 working days and names its source") {
  const Calendar calendar = Calendar::builtin();
  for (const int year : {2025, 2026, 2027}) {
    CAPTURE(year);
    const auto count = calendar.working_days_between(Date{year - 1, 12, 31}, Date{year, 12, 31});
    CHECK(count.working_days == 247);
    REQUIRE(calendar.find_year(year) != nullptr);
    CHECK(calendar.find_year(year)->working_days == 247);
  }
  CHECK(calendar.coverage(2025) == Coverage::official);
  CHECK(calendar.coverage(2026) == Coverage::official);
  CHECK(calendar.find_year(2025)->source == "Постановление Правительства РФ от 04.10.2024 № 1335");
  CHECK(calendar.find_year(2026)->source == "Постановление Правительства РФ от 24.09.2025 № 1466");
}

TEST_CASE("2027 is preliminary, and every answer that counts its days says so") {
  const Calendar calendar = Calendar::builtin();
  CHECK(calendar.coverage(2027) == Coverage::preliminary);
  const auto count = calendar.working_days_between(Date{2026, 12, 31}, Date{2027, 12, 31});
  CHECK(count.preliminary_years == std::vector<int>{2027});
  CHECK_FALSE(count.official());
  // Within 2026 nothing preliminary is used.
  CHECK(calendar.due_after(date("2026-12-21"), 5).official());

  perechen::set_language(perechen::Lang::ru);
  const std::vector<std::string> ru = calendar.warnings(calendar.due_after(date("2027-03-01"), 5));
  REQUIRE(ru.size() == 1);
  CHECK_THAT(ru[0], Catch::Contains("на 2027 год предварительный") &&
                        Catch::Contains("набор данных производственного календаря от 2026-09-02"));
  perechen::set_language(perechen::Lang::en);
  const std::vector<std::string> en = calendar.warnings(calendar.due_after(date("2027-03-01"), 5));
  REQUIRE(en.size() == 1);
  CHECK_THAT(en[0], Catch::Contains("calendar for 2027 is preliminary"));
  perechen::set_language(perechen::Lang::ru);
}

TEST_CASE("2027 becomes official when its file is replaced from the decree") {
  const std::string_view shipped = perechen::embedded_file("data/calendar/2027.yaml").value();
  std::string replaced(shipped);
  const std::size_t at = replaced.find("preliminary: true");
  REQUIRE(at != std::string::npos);
  replaced.replace(at, 17, "preliminary: false");
  const perechen::calendar::Year year =
      perechen::calendar::read_year(replaced, "data/calendar/2027.yaml");
  const Calendar calendar({year}, {});
  CHECK(calendar.coverage(2027) == Coverage::official);
  CHECK(calendar.due_after(date("2027-03-01"), 5).official());
}

TEST_CASE("a day listed in the decree, a working Saturday and a shortened day") {
  const Calendar calendar = Calendar::builtin();
  CHECK(calendar.is_working_day(date("2025-11-01")));        // Saturday made working
  CHECK_FALSE(calendar.is_working_day(date("2025-11-03")));  // Monday made a day off
  CHECK_FALSE(calendar.is_working_day(date("2025-12-31")));
  CHECK_FALSE(calendar.is_working_day(date("2026-03-09")));  // 8 March was a Sunday
  CHECK(calendar.is_working_day(date("2026-04-30")));  // shortened pre-holiday day still works
  CHECK_FALSE(calendar.is_working_day(date("2026-04-25")));  // an ordinary Saturday
  CHECK(calendar.is_working_day(date("2027-02-20")));
}

TEST_CASE("a registry's own days off move the due date") {
  Calendar calendar = Calendar::builtin();
  CHECK(calendar.due_after(date("2026-02-19"), 5).date == date("2026-02-27"));
  calendar.add_days_off({date("2026-02-25"), date("2026-02-28")});  // a Wednesday and a Saturday
  CHECK_FALSE(calendar.is_working_day(date("2026-02-25")));
  const Due due = calendar.due_after(date("2026-02-19"), 5);
  CHECK(due.date == date("2026-03-02"));  // one working day lost: Friday 27.02 becomes the 4th
  CHECK(due.official());
  // The built-in calendar itself is not changed by one registry's settings.
  CHECK(Calendar::builtin().is_working_day(date("2026-02-25")));
}

TEST_CASE("a registry's own working days correct a year; its days off win over them") {
  Calendar calendar = Calendar::builtin();
  // Saturday 9 January 2027 and Friday 8 January 2027 (a holiday of the preliminary 2027).
  CHECK_FALSE(calendar.is_working_day(date("2027-01-09")));
  CHECK_FALSE(calendar.is_working_day(date("2027-01-08")));
  CHECK(calendar.due_after(date("2027-01-06"), 1).date == date("2027-01-11"));
  calendar.add_working_days({date("2027-01-09"), date("2027-01-08")});
  CHECK(calendar.is_working_day(date("2027-01-09")));
  CHECK(calendar.is_working_day(date("2027-01-08")));
  const Due due = calendar.due_after(date("2027-01-06"), 1);
  CHECK(due.date == date("2027-01-08"));
  CHECK(due.preliminary_years == std::vector<int>{2027});  // still said to be preliminary
  calendar.add_days_off({date("2027-01-08")});
  CHECK_FALSE(calendar.is_working_day(date("2027-01-08")));
  CHECK(calendar.due_after(date("2027-01-06"), 1).date == date("2027-01-09"));
  // The built-in calendar itself is not changed.
  CHECK_FALSE(Calendar::builtin().is_working_day(date("2027-01-09")));
}

TEST_CASE("a year the calendar does not cover is counted by the stated fallback, and says so") {
  Calendar calendar = Calendar::builtin();
  CHECK(calendar.coverage(2028) == Coverage::uncovered);
  CHECK(calendar.coverage(2024) == Coverage::uncovered);
  CHECK(calendar.find_year(2028) == nullptr);

  // Fallback: Monday to Friday without the art. 112 holidays. 4 November 2028 is a Saturday and
  // moves the day off to Monday 6 November.
  CHECK_FALSE(calendar.is_working_day(date("2028-11-06")));
  Due due = calendar.due_after(date("2028-11-02"), 5);
  CHECK(due.date == date("2028-11-10"));
  CHECK(due.uncovered_years == std::vector<int>{2028});
  CHECK(due.preliminary_years.empty());

  // January holidays on a weekend do not move (only a decree moves them): 8 January 2028 is a
  // Saturday and Monday 10 January is a working day.
  CHECK_FALSE(calendar.is_working_day(date("2028-01-07")));
  CHECK(calendar.is_working_day(date("2028-01-10")));

  // From the preliminary 2027 into the uncovered 2028: both are reported.
  due = calendar.due_after(date("2027-12-28"), 5);
  CHECK(due.date == date("2028-01-12"));
  CHECK(due.preliminary_years == std::vector<int>{2027});
  CHECK(due.uncovered_years == std::vector<int>{2028});

  // 2024 by the fallback: 30 and 31 December count as working days (the 2024 decree made them
  // days off; the fallback cannot know), so the due date lands in January 2025.
  due = calendar.due_after(date("2024-12-27"), 5);
  CHECK(due.date == date("2025-01-13"));
  CHECK(due.uncovered_years == std::vector<int>{2024});
  CHECK(calendar.working_days_between(Date{2023, 12, 31}, Date{2024, 12, 31}).working_days == 250);

  // A registry's days off apply in an uncovered year too.
  calendar.add_days_off({date("2028-11-07")});
  CHECK(calendar.due_after(date("2028-11-02"), 5).date == date("2028-11-13"));

  perechen::set_language(perechen::Lang::ru);
  const std::vector<std::string> ru = calendar.warnings(calendar.due_after(date("2028-11-02"), 5));
  REQUIRE(ru.size() == 1);
  CHECK_THAT(ru[0], Catch::Contains("Производственного календаря на 2028 год в perechen нет") &&
                        Catch::Contains("статьи 112"));
  perechen::set_language(perechen::Lang::en);
  const std::vector<std::string> en = calendar.warnings(calendar.due_after(date("2028-11-02"), 5));
  REQUIRE(en.size() == 1);
  CHECK_THAT(en[0], Catch::Contains("no production calendar for 2028"));
  perechen::set_language(perechen::Lang::ru);
}

TEST_CASE("working days between two dates count forwards and backwards") {
  const Calendar calendar = Calendar::builtin();
  CHECK(calendar.working_days_between(date("2026-02-27"), date("2026-02-27")).working_days == 0);
  CHECK(calendar.working_days_between(date("2026-02-27"), date("2026-03-04")).working_days == 3);
  CHECK(calendar.working_days_between(date("2026-03-04"), date("2026-02-27")).working_days == -3);
}

TEST_CASE("due_after takes 0 to 1000 working days") {
  const Calendar calendar = Calendar::builtin();
  CHECK(calendar.due_after(date("2026-02-23"), 0).date == date("2026-02-23"));
  CHECK(calendar.due_after(date("2026-02-20"), 1).date == date("2026-02-24"));
  perechen::set_language(perechen::Lang::en);
  try {
    calendar.due_after(date("2026-02-23"), -1);
    FAIL("no exception for -1 working days");
  } catch (const perechen::Error& e) {
    CHECK(e.code() == perechen::ExitCode::problems);
    CHECK_THAT(e.what(), Catch::Contains("from 0 to 1000, not -1"));
  }
  perechen::set_language(perechen::Lang::ru);
  CHECK_THROWS_AS(calendar.due_after(date("2026-02-23"), 1001), perechen::Error);
}

TEST_CASE("Date::parse takes strict YYYY-MM-DD of a real day only") {
  const std::optional<Date> parsed = Date::parse("2026-02-03");
  REQUIRE(parsed.has_value());
  CHECK(parsed->year == 2026);
  CHECK(parsed->month == 2);
  CHECK(parsed->day == 3);
  CHECK(parsed->iso() == "2026-02-03");
  CHECK(Date::parse("2024-02-29").has_value());

  for (const char* bad : {"2026-02-30", "2026-2-3", "2026-02-3", "2026-2-03", " 2026-02-03",
                          "2026-02-03 ", "2026/02/03", "2026-13-01", "2026-00-10", "2026-01-00",
                          "2025-02-29", "26-02-03", "+026-02-03", "2026-02-0x", ""}) {
    CAPTURE(bad);
    CHECK_FALSE(Date::parse(bad).has_value());
  }
}

TEST_CASE("Date arithmetic follows the Gregorian calendar") {
  CHECK(date("2024-02-28").next() == date("2024-02-29"));
  CHECK(date("2024-02-29").next() == date("2024-03-01"));
  CHECK(date("2025-02-28").next() == date("2025-03-01"));
  CHECK(date("2025-12-31").next() == date("2026-01-01"));
  CHECK(date("2026-01-01").weekday() == std::chrono::Thursday);
  CHECK(date("2026-02-28").is_weekend());
  CHECK_FALSE(date("2026-02-27").is_weekend());
  CHECK(Date::from_sys_days(date("2026-03-01").to_sys_days()) == date("2026-03-01"));
  CHECK(Date::from_sys_days(std::chrono::sys_days{}) == date("1970-01-01"));
  CHECK(date("2025-12-31") < date("2026-01-01"));
  CHECK(date("2026-01-31") < date("2026-02-01"));
  CHECK(Date{900, 1, 5}.iso() == "0900-01-05");
}

TEST_CASE("a year file that contradicts itself is refused with the file and line") {
  const std::string good =
      "year: 2030\n"
      "source: test\n"
      "preliminary: false\n"
      "working_days: 260\n"
      "weekdays_off:\n"
      "  - 2030-01-01\n"
      "working_weekends: []\n";
  // 2030 has 261 weekdays; one is off.
  CHECK(perechen::calendar::read_year(good, "data/calendar/2030.yaml").working_days == 260);

  const auto error_of = [](const std::string& yaml) {
    perechen::set_language(perechen::Lang::en);
    std::string message;
    try {
      perechen::calendar::read_year(yaml, "data/calendar/2030.yaml");
    } catch (const perechen::Error& e) {
      CHECK(e.code() == perechen::ExitCode::failure);
      message = e.what();
    }
    perechen::set_language(perechen::Lang::ru);
    return message;
  };
  std::string bad = good;
  bad.replace(bad.find("260"), 3, "259");
  CHECK(error_of(bad) ==
        "data/calendar/2030.yaml:4: the built-in production calendar is broken: "
        "the lists give 260 working days, but working_days says 259");
  bad = good;
  bad.replace(bad.find("2030-01-01"), 10, "2030-01-05");  // a Saturday
  CHECK_THAT(error_of(bad), Catch::StartsWith("data/calendar/2030.yaml:6:") &&
                                Catch::Contains("2030-01-05 is a Saturday or Sunday"));
  bad = good;
  bad.replace(bad.find("2030-01-01"), 10, "2031-01-01");
  CHECK_THAT(error_of(bad), Catch::Contains("date 2031-01-01 is not in 2030"));
  bad = good;
  bad.replace(bad.find("2030-01-01"), 10, "2030-02-30");
  CHECK_THAT(error_of(bad), Catch::Contains("“2030-02-30” is not a date"));
  bad = good;
  bad.replace(bad.find("preliminary"), 11, "preliminery");
  CHECK_THAT(error_of(bad), Catch::Contains("data/calendar/2030.yaml:3:") &&
                                Catch::Contains("unknown field preliminery"));
  CHECK_THAT(error_of("year: [2030"), Catch::Contains("not readable as YAML"));
}

TEST_CASE("a registry's own year replaces the built-in one, and adds a year it lacks") {
  std::string text(perechen::embedded_file("data/calendar/2027.yaml").value());
  text.replace(text.find("preliminary: true"), 17, "preliminary: false");
  text.replace(text.find("working_days: 247"), 17, "working_days: 246");
  text.replace(text.find("  - 2027-05-03"), 0, "  - 2027-03-09\n");
  auto checked = perechen::calendar::check_year(text, 2027);
  REQUIRE(std::holds_alternative<perechen::calendar::Year>(checked));
  Calendar calendar = Calendar::builtin();
  CHECK(calendar.due_after(date("2027-03-01"), 5).date == date("2027-03-09"));
  calendar.replace_year(std::get<perechen::calendar::Year>(checked));
  CHECK(calendar.coverage(2027) == Coverage::official);
  const Due due = calendar.due_after(date("2027-03-01"), 5);
  CHECK(due.date == date("2027-03-10"));
  CHECK(due.official());
  CHECK(Calendar::builtin().coverage(2027) == Coverage::preliminary);

  // A year the shipped calendar lacks: no fallback, no warning.
  perechen::calendar::Year year_2028;
  year_2028.year = 2028;
  year_2028.source = "decree";
  CHECK(calendar.coverage(2028) == Coverage::uncovered);
  calendar.replace_year(year_2028);
  CHECK(calendar.coverage(2028) == Coverage::official);
  CHECK(calendar.due_after(date("2028-11-02"), 5).official());
}

TEST_CASE("check_year reports a broken registry year with its place, never throwing") {
  using perechen::calendar::YearProblem;
  const std::string text(perechen::embedded_file("data/calendar/2027.yaml").value());
  // Named after another year: at the year field.
  auto named = perechen::calendar::check_year(text, 2028);
  REQUIRE(std::holds_alternative<YearProblem>(named));
  CHECK(std::get<YearProblem>(named).column == 7);
  for (const std::string broken : {"", "- 1", "year: x", "year: 2027\n", "year: [1, 2]",
                                   ": :", "year: 99999999999999999999"}) {
    CAPTURE(broken);
    std::variant<perechen::calendar::Year, YearProblem> result;
    REQUIRE_NOTHROW(result = perechen::calendar::check_year(broken, 2027));
    REQUIRE(std::holds_alternative<YearProblem>(result));
    CHECK_FALSE(std::get<YearProblem>(result).message.empty());
  }
}
