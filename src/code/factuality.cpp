#include "code/factuality.h"

#include <array>

namespace rasad::code {

namespace {

std::string_view form(const Units& u, uint32_t i) { return u.units[i].forms[0]; }

}  // namespace

bool has_factuality(const Trigger& t) {
  return !t.absorbed && !t.interview && !t.negated && !t.future && !t.conditional && !t.wished;
}

void factuality_features(const Units& u, const text::Sentence& sentence, const std::vector<Trigger>& triggers,
                         size_t ti, FeatureSink& sink) {
  const Trigger& t = triggers[ti];
  const uint32_t b = t.match.begin, e = t.match.end, n = static_cast<uint32_t>(u.units.size());
  sink.add({"bias"});
  sink.add({t.background ? "rule=background" : "rule=actual"});
  sink.add({"root=", std::string_view(t.cameo).substr(0, 2)});
  sink.add({"t=", form(u, b)});
  if (u.units[b].forms.size() > 1) sink.add({"ts=", u.units[b].forms[1]});
  for (const std::string& p : u.prefixes(sentence, b)) sink.add({"clitic=", p});
  for (uint32_t k = b + 1; k < e; ++k) sink.add({"in=", form(u, k)});
  // Reference, time and occurrence words stand before the trigger, within a few words.
  static constexpr std::array<std::string_view, 4> kBefore = {"b1=", "b2=", "b3=", "b4="};
  for (uint32_t k = 1; k <= 4 && k <= b; ++k) {
    sink.add({kBefore[k - 1], form(u, b - k)});
    sink.add({"bw=", form(u, b - k)});
  }
  if (b == 0) sink.add({"b1=<s>"});
  if (b > 0 && u.units[b - 1].forms.size() > 1) sink.add({"b1s=", u.units[b - 1].forms[1]});
  if (b > 1) sink.add({"b2b1=", form(u, b - 2), " ", form(u, b - 1)});
  sink.add({"a1=", e < n ? form(u, e) : std::string_view("</s>")});
  if (e + 1 < n) sink.add({"a2=", form(u, e + 1)});
  if (ti > 0) sink.add({"prev-root=", std::string_view(triggers[ti - 1].cameo).substr(0, 2)});
}

Result<std::shared_ptr<const FactualityModel>> FactualityModel::load(const std::string& path) {
  auto m = std::make_shared<FactualityModel>();
  size_t labels = 0;
  auto label = [&](const TsvRow& row) -> std::string {
    if (labels >= 2 || row.col(1) != (labels == 0 ? "actual" : "background")) return "the labels are actual, then background";
    ++labels;
    return {};
  };
  const std::string bad = read_linear_model(path, "@bias", m->bias_, label, [&] { return labels; }, m->weights_);
  if (!bad.empty()) return Error{bad};
  if (labels != 2) return Error{path + ": the labels are actual, then background"};
  return std::shared_ptr<const FactualityModel>(std::move(m));
}

bool FactualityModel::background(const Units& u, const text::Sentence& sentence, const std::vector<Trigger>& triggers,
                                 size_t ti) const {
  std::vector<float> s(2);
  LabelScores sink(weights_, s);
  factuality_features(u, sentence, triggers, ti, sink);
  return s[1] > s[0] + bias_;  // actual on equal scores
}

void decide_factuality(const FactualityModel& m, const Units& u, const text::Sentence& sentence,
                       std::vector<Trigger>& triggers) {
  // A trigger's features read its own verdict and the previous trigger's code, never an earlier
  // decision, so one pass in order decides each from the word rules' verdict.
  for (size_t ti = 0; ti < triggers.size(); ++ti)
    if (has_factuality(triggers[ti])) triggers[ti].background = m.background(u, sentence, triggers, ti);
}

}  // namespace rasad::code
