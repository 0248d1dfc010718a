// SPDX-License-Identifier: Apache-2.0
#include "perechen/registry/calendar_files.hpp"

#include "perechen/calendar/date.hpp"
#include "perechen/i18n.hpp"
#include "perechen/yaml/parse.hpp"

namespace perechen {
namespace {

// The year a file is named after ("calendar/2027.yaml"), or nullopt for another name.
std::optional<int> year_of_name(std::string_view path) {
  std::string_view name = path.substr(path.rfind('/') + 1);
  if (name.size() != 9 || name.substr(4) != ".yaml")
    return std::nullopt;
  for (const char c : name.substr(0, 4)) {
    if (c < '0' || c > '9')
      return std::nullopt;
  }
  const std::optional<calendar::Date> first =
      calendar::Date::parse(std::string(name.substr(0, 4)) + "-01-01");
  if (!first || first->year < 1000)
    return std::nullopt;
  return first->year;
}

}  // namespace

std::optional<calendar::Year> read_calendar_file(const std::string& path, std::string_view bytes,
                                                 Diagnostics& out) {
  const std::optional<int> named = year_of_name(path);
  if (!named) {
    out.add("registry-calendar", Location{path, 0, 0}, tr("calendar.registry-file-name"));
    return std::nullopt;
  }
  // The guards of every registry file first: encoding, size, nesting, duplicate keys, aliases.
  Diagnostics parsed;
  const std::optional<yaml::Node> tree = yaml::parse(path, bytes, parsed);
  const bool trusted = tree.has_value();
  out.append(std::move(parsed));
  if (!trusted)
    return std::nullopt;
  auto checked = calendar::check_year(bytes, *named);
  if (auto* problem = std::get_if<calendar::YearProblem>(&checked)) {
    out.add("registry-calendar", Location{path, problem->line, problem->column},
            std::move(problem->message));
    return std::nullopt;
  }
  return std::get<calendar::Year>(std::move(checked));
}

std::vector<calendar::Year> read_calendar_files(
    const ContentSource& source, Diagnostics& out,
    std::map<std::string, std::string, std::less<>>* texts) {
  std::vector<calendar::Year> years;
  for (const std::string& path : source.calendar_files(out)) {
    if (!year_of_name(path)) {
      out.add("registry-calendar", Location{path, 0, 0}, tr("calendar.registry-file-name"));
      continue;
    }
    std::optional<std::string> bytes = source.read(path, out);
    if (!bytes)
      continue;
    if (auto year = read_calendar_file(path, *bytes, out))
      years.push_back(std::move(*year));
    if (texts != nullptr)
      texts->insert_or_assign(path, std::move(*bytes));
  }
  return years;
}

}  // namespace perechen
