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

#include "describe.hpp"
#include "perechen/i18n.hpp"
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

// The issues of one report; `seen` counts how many with the same rule, file and line text came
// before, so that each has a fingerprint of its own.
class Issues {
 public:
  explicit Issues(const Input& input) : input_(input) {}

  // `kind` tells apart the fingerprints of a finding shown, silenced or about an excluded file, so
  // that silencing a warning reads in GitLab as the warning resolved and a notice added.
  void add(const std::string& rule, const Location& where, const std::string& description,
           const char* severity_name, std::string_view kind) {
    // A finding about the registry as a whole belongs to its settings.
    std::string path = where.file.empty() ? "perechen.yaml" : where.file;
    std::string key = line_key(input_, where);
    int nth = seen_[{rule, path, key + std::string(kind)}]++;
    std::string identity = rule;
    for (const std::string* part : {&path, &key}) {
      identity += '\0';
      identity += *part;
    }
    identity += '\0';
    identity += std::to_string(nth);
    if (!kind.empty()) {
      identity += '\0';
      identity += kind;
    }
    issues_.push_back(
        {{"type", "issue"},
         {"check_name", rule},
         {"description", detail::clean_text(description)},
         {"categories", Json::array({"Bug Risk"})},
         {"fingerprint", sha256_hex(identity)},
         {"severity", severity_name},
         {"location", {{"path", path}, {"lines", {{"begin", std::max(where.line, 1)}}}}}});
  }

  const Json& json() const { return issues_; }

 private:
  const Input& input_;
  std::map<std::tuple<std::string, std::string, std::string>, int> seen_;
  Json issues_ = Json::array();
};

}  // namespace

void write_codequality(std::ostream& out, const Input& input) {
  Issues issues(input);
  for (const auto& diagnostic : input.diagnostics) {
    issues.add(diagnostic.rule, diagnostic.where, diagnostic.message, severity(diagnostic.severity),
               {});
  }
  // The format has no suppressions and no summary: a silenced warning and an excluded file are
  // issues of severity info, which GitLab lists apart and which fail nothing.
  for (const auto& silenced : input.summary.silenced) {
    issues.add(silenced.rule, silenced.finding.where,
               silenced.finding.message + " (" + detail::silenced_reason(silenced) + ")", "info",
               "silenced");
  }
  for (const auto& file : input.summary.excluded) {
    issues.add("excluded", {file, 0, 0}, std::string(message_template("report.excluded-file")),
               "info", "excluded");
  }
  out << issues.json().dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace perechen::report
