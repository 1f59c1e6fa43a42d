#include "kb/ontology.h"

#include <filesystem>

#include <charconv>

#include "core/tsv.h"

namespace rasad::kb {

namespace {

std::vector<std::string> split_list(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size() && !s.empty()) {
    const size_t end = s.find(sep, start);
    const std::string_view part = s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!part.empty()) out.emplace_back(part);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace

Ontology Ontology::load(const std::string& data_dir, std::vector<Diagnostic>& problems) {
  Ontology o;
  auto problem = [&](Diagnostic d) { problems.push_back(std::move(d)); };
  read_tsv(data_dir + "/kb/ontology/plover.tsv", 5, [&](const TsvRow& r) {
    PloverType t{std::string(r.col(0)), split_list(r.col(1), ','), std::string(r.col(2)), std::string(r.col(3))};
    if (!o.plover_.emplace(t.type, t).second) problem(r.error("duplicate PLOVER type " + t.type));
  }, problem);
  read_tsv(data_dir + "/kb/ontology/cameo.tsv", 9, [&](const TsvRow& r) {
    CameoCode c;
    c.code = r.col(0);
    c.name = r.col(1);
    c.root = r.col(2);
    const std::string_view q = r.col(3), g = r.col(4);
    const auto qr = std::from_chars(q.data(), q.data() + q.size(), c.quad_class);
    const auto gr = std::from_chars(g.data(), g.data() + g.size(), c.goldstein);
    if (qr.ec != std::errc() || c.quad_class < 1 || c.quad_class > 4) {
      problem(r.error("quad_class must be 1-4"));
      return;
    }
    if (gr.ec != std::errc() || c.goldstein < -10 || c.goldstein > 10) {
      problem(r.error("goldstein must be a number from -10 to 10"));
      return;
    }
    if (c.code.size() < 2 || c.code.size() > 4 || c.code.compare(0, 2, c.root) != 0) {
      problem(r.error("code '" + c.code + "' does not start with its root '" + c.root + "'"));
      return;
    }
    c.plover = r.col(5);
    c.plover_mode = r.col(6);
    if (!c.plover.empty() && !o.plover_.empty() && !o.plover_.count(c.plover))
      problem(r.error("unknown PLOVER type " + c.plover));
    if (!o.cameo_.emplace(c.code, c).second) problem(r.error("duplicate CAMEO code " + c.code));
  }, problem);
  // Hand-made additions to the official CAMEO->PLOVER table, for codes it leaves without a type.
  const std::string extra = data_dir + "/kb/ontology/plover.manual.tsv";
  if (std::filesystem::exists(extra)) {
    read_tsv(extra, 3, [&](const TsvRow& r) {
      auto it = o.cameo_.find(r.col(0));
      if (it == o.cameo_.end()) {
        problem(r.error("unknown CAMEO code '" + std::string(r.col(0)) + "'"));
        return;
      }
      if (!o.plover_.count(r.col(1))) {
        problem(r.error("unknown PLOVER type '" + std::string(r.col(1)) + "'"));
        return;
      }
      if (!it->second.plover.empty()) {
        problem(r.error("CAMEO " + it->second.code + " already has PLOVER type " + it->second.plover));
        return;
      }
      it->second.plover = r.col(1);
      it->second.plover_mode = r.col(2) == "-" ? "" : std::string(r.col(2));
    }, problem);
  }
  return o;
}

const CameoCode* Ontology::cameo(std::string_view code) const {
  const auto it = cameo_.find(code);
  return it == cameo_.end() ? nullptr : &it->second;
}

const PloverType* Ontology::plover(std::string_view type) const {
  const auto it = plover_.find(type);
  return it == plover_.end() ? nullptr : &it->second;
}

}  // namespace rasad::kb
