#include "labels.hpp"

namespace perechen::exporting {

std::string label(Lang lang, std::string_view key) {
  return std::string(message_template(key, lang));
}

std::vector<std::string> form_columns(Lang lang) {
  return {label(lang, "export.col-number"),  label(lang, "export.col-direction"),
          label(lang, "export.col-process"), label(lang, "export.col-point"),
          label(lang, "export.col-client"),  label(lang, "export.col-value"),
          label(lang, "export.col-needs")};
}

std::string display_date(std::string_view iso, Lang lang) {
  if (lang == Lang::en || iso.size() != 10)
    return std::string(iso);
  std::string result;
  result.append(iso.substr(8, 2)).append(".").append(iso.substr(5, 2)).append(".");
  result.append(iso.substr(0, 4));
  return result;
}

std::string channel_label(const Row& row, Lang lang) {
  if (row.channel == "digital")
    return label(lang, "export.channel-digital");
  if (row.channel == "offline")
    return label(lang, "export.channel-offline");
  return row.channel;
}

std::string channel_line(const Row& row, Lang lang) {
  std::string result = channel_label(row, lang);
  if (!row.kind_title.empty())
    result += " (" + row.kind_title + ")";
  return result;
}

std::string contact(const Row& row) {
  if (!row.url.empty() && !row.address.empty())
    return row.url + "; " + row.address;
  return row.url.empty() ? row.address : row.url;
}

std::string contact_text(std::string_view url) {
  for (std::string_view scheme : {"mailto:", "tel:"}) {
    if (url.substr(0, scheme.size()) == scheme)
      return std::string(url.substr(scheme.size()));
  }
  return std::string(url);
}

std::string link_target(std::string_view url) {
  for (std::string_view scheme : {"https://", "http://", "mailto:", "tel:"}) {
    if (url.substr(0, scheme.size()) == scheme)
      return std::string(url);
  }
  return {};
}

std::string need_line(const NeedItem& need, Lang lang) {
  if (need.description.empty()) {
    return label(lang, "export.need", fmt::arg("number", need.number),
                 fmt::arg("title", need.title));
  }
  return label(lang, "export.need-described", fmt::arg("number", need.number),
               fmt::arg("title", need.title), fmt::arg("description", need.description));
}

std::vector<std::string> need_lines(const Row& row, Lang lang) {
  std::vector<std::string> lines;
  lines.reserve(row.needs.size());
  for (const auto& need : row.needs)
    lines.push_back(need_line(need, lang));
  return lines;
}

std::vector<std::string> client_lines(const Row& row) {
  std::vector<std::string> lines;
  lines.reserve(row.clients.size());
  for (const auto& client : row.clients)
    lines.push_back(client.title);
  return lines;
}

std::string version_line(const Version& version, Lang lang) {
  std::string commit = version.commit.substr(0, 12);
  if (version.approved) {
    return label(lang, "export.version-approved",
                 fmt::arg("date", display_date(version.approved_on, lang)),
                 fmt::arg("commit", commit));
  }
  if (version.commit.empty())
    return label(lang, "export.version-worktree");
  return label(lang, "export.version-commit", fmt::arg("commit", commit),
               fmt::arg("date", display_date(version.commit_date, lang)));
}

std::vector<std::string> approver_lines(const Version& version, Lang lang) {
  std::vector<std::string> lines;
  for (const auto& a : version.approvers) {
    lines.push_back(label(lang, "export.approver", fmt::arg("name", a.name),
                          fmt::arg("position", a.position),
                          fmt::arg("date", display_date(a.date, lang))));
  }
  return lines;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string result;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0)
      result += separator;
    result += parts[i];
  }
  return result;
}

}  // namespace perechen::exporting
