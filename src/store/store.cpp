#include "store/store.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include <fmt/format.h>

#include "store/merge.h"

namespace rasad::store {

std::string content_hash(const Document& doc, const std::string& options) {
  uint64_t h = fnv1a("rasad-doc-v1");
  for (const std::string* f : {&doc.text, &doc.title, &doc.lang, &doc.date, &doc.url, &doc.source, &options}) {
    h = fnv1a(*f, h);
    h = fnv1a("\x1f", h);
  }
  return fmt::format("{:016x}", h);
}


std::string date_label(const EventRow& e) {
  if (e.date_precision != "range") return e.date;
  if (e.date_from.size() < 7) return "";
  if (e.date_to.size() < 7) return e.date_from.substr(0, 4) + "\u2013";
  // As coarse as tells the two ends apart: a range is never shown as a day.
  const size_t n = e.date_from.compare(0, 4, e.date_to, 0, 4) != 0 ? 4 : 7;
  const std::string a = e.date_from.substr(0, n), b = e.date_to.substr(0, n);
  return a == b ? a : a + "\u2013" + b;
}

std::vector<TimelineRow> timeline(const std::vector<EventRow>& rows, const std::string& by, int64_t& undated) {
  std::map<std::pair<std::string, std::string>, TimelineRow> acc;
  undated = 0;
  for (const auto& r : rows) {
    std::string period;
    if (by == "month" && (r.date_precision == "day" || r.date_precision == "month") && r.date.size() >= 7) {
      period = r.date.substr(0, 7);
    } else if (r.date_precision == "day") {
      if (by == "day") {
        period = r.date;
      } else if (auto d = epoch_day(r.date)) {
        // ISO 8601 week: the week (Monday first) belongs to the year of its Thursday.
        using namespace std::chrono;
        const sys_days day{days{*d}};
        const weekday wd{day};
        const sys_days thursday = day - days{(wd.iso_encoding() - 1)} + days{3};
        const year_month_day t{thursday};
        const sys_days jan1{t.year() / January / 1};
        const int week = static_cast<int>((thursday - jan1).count() / 7) + 1;
        period = fmt::format("{}-W{:02}", static_cast<int>(t.year()), week);
      }
    }
    if (period.empty()) {
      ++undated;
      continue;
    }
    const std::string type = r.plover.empty() ? "CAMEO" + r.cameo.substr(0, 2) : r.plover;
    TimelineRow& t = acc[{period, type}];
    t.period = period;
    t.plover = type;
    ++t.events;
    t.mentions += r.num_mentions;
    t.goldstein += r.goldstein;
  }
  std::vector<TimelineRow> out;
  for (auto& [k, v] : acc) out.push_back(std::move(v));
  return out;
}

Result<std::optional<EventRow>> Store::event(int64_t id) {
  auto rows = events_by_id({id});
  if (!rows) return Error{rows.error(), rows.error_code()};
  std::optional<EventRow> out;
  if (!rows->empty()) out = std::move(rows->front());
  return out;
}

Result<std::vector<EventRow>> Store::events_by_id(const std::vector<int64_t>& ids) {
  constexpr size_t kPage = 500;
  std::vector<EventRow> out;
  for (size_t at = 0; at < ids.size(); at += kPage) {
    EventQuery q;
    q.ids.assign(ids.begin() + at, ids.begin() + std::min(ids.size(), at + kPage));
    auto rows = events(q);
    if (!rows) return Error{rows.error(), rows.error_code()};
    out.insert(out.end(), std::make_move_iterator(rows->begin()), std::make_move_iterator(rows->end()));
  }
  std::sort(out.begin(), out.end(), [](const EventRow& a, const EventRow& b) { return a.id < b.id; });
  return out;
}

Result<std::unordered_map<std::string, int64_t>> Store::actor_counts(const std::vector<std::string>& codes,
                                                                     const std::vector<std::string>& people) {
  std::unordered_map<std::string, int64_t> counts;
  if (!codes.empty()) {
    // A code counts the events of every longer code it starts (IRN counts IRNGOV's), each event
    // once: one pass over the events' codes, whatever the number of codes.
    const std::set<std::string> wanted(codes.begin(), codes.end());
    std::set<std::string> hit;
    auto r = each_actor_pair([&](const std::string& source, const std::string& target) {
      hit.clear();
      for (const std::string* code : {&source, &target})
        for (size_t n = 3; n <= code->size(); n += 3)
          if (auto it = wanted.find(code->substr(0, n)); it != wanted.end()) hit.insert(*it);
      for (const std::string& code : hit) ++counts[code];
    });
    if (!r) return Error{r.error(), r.error_code()};
  }
  if (!people.empty()) {
    auto p = person_counts(people);
    if (!p) return Error{p.error(), p.error_code()};
    counts.merge(*p);
  }
  return counts;
}

namespace {

// Statements bind at most this many values (SQLite's limit is far above; PostgreSQL plans an IN
// list of this size at once).
constexpr size_t kBoundValues = 500;

// Code points in `s` (valid UTF-8): GDELT's offsets count characters.
int64_t characters(std::string_view s) {
  return std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

// The fields of `m` that come from its document's text. Spans are byte offsets into it.
void slice_text(MentionRow& m, std::string_view text) {
  auto prefix = [&](uint32_t end) { return text.substr(0, std::min<size_t>(end, text.size())); };
  const Span s = m.sentence_span;
  m.sentence_text = s.start < text.size() && s.end > s.start ? std::string(text.substr(s.start, s.end - s.start)) : "";
  m.source_char = characters(prefix(m.source_span.start));
  if (m.target_char >= 0) m.target_char = characters(prefix(m.target_span.start));
  m.trigger_char = characters(prefix(m.trigger.start));
  m.doc_chars = characters(text);
}

}  // namespace

Result<std::vector<std::vector<MentionRow>>> Store::mentions(const std::vector<int64_t>& event_ids) {
  std::vector<std::vector<MentionRow>> out(event_ids.size());
  std::unordered_map<int64_t, size_t> slot;  // where an event's mentions go: its first place
  std::vector<int64_t> ids;
  for (size_t i = 0; i < event_ids.size(); ++i)
    if (slot.emplace(event_ids[i], i).second) ids.push_back(event_ids[i]);
  for (size_t at = 0; at < ids.size(); at += kBoundValues) {
    const std::vector<int64_t> page(ids.begin() + at, ids.begin() + std::min(ids.size(), at + kBoundValues));
    auto rows = mention_rows(page);
    if (!rows) return Error{rows.error(), rows.error_code()};
    std::vector<std::string> docs;
    for (const auto& m : *rows) docs.push_back(m.doc);
    std::sort(docs.begin(), docs.end());
    docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
    std::unordered_map<std::string, std::string> texts;
    for (size_t d = 0; d < docs.size(); d += kBoundValues) {
      auto t = document_texts({docs.begin() + d, docs.begin() + std::min(docs.size(), d + kBoundValues)});
      if (!t) return Error{t.error(), t.error_code()};
      texts.merge(*t);
    }
    for (auto& m : *rows) {
      slice_text(m, texts[m.doc]);
      out[slot.at(m.event_id)].push_back(std::move(m));
    }
  }
  // An id asked for twice gets its mentions twice.
  for (size_t i = 0; i < event_ids.size(); ++i)
    if (const size_t first = slot.at(event_ids[i]); first != i) out[i] = out[first];
  return out;
}

Result<std::vector<MentionRow>> Store::mentions(int64_t event_id) {
  auto all = mentions(std::vector<int64_t>{event_id});
  if (!all) return Error{all.error(), all.error_code()};
  return std::move(all->front());
}

Result<std::vector<TimelineRow>> Store::timeline(const EventQuery& q, const std::string& by, int64_t& undated,
                                                 int64_t* events_read) {
  auto rows = events(q);
  if (!rows) return Error{rows.error(), rows.error_code()};
  if (events_read) *events_read = static_cast<int64_t>(rows->size());
  return store::timeline(*rows, by, undated);
}

}  // namespace rasad::store
