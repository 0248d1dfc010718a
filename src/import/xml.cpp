// SPDX-License-Identifier: Apache-2.0
// The XML of docx, xlsx and ods through expat: a streaming parser, so a large sheet costs no tree,
// and one whose handlers let a document's DTD be refused outright. Office formats never need a
// DTD; refusing it turns off entity expansion (billion laughs) and external entities (reading
// local files) at once, whatever expat's own defaults and protections are.
//
// expat is C: no exception may pass through its frames. A handler that throws (a limit of
// table.hpp, an allocation) is caught in the callback, the parser is stopped, and the exception
// is rethrown here once XML_Parse has returned. The callbacks are noexcept, so that an exception
// let through by mistake ends the process at once instead of unwinding C code.

#include <expat.h>

#include <algorithm>
#include <cstdlib>
#include <exception>

#include "perechen/error.hpp"
#include "perechen/i18n.hpp"
#include "reader.hpp"

namespace perechen::importing {
namespace {

std::string_view local_name(const char* name) {
  std::string_view s(name);
  std::size_t colon = s.rfind(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

struct State {
  XML_Parser parser = nullptr;
  XmlHandler* handler = nullptr;
  std::size_t depth = 0;
  std::string_view refused;   // the message key when the parser was stopped for the document
  std::exception_ptr thrown;  // what a handler threw, rethrown after XML_Parse

  bool stopped() const { return !refused.empty() || thrown; }
};

void stop(State& state, std::string_view key) {
  if (!state.stopped())
    state.refused = key;
  XML_StopParser(state.parser, XML_FALSE);
}

// Calls the handler through `call`; what it throws is kept and stops the parser.
template <typename Call>
void guarded(State& state, Call call) noexcept {
  try {
    call();
  } catch (...) {
    state.thrown = std::current_exception();
    XML_StopParser(state.parser, XML_FALSE);
  }
}

void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** attrs) noexcept {
  auto& state = *static_cast<State*>(data);
  if (state.stopped())
    return;
  if (++state.depth > kMaxXmlDepth) {
    stop(state, "import.xml-depth");
    return;
  }
  guarded(state, [&] { state.handler->start(local_name(name), attrs); });
}

void XMLCALL on_end(void* data, const XML_Char* name) noexcept {
  auto& state = *static_cast<State*>(data);
  if (state.stopped())
    return;
  --state.depth;
  guarded(state, [&] { state.handler->end(local_name(name)); });
}

void XMLCALL on_text(void* data, const XML_Char* chars, int length) noexcept {
  auto& state = *static_cast<State*>(data);
  if (!state.stopped() && length > 0) {
    guarded(state, [&] {
      state.handler->text(std::string_view(chars, static_cast<std::size_t>(length)));
    });
  }
}

void XMLCALL on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*,
                        int) noexcept {
  stop(*static_cast<State*>(data), "import.xml-dtd");
}

void XMLCALL on_entity(void* data, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
                       const XML_Char*, const XML_Char*, const XML_Char*) noexcept {
  stop(*static_cast<State*>(data), "import.xml-dtd");
}

struct ParserFree {
  void operator()(XML_Parser p) const { XML_ParserFree(p); }
};

}  // namespace

void parse_xml(std::string_view xml, std::string_view part, XmlHandler& handler) {
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, ParserFree> parser(XML_ParserCreate(nullptr));
  if (!parser)
    throw std::bad_alloc();
  State state;
  state.parser = parser.get();
  state.handler = &handler;
  XML_SetUserData(parser.get(), &state);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetCharacterDataHandler(parser.get(), on_text);
  XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);
  XML_SetEntityDeclHandler(parser.get(), on_entity);
  XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);

  // Fed in pieces, so that a refusal stops the work at once.
  constexpr std::size_t kChunk = 1u << 20;
  std::size_t offset = 0;
  do {
    std::size_t n = std::min(kChunk, xml.size() - offset);
    bool last = offset + n == xml.size();
    if (XML_Parse(parser.get(), xml.data() + offset, static_cast<int>(n), last ? 1 : 0) !=
        XML_STATUS_OK) {
      if (state.thrown)
        std::rethrow_exception(state.thrown);
      if (!state.refused.empty())
        fail_part(state.refused, part, "");
      std::string detail = fmt::format("{}:{}: {}", XML_GetCurrentLineNumber(parser.get()),
                                       XML_GetCurrentColumnNumber(parser.get()) + 1,
                                       XML_ErrorString(XML_GetErrorCode(parser.get())));
      fail_part("import.xml-broken", part, detail);
    }
    offset += n;
  } while (offset < xml.size());
  if (state.thrown)
    std::rethrow_exception(state.thrown);
}

const char* attribute(const char** attrs, std::string_view name) {
  for (std::size_t i = 0; attrs != nullptr && attrs[i] != nullptr; i += 2) {
    if (local_name(attrs[i]) == name)
      return attrs[i + 1];
  }
  return nullptr;
}

std::size_t attribute_number(const char** attrs, std::string_view name, std::size_t fallback) {
  const char* value = attribute(attrs, name);
  if (value == nullptr || *value < '0' || *value > '9')
    return fallback;
  char* end = nullptr;
  unsigned long long n = std::strtoull(value, &end, 10);
  return n > (1ull << 40) ? fallback : static_cast<std::size_t>(n);
}

bool has_text(const std::vector<std::string>& cells) {
  return std::any_of(cells.begin(), cells.end(), [](const std::string& c) {
    return c.find_first_not_of(" \t\r\n") != std::string::npos;
  });
}

void TextBudget::charge(std::size_t bytes) {
  if (bytes > kMaxTextBytes - used_)
    fail("import.text-too-large");
  used_ += bytes;
}

void RowSink::count_cells(std::size_t n) {
  cells_ += n;
  if (cells_ > kMaxCells)
    fail("import.too-many-cells");
}

void RowSink::add(Table& table, TableRow row) {
  if (row.cells.size() > kMaxColumns)
    row.cells.resize(kMaxColumns);
  if (!has_text(row.cells))
    return;
  while (!row.cells.empty() && row.cells.back().empty())
    row.cells.pop_back();
  if (++rows_ > kMaxRows)
    fail("import.too-many-rows");
  count_cells(row.cells.size());
  table.rows.push_back(std::move(row));
}

std::string column_letters(std::size_t column) {
  std::string out;
  std::size_t n = column + 1;
  while (n > 0) {
    out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
    n = (n - 1) / 26;
  }
  return out;
}

}  // namespace perechen::importing
