// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness: one point file (the input) in the example registry, through loading, every
// rule and every printer of `validate --format`, with source lines as on a terminal.

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>
#include <streambuf>
#include <string>

#include "perechen/registry/registry.hpp"
#include "perechen/registry/source.hpp"
#include "perechen/report/report.hpp"
#include "perechen/rules/validate.hpp"

namespace {

std::string read_example(const std::string& name) {
  std::ifstream in(std::string(PERECHEN_SOURCE_DIR) + "/examples/registry/" + name,
                   std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The example registry's settings and roster, and the input as its only point file.
class MemorySource final : public perechen::ContentSource {
 public:
  explicit MemorySource(std::string point) {
    static const std::string config = read_example("perechen.yaml");
    static const std::string roster = read_example("roster.yaml");
    files_["perechen.yaml"] = config;
    files_["roster.yaml"] = roster;
    files_["points/pay/fuzz.yaml"] = std::move(point);
  }
  std::vector<std::string> point_files(perechen::Diagnostics&) const override {
    return {"points/pay/fuzz.yaml"};
  }
  bool exists(const std::string& path) const override { return files_.count(path) > 0; }
  std::optional<std::string> read(const std::string& path, perechen::Diagnostics&) const override {
    auto found = files_.find(path);
    if (found == files_.end())
      return std::nullopt;
    return found->second;
  }

 private:
  std::map<std::string, std::string> files_;
};

// Output nobody reads: printing is exercised, nothing is kept.
class NullBuffer final : public std::streambuf {
 protected:
  int_type overflow(int_type c) override { return c; }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  MemorySource source(std::string(reinterpret_cast<const char*>(data), size));
  perechen::Registry registry;
  perechen::ValidationResult result = perechen::validate(source, {}, &registry);
  NullBuffer buffer;
  std::ostream out(&buffer);
  for (auto format : {perechen::report::Format::text, perechen::report::Format::json,
                      perechen::report::Format::sarif, perechen::report::Format::junit,
                      perechen::report::Format::github}) {
    perechen::report::Input input{
        result.diagnostics.items(),
        perechen::report::Summary{result.files, result.points, result.errors(), result.warnings(),
                                  result.diagnostics.omitted(),
                                  result.diagnostics.omitted_by_rule()},
        [&](std::string_view file, int line) { return registry.line_text(file, line); },
        true,
        true,
        result.checked_files};
    perechen::report::write(out, format, input);
  }
  return 0;
}
