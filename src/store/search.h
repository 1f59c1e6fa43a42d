#pragma once
// Turning a search query into an FTS5 query over the normalized text the store indexes: the query
// is normalized like coding normalizes (so يؤكد finds یؤکد), and a run of words that names an actor
// in the knowledge base also searches that actor's names in every language (روسيا finds روسیه and
// Russia).
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kb/kb.h"
#include "text/normalize.h"

namespace rasad::store {

struct QueryTerm {
  std::string words;                      // normalized words of the query
  std::vector<std::string> codes;         // actor codes they name; empty for a plain word
  std::vector<std::string> alternatives;  // normalized names searched for it (words first)
};

class SearchExpander {
 public:
  // `kb` may be null: then only normalization applies.
  explicit SearchExpander(std::shared_ptr<const kb::KnowledgeBase> kb);

  std::vector<QueryTerm> terms(std::string_view query) const;
  // Every term must match (AND); a term matches any of its alternatives (OR). "" when the query has
  // no words.
  static std::string fts_query(const std::vector<QueryTerm>& terms);
  // `text` with every code point that is not a letter, digit, mark or private-use character turned
  // into a space: words as FTS5's unicode61 tokenizer separates them ("روسیه،" is روسیه), for a
  // full-text index whose tokenizer takes every non-ASCII character for a letter (PostgreSQL's).
  static std::string word_text(std::string_view text);

 private:
  std::shared_ptr<const kb::KnowledgeBase> kb_;
  text::Normalizer own_normalizer_;  // used when there is no kb
  std::unordered_map<std::string, std::vector<std::string>> codes_by_name_;  // normalized name -> codes
  std::unordered_map<std::string, std::vector<std::string>> names_by_code_;  // code -> normalized names
  size_t longest_ = 1;  // words in the longest name
};

}  // namespace rasad::store
