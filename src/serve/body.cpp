#include "serve/body.h"

#include <algorithm>
#include <string>

namespace rasad::serve {

using json = nlohmann::json;

size_t json_nesting_depth(std::string_view text, size_t limit) {
  size_t depth = 0, deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;  // the escaped character cannot close the string
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return limit + 1;
      deepest = std::max(deepest, depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

Result<json> parse_documents_body(std::string_view body) {
  if (json_nesting_depth(body, kMaxBodyNesting) > kMaxBodyNesting)
    return Error{"the body nests arrays or objects more than " + std::to_string(kMaxBodyNesting) +
                 " levels deep; a document is a flat object of strings"};
  json in = json::parse(body, nullptr, false);
  if (in.is_discarded()) return Error{"the body is not valid JSON"};
  if (in.is_object() && in.contains("documents")) return json(std::move(in["documents"]));
  if (in.is_array()) return in;
  json one = json::array();
  one.push_back(std::move(in));
  return one;
}

}  // namespace rasad::serve
