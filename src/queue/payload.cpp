#include "queue/payload.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "io/jsonl.h"

namespace rasad::queue {

std::string to_payload(const Document& doc, const ingest::Options& options) {
  nlohmann::json j = {{"id", doc.id},         {"text", doc.text},   {"lang", doc.lang},
                      {"date", doc.date},     {"url", doc.url},     {"title", doc.title},
                      {"source", doc.source}, {"path", doc.path},   {"line", doc.line},
                      {"format", doc.format}};
  const ingest::Options defaults;
  if (options.date != defaults.date || options.lang != defaults.lang)
    j["options"] = {{"date", options.date}, {"lang", options.lang}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<Payload> from_payload(std::string_view payload) {
  auto doc = io::parse_jsonl_record(payload);
  if (!doc) return Error{doc.error()};
  Payload out{std::move(*doc), {}};
  // Where it was read from and the options: not part of the JSON Lines format, so read here.
  try {
    const auto j = nlohmann::json::parse(payload);
    if (auto it = j.find("path"); it != j.end() && it->is_string()) out.doc.path = it->get<std::string>();
    if (auto it = j.find("line"); it != j.end() && it->is_number_unsigned()) out.doc.line = it->get<uint64_t>();
    if (auto it = j.find("format"); it != j.end() && it->is_string()) out.doc.format = it->get<std::string>();
    if (auto it = j.find("options"); it != j.end()) {
      if (!it->is_object()) return Error{"\"options\" is not an object"};
      for (auto [key, field] : {std::pair{"date", &out.options.date}, std::pair{"lang", &out.options.lang}}) {
        auto v = it->find(key);
        if (v == it->end()) continue;
        if (!v->is_string()) return Error{fmt::format("\"options\".\"{}\" is not a string", key)};
        *field = v->get<std::string>();
      }
    }
  } catch (const std::exception& e) {
    return Error{e.what()};
  }
  return out;
}

}  // namespace rasad::queue
