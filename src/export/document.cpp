// SPDX-License-Identifier: Apache-2.0
#include "perechen/export/document.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

#include "perechen/catalog.hpp"
#include "perechen/error.hpp"
#include "perechen/text.hpp"

namespace perechen::exporting {
namespace {

constexpr std::size_t kUnknown = std::numeric_limits<std::size_t>::max();

struct Place {
  std::size_t direction = kUnknown;
  std::size_t process = kUnknown;
};

Place place_of(const Config& config, std::string_view process) {
  for (std::size_t d = 0; d < config.directions.size(); ++d) {
    const auto& processes = config.directions[d].processes;
    for (std::size_t p = 0; p < processes.size(); ++p) {
      if (processes[p].id.value == process)
        return {d, p};
    }
  }
  return {};
}

std::string kind_title(const Config& config, const std::string& kind, Lang lang) {
  if (kind.empty())
    return {};
  if (const auto* custom = config.find_kind(kind))
    return custom->title.value;
  if (const auto* builtin = find_builtin_kind(kind)) {
    return lang == Lang::ru ? builtin->title_ru : builtin->title_en;
  }
  return kind;
}

std::vector<Client> clients_of(const Config& config, const Point& point) {
  std::vector<Client> result;
  // The order of perechen.yaml, so that every row lists the same clients the same way.
  for (const auto& entry : config.clients) {
    bool listed = std::any_of(point.clients.begin(), point.clients.end(),
                              [&](const LocatedText& c) { return c.value == entry.id.value; });
    if (listed)
      result.push_back({entry.id.value, entry.title.value, entry.short_title.value});
  }
  for (const auto& c : point.clients) {
    if (config.find_client(c.value) == nullptr)
      result.push_back({c.value, c.value, {}});
  }
  return result;
}

std::vector<NeedItem> needs_of(const Point& point, Lang lang) {
  std::vector<NeedItem> result;
  for (const auto& need : point.needs) {
    NeedItem item;
    item.code = need.code.value;
    item.description = need.description.value;
    if (const auto* info = find_need(item.code)) {
      item.number = info->number;
      item.title = title(*info, lang);
    } else {
      item.number = std::numeric_limits<int>::max();
      item.title = item.code;
    }
    result.push_back(std::move(item));
  }
  std::stable_sort(result.begin(), result.end(),
                   [](const NeedItem& a, const NeedItem& b) { return a.number < b.number; });
  for (auto& item : result) {
    if (item.number == std::numeric_limits<int>::max())
      item.number = 0;
  }
  return result;
}

// A short title stands in the table for its full one only when it says something shorter.
bool shortened(const LocatedText& short_title, const LocatedText& title) {
  return !text::trim(short_title.value).empty() && short_title.value != title.value;
}

std::vector<LegendEntry> legend_of(const Config& config, const std::vector<Row>& rows) {
  using Group = LegendEntry::Group;
  std::vector<LegendEntry> legend;
  auto used = [&](auto&& pred) { return std::any_of(rows.begin(), rows.end(), pred); };
  for (const auto& client : config.clients) {
    bool shown = used([&](const Row& r) {
      return !r.every_client &&
             std::any_of(r.clients.begin(), r.clients.end(),
                         [&](const Client& c) { return c.id == client.id.value; });
    });
    if (shown && shortened(client.short_title, client.title))
      legend.push_back({Group::client, client.short_title.value, client.title.value});
  }
  for (const auto& direction : config.directions) {
    if (shortened(direction.short_title, direction.title) &&
        used([&](const Row& r) { return r.direction_id == direction.id.value; })) {
      legend.push_back({Group::direction, direction.short_title.value, direction.title.value});
    }
  }
  for (const auto& direction : config.directions) {
    for (const auto& process : direction.processes) {
      if (shortened(process.short_title, process.title) &&
          used([&](const Row& r) { return r.process_id == process.id.value; })) {
        legend.push_back({Group::process, process.short_title.value, process.title.value});
      }
    }
  }
  return legend;
}

}  // namespace

RowKey row_key(const Row& row, const Config& config) {
  Place place = place_of(config, row.process_id);
  return RowKey{place.direction, place.process, text::normalize_name(row.name), row.name, row.file};
}

Row make_row(const Point& point, const Config& config, Lang lang) {
  Row row;
  row.file = point.file;
  row.process_id = point.process.value;
  if (const Direction* direction = config.direction_of(row.process_id)) {
    row.direction_id = direction->id.value;
    const Process* process = config.find_process(row.process_id);
    row.direction_title = direction->title.value;
    row.direction_short = direction->short_title.value;
    row.process_title = process->title.value;
    row.process_short = process->short_title.value;
  } else {
    row.process_title = row.process_id;
  }
  row.name = point.name.value;
  row.channel = point.channel.value;
  row.kind = point.kind.value;
  row.kind_title = kind_title(config, row.kind, lang);
  row.url = point.url.value;
  row.address = point.address.value;
  row.clients = clients_of(config, point);
  row.every_client = config.clients.size() > 1 &&
                     std::all_of(config.clients.begin(), config.clients.end(), [&](const Entry& e) {
                       return std::any_of(row.clients.begin(), row.clients.end(),
                                          [&](const Client& c) { return c.id == e.id.value; });
                     });
  row.value = point.value.value;
  row.needs = needs_of(point, lang);
  return row;
}

Document build_document(const Registry& registry, Version version, Lang lang) {
  if (!registry.config) {
    throw Error(ExitCode::failure, tr("export.no-config"));
  }
  const Config& config = *registry.config;
  Document doc;
  doc.lang = lang;
  doc.title = config.title.value;
  doc.organization = config.organization.value;
  doc.version = std::move(version);

  std::vector<std::pair<RowKey, Row>> keyed;
  keyed.reserve(registry.points.size());
  for (const auto& point : registry.points) {
    Row row = make_row(point, config, lang);
    RowKey key = row_key(row, config);
    keyed.emplace_back(std::move(key), std::move(row));
  }
  std::sort(keyed.begin(), keyed.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  doc.rows.reserve(keyed.size());
  int number = 0;
  for (auto& [key, row] : keyed) {
    row.number = ++number;
    doc.rows.push_back(std::move(row));
  }
  doc.legend = legend_of(config, doc.rows);
  if (std::any_of(doc.rows.begin(), doc.rows.end(), [](const Row& r) { return r.every_client; })) {
    for (const auto& client : config.clients)
      doc.every_client.push_back(client.title.value);
  }
  return doc;
}

std::vector<std::size_t> group_spans(const std::vector<Row>& rows, bool by_process) {
  std::vector<std::size_t> spans(rows.size(), 0);
  auto same = [&](const Row& a, const Row& b) {
    if (a.direction_id != b.direction_id)
      return false;
    return !by_process || a.process_id == b.process_id;
  };
  std::size_t start = 0;
  for (std::size_t i = 1; i <= rows.size(); ++i) {
    if (i == rows.size() || !same(rows[start], rows[i])) {
      spans[start] = i - start;
      start = i;
    }
  }
  return spans;
}

}  // namespace perechen::exporting
