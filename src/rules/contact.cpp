// SPDX-License-Identifier: Apache-2.0
// contact-missing (a warning), url-invalid (1.3): a reader of the list must be
// able to reach a point. A digital point says where (a web address, mailto: or
// tel:; federal methodology counts a phone line as a digital point), an offline
// point gives its address.

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include "checks.hpp"
#include "support.hpp"

namespace perechen::rules {

namespace {

bool has_space(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

bool ascii_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// A host name: labels of letters (any script, for internationalised names such
// as госуслуги.рф), digits and hyphens, separated by dots; or an IPv6 literal
// in brackets. A single label is allowed: intranet portals have such names.
bool valid_host(std::string_view host) {
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    return std::all_of(host.begin() + 1, host.end() - 1, [](char c) {
      return std::isxdigit(static_cast<unsigned char>(c)) || c == ':';
    });
  }
  if (host.empty() || host.front() == '.' || host.back() == '.' || host.front() == '-') {
    return false;
  }
  if (host.find("..") != std::string_view::npos)
    return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return ascii_alnum(c) || c == '-' || c == '.' || static_cast<unsigned char>(c) >= 0x80;
  });
}

// The message key of what is wrong with a web address, or empty when it is
// fine.
std::string_view web_problem(std::string_view rest) {
  std::size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  if (auto at_sign = authority.rfind('@'); at_sign != std::string_view::npos) {
    authority.remove_prefix(at_sign + 1);
  }
  std::string_view host = authority;
  if (auto colon = authority.rfind(':');
      colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    std::string_view port = authority.substr(colon + 1);
    host = authority.substr(0, colon);
    if (port.empty() || !std::all_of(port.begin(), port.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c)) != 0;
        })) {
      return "rules.url-bad-host";
    }
  }
  if (host.empty())
    return "rules.url-no-host";
  if (!valid_host(host))
    return "rules.url-bad-host";
  return {};
}

bool valid_email(std::string_view address) {
  auto at_sign = address.find('@');
  if (at_sign == std::string_view::npos || at_sign == 0 || at_sign + 1 >= address.size()) {
    return false;
  }
  if (address.find('@', at_sign + 1) != std::string_view::npos)
    return false;
  return valid_host(address.substr(at_sign + 1));
}

bool valid_phone(std::string_view number) {
  bool digit = false;
  for (char c : number) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digit = true;
    } else if (std::string_view("+-() ").find(c) == std::string_view::npos) {
      return false;
    }
  }
  return digit;
}

// The message key of what is wrong with `url`, or empty when it is a valid
// point address.
std::string_view url_problem(std::string_view url) {
  std::string lower = text::to_lower(url);
  for (std::string_view scheme : {"https://", "http://"}) {
    if (lower.starts_with(scheme)) {
      if (has_space(url))
        return "rules.url-space";
      return web_problem(url.substr(scheme.size()));
    }
  }
  if (lower.starts_with("mailto:")) {
    std::string_view list = url.substr(7);
    list = list.substr(0, list.find('?'));
    if (list.empty() || has_space(list))
      return "rules.url-bad-mailto";
    std::size_t start = 0;
    while (start <= list.size()) {
      std::size_t comma = std::min(list.find(',', start), list.size());
      if (!valid_email(list.substr(start, comma - start)))
        return "rules.url-bad-mailto";
      start = comma + 1;
    }
    return {};
  }
  if (lower.starts_with("tel:")) {
    return valid_phone(url.substr(4)) ? std::string_view{} : "rules.url-bad-tel";
  }
  // Not one of the four: say what it looks like, so that the fix is obvious.
  if (!has_space(url) && valid_email(url))
    return "rules.url-bare-email";
  if (valid_phone(url))
    return "rules.url-bare-phone";
  if (lower.starts_with("www.") || (!has_space(url) && url.find('.') != std::string_view::npos &&
                                    url.find(':') == std::string_view::npos)) {
    return "rules.url-bare-site";
  }
  return "rules.url-scheme";
}

}  // namespace

void check_contact(const Registry& registry, Diagnostics& out) {
  for (const auto& point : registry.points) {
    if (filled(point.url)) {
      std::string_view url = text::trim(point.url.value);
      if (std::string_view problem = url_problem(url); !problem.empty()) {
        out.add("url-invalid", at(point.file, point.url.pos), tr(problem, fmt::arg("url", url)));
      }
    }
    if (!filled(point.channel))
      continue;
    const std::string& channel = point.channel.value;
    const bool digital = channel == "digital";
    if (!digital && channel != "offline")
      continue;  // channel-invalid says so
    if (filled(digital ? point.url : point.address))
      continue;
    const yaml::MapEntry* entry = point.tree.find_entry("point");
    yaml::Position where = entry != nullptr ? entry->key_pos : whole_file();
    out.add("contact-missing", at(point.file, where),
            tr(digital ? "rules.contact-missing-digital" : "rules.contact-missing-offline"));
  }
}

}  // namespace perechen::rules
