#include "store/sketch.h"

#include <algorithm>
#include <limits>

namespace rasad::store {

namespace {

uint64_t mix(uint64_t x) {  // splitmix64 finalizer: cheap, well distributed, stable
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

bool is_word_byte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

uint64_t fnv1a(std::string_view s, uint64_t seed) {
  uint64_t h = seed;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

Sketch make_sketch(std::string_view text) {
  // Word hashes first; a shingle hash combines kShingleWords consecutive word hashes.
  std::vector<uint64_t> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    size_t j = i;
    while (j < text.size() && is_word_byte(static_cast<unsigned char>(text[j]))) ++j;
    if (j > i) words.push_back(fnv1a(text.substr(i, j - i)));
    i = j;
  }
  Sketch s;
  if (words.size() < static_cast<size_t>(kShingleWords + kMinShingles - 1)) return s;
  s.mins.fill(std::numeric_limits<uint32_t>::max());
  for (size_t w = 0; w + kShingleWords <= words.size(); ++w) {
    uint64_t h = 0;
    for (int k = 0; k < kShingleWords; ++k) h = mix(h ^ words[w + k]);
    for (int k = 0; k < kSketchSize; ++k) {
      const auto v = static_cast<uint32_t>(mix(h + 0x632be59bd9b4e019ULL * static_cast<uint64_t>(k + 1)) >> 32);
      s.mins[k] = std::min(s.mins[k], v);
    }
  }
  s.empty = false;
  return s;
}

double similarity(const Sketch& a, const Sketch& b) {
  if (a.empty || b.empty) return 0;
  int same = 0;
  for (int k = 0; k < kSketchSize; ++k) same += a.mins[k] == b.mins[k];
  return static_cast<double>(same) / kSketchSize;
}

std::vector<int64_t> band_keys(const Sketch& s) {
  std::vector<int64_t> keys;
  if (s.empty) return keys;
  constexpr int rows = kSketchSize / kBands;
  for (int b = 0; b < kBands; ++b) {
    uint64_t h = mix(static_cast<uint64_t>(b) + 1);
    for (int r = 0; r < rows; ++r) h = mix(h ^ s.mins[b * rows + r]);
    keys.push_back(static_cast<int64_t>(h >> 1));
  }
  return keys;
}

DuplicateLink find_original(const std::string& id, const Sketch& sketch, const std::vector<StoredSketch>& candidates) {
  DuplicateLink best;
  for (const StoredSketch& c : candidates) {
    const double sim = similarity(sketch, c.sketch);
    if (sim >= kDuplicateThreshold && sim > best.similarity && c.id != id)
      best = {c.duplicate_of.empty() ? c.id : c.duplicate_of, sim};
  }
  return best;
}

std::string Sketch::to_blob() const {
  if (empty) return {};
  std::string out(kSketchSize * 4, '\0');
  for (int k = 0; k < kSketchSize; ++k)
    for (int b = 0; b < 4; ++b) out[k * 4 + b] = static_cast<char>((mins[k] >> (8 * b)) & 0xff);
  return out;
}

Sketch Sketch::from_blob(std::string_view blob) {
  Sketch s;
  if (blob.size() != kSketchSize * 4) return s;
  for (int k = 0; k < kSketchSize; ++k) {
    uint32_t v = 0;
    for (int b = 0; b < 4; ++b) v |= static_cast<uint32_t>(static_cast<unsigned char>(blob[k * 4 + b])) << (8 * b);
    s.mins[k] = v;
  }
  s.empty = false;
  return s;
}

}  // namespace rasad::store
