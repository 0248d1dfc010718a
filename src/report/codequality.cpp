// SPDX-License-Identifier: Apache-2.0
// The codequality format: GitLab Code Quality (artifacts:reports:codequality), the subset of the
// CodeClimate issue format that GitLab reads, so a merge request shows each finding inline at its
// line. A JSON array of {description, check_name, fingerprint, severity, location}.
//
// GitLab tells new findings from old ones by the fingerprint alone, comparing the report of the
// merge request with that of the target branch. So the fingerprint must not change when nothing
// about the finding did: it is made of the rule, the file, the text of the finding's line (not its
// number, which moves when a line is added above) and how many equal findings came before it in
// that file; not of the message, which depends on --lang.

#include <fmt/format.h>
#include <openssl/evp.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <ostream>
#include <string>
#include <tuple>

#include "perechen/report/report.hpp"
#include "utf8.hpp"

namespace perechen::report {

namespace {

using Json = nlohmann::ordered_json;

// GitLab's severities are info, minor, major, critical and blocker. An error stops the merge
// request's check, so it is major; a warning does not, so it is minor.
const char* severity(Severity value) {
  return value == Severity::error ? "major" : "minor";
}

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) {
    hex += fmt::format("{:02x}", digest[i]);
  }
  return hex;
}

// The line's text without the indentation and the line end, so re-indenting does not matter.
std::string line_key(const Input& input, const Location& where) {
  if (!input.line_text || where.file.empty() || where.line <= 0) {
    return {};
  }
  std::string_view text = input.line_text(where.file, where.line);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

}  // namespace

void write_codequality(std::ostream& out, const Input& input) {
  Json issues = Json::array();
  // How many findings with the same rule, file and line text came before: the n-th of them.
  std::map<std::tuple<std::string, std::string, std::string>, int> seen;
  for (const auto& diagnostic : input.diagnostics) {
    // A finding about the registry as a whole belongs to its settings.
    std::string path = diagnostic.where.file.empty() ? "perechen.yaml" : diagnostic.where.file;
    std::string key = line_key(input, diagnostic.where);
    int nth = seen[{diagnostic.rule, path, key}]++;
    std::string identity = diagnostic.rule;
    for (const std::string* part : {&path, &key}) {
      identity += '\0';
      identity += *part;
    }
    identity += '\0';
    identity += std::to_string(nth);
    Json issue{
        {"type", "issue"},
        {"check_name", diagnostic.rule},
        {"description", detail::clean_text(diagnostic.message)},
        {"categories", Json::array({"Bug Risk"})},
        {"fingerprint", sha256_hex(identity)},
        {"severity", severity(diagnostic.severity)},
        {"location", {{"path", path}, {"lines", {{"begin", std::max(diagnostic.where.line, 1)}}}}}};
    issues.push_back(std::move(issue));
  }
  out << issues.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace perechen::report
