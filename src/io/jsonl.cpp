#include "io/jsonl.h"

#include <nlohmann/json.hpp>
#include <string>

#include "core/utf8.h"
#include "io/encoding.h"

namespace rasad::io {

namespace {

using json = nlohmann::json;

// "syntax error while parsing value - invalid literal; last read: 'x'" out of nlohmann's
// "[json.exception.parse_error.101] parse error at line 1, column 3: syntax error ...".
std::string parse_error_reason(const std::string& what) {
  const size_t column = what.find("column ");
  if (column != std::string::npos) {
    const size_t colon = what.find(": ", column);
    if (colon != std::string::npos) return what.substr(colon + 2);
  }
  return what;
}

// Truncates `s` for a message, keeping UTF-8 intact.
std::string excerpt(std::string_view s, size_t max_bytes = 40) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t cut = max_bytes;
  while (cut > 0 && !utf8::is_boundary(s, cut)) --cut;
  return std::string(s.substr(0, cut)) + "...";
}

const char* type_name(const json& v) { return v.type_name(); }

}  // namespace

Result<Document> parse_jsonl_record(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.size() >= 3 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);

  Document doc;
  doc.format = "jsonl";
  doc.encoding = "UTF-8";

  // nlohmann rejects ill-formed UTF-8 inside strings; repair it here and say so instead of
  // losing the whole record.
  std::string repaired;
  if (utf8::valid_prefix(line) != line.size()) {
    Decoded fixed = replace_invalid_utf8(line);
    repaired = std::move(fixed.text);
    for (std::string& w : fixed.warnings) doc.warnings.push_back(std::move(w) + " in the record");
    line = repaired;
  }

  json record;
  try {
    record = json::parse(line);
  } catch (const json::parse_error& e) {
    // nlohmann quotes the bytes it last read, which can end inside a multi-byte character.
    const std::string reason = replace_invalid_utf8(parse_error_reason(e.what())).text;
    return Error{"not valid JSON at column " + std::to_string(e.byte) + " (" + reason + ")"};
  } catch (const json::exception& e) {
    return Error{std::string("not valid JSON (") + e.what() + ")"};
  }
  if (!record.is_object()) return Error{std::string("not a JSON object (found ") + type_name(record) + ")"};

  const auto id = record.find("id");
  if (id == record.end() || id->is_null()) return Error{"missing field \"id\""};
  if (id->is_string()) {
    doc.id = id->get<std::string>();
  } else if (id->is_number_unsigned()) {
    doc.id = std::to_string(id->get<uint64_t>());
  } else if (id->is_number_integer()) {
    doc.id = std::to_string(id->get<int64_t>());
  } else {
    return Error{std::string("field \"id\" must be a string or an integer, not ") + type_name(*id)};
  }
  if (doc.id.empty()) return Error{"field \"id\" is empty"};

  const auto text = record.find("text");
  if (text == record.end() || text->is_null()) return Error{"missing field \"text\" (id \"" + excerpt(doc.id) + "\")"};
  if (!text->is_string()) {
    return Error{std::string("field \"text\" must be a string, not ") + type_name(*text) + " (id \"" + excerpt(doc.id) +
                 "\")"};
  }
  doc.text = text->get<std::string>();
  bool blank = true;
  for (char c : doc.text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
      blank = false;
      break;
    }
  }
  if (blank) return Error{"field \"text\" is empty (id \"" + excerpt(doc.id) + "\")"};

  struct Optional {
    const char* name;
    std::string Document::*field;
  };
  for (const Optional& opt :
       {Optional{"lang", &Document::lang}, Optional{"date", &Document::date}, Optional{"url", &Document::url},
        Optional{"title", &Document::title}, Optional{"source", &Document::source}}) {
    const auto it = record.find(opt.name);
    if (it == record.end() || it->is_null()) continue;
    if (it->is_string()) {
      doc.*opt.field = it->get<std::string>();
    } else {
      doc.warnings.push_back(std::string("field \"") + opt.name + "\" is " + type_name(*it) +
                             ", not a string; ignored");
    }
  }
  return doc;
}

}  // namespace rasad::io
