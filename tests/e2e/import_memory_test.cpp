// SPDX-License-Identifier: Apache-2.0
// perechen import of tiny files whose cells expand to gigabytes (a shared string used by many
// cells, a merged cell copied down its rows, a cell repeated across columns, runs of spaces):
// each is refused with exit 3 and a message, counted before the text is made, under a memory cap
// of 512 MiB (ulimit -v). A text of 60 MiB in one csv field is imported, cut, into a point file
// that validate reads. Under AddressSanitizer, whose shadow memory no address-space cap allows,
// the cap is left out and the rest is checked.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

#include "../../src/export/zip.hpp"
#include "fixture.hpp"

namespace fs = std::filesystem;
using perechen::exporting::make_zip;
using perechen::test::TempDir;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

constexpr std::size_t kCapKiB = 512 * 1024;

// perechen import FILE DIR in `cwd`, its address space capped at 512 MiB.
perechen::test::RunResult import_capped(const fs::path& cwd, const std::string& file) {
  std::string command =
      std::string(kAddressSanitizer ? "" : "ulimit -v " + std::to_string(kCapKiB) + "; ") +
      "exec " + PERECHEN_BINARY + " import " + file + " reg";
  return perechen::test::run({"sh", "-c", command}, cwd,
                             {{"NO_COLOR", "1"}, {"GIT_CONFIG_NOSYSTEM", "1"}});
}

const std::string kWorkbook =
    R"(<workbook><sheets><sheet name="S" r:id="rId1" xmlns:r="r"/></sheets></workbook>)";
const std::string kRels =
    R"(<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>)";

std::string big_text(std::size_t mib) {
  return std::string(mib << 20, 'a');
}

}  // namespace

TEST_CASE("import: tiny files that expand beyond the limits are refused under a memory cap") {
  TempDir work;
  auto check_refused = [&](const std::string& name, const std::string& bytes) {
    INFO(name << " of " << bytes.size() << " bytes");
    CHECK(bytes.size() < (200u << 10));
    std::ofstream(work.path() / name, std::ios::binary) << bytes;
    auto r = import_capped(work.path(), name);
    INFO(r.out << r.err);
    CHECK(r.signal == 0);
    CHECK(r.exit_code == 3);
    CHECK(r.err == "perechen: " + name +
                       ": текст ячеек, с учетом объединенных и повторенных ячеек и общих строк, "
                       "больше 64 МиБ — это не перечень; файл отклонен\n");
  };

  SECTION("a 60 MiB shared string used by 200 cells") {
    std::string sheet = "<worksheet><sheetData>";
    for (int r = 1; r <= 200; ++r)
      sheet += "<row r=\"" + std::to_string(r) + "\"><c t=\"s\"><v>0</v></c></row>";
    sheet += "</sheetData></worksheet>";
    check_refused(
        "shared.xlsx",
        make_zip({{"xl/workbook.xml", kWorkbook},
                  {"xl/_rels/workbook.xml.rels", kRels},
                  {"xl/sharedStrings.xml", "<sst><si><t>" + big_text(60) + "</t></si></sst>"},
                  {"xl/worksheets/sheet1.xml", sheet}},
                 "x"));
  }
  SECTION("an xlsx cell of 55 MiB merged down 2,000 rows") {
    std::string sheet = "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>" +
                        big_text(55) + "</t></is></c></row>";
    for (int r = 2; r <= 2000; ++r) {
      sheet += "<row r=\"" + std::to_string(r) + "\"><c r=\"B" + std::to_string(r) +
               "\" t=\"inlineStr\"><is><t>x</t></is></c></row>";
    }
    sheet += "</sheetData><mergeCells><mergeCell ref=\"A1:A2000\"/></mergeCells></worksheet>";
    check_refused("merged.xlsx", make_zip({{"xl/workbook.xml", kWorkbook},
                                           {"xl/_rels/workbook.xml.rels", kRels},
                                           {"xl/worksheets/sheet1.xml", sheet}},
                                          "x"));
  }
  SECTION("a docx cell of 55 MiB merged down 2,000 rows (vMerge)") {
    std::string doc =
        "<w:document xmlns:w=\"w\"><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:vMerge "
        "w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>" +
        big_text(55) + "</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>";
    for (int r = 2; r <= 2000; ++r) {
      doc +=
          "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>x</w:t>"
          "</w:r></w:p></w:tc></w:tr>";
    }
    doc += "</w:tbl></w:body></w:document>";
    check_refused("vmerge.docx", make_zip({{"word/document.xml", doc}}, "d"));
  }
  SECTION("an ods cell of 5 MiB repeated a billion times") {
    std::string content =
        "<office:document-content xmlns:office=\"o\" xmlns:table=\"t\" xmlns:text=\"x\">"
        "<table:table table:name=\"S\"><table:table-row table:number-rows-repeated=\"1000000\">"
        "<table:table-cell table:number-columns-repeated=\"1000000000\"><text:p>" +
        big_text(5) +
        "</text:p></table:table-cell></table:table-row></table:table>"
        "</office:document-content>";
    check_refused("repeated.ods", make_zip({{"content.xml", content}}, "o"));
  }
  SECTION("2.5 million runs of 1,000 spaces in one ods cell") {
    std::string content =
        "<office:document-content xmlns:office=\"o\" xmlns:table=\"t\" xmlns:text=\"x\">"
        "<table:table table:name=\"S\"><table:table-row><table:table-cell><text:p>";
    content.reserve(content.size() + 2500000u * 20u + 200u);
    for (int i = 0; i < 2500000; ++i)
      content += "<text:s text:c=\"1000\"/>";
    content +=
        "</text:p></table:table-cell></table:table-row></table:table>"
        "</office:document-content>";
    check_refused("spaces.ods", make_zip({{"content.xml", content}}, "o"));
  }
}

TEST_CASE("import: a 60 MiB csv field is cut to what a point file holds, and said") {
  TempDir work;
  std::string csv =
      "Направление;Процесс;Точка взаимодействия;Канал;Внутренний клиент;Ценность;"
      "Потребности\nОплата труда;Отпускные;Телефон;цифровая;ГГС;" +
      std::string(60u << 20, 'z') + ";1\n";
  std::ofstream(work.path() / "big.csv", std::ios::binary) << csv;
  auto r = import_capped(work.path(), "big.csv");
  INFO(r.err);
  CHECK(r.exit_code == 1);
  // The message names the sizes; no megabytes of text are printed.
  CHECK(r.out.size() < 10000);
  CHECK(r.out.find("big.csv: строка 2, столбец 6 «Ценность»: текст длиной 62914560 байт обрезан "
                   "до 32768: в файле точки столько не поместится") != std::string::npos);
  fs::path point = work.path() / "reg/points/oplata-truda/otpusknye/telefon.yaml";
  REQUIRE(fs::exists(point));
  CHECK(fs::file_size(point) < (64u << 10));
  auto v = perechen::test::perechen({"validate", "--format", "json"}, work.path() / "reg");
  auto findings = nlohmann::json::parse(v.out)["diagnostics"];
  REQUIRE(findings.is_array());
  bool point_read = false;
  for (const auto& f : findings) {
    point_read = point_read || f["file"] == "points/oplata-truda/otpusknye/telefon.yaml";
    INFO(f.dump());
    CHECK(f["rule"] != "file-limits");
    CHECK(f["rule"] != "yaml-syntax");
  }
  // validate read the point (it lacks its basis, which import never writes).
  CHECK(point_read);
}
