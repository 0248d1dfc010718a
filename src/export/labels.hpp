// SPDX-License-Identifier: Apache-2.0
#pragma once

// Texts that every writer shows the same way: headings, the point's channel and contact, a need
// with its number of 2.6, the version and approvers above the table. All in the document's own
// language, which may differ from the language of messages.

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "perechen/export/document.hpp"

namespace perechen::exporting {

// A heading or label from data/messages/export.yaml in `lang`.
std::string label(Lang lang, std::string_view key);

template <typename... Args>
std::string label(Lang lang, std::string_view key, Args&&... args) {
  return fmt::vformat(message_template(key, lang), fmt::make_format_args(args...));
}

// The seven columns of the appendix form, in order.
std::vector<std::string> form_columns(Lang lang);

// 2026-03-05 as 05.03.2026 in Russian, unchanged in English; empty stays empty.
std::string display_date(std::string_view iso, Lang lang);

// "цифровая точка (Личный кабинет)": the channel of 1.3 and, when given, the kind.
std::string channel_line(const Row& row, Lang lang);
std::string channel_label(const Row& row, Lang lang);
// The url or the address (both when a point has both).
std::string contact(const Row& row);
// A link's text as people read it: the url without mailto:, a tel: number grouped as Russian
// numbers are written (tel:+74742220101 as +7 4742 22-01-01).
std::string contact_text(std::string_view url);
// The url when it is safe to make a link of (http, https, mailto, tel), else empty.
std::string link_target(std::string_view url);

std::string need_line(const NeedItem& need, Lang lang);
std::vector<std::string> need_lines(const Row& row, Lang lang);
// The clients' full titles, one a line: what data formats (csv, md) show.
std::vector<std::string> client_lines(const Row& row);
// What a document's cell shows (spec §6.1): «сотрудники ИОГВ/ОГУ» for a point that serves every
// client, else each client's short title (or its title when it has none), one a line, each but the
// last ending in «;».
std::vector<std::string> client_cells(const Row& row, Lang lang);
// The direction's and process's short titles, or their titles.
const std::string& direction_cell(const Row& row);
const std::string& process_cell(const Row& row);
// The heading of a group of the legend, and the legend's line for «сотрудники ИОГВ/ОГУ».
std::string legend_group(LegendEntry::Group group, Lang lang);
std::string every_client_legend(const Document& doc);

// A position inside a sentence: «Заместитель начальника» as «заместитель начальника»; a first word
// in capitals (an abbreviation such as «ОКУ») is kept.
std::string position_in_sentence(std::string_view position);
// The lines of the mark of a signature on the approval sheet (ГОСТ Р 7.0.97-2016, п. 5.23), the
// first one the mark's title; `owner` for an SSH key, whose mark names no owner of its own.
std::vector<std::string> mark_lines(const SignatureMark& mark, std::string_view owner, Lang lang);
// The roles an approver signed for, as a sentence part: «владелец процесса «…»; куратор …».
std::string role_line(const Approver& approver, const Document& doc);

// «Приложение\nк приказу Управления финансов …\nот <date> № <number>»: the mark of the appendix,
// the organisation in the genitive; blanks to fill in by hand for an empty number or date.
std::string order_mark(const Document& doc, const std::string& number, const std::string& date);

// "согласована 05.03.2026, коммит 0123456789ab" and the like.
std::string version_line(const Version& version, Lang lang);
// The version as a visitor of the site reads it: a date, no words of git ("согласована
// 05.03.2026").
std::string public_version_line(const Version& version, Lang lang);
// "Иванова Анна Петровна, Заместитель начальника…, 05.03.2026", one per approver.
std::vector<std::string> approver_lines(const Version& version, Lang lang);

std::string join(const std::vector<std::string>& parts, std::string_view separator);

// `text` without the characters XML 1.0 forbids or discourages and that no reader of our formats
// shows: C0 controls other than tab and line feed, DEL, C1 controls (U+0080..U+009F), surrogates
// and the non-characters U+FFFE and U+FFFF; a byte that is not UTF-8 at all is dropped too. The
// one rule for every writer (docx, xlsx, html, csv, md), so that none can write a file its reader
// refuses.
std::string printable(std::string_view text);

// The one XML and HTML escaper: appends printable(text) with & < > " ' written as entities, as
// both HTML and XML read them.
void append_markup_escaped(std::string& out, std::string_view text);

// A cell of a Markdown table: pipes and markup escaped, line breaks as <br>.
std::string markdown_cell(std::string_view text);

}  // namespace perechen::exporting
