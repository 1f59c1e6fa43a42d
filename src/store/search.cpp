#include "store/search.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "kb/matcher.h"

namespace rasad::store {

namespace {

std::string join_words(const std::vector<std::string>& w, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) {
    if (!out.empty()) out += ' ';
    out += w[i];
  }
  return out;
}

std::vector<std::string> words_of(std::string_view normalized) {
  std::vector<std::string> out;
  for (auto& t : kb::split_match_tokens(normalized))
    if (!kb::is_punct_token(t)) out.push_back(std::move(t));
  return out;
}

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

}  // namespace

SearchExpander::SearchExpander(std::shared_ptr<const kb::KnowledgeBase> kb) : kb_(std::move(kb)) {
  if (!kb_) return;
  for (const kb::NameForm& f : kb_->forms()) {
    using C = kb::FormCategory;
    if (f.category != C::country && f.category != C::organization && f.category != C::person) continue;
    if (f.kind == "capital" || f.kind == "place" || f.code.empty()) continue;
    const auto words = words_of(f.norm);
    if (words.empty()) continue;
    const std::string name = join_words(words, 0, words.size());
    add_unique(codes_by_name_[name], f.code);
    add_unique(names_by_code_[f.code], name);
    longest_ = std::max(longest_, words.size());
  }
}

std::vector<QueryTerm> SearchExpander::terms(std::string_view query) const {
  const text::Normalizer& n = kb_ ? kb_->normalizer() : own_normalizer_;
  const auto words = words_of(n.normalize_string(query));
  std::vector<QueryTerm> out;
  for (size_t i = 0; i < words.size();) {
    size_t len = std::min(longest_, words.size() - i);
    for (; len > 0; --len) {
      auto it = codes_by_name_.find(join_words(words, i, i + len));
      if (it == codes_by_name_.end()) continue;
      QueryTerm t;
      t.words = it->first;
      t.codes = it->second;
      t.alternatives.push_back(t.words);
      for (const auto& code : t.codes)
        for (const auto& alt : names_by_code_.at(code)) add_unique(t.alternatives, alt);
      // Arabic script writes the conjunction and one-letter prepositions onto the name ("وروسيا",
      // "بروسيا"); the index keeps whole words, so search those spellings too.
      const size_t names = t.alternatives.size();
      for (size_t k = 0; k < names; ++k) {
        const std::string alt = t.alternatives[k];
        const auto lead = static_cast<unsigned char>(alt[0]);
        if (lead != 0xD8 && lead != 0xD9 && lead != 0xDA && lead != 0xDB) continue;
        for (const char* clitic : {"و", "ب", "ل", "ف"}) add_unique(t.alternatives, clitic + alt);
      }
      out.push_back(std::move(t));
      break;
    }
    if (len == 0) {
      out.push_back(QueryTerm{words[i], {}, {words[i]}});
      len = 1;
    }
    i += len;
  }
  return out;
}

std::string SearchExpander::word_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(p, i, n, c);
    const bool word = c >= 0 && (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK | U_GC_M_MASK | U_GC_CO_MASK)) != 0;
    if (word) out.append(text.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
    else out += ' ';
  }
  return out;
}

std::string SearchExpander::fts_query(const std::vector<QueryTerm>& terms) {
  auto quote = [](const std::string& s) {
    std::string q = "\"";
    for (char c : s) {
      if (c == '"') q += '"';
      q += c;
    }
    return q + '"';
  };
  std::string out;
  for (const auto& t : terms) {
    if (!out.empty()) out += " AND ";
    if (t.alternatives.size() == 1) {
      out += quote(t.alternatives[0]);
      continue;
    }
    out += '(';
    for (size_t i = 0; i < t.alternatives.size(); ++i) out += (i ? " OR " : "") + quote(t.alternatives[i]);
    out += ')';
  }
  return out;
}

}  // namespace rasad::store
