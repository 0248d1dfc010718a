// SPDX-License-Identifier: Apache-2.0
#include "labels.hpp"

#include <algorithm>
#include <cctype>

#include "perechen/text.hpp"

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

namespace {

// +7 and ten digits as Russian numbers are written: a mobile or a three-digit city code
// (+7 912 345-67-89, +7 495 123-45-67), else a four-digit code, as most regional cities have
// (+7 4742 22-01-01). Anything else is shown as written.
std::string phone_text(std::string_view number) {
  std::string digits;
  for (char c : number) {
    if (std::isdigit(static_cast<unsigned char>(c)) != 0)
      digits += c;
    else if (c != '+' && c != '-' && c != ' ' && c != '(' && c != ')')
      return std::string(number);
  }
  if (digits.size() != 11 || (digits[0] != '7' && digits[0] != '8') || number.empty() ||
      (number[0] == '+') != (digits[0] == '7')) {
    return std::string(number);
  }
  std::string code = digits.substr(1, 3);
  bool three = code[0] == '9' || code == "495" || code == "499" || code == "812";
  std::size_t length = three ? 3 : 4;
  std::string rest = digits.substr(1 + length);
  std::string result = (digits[0] == '7' ? "+7 " : "8 ") + digits.substr(1, length) + " ";
  // The subscriber's number: 123-45-67 or 22-01-01.
  std::size_t head = rest.size() - 4;
  result += rest.substr(0, head) + "-" + rest.substr(head, 2) + "-" + rest.substr(head + 2);
  return result;
}

}  // namespace

std::string contact_text(std::string_view url) {
  if (url.substr(0, 7) == "mailto:")
    return std::string(url.substr(7));
  if (url.substr(0, 4) == "tel:")
    return phone_text(url.substr(4));
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

std::vector<std::string> client_cells(const Row& row, Lang lang) {
  if (row.every_client)
    return {label(lang, "export.every-client")};
  std::vector<std::string> lines;
  lines.reserve(row.clients.size());
  for (const auto& client : row.clients)
    lines.push_back(client.short_title.empty() ? client.title : client.short_title);
  // Several clients are a list: each on a line of its own, all but the last closed by «;», so
  // that they never run together where a cell is read as a text.
  for (std::size_t i = 0; i + 1 < lines.size(); ++i)
    lines[i] += ';';
  return lines;
}

const std::string& direction_cell(const Row& row) {
  return row.direction_short.empty() ? row.direction_title : row.direction_short;
}

const std::string& process_cell(const Row& row) {
  return row.process_short.empty() ? row.process_title : row.process_short;
}

std::string legend_group(LegendEntry::Group group, Lang lang) {
  switch (group) {
    case LegendEntry::Group::client:
      return label(lang, "export.legend-client");
    case LegendEntry::Group::direction:
      return label(lang, "export.legend-direction");
    case LegendEntry::Group::process:
      return label(lang, "export.legend-process");
  }
  return {};
}

std::string every_client_legend(const Document& doc) {
  return label(doc.lang, "export.legend-every-client",
               fmt::arg("clients", join(doc.every_client, "; ")));
}

std::string position_in_sentence(std::string_view position) {
  // Cyrillic capitals А..Я are D0 90..D0 AF; their small letters а..п D0 B0..BF, р..я D1 80..8F.
  if (position.size() >= 4 && static_cast<unsigned char>(position[0]) == 0xD0) {
    auto second = static_cast<unsigned char>(position[1]);
    auto next_lead = static_cast<unsigned char>(position[2]);
    auto next = static_cast<unsigned char>(position[3]);
    bool next_small = (next_lead == 0xD0 && next >= 0xB0) || (next_lead == 0xD1 && next <= 0x8F);
    if (second >= 0x90 && second <= 0xAF && next_small) {
      std::string result(position);
      if (second < 0xA0) {
        result[1] = static_cast<char>(second + 0x20);
      } else {
        result[0] = static_cast<char>(0xD1);
        result[1] = static_cast<char>(second - 0x20);
      }
      return result;
    }
  }
  if (position.size() >= 2 && std::isupper(static_cast<unsigned char>(position[0])) != 0 &&
      std::islower(static_cast<unsigned char>(position[1])) != 0) {
    std::string result(position);
    result[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(result[0])));
    return result;
  }
  return std::string(position);
}

std::vector<std::string> mark_lines(const SignatureMark& mark, std::string_view owner, Lang lang) {
  std::vector<std::string> lines;
  if (mark.kind == SignatureMark::Kind::certificate) {
    lines.push_back(label(lang, "export.mark-title-certificate"));
    lines.push_back(label(lang, "export.mark-certificate", fmt::arg("serial", mark.serial)));
    lines.push_back(label(lang, "export.mark-owner", fmt::arg("owner", mark.owner)));
    if (!mark.issuer.empty())
      lines.push_back(label(lang, "export.mark-issuer", fmt::arg("issuer", mark.issuer)));
    lines.push_back(label(lang, "export.mark-valid",
                          fmt::arg("from", display_date(mark.valid_from, lang)),
                          fmt::arg("to", display_date(mark.valid_to, lang))));
    return lines;
  }
  lines.push_back(label(lang, "export.mark-title-ssh"));
  lines.push_back(label(lang, "export.mark-key", fmt::arg("fingerprint", mark.fingerprint)));
  lines.push_back(label(lang, "export.mark-owner", fmt::arg("owner", owner)));
  return lines;
}

std::string role_line(const Approver& approver, const Document& doc) {
  auto title_of = [&](const std::string& role, const std::string& scope) -> std::string {
    for (const auto& row : doc.rows) {
      if (role == "process_owner" && row.process_id == scope)
        return row.process_title;
      if (role == "direction_curator" && row.direction_id == scope)
        return row.direction_title;
    }
    return scope;
  };
  std::vector<std::string> parts;
  for (const auto& role : approver.roles) {
    std::string part = label(doc.lang, "export.role-" + role.role,
                             fmt::arg("scope", title_of(role.role, role.scope)));
    if (std::find(parts.begin(), parts.end(), part) == parts.end())
      parts.push_back(std::move(part));
  }
  return join(parts, "; ");
}

namespace {

// «Управление финансов …» as the order's author in «Приложение к приказу Управления финансов …»:
// the first word in the genitive, for the heads of names Russian bodies have (управление,
// министерство, департамент, комитет, администрация, инспекция); any other name as written.
std::string organization_genitive(const std::string& organization) {
  std::size_t space = organization.find(' ');
  std::string head = organization.substr(0, space);
  std::string rest = space == std::string::npos ? std::string() : organization.substr(space);
  auto ends = [&](std::string_view tail) {
    return head.size() >= tail.size() &&
           head.compare(head.size() - tail.size(), tail.size(), tail.data(), tail.size()) == 0;
  };
  auto replace_tail = [&](std::size_t bytes, std::string_view with) {
    return head.substr(0, head.size() - bytes) + std::string(with) + rest;
  };
  if (ends("ние"))  // управление
    return replace_tail(2, "я");
  if (ends("ство"))  // министерство
    return replace_tail(2, "а");
  if (ends("ция"))  // администрация, инспекция
    return replace_tail(2, "и");
  if (ends("мент") || ends("тет"))  // департамент, комитет
    return head + "а" + rest;
  return organization;
}

}  // namespace

std::string order_mark(const Document& doc, const std::string& number, const std::string& date) {
  const Lang lang = doc.lang;
  std::string shown_date =
      date.empty() ? label(lang, "export.order-blank-date") : display_date(date, lang);
  std::string shown_number = number.empty() ? label(lang, "export.order-blank-number") : number;
  std::string organization =
      lang == Lang::ru ? organization_genitive(doc.organization) : doc.organization;
  return label(lang, "export.order-appendix-of", fmt::arg("organization", organization),
               fmt::arg("date", shown_date), fmt::arg("number", shown_number));
}

std::string version_line(const Version& version, Lang lang) {
  std::string commit = version.commit.substr(0, 12);
  if (version.approved && !version.anchor.empty()) {
    return label(lang, "export.version-pinned",
                 fmt::arg("date", display_date(version.approved_on, lang)),
                 fmt::arg("commit", commit), fmt::arg("anchor", version.anchor.substr(0, 12)));
  }
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

std::string public_version_line(const Version& version, Lang lang) {
  if (version.approved)
    return label(lang, "export.version-public-approved",
                 fmt::arg("date", display_date(version.approved_on, lang)));
  if (!version.commit_date.empty())
    return label(lang, "export.version-public-draft",
                 fmt::arg("date", display_date(version.commit_date, lang)));
  return label(lang, "export.version-public-worktree");
}

std::vector<std::string> approver_lines(const Version& version, Lang lang) {
  std::vector<std::string> lines;
  for (const auto& a : version.approvers) {
    lines.push_back(label(lang, "export.approver", fmt::arg("name", a.name),
                          fmt::arg("position", position_in_sentence(a.position)),
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

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    auto lead = static_cast<unsigned char>(text[i]);
    // The length of the sequence and its code point; a malformed one is one byte long and dropped.
    std::size_t length = 1;
    char32_t code = lead;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      code = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      code = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      code = lead & 0x07;
    } else if (lead >= 0x80) {
      ++i;
      continue;
    }
    bool whole = i + length <= text.size();
    for (std::size_t k = 1; whole && k < length; ++k) {
      auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80)
        whole = false;
      code = (code << 6) | (next & 0x3F);
    }
    // Overlong forms and code points past U+10FFFF are not UTF-8 either.
    if (!whole || (length == 3 && code < 0x800) ||
        (length == 4 && (code < 0x10000 || code > 0x10FFFF))) {
      ++i;
      continue;
    }
    bool allowed =
        code == '\t' || code == '\n' || (code >= 0x20 && code < 0x7F) ||
        (code >= 0xA0 && !(code >= 0xD800 && code <= 0xDFFF) && code != 0xFFFE && code != 0xFFFF);
    if (allowed)
      out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

void append_markup_escaped(std::string& out, std::string_view text) {
  for (char c : printable(text)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

}  // namespace perechen::exporting
