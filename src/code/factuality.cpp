#include "code/factuality.h"

#include <array>
#include <exception>

#include "core/tsv.h"

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
  std::string bad;
  size_t labels = 0;
  bool bias = false;
  auto fail = [&](const TsvRow& row, const std::string& why) {
    if (bad.empty()) bad = row.error(why).format();
  };
  read_tsv(path, 2, [&](const TsvRow& row) {
    if (!bad.empty()) return;
    const std::string_view head = row.col(0);
    if (head == "@label") {
      if (labels >= 2 || row.col(1) != (labels == 0 ? "actual" : "background"))
        return fail(row, "the labels are actual, then background");
      ++labels;
      return;
    }
    if (head == "@bias") {
      try {
        m->bias_ = std::stof(std::string(row.col(1)));
        bias = true;
      } catch (const std::exception&) {
        fail(row, "the bias must be a number");
      }
      return;
    }
    if (labels != 2) return fail(row, "the two labels come before the weights");
    if (const std::string why = m->weights_.add_line(row, labels); !why.empty()) fail(row, why);
  }, [&](Diagnostic d) {
    if (bad.empty()) bad = d.format();
  });
  if (!bad.empty()) return Error{bad};
  if (!bias) return Error{path + ": no @bias line"};
  if (m->weights_.empty()) return Error{path + ": no weights"};
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
  // Decided from the word rules' verdicts as they stand: each trigger's features read only its own.
  std::vector<int> decided(triggers.size());  // -1: the rules decide
  for (size_t ti = 0; ti < triggers.size(); ++ti)
    decided[ti] = has_factuality(triggers[ti]) ? (m.background(u, sentence, triggers, ti) ? 1 : 0) : -1;
  for (size_t ti = 0; ti < triggers.size(); ++ti)
    if (decided[ti] >= 0) triggers[ti].background = decided[ti] == 1;
}

}  // namespace rasad::code
