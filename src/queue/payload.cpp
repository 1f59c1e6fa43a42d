#include "queue/payload.h"

#include <nlohmann/json.hpp>

#include "io/jsonl.h"

namespace rasad::queue {

std::string document_to_payload(const Document& doc) {
  const nlohmann::json j = {{"id", doc.id},       {"text", doc.text},     {"lang", doc.lang},
                            {"date", doc.date},   {"url", doc.url},       {"title", doc.title},
                            {"source", doc.source}, {"path", doc.path},   {"line", doc.line},
                            {"format", doc.format}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<Document> document_from_payload(std::string_view payload) {
  auto doc = io::parse_jsonl_record(payload);
  if (!doc) return doc;
  // Where it was read from: not part of the JSON Lines format, so read here.
  try {
    const auto j = nlohmann::json::parse(payload);
    if (auto it = j.find("path"); it != j.end() && it->is_string()) doc->path = it->get<std::string>();
    if (auto it = j.find("line"); it != j.end() && it->is_number_unsigned()) doc->line = it->get<uint64_t>();
    if (auto it = j.find("format"); it != j.end() && it->is_string()) doc->format = it->get<std::string>();
  } catch (const std::exception& e) {
    return Error{e.what()};
  }
  return doc;
}

}  // namespace rasad::queue
