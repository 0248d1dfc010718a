// SPDX-License-Identifier: Apache-2.0
#include "help_formatter.hpp"

#include <sstream>

#include "perechen/i18n.hpp"
#include "perechen/text.hpp"

namespace perechen::cli {
namespace {

bool is_word_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// CLI11's detail::format_help, with the first column measured in characters.
std::string two_columns(const std::string& left, const std::string& description,
                        std::size_t width) {
  std::string name = "  " + left;
  std::string out = name;
  std::size_t used = text::length(name);  // characters on screen, not bytes
  if (!description.empty()) {
    if (used >= width) {
      out += "\n";
      used = 0;
    }
    out.append(width - used, ' ');
    for (char c : description) {
      out += c;
      if (c == '\n')
        out.append(width, ' ');
    }
  }
  return out + "\n";
}

class HelpFormatter : public CLI::Formatter {
 public:
  std::string make_option(const CLI::Option* opt, bool is_positional) const override {
    return two_columns(make_option_name(opt, is_positional) + make_option_opts(opt),
                       make_option_desc(opt), get_column_width());
  }

  std::string make_subcommand(const CLI::App* sub) const override {
    return two_columns(sub->get_display_name(true), sub->get_description(), get_column_width());
  }

  std::string make_option_name(const CLI::Option* opt, bool is_positional) const override {
    if (is_positional)
      return placeholder_words(opt->get_name(true, false));
    return opt->get_name(false, true);
  }

  std::string make_option_opts(const CLI::Option* opt) const override {
    std::string out;
    // CLI11 appends a check's description to the type name ("ru|en:{ru,en}"); one_of has none,
    // but the name alone is what is shown.
    std::string type = opt->get_type_name();
    type = type.substr(0, type.find(":{"));
    if (opt->get_positional()) {
      // The argument's name is its placeholder; only a list of choices adds to it.
      if (type.find('|') != std::string::npos)
        out += " " + type;
      if (opt->get_expected_max() >= CLI::detail::expected_max_vector_size)
        out += " ...";
      return out;
    }
    if (opt->get_type_size() != 0) {
      if (!type.empty())
        out += " " + placeholder_words(type);
      if (opt->get_expected_max() >= CLI::detail::expected_max_vector_size)
        out += " ...";
      if (opt->get_required())
        out += " " + std::string(message_template("help.required"));
    }
    return out;
  }
};

}  // namespace

std::string placeholder_words(std::string_view placeholder) {
  std::string out;
  for (std::size_t i = 0; i < placeholder.size();) {
    if (!is_word_char(placeholder[i]) || placeholder[i] == '-') {
      out += placeholder[i++];
      continue;
    }
    std::size_t end = i;
    while (end < placeholder.size() && is_word_char(placeholder[end]))
      ++end;
    std::string word(placeholder.substr(i, end - i));
    std::string key = "help.word-" + word;
    std::string_view said = message_template(key);
    out += said == key ? word : std::string(said);
    i = end;
  }
  return out;
}

std::shared_ptr<CLI::Formatter> make_help_formatter() {
  return std::make_shared<HelpFormatter>();
}

}  // namespace perechen::cli
