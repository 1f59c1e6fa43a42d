#include "store/store.h"

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
  EventQuery q;
  q.id = id;
  auto rows = events(q);
  if (!rows) return Error{rows.error(), rows.error_code()};
  std::optional<EventRow> out;
  if (!rows->empty()) out = std::move(rows->front());
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

Result<std::vector<TimelineRow>> Store::timeline(const EventQuery& q, const std::string& by, int64_t& undated,
                                                 int64_t* events_read) {
  auto rows = events(q);
  if (!rows) return Error{rows.error(), rows.error_code()};
  if (events_read) *events_read = static_cast<int64_t>(rows->size());
  return store::timeline(*rows, by, undated);
}

}  // namespace rasad::store
