// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness: a registry built from the input, then every export checked well-formed (issue
// 19, and issue 21 item 1: characters XML forbids). The input is used twice: as the one point file
// of the example registry (through YAML, where escapes such as "\x01" reach the strings), and cut
// at NUL bytes into the texts of a document made directly (title, organisation, a point's name,
// value, address, url, a client's and a need's texts), so that any bytes at all reach the
// writers. Every XML part of the docx and xlsx must parse with expat, the JSON with nlohmann, each
// csv record must have the header's ten fields, and the HTML and Markdown must hold no character
// printable() drops.

#include <expat.h>
#include <zip.h>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "perechen/error.hpp"
#include "perechen/export/document.hpp"
#include "perechen/export/format.hpp"
#include "perechen/registry/registry.hpp"
#include "perechen/registry/source.hpp"
#include "perechen/rules/validate.hpp"

namespace {

using namespace perechen;
using namespace perechen::exporting;

std::string read_example(const std::string& name) {
  std::ifstream in(std::string(PERECHEN_SOURCE_DIR) + "/examples/registry/" + name,
                   std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class MemorySource final : public ContentSource {
 public:
  explicit MemorySource(std::string point) {
    static const std::string config = read_example("perechen.yaml");
    static const std::string roster = read_example("roster.yaml");
    files_["perechen.yaml"] = config;
    files_["roster.yaml"] = roster;
    files_["points/pay/fuzz.yaml"] = std::move(point);
  }
  std::vector<std::string> point_files(Diagnostics&) const override {
    return {"points/pay/fuzz.yaml"};
  }
  bool exists(const std::string& path) const override { return files_.count(path) > 0; }
  std::optional<std::string> read(const std::string& path, Diagnostics&) const override {
    auto found = files_.find(path);
    if (found == files_.end())
      return std::nullopt;
    return found->second;
  }

 private:
  std::map<std::string, std::string> files_;
};

[[noreturn]] void broken(const std::string& what) {
  std::fprintf(stderr, "fuzz_export: %s\n", what.c_str());
  std::abort();
}

void check_xml(const std::string& name, const std::string& xml) {
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> parser(
      XML_ParserCreate(nullptr), &XML_ParserFree);
  if (XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE) !=
      XML_STATUS_OK) {
    broken(name + ": " + XML_ErrorString(XML_GetErrorCode(parser.get())));
  }
}

// Every .xml and .rels part of a zip (docx, xlsx).
void check_zip(const std::string& format, const std::string& bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source == nullptr ? nullptr : zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (archive == nullptr) {
    if (source != nullptr)
      zip_source_free(source);
    broken(format + ": not a zip");
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
    std::string name = zip_get_name(archive, static_cast<zip_uint64_t>(i), 0);
    if (name.size() < 4 ||
        (name.substr(name.size() - 4) != ".xml" && name.substr(name.size() - 5) != ".rels"))
      continue;
    zip_stat_t stat;
    zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat);
    std::string part(stat.size, '\0');
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    zip_fread(file, part.data(), stat.size);
    zip_fclose(file);
    check_xml(format + " " + name, part);
  }
  zip_close(archive);
}

// RFC 4180 records: each must have as many fields as the header.
void check_csv(const std::string& text, char separator) {
  std::size_t i = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  std::size_t expected = 0;
  std::size_t fields = 1;
  bool quoted = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
        ++i;
      else if (c == '"')
        quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == separator) {
      ++fields;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
      if (expected == 0)
        expected = fields;
      if (fields != expected)
        broken("csv: a record of " + std::to_string(fields) + " fields, the header has " +
               std::to_string(expected));
      fields = 1;
    }
  }
  if (quoted)
    broken("csv: a quote left open");
}

void check_text(const std::string& format, const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    bool control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
    bool c1 = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0;
    bool nonchar = c == 0xEF && i + 2 < text.size() && text.compare(i + 1, 2, "\xBF\xBE") == 0;
    nonchar =
        nonchar || (c == 0xEF && i + 2 < text.size() && text.compare(i + 1, 2, "\xBF\xBF") == 0);
    if (control || c1 || nonchar)
      broken(format + ": a forbidden character at byte " + std::to_string(i));
  }
}

void check_all(const Document& doc) {
  check_zip("docx", write_docx(doc, {}));
  check_zip("xlsx", write_xlsx(doc));
  for (bool fragment : {false, true}) {
    std::string html = write_html(doc, fragment, fragment);
    check_text("html", html);
  }
  check_text("md", write_md(doc));
  check_csv(write_csv(doc, false), ',');
  check_csv(write_csv(doc, true), ';');
  if (!nlohmann::json::accept(write_json(doc)))
    broken("json: does not parse");
}

Version version() {
  Version v;
  v.revision = "approved";
  v.commit = "0123456789abcdef0123456789abcdef01234567";
  v.commit_date = "2026-03-03";
  v.approved = true;
  v.approved_on = "2026-03-03";
  return v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);

  // The input as a point file of the example registry.
  MemorySource source(input);
  Registry registry;
  validate(source, {}, &registry);
  if (registry.config) {
    try {
      check_all(build_document(registry, version(), Lang::ru));
    } catch (const Error&) {
      // A writer may refuse (a library's failure), never crash or write a broken file.
    }
  }

  // The input cut at NUL bytes into the texts of a document of one row.
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (parts.size() < 10) {
    std::size_t end = input.find('\0', start);
    parts.push_back(input.substr(start, end == std::string::npos ? end : end - start));
    if (end == std::string::npos)
      break;
    start = end + 1;
  }
  parts.resize(10);
  Document doc;
  doc.lang = Lang::ru;
  doc.title = parts[0];
  doc.organization = parts[1];
  doc.version = version();
  Row row;
  row.number = 1;
  row.direction_title = parts[2];
  row.process_title = parts[3];
  row.name = parts[4];
  row.channel = "digital";
  row.url = parts[5];
  row.address = parts[6];
  row.clients.push_back({"c", parts[7], {}});
  row.value = parts[8];
  row.needs.push_back({1, "information", "получение информации", parts[9]});
  doc.rows.push_back(row);
  doc.legend.push_back({LegendEntry::Group::client, parts[7], parts[0]});
  try {
    check_all(doc);
  } catch (const Error&) {
  }
  return 0;
}
