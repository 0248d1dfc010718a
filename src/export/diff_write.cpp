// SPDX-License-Identifier: Apache-2.0
// The printers of `perechen diff`: text for the terminal, Markdown for a pull request comment,
// JSON for tools. All three say the same: rows added, removed and changed in the order of the list,
// the fields that changed with their values before and after, and the reason of clause 3.3.

#include <nlohmann/json.hpp>

#include "labels.hpp"
#include "perechen/export/diff.hpp"

namespace perechen::exporting {
namespace {

using approval::PointChangeKind;
using approval::ProcessChangeKind;

std::string side_text(const Side& side, Lang lang) {
  std::string commit = side.commit.substr(0, 12);
  if (side.revision == "worktree")
    return label(lang, "diff.side-worktree");
  if (side.revision == "approved") {
    if (side.commit.empty())
      return label(lang, "diff.side-nothing");
    return label(lang, "diff.side-approved", fmt::arg("commit", commit));
  }
  return label(lang, "diff.side-commit", fmt::arg("revision", side.revision),
               fmt::arg("commit", commit));
}

std::string reason_text(Reason reason, Lang lang) {
  return label(lang, "diff.reason-" + std::string(clause_of(reason)));
}

std::string reasons_text(const RowDiff& row, Lang lang) {
  if (row.unreadable)
    return "—";
  if (row.reasons.empty())
    return label(lang, "diff.editorial");
  std::vector<std::string> parts;
  for (Reason r : row.reasons)
    parts.push_back(reason_text(r, lang));
  return join(parts, "; ");
}

std::string change_word(PointChangeKind kind, Lang lang) {
  return label(lang, "diff.change-" + std::string(approval::to_string(kind)));
}

char change_mark(PointChangeKind kind) {
  switch (kind) {
    case PointChangeKind::added:
      return '+';
    case PointChangeKind::removed:
      return '-';
    case PointChangeKind::changed:
      return '~';
  }
  return '~';
}

// What a changed row without fields means: the file's layout, or a version that does not parse.
std::string no_fields_text(const RowDiff& row, Lang lang) {
  return label(lang, row.unreadable ? "diff.unreadable" : "diff.layout-only");
}

std::string process_text(const ProcessDiff& p, Lang lang) {
  switch (p.change) {
    case ProcessChangeKind::added:
      return label(lang, "diff.process-added", fmt::arg("title", p.title_after),
                   fmt::arg("direction", p.direction_after));
    case ProcessChangeKind::removed:
      return label(lang, "diff.process-removed", fmt::arg("title", p.title_before),
                   fmt::arg("direction", p.direction_before));
    case ProcessChangeKind::renamed:
      return label(lang, "diff.process-renamed", fmt::arg("before", p.title_before),
                   fmt::arg("after", p.title_after));
    case ProcessChangeKind::moved:
      return label(lang, "diff.process-moved", fmt::arg("title", p.title_after),
                   fmt::arg("before", p.direction_before), fmt::arg("after", p.direction_after));
  }
  return p.id;
}

std::string process_reason(const ProcessDiff& p, Lang lang) {
  return p.reason ? reason_text(*p.reason, lang) : label(lang, "diff.editorial");
}

std::string row_title(const RowDiff& row) {
  std::vector<std::string> parts;
  if (!row.direction.empty())
    parts.push_back(row.direction);
  parts.push_back(row.process);
  parts.push_back(row.name);
  return join(parts, " / ");
}

std::string summary(const ListDiff& diff, Lang lang) {
  return label(lang, "diff.summary", fmt::arg("added", diff.count(PointChangeKind::added)),
               fmt::arg("removed", diff.count(PointChangeKind::removed)),
               fmt::arg("changed", diff.count(PointChangeKind::changed)));
}

std::string write_text(const ListDiff& diff, Lang lang) {
  std::string out = label(lang, "diff.title", fmt::arg("from", side_text(diff.from, lang)),
                          fmt::arg("to", side_text(diff.to, lang))) +
                    "\n";
  if (diff.identical)
    return out + label(lang, "diff.identical") + "\n";
  out += summary(diff, lang) + "\n";
  for (const auto& row : diff.rows) {
    out += "\n";
    out += change_mark(row.change);
    out += " " + row_title(row) + "\n    " + row.file + "\n";
    if (!row.previous_process.empty()) {
      out += "    " + label(lang, "diff.moved", fmt::arg("process", row.previous_process)) + "\n";
    }
    if (row.change == PointChangeKind::changed && row.fields.empty()) {
      out += "    " + no_fields_text(row, lang) + "\n";
    }
    for (const auto& f : row.fields) {
      for (const auto& line : field_lines(f, lang))
        out += "    " + line + "\n";
    }
    for (const auto& f : row.content) {
      for (const auto& line : content_lines(f, lang))
        out += "    " + line + "\n";
    }
    if (!row.unreadable)
      out += "    " + reasons_text(row, lang) + "\n";
  }
  if (!diff.processes.empty()) {
    out += "\n" + label(lang, "diff.processes") + ":\n";
    for (const auto& p : diff.processes) {
      out += "  " + process_text(p, lang) + " — " + process_reason(p, lang) + "\n";
    }
  }
  if (diff.settings_changed) {
    out += "\n" + settings_line(diff, lang) + "\n";
    for (const auto& f : diff.settings_fields) {
      for (const auto& line : field_lines(f, lang))
        out += "  " + line + "\n";
    }
  }
  if (diff.roster_changed) {
    out += "\n" + label(lang, "diff.roster") + "\n";
    for (const auto& line : approval::describe_roster_change(diff.roster))
      out += "  " + line + "\n";
  }
  return out;
}

std::string write_md(const ListDiff& diff, Lang lang) {
  std::string out =
      "### " +
      markdown_cell(label(lang, "diff.title", fmt::arg("from", side_text(diff.from, lang)),
                          fmt::arg("to", side_text(diff.to, lang)))) +
      "\n\n";
  if (diff.identical)
    return out + markdown_cell(label(lang, "diff.identical")) + "\n";
  out += markdown_cell(summary(diff, lang)) + "\n";
  if (!diff.rows.empty()) {
    out += "\n| " + markdown_cell(label(lang, "diff.col-change")) + " | " +
           markdown_cell(label(lang, "diff.col-row")) + " | " +
           markdown_cell(label(lang, "diff.col-fields")) + " | " +
           markdown_cell(label(lang, "diff.col-reason")) + " |\n|---|---|---|---|\n";
    for (const auto& row : diff.rows) {
      std::vector<std::string> fields;
      if (!row.previous_process.empty()) {
        fields.push_back(
            markdown_cell(label(lang, "diff.moved", fmt::arg("process", row.previous_process))));
      }
      if (row.change == PointChangeKind::changed && row.fields.empty()) {
        fields.push_back(markdown_cell(no_fields_text(row, lang)));
      }
      for (const auto& f : row.fields) {
        for (const auto& line : field_lines(f, lang))
          fields.push_back(markdown_cell(line));
      }
      for (const auto& f : row.content) {
        for (const auto& line : content_lines(f, lang))
          fields.push_back(markdown_cell(line));
      }
      out += "| " + markdown_cell(change_word(row.change, lang)) + " | " +
             markdown_cell(row_title(row)) + "<br>`" + row.file + "` | " + join(fields, "<br>") +
             " | " + markdown_cell(reasons_text(row, lang)) + " |\n";
    }
  }
  if (!diff.processes.empty()) {
    out += "\n**" + markdown_cell(label(lang, "diff.processes")) + "**\n\n";
    for (const auto& p : diff.processes) {
      out += "- " + markdown_cell(process_text(p, lang)) + " — " +
             markdown_cell(process_reason(p, lang)) + "\n";
    }
  }
  if (diff.settings_changed) {
    out += "\n" + markdown_cell(settings_line(diff, lang)) + "\n";
    if (!diff.settings_fields.empty())
      out += "\n";
    for (const auto& f : diff.settings_fields) {
      for (const auto& line : field_lines(f, lang))
        out += "- " + markdown_cell(line) + "\n";
    }
  }
  if (diff.roster_changed) {
    // As `status --format md` has always titled it, for the note that shows this.
    out += "\n**" + markdown_cell(label(lang, "roster-change.title")) + "**\n\n" +
           approval::roster_change_markdown(diff.roster);
  }
  return out;
}

std::string html(std::string_view text) {
  std::string out;
  append_markup_escaped(out, text);
  return out;
}

// Lines of a cell, each escaped, one under another.
std::string html_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    if (!out.empty())
      out += "<br>";
    out += html(line);
  }
  return out;
}

// A document to read or print before signing: the same as the text, whole, on A4.
std::string write_html(const ListDiff& diff, Lang lang) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + std::string(lang == Lang::ru ? "ru" : "en") +
                    "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                    html(label(lang, "diff.html-title")) +
                    "</title>\n<style>\n"
                    "@page { size: A4 landscape; margin: 15mm; }\n"
                    "body { font-family: 'Times New Roman', 'Liberation Serif', serif; "
                    "font-size: 12pt; }\n"
                    "table { border-collapse: collapse; width: 100%; }\n"
                    "th, td { border: 1px solid #000; padding: 4px 6px; vertical-align: top; "
                    "text-align: left; }\n"
                    "thead { display: table-header-group; }\n"
                    "tr { page-break-inside: avoid; }\n"
                    "code { font-family: 'DejaVu Sans Mono', monospace; font-size: 10pt; }\n"
                    ".sign { margin-top: 24pt; }\n"
                    "</style>\n</head>\n<body>\n";
  out += "<h1>" + html(label(lang, "diff.html-title")) + "</h1>\n";
  out += "<p>" +
         html(label(lang, "diff.title", fmt::arg("from", side_text(diff.from, lang)),
                    fmt::arg("to", side_text(diff.to, lang)))) +
         "</p>\n";
  if (diff.identical) {
    out += "<p>" + html(label(lang, "diff.identical")) + "</p>\n</body>\n</html>\n";
    return out;
  }
  out += "<p>" + html(summary(diff, lang)) + "</p>\n";
  if (!diff.rows.empty()) {
    out += "<table>\n<thead><tr><th>" + html(label(lang, "diff.col-change")) + "</th><th>" +
           html(label(lang, "diff.col-row")) + "</th><th>" + html(label(lang, "diff.col-fields")) +
           "</th><th>" + html(label(lang, "diff.col-reason")) + "</th></tr></thead>\n<tbody>\n";
    for (const auto& row : diff.rows) {
      std::vector<std::string> lines;
      if (!row.previous_process.empty())
        lines.push_back(label(lang, "diff.moved", fmt::arg("process", row.previous_process)));
      if (row.change == PointChangeKind::changed && row.fields.empty())
        lines.push_back(no_fields_text(row, lang));
      for (const auto& f : row.fields) {
        for (const auto& line : field_lines(f, lang))
          lines.push_back(line);
      }
      for (const auto& f : row.content) {
        for (const auto& line : content_lines(f, lang))
          lines.push_back(line);
      }
      out += "<tr><td>" + html(change_word(row.change, lang)) + "</td><td>" + html(row_title(row)) +
             "<br><code>" + html(row.file) + "</code></td><td>" + html_lines(lines) + "</td><td>" +
             html(reasons_text(row, lang)) + "</td></tr>\n";
    }
    out += "</tbody>\n</table>\n";
  }
  if (!diff.processes.empty()) {
    out += "<h2>" + html(label(lang, "diff.processes")) + "</h2>\n<ul>\n";
    for (const auto& p : diff.processes) {
      out += "<li>" + html(process_text(p, lang) + " — " + process_reason(p, lang)) + "</li>\n";
    }
    out += "</ul>\n";
  }
  if (diff.settings_changed) {
    out += "<h2>" + html(settings_line(diff, lang)) + "</h2>\n";
    if (!diff.settings_fields.empty()) {
      out += "<ul>\n";
      for (const auto& f : diff.settings_fields)
        out += "<li>" + html_lines(field_lines(f, lang)) + "</li>\n";
      out += "</ul>\n";
    }
  }
  if (diff.roster_changed) {
    out += "<h2>" + html(label(lang, "diff.roster")) + "</h2>\n<ul>\n";
    for (const auto& line : approval::describe_roster_change(diff.roster))
      out += "<li>" + html(line) + "</li>\n";
    out += "</ul>\n";
  }
  out += "<p class=\"sign\">" + html(label(lang, "diff.html-sign")) + "</p>\n</body>\n</html>\n";
  return out;
}

using Json = nlohmann::ordered_json;

Json text_or_null(const std::string& value) {
  return value.empty() ? Json(nullptr) : Json(value);
}

Json side_json(const Side& side) {
  return {{"revision", side.revision}, {"commit", text_or_null(side.commit)}};
}

Json field_json(const std::vector<FieldDiff>& list) {
  Json fields = Json::array();
  for (const auto& f : list) {
    fields.push_back({{"field", f.field},
                      {"before", f.before},
                      {"after", f.after},
                      {"added", f.added},
                      {"removed", f.removed},
                      {"reason", f.reason ? Json(std::string(clause_of(*f.reason))) : Json()}});
  }
  return fields;
}

std::string write_json(const ListDiff& diff) {
  Json rows = Json::array();
  for (const auto& row : diff.rows) {
    Json fields = field_json(row.fields);
    Json content = Json::array();
    for (const auto& f : row.content)
      content.push_back({{"field", f.field}, {"value", f.value}, {"items", f.items}});
    Json reasons = Json::array();
    for (Reason r : row.reasons)
      reasons.push_back(std::string(clause_of(r)));
    rows.push_back({{"change", std::string(approval::to_string(row.change))},
                    {"file", row.file},
                    {"direction", row.direction},
                    {"process", {{"id", row.process_id}, {"title", row.process}}},
                    {"point", row.name},
                    {"moved_from", text_or_null(row.previous_process)},
                    {"fields", std::move(fields)},
                    {"content", std::move(content)},
                    {"reasons", std::move(reasons)},
                    {"editorial", row.reasons.empty()}});
  }
  Json processes = Json::array();
  for (const auto& p : diff.processes) {
    processes.push_back({{"change", std::string(approval::to_string(p.change))},
                         {"id", p.id},
                         {"title_before", text_or_null(p.title_before)},
                         {"title_after", text_or_null(p.title_after)},
                         {"direction_before", text_or_null(p.direction_before)},
                         {"direction_after", text_or_null(p.direction_after)},
                         {"reason", p.reason ? Json(std::string(clause_of(*p.reason))) : Json()}});
  }
  Json root = {
      {"from", side_json(diff.from)},
      {"to", side_json(diff.to)},
      {"first_version", diff.first_version},
      {"identical", diff.identical},
      {"summary",
       {{"added", diff.count(PointChangeKind::added)},
        {"removed", diff.count(PointChangeKind::removed)},
        {"changed", diff.count(PointChangeKind::changed)}}},
      {"rows", std::move(rows)},
      {"processes", std::move(processes)},
      {"settings",
       {{"changed", diff.settings_changed},
        {"keys", diff.settings},
        {"fields", field_json(diff.settings_fields)}}},
      {"roster_changed", diff.roster_changed},
      {"roster", diff.roster_changed ? approval::roster_change_json(diff.roster) : Json(nullptr)}};
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string write_diff(const ListDiff& diff, DiffFormat format, Lang lang) {
  switch (format) {
    case DiffFormat::text:
      return write_text(diff, lang);
    case DiffFormat::json:
      return write_json(diff);
    case DiffFormat::md:
      return write_md(diff, lang);
    case DiffFormat::html:
      return write_html(diff, lang);
  }
  return {};
}

}  // namespace perechen::exporting
