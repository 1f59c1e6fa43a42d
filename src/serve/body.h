#pragma once
// Reading the JSON body of POST /api/documents. Nesting is bounded on the bytes before anything
// is parsed: copying, dumping or destroying a parsed tree recurses once per level, so 100,000
// nested arrays in a 200 KB body would overflow a worker's stack.
#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace rasad::serve {

// Far deeper than any document needs: `{"documents": [{...}]}` is 3 levels.
constexpr size_t kMaxBodyNesting = 32;

// The deepest nesting of arrays and objects in `text` read as JSON, counting `[` and `{` outside
// strings (escapes inside strings honoured). Invalid JSON still gets a number; the parser judges
// validity afterwards. Stops scanning once the depth passes `limit` and returns `limit + 1`.
size_t json_nesting_depth(std::string_view text, size_t limit);

// The documents of a body: `{"documents": [...]}`, an array of objects, or one object, as a JSON
// array (its items not yet checked). The parsed tree is moved, never copied. Errors: too deep,
// not JSON.
Result<nlohmann::json> parse_documents_body(std::string_view body);

}  // namespace rasad::serve
