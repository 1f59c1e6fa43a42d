#include "code/classifier.h"

#include <fasttext/densematrix.h>
#include <fasttext/fasttext.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <fstream>
#include <sstream>

namespace rasad::code {

namespace {

// fastText keeps its matrices and dictionary protected; a subclass may check that a freshly loaded
// model is consistent before anything indexes into it (a corrupt file could otherwise pass the
// loader and crash predict).
class CheckedFastText : public fasttext::FastText {
 public:
  std::string inconsistency() const {
    if (!args_ || !dict_ || !input_ || !output_ || !model_) return "incomplete model";
    if (args_->model != fasttext::model_name::sup) return "not a supervised (classification) model";
    if (dict_->nlabels() <= 0) return "model has no labels";
    if (args_->dim <= 0 || args_->bucket < 0) return "bad model arguments";
    if (input_->size(0) != int64_t{dict_->nwords()} + args_->bucket || input_->size(1) != args_->dim)
      return "input matrix does not match the dictionary";
    if (output_->size(0) != dict_->nlabels() || output_->size(1) != args_->dim)
      return "output matrix does not match the labels";
    return {};
  }

  // A quantized model decodes a product-quantized row per word and prediction. Decoding every row
  // once at load (rows x dim floats) gives the same sums, each row added as the decoder adds it.
  void decode_input() {
    if (!quant_) return;
    const int64_t rows = input_->size(0), dim = input_->size(1);
    auto dense = std::make_shared<fasttext::DenseMatrix>(rows, dim);
    fasttext::Vector row(dim);
    for (int64_t i = 0; i < rows; ++i) {
      row.zero();
      input_->addRowToVector(row, static_cast<int32_t>(i));
      std::copy(row.data(), row.data() + dim, dense->data() + i * dim);
    }
    input_ = std::move(dense);
    model_ = std::make_shared<fasttext::Model>(input_, output_, createLoss(output_),
                                               args_->model == fasttext::model_name::sup);
  }
};

void append_word(std::string& out, std::string_view w) {
  if (w.empty()) return;
  if (!out.empty()) out += ' ';
  // fastText splits on ASCII white space and NUL; a token must stay one word.
  for (char c : w) out += (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '\0') ? '_' : c;
}

}  // namespace

EventClassifier::EventClassifier() = default;
EventClassifier::~EventClassifier() = default;

Result<std::shared_ptr<const EventClassifier>> EventClassifier::load(const std::string& model_path) {
  std::ifstream in(model_path, std::ios::binary);
  if (!in) return Error{"cannot open the classifier model " + model_path};
  // fastText 0.9.2 loops forever on a truncated file (it reads strings until a NUL with get()), so
  // the stream throws at the end of the file instead.
  in.exceptions(std::ios::failbit | std::ios::badbit | std::ios::eofbit);
  auto model = std::make_unique<CheckedFastText>();
  try {
    int32_t magic = 0, version = 0;
    in.read(reinterpret_cast<char*>(&magic), sizeof magic);
    in.read(reinterpret_cast<char*>(&version), sizeof version);
    if (magic != 793712314 || version != 12)  // FASTTEXT_FILEFORMAT_MAGIC_INT32, FASTTEXT_VERSION
      return Error{model_path + " is not a fastText 0.9 model"};
    model->loadModel(in);
  } catch (const std::ios_base::failure&) {
    return Error{model_path + " is truncated or unreadable"};
  } catch (const std::exception& e) {
    return Error{model_path + " is not a valid fastText model: " + e.what()};
  }
  if (auto why = model->inconsistency(); !why.empty()) return Error{model_path + ": " + why};
  model->decode_input();

  std::shared_ptr<EventClassifier> c(new EventClassifier());
  const auto dict = model->getDictionary();
  const std::string prefix = model->getArgs().label;
  for (int32_t i = 0; i < dict->nlabels(); ++i) {
    std::string l = dict->getLabel(i);
    if (l.starts_with(prefix)) l.erase(0, prefix.size());
    c->labels_.push_back(std::move(l));
  }
  c->label_prefix_ = prefix;
  // A model of whole words reads a sentence as the ids of its known words: a table probed once per
  // word, instead of fastText's stream parsing and string hashing per model and sentence.
  const fasttext::Args args = model->getArgs();
  if (args.maxn <= 0 && args.wordNgrams <= 1) {
    for (int32_t i = 0; i < dict->nwords(); ++i)
      if (dict->getType(i) == fasttext::entry_type::word) c->vocabulary_.emplace(dict->getWord(i), i);
    c->end_of_line_ = dict->getId(fasttext::Dictionary::EOS);
  }
  c->model_ = std::move(model);
  return std::shared_ptr<const EventClassifier>(std::move(c));
}

std::string EventClassifier::features(const text::Sentence& s) {
  std::string out;
  for (const auto& t : s.tokens) {
    if (t.kind == text::TokenKind::number) {
      append_word(out, "<num>");  // the value says nothing about whether an event happened
      continue;
    }
    append_word(out, t.norm);
    if (!t.morph.stem.empty() && t.morph.stem != t.norm) append_word(out, t.morph.stem);
  }
  return out;
}

std::string EventClassifier::features(const std::vector<text::Sentence>& sentences) {
  std::string out;
  for (const auto& s : sentences) {
    std::string f = features(s);
    if (f.empty()) continue;
    if (!out.empty()) out += ' ';
    out += f;
  }
  return out;
}

std::vector<int32_t> EventClassifier::word_ids(std::string_view features) const {
  std::vector<int32_t> ids;
  auto is_space = [](char c) {  // fastText's word separators; a line break is one too (one line)
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '\0';
  };
  size_t i = 0;
  while (i < features.size()) {
    while (i < features.size() && is_space(features[i])) ++i;
    size_t e = i;
    while (e < features.size() && !is_space(features[e])) ++e;
    if (e > i)
      if (auto it = vocabulary_.find(features.substr(i, e - i)); it != vocabulary_.end()) ids.push_back(it->second);
    i = e;
  }
  if (end_of_line_ >= 0) ids.push_back(end_of_line_);
  return ids;
}

std::vector<std::pair<std::string, float>> EventClassifier::predict(std::string_view features) const {
  std::vector<std::pair<fasttext::real, std::string>> raw;
  if (!vocabulary_.empty()) {
    fasttext::Predictions scored;
    const std::vector<int32_t> ids = word_ids(features);
    if (!ids.empty()) model_->predict(-1, ids, scored, 0.0);  // all labels, as log-probabilities
    for (const auto& [logp, label] : scored) raw.emplace_back(std::exp(logp), labels_[label]);
  } else {
    // One line, as in training, so the end-of-line token is seen the same way.
    std::string line(features);
    for (char& c : line)
      if (c == '\n' || c == '\r') c = ' ';
    line += '\n';
    std::istringstream in(line);
    model_->predictLine(in, raw, -1, 0.0);  // all labels; probabilities, not log-probabilities
  }
  std::vector<std::pair<std::string, float>> out;
  for (auto& [p, label] : raw) {
    if (label.starts_with(label_prefix_)) label.erase(0, label_prefix_.size());
    // fastText scores log(p + 1e-5), so exp() can exceed 1 by a hair.
    out.emplace_back(std::move(label), std::isfinite(p) ? std::clamp(static_cast<float>(p), 0.0f, 1.0f) : 0.0f);
  }
  // Labels fastText did not return (no known word in the input) get 0, so every label is present.
  for (const auto& l : labels_) {
    bool seen = false;
    for (const auto& [name, p] : out) seen = seen || name == l;
    if (!seen) out.emplace_back(l, 0.0f);
  }
  return out;
}

float EventClassifier::probability(std::string_view features, std::string_view label) const {
  for (const auto& [name, p] : predict(features))
    if (name == label) return p;
  return 0.0f;
}

}  // namespace rasad::code
