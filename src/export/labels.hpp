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
// A link's text: the url without mailto: or tel:.
std::string contact_text(std::string_view url);
// The url when it is safe to make a link of (http, https, mailto, tel), else empty.
std::string link_target(std::string_view url);

std::string need_line(const NeedItem& need, Lang lang);
std::vector<std::string> need_lines(const Row& row, Lang lang);
std::vector<std::string> client_lines(const Row& row);

// "согласована 05.03.2026, коммит 0123456789ab" and the like.
std::string version_line(const Version& version, Lang lang);
// "Иванова Анна Петровна, Заместитель начальника…, 05.03.2026", one per approver.
std::vector<std::string> approver_lines(const Version& version, Lang lang);

std::string join(const std::vector<std::string>& parts, std::string_view separator);

// Appends `text` with & < > " ' written as entities, as both HTML and XML read them.
void append_markup_escaped(std::string& out, std::string_view text);

// A cell of a Markdown table: pipes and markup escaped, line breaks as <br>.
std::string markdown_cell(std::string_view text);

}  // namespace perechen::exporting
