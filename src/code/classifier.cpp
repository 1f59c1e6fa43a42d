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

  // Whole words only (no character or word n-grams) and an output fastText computes from the mean
  // input row alone: then a label's score is linear in the words (see EventClassifier::linear).
  bool linear() const {
    return args_->maxn <= 0 && args_->wordNgrams <= 1 &&
           (args_->loss == fasttext::loss_name::softmax || args_->loss == fasttext::loss_name::ova);
  }

  // Per input row, the output row of every label times it: rows x labels numbers. A dense output
  // matrix is read directly: the same float products summed in the same order as dotRow, whose
  // per-element calls were most of the loading time.
  std::vector<float> label_scores() const {
    const int64_t rows = dict_->nwords(), labels = dict_->nlabels(), dim = input_->size(1);
    std::vector<float> out(static_cast<size_t>(rows * labels));
    const auto* dense = dynamic_cast<const fasttext::DenseMatrix*>(output_.get());
    fasttext::Vector row(dim);
    for (int64_t i = 0; i < rows; ++i) {
      row.zero();
      input_->addRowToVector(row, static_cast<int32_t>(i));
      for (int64_t j = 0; j < labels; ++j)
        out[static_cast<size_t>(i * labels + j)] = dense ? dot(dense->data() + j * dim, row.data(), dim) : output_->dotRow(row, j);
    }
    return out;
  }

  static float dot(const float* a, const float* b, int64_t n) {
    float d = 0.0f;
    for (int64_t k = 0; k < n; ++k) d += a[k] * b[k];
    return d;
  }
};

// fastText's one-vs-all output reads the sigmoid from a table of 512 steps over [-8, 8]; the same
// table gives the same probabilities, so thresholds chosen with fastText hold.
float table_sigmoid(float x) {
  constexpr int64_t kSize = 512, kMax = 8;
  static const std::vector<float> table = [] {
    std::vector<float> t;
    for (int64_t i = 0; i <= kSize; ++i) {
      const float v = static_cast<float>(i * 2 * kMax) / kSize - kMax;
      t.push_back(static_cast<float>(1.0 / (1.0 + std::exp(-v))));
    }
    return t;
  }();
  if (x < -kMax) return 0.0f;
  if (x > kMax) return 1.0f;
  return table[static_cast<size_t>((x + kMax) * kSize / kMax / 2)];
}

// fastText reports log(p + 1e-5) as a float, and its probability is exp of that: the same steps
// give the same number to the last bit (it may exceed 1 by a hair).
float reported(float p) {
  const float logp = static_cast<float>(std::log(p + 1e-5));
  const float back = std::exp(logp);
  return std::isfinite(back) ? std::clamp(back, 0.0f, 1.0f) : 0.0f;
}

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

  std::shared_ptr<EventClassifier> c(new EventClassifier());
  const auto dict = model->getDictionary();
  const std::string prefix = model->getArgs().label;
  for (int32_t i = 0; i < dict->nlabels(); ++i) {
    std::string l = dict->getLabel(i);
    if (l.starts_with(prefix)) l.erase(0, prefix.size());
    c->labels_.push_back(std::move(l));
  }
  c->label_prefix_ = prefix;
  if (model->linear()) {
    // The word table and its numbers replace the model: fastText's matrices are freed.
    Linear lin;
    lin.softmax = model->getArgs().loss == fasttext::loss_name::softmax;
    lin.scores = model->label_scores();
    for (int32_t i = 0; i < dict->nwords(); ++i)
      if (dict->getType(i) == fasttext::entry_type::word) lin.rows.emplace(dict->getWord(i), i);
    lin.end_of_line = dict->getId(fasttext::Dictionary::EOS);
    c->linear_ = std::move(lin);
    return std::shared_ptr<const EventClassifier>(std::move(c));
  }
  model->decode_input();
  c->model_ = std::move(model);
  return std::shared_ptr<const EventClassifier>(std::move(c));
}

namespace {
// Does `w` hold a byte fastText splits words on (ASCII white space, NUL)? One comparison per byte
// for nearly all of them (find_first_of called memchr per byte: 1.3% of a run).
bool has_fasttext_space(std::string_view w) {
  for (const char c : w) {
    if (static_cast<unsigned char>(c) > ' ') continue;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '\0') return true;
  }
  return false;
}
}  // namespace

void EventClassifier::for_each_feature(const text::Sentence& s, const std::function<void(std::string_view)>& f) {
  std::string clean;
  auto word = [&](std::string_view w) {
    if (w.empty()) return;
    // fastText splits on ASCII white space and NUL; a token must stay one word.
    if (!has_fasttext_space(w)) return f(w);
    clean.clear();
    append_word(clean, w);
    f(clean);
  };
  for (const auto& t : s.tokens) {
    if (t.kind == text::TokenKind::number) {
      word("<num>");  // the value says nothing about whether an event happened
      continue;
    }
    word(t.norm);
    if (!t.morph.stem.empty() && t.morph.stem != t.norm) word(t.morph.stem);
  }
}

std::string EventClassifier::features(const text::Sentence& s) {
  std::string out;
  for_each_feature(s, [&](std::string_view w) { append_word(out, w); });
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

const float* EventClassifier::word_scores(std::string_view word) const {
  if (!linear_) return nullptr;
  const auto it = linear_->rows.find(word);
  return it == linear_->rows.end() ? nullptr : linear_->scores.data() + it->second * labels_.size();
}

const float* EventClassifier::end_of_line_scores() const {
  if (!linear_ || linear_->end_of_line < 0) return nullptr;
  return linear_->scores.data() + linear_->end_of_line * labels_.size();
}

std::vector<float> EventClassifier::probabilities(std::span<const float> sums, float words) const {
  std::vector<float> p(labels_.size(), 0.0f);
  if (words <= 0 || sums.size() != p.size()) return p;
  for (size_t j = 0; j < p.size(); ++j) p[j] = sums[j] * (1.0f / words);
  if (linear_ && !linear_->softmax) {
    for (float& v : p) v = reported(table_sigmoid(v));
    return p;
  }
  const float top = *std::max_element(p.begin(), p.end());
  float z = 0;
  for (float& v : p) z += (v = std::exp(v - top));
  for (float& v : p) v = reported(v / z);
  return p;
}

void EventClassifier::for_each_word(const std::function<void(std::string_view, const float*)>& f) const {
  if (!linear_) return;
  for (const auto& [word, row] : linear_->rows) f(word, linear_->scores.data() + row * labels_.size());
}

std::vector<std::pair<std::string, float>> EventClassifier::predict(std::string_view features) const {
  std::vector<std::pair<std::string, float>> out;
  if (linear_) {
    std::vector<float> sums(labels_.size(), 0.0f);
    float words = 0;
    auto add = [&](const float* s) {
      if (!s) return;
      for (size_t j = 0; j < sums.size(); ++j) sums[j] += s[j];
      ++words;
    };
    auto is_space = [](char c) {  // fastText's word separators; a line break is one too (one line)
      return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '\0';
    };
    for (size_t i = 0; i < features.size();) {
      while (i < features.size() && is_space(features[i])) ++i;
      size_t e = i;
      while (e < features.size() && !is_space(features[e])) ++e;
      if (e > i) add(word_scores(features.substr(i, e - i)));
      i = e;
    }
    add(end_of_line_scores());
    const std::vector<float> p = probabilities(sums, words);
    for (size_t j = 0; j < p.size(); ++j) out.emplace_back(labels_[j], p[j]);
  } else {
    // One line, as in training, so the end-of-line token is seen the same way.
    std::string line(features);
    for (char& c : line)
      if (c == '\n' || c == '\r') c = ' ';
    line += '\n';
    std::istringstream in(line);
    std::vector<std::pair<fasttext::real, std::string>> raw;
    model_->predictLine(in, raw, -1, 0.0);  // all labels; probabilities, not log-probabilities
    for (auto& [p, label] : raw) {
      if (label.starts_with(label_prefix_)) label.erase(0, label_prefix_.size());
      out.emplace_back(std::move(label), std::isfinite(p) ? std::clamp(static_cast<float>(p), 0.0f, 1.0f) : 0.0f);
    }
    // Labels fastText did not return (no known word in the input) get 0, so every label is present.
    for (const auto& l : labels_)
      if (std::none_of(out.begin(), out.end(), [&](const auto& o) { return o.first == l; })) out.emplace_back(l, 0.0f);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

float EventClassifier::probability(std::string_view features, std::string_view label) const {
  for (const auto& [name, p] : predict(features))
    if (name == label) return p;
  return 0.0f;
}

SentenceModels::SentenceModels(std::vector<std::shared_ptr<const EventClassifier>> models)
    : models_(std::move(models)) {
  for (const auto& m : models_) {
    column_.push_back(width_);
    if (m->linear()) width_ += 1 + m->labels().size();
  }
  end_of_line_.assign(width_, 0.0f);
  for (size_t k = 0; k < models_.size(); ++k) {
    const EventClassifier& m = *models_[k];
    const size_t n = m.labels().size();
    auto fill = [&](float* row, const float* scores) {
      row[column_[k]] = 1.0f;
      std::copy(scores, scores + n, row + column_[k] + 1);
    };
    m.for_each_word([&](std::string_view word, const float* scores) {
      auto [it, added] = rows_.try_emplace(std::string(word), static_cast<uint32_t>(rows_.size()));
      if (added) table_.resize(table_.size() + width_, 0.0f);
      fill(table_.data() + size_t{it->second} * width_, scores);
    });
    if (const float* eol = m.end_of_line_scores()) fill(end_of_line_.data(), eol);
  }
}

std::vector<std::vector<float>> SentenceModels::score(const text::Sentence& s) const {
  std::vector<float> sums(width_, 0.0f);
  auto add = [&](const float* row) {
    for (size_t c = 0; c < width_; ++c) sums[c] += row[c];
  };
  std::string text;  // for models that are not linear
  EventClassifier::for_each_feature(s, [&](std::string_view w) {
    if (const auto it = rows_.find(w); it != rows_.end()) add(table_.data() + size_t{it->second} * width_);
  });
  add(end_of_line_.data());  // last, as fastText adds it
  std::vector<std::vector<float>> out;
  for (size_t k = 0; k < models_.size(); ++k) {
    const EventClassifier& m = *models_[k];
    if (m.linear()) {
      const size_t n = m.labels().size();
      out.push_back(m.probabilities(std::span<const float>(sums).subspan(column_[k] + 1, n), sums[column_[k]]));
      continue;
    }
    if (text.empty()) text = EventClassifier::features(s);
    std::vector<float> p(m.labels().size(), 0.0f);
    for (const auto& [label, prob] : m.predict(text))
      for (size_t j = 0; j < p.size(); ++j)
        if (m.labels()[j] == label) p[j] = prob;
    out.push_back(std::move(p));
  }
  return out;
}

int SentenceModels::index(const EventClassifier* m) const {
  for (size_t k = 0; k < models_.size(); ++k)
    if (models_[k].get() == m) return static_cast<int>(k);
  return -1;
}

}  // namespace rasad::code
