// The list as a Word document: the appendix to the order that approves it (clause 2.1). Built from
// the OOXML parts written here and zipped with libzip: landscape A4, «Приложение к приказу от … №
// …» at the top right, the title, organisation, version and approvers, then the table of the form
// whose header row repeats on every page (w:tblHeader) and whose direction and process cells are
// merged down their rows (w:vMerge). No clock: the creation date is the version's.

#include <string>

#include "labels.hpp"
#include "perechen/export/format.hpp"
#include "zip.hpp"

namespace perechen::exporting {
namespace {

constexpr std::string_view kXmlHeader =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

// Text for XML: the five entities escaped, and the characters XML 1.0 forbids dropped.
// Word's text runs cannot hold control characters other than tab: they are left out.
void escape_into(std::string& out, std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\t')
      clean += c;
  }
  append_markup_escaped(out, clean);
}

std::string escape(std::string_view text) {
  std::string out;
  escape_into(out, text);
  return out;
}

// Column widths in twentieths of a point; together the text width of landscape A4 with 2 cm
// margins (16838 - 2 * 1134).
constexpr int kWidths[] = {450, 1850, 2000, 2700, 2700, 2300, 2570};

struct RunStyle {
  bool bold = false;
};

void run_into(std::string& out, std::string_view text, RunStyle style = {}) {
  out += "<w:r>";
  if (style.bold)
    out += "<w:rPr><w:b/><w:bCs/></w:rPr>";
  out += "<w:t xml:space=\"preserve\">";
  escape_into(out, text);
  out += "</w:t></w:r>";
}

void paragraph_into(std::string& out, std::string_view style, std::string_view text,
                    RunStyle run = {}) {
  out += "<w:p><w:pPr><w:pStyle w:val=\"";
  out += style;
  out += "\"/></w:pPr>";
  if (!text.empty())
    run_into(out, text, run);
  out += "</w:p>";
}

// A cell holding one paragraph per line; `merge` is "restart", "continue" or empty.
void cell_into(std::string& out, int column, const std::vector<std::string>& lines,
               std::string_view merge = {}, RunStyle run = {},
               std::string_view style = "PerechenCell") {
  out += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(kWidths[column]) + "\" w:type=\"dxa\"/>";
  if (merge == "restart")
    out += "<w:vMerge w:val=\"restart\"/>";
  if (merge == "continue")
    out += "<w:vMerge/>";
  out += "</w:tcPr>";
  if (lines.empty() || merge == "continue") {
    paragraph_into(out, style, {});
  } else {
    for (const auto& line : lines)
      paragraph_into(out, style, line, run);
  }
  out += "</w:tc>";
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string::npos ? end : end - start));
    if (end == std::string::npos)
      break;
    start = end + 1;
  }
  return lines;
}

std::string order_line(const Document& doc, const WriteOptions& options) {
  const Lang lang = doc.lang;
  std::string date = options.order_date.empty() ? label(lang, "export.order-blank-date")
                                                : display_date(options.order_date, lang);
  std::string number = options.order_number.empty() ? label(lang, "export.order-blank-number")
                                                    : options.order_number;
  return label(lang, "export.order-appendix", fmt::arg("date", date), fmt::arg("number", number));
}

std::string document_xml(const Document& doc, const WriteOptions& options) {
  const Lang lang = doc.lang;
  std::string out;
  out.reserve(4096 + doc.rows.size() * 3000);
  out += kXmlHeader;
  out +=
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>";
  paragraph_into(out, "PerechenOrder", order_line(doc, options));
  paragraph_into(out, "PerechenTitle", doc.title, {true});
  paragraph_into(out, "PerechenSubtitle", doc.organization);
  paragraph_into(out, "PerechenMeta",
                 label(lang, "export.version") + ": " + version_line(doc.version, lang));
  auto approvers = approver_lines(doc.version, lang);
  if (approvers.empty()) {
    paragraph_into(out, "PerechenMeta",
                   label(lang, "export.approvers") + ": " + label(lang, "export.no-approvers"));
  } else {
    paragraph_into(out, "PerechenMeta", label(lang, "export.approvers") + ":");
    for (const auto& a : approvers)
      paragraph_into(out, "PerechenMeta", a);
  }

  out +=
      "<w:tbl><w:tblPr><w:tblStyle w:val=\"PerechenTable\"/><w:tblW w:w=\"5000\" "
      "w:type=\"pct\"/><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" "
      "w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" "
      "w:noVBand=\"1\"/></w:tblPr><w:tblGrid>";
  for (int w : kWidths)
    out += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
  out += "</w:tblGrid>";

  out += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>";
  auto columns = form_columns(lang);
  for (int c = 0; c < 7; ++c) {
    cell_into(out, c, {columns[static_cast<std::size_t>(c)]}, {}, {true}, "PerechenHeader");
  }
  out += "</w:tr>";

  const auto direction_spans = group_spans(doc.rows, false);
  const auto process_spans = group_spans(doc.rows, true);
  for (std::size_t i = 0; i < doc.rows.size(); ++i) {
    const Row& row = doc.rows[i];
    out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    cell_into(out, 0, {std::to_string(row.number)});
    if (direction_spans[i] > 0) {
      cell_into(out, 1, {row.direction_title}, direction_spans[i] > 1 ? "restart" : "", {true});
    } else {
      cell_into(out, 1, {}, "continue");
    }
    if (process_spans[i] > 0) {
      cell_into(out, 2, {row.process_title}, process_spans[i] > 1 ? "restart" : "");
    } else {
      cell_into(out, 2, {}, "continue");
    }
    std::vector<std::string> point{row.name, channel_line(row, lang)};
    if (!row.url.empty())
      point.push_back(row.url);
    if (!row.address.empty())
      point.push_back(row.address);
    cell_into(out, 3, point);
    cell_into(out, 4, client_lines(row));
    cell_into(out, 5, split_lines(row.value));
    cell_into(out, 6, need_lines(row, lang));
    out += "</w:tr>";
  }
  out += "</w:tbl>";
  // Landscape A4 (297 x 210 mm) with 2 cm margins.
  out +=
      "<w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/><w:pgMar "
      "w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"709\" "
      "w:footer=\"709\" w:gutter=\"0\"/><w:cols w:space=\"708\"/></w:sectPr>";
  out += "</w:body></w:document>";
  return out;
}

std::string styles_xml(Lang lang) {
  std::string language = lang == Lang::ru ? "ru-RU" : "en-GB";
  std::string out(kXmlHeader);
  out +=
      "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" "
      "w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>"
      "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/><w:lang w:val=\"" +
      language + "\" w:eastAsia=\"" + language +
      "\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
      "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"
      "</w:pPr></w:pPrDefault></w:docDefaults>"
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
      "w:val=\"Normal\"/>"
      "<w:qFormat/></w:style>"
      "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"PerechenOrder\">"
      "<w:name w:val=\"Perechen Order\"/><w:basedOn w:val=\"Normal\"/><w:pPr>"
      "<w:spacing w:after=\"240\"/><w:ind w:left=\"9638\"/></w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"PerechenTitle\">"
      "<w:name w:val=\"Perechen Title\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:keepNext/>"
      "<w:spacing w:after=\"120\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:b/><w:bCs/>"
      "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>"
      "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"PerechenSubtitle\">"
      "<w:name w:val=\"Perechen Subtitle\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:keepNext/>"
      "<w:spacing w:after=\"240\"/><w:jc w:val=\"center\"/></w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"PerechenMeta\">"
      "<w:name w:val=\"Perechen Meta\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:keepNext/>"
      "<w:spacing w:after=\"60\"/></w:pPr><w:rPr><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/>"
      "</w:rPr></w:style>"
      "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"PerechenCell\">"
      "<w:name w:val=\"Perechen Cell\"/><w:basedOn w:val=\"Normal\"/><w:rPr><w:sz w:val=\"20\"/>"
      "<w:szCs w:val=\"20\"/></w:rPr></w:style>"
      "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"PerechenHeader\">"
      "<w:name w:val=\"Perechen Header\"/><w:basedOn w:val=\"PerechenCell\"/><w:pPr>"
      "<w:jc w:val=\"center\"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>"
      "<w:style w:type=\"table\" w:customStyle=\"1\" w:styleId=\"PerechenTable\">"
      "<w:name w:val=\"Perechen Table\"/><w:tblPr><w:tblBorders>"
      "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "</w:tblBorders><w:tblCellMar><w:top w:w=\"28\" w:type=\"dxa\"/>"
      "<w:left w:w=\"85\" w:type=\"dxa\"/><w:bottom w:w=\"28\" w:type=\"dxa\"/>"
      "<w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
      "</w:styles>";
  return out;
}

std::string core_xml(const Document& doc) {
  std::string out(kXmlHeader);
  out +=
      "<cp:coreProperties "
      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>" +
      escape(doc.title) + "</dc:title><dc:creator>" + escape(doc.organization) + "</dc:creator>";
  const std::string& date = doc.version.date();
  if (!date.empty()) {
    out += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + date +
           "T00:00:00Z</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + date +
           "T00:00:00Z</dcterms:modified>";
  }
  out += "</cp:coreProperties>";
  return out;
}

constexpr std::string_view kContentTypes =
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    "</Types>";

constexpr std::string_view kPackageRels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
    "core-properties\" Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "extended-properties\" Target=\"docProps/app.xml\"/>"
    "</Relationships>";

constexpr std::string_view kDocumentRels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" "
    "Target=\"settings.xml\"/>"
    "</Relationships>";

constexpr std::string_view kSettings =
    "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:defaultTabStop w:val=\"708\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>"
    "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
    "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
    "</w:settings>";

constexpr std::string_view kApp =
    "<Properties "
    "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
    "<Application>perechen</Application></Properties>";

std::string part(std::string_view body) {
  return std::string(kXmlHeader) + std::string(body);
}

}  // namespace

std::string write_docx(const Document& doc, const WriteOptions& options) {
  std::vector<ZipEntry> entries;
  entries.push_back({"[Content_Types].xml", part(kContentTypes)});
  entries.push_back({"_rels/.rels", part(kPackageRels)});
  entries.push_back({"docProps/core.xml", core_xml(doc)});
  entries.push_back({"docProps/app.xml", part(kApp)});
  entries.push_back({"word/_rels/document.xml.rels", part(kDocumentRels)});
  entries.push_back({"word/document.xml", document_xml(doc, options)});
  entries.push_back({"word/styles.xml", styles_xml(doc.lang)});
  entries.push_back({"word/settings.xml", part(kSettings)});
  return make_zip(entries, "docx");
}

}  // namespace perechen::exporting
