#pragma once
// Near-duplicate detection: a MinHash sketch over word shingles of normalized text, and the
// locality-sensitive band keys the store indexes it by. Rules and thresholds: docs/STORE.md.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rasad::store {

inline constexpr int kSketchSize = 64;  // min-hashes per document
inline constexpr int kBands = 16;       // LSH bands of kSketchSize / kBands rows each
inline constexpr int kShingleWords = 5;
inline constexpr int kMinShingles = 8;  // shorter texts get no sketch (too little evidence)
inline constexpr double kDuplicateThreshold = 0.8;  // estimated Jaccard to call two texts near-duplicates

struct Sketch {
  std::array<uint32_t, kSketchSize> mins{};
  bool empty = true;  // true when the text had fewer than kMinShingles shingles

  std::string to_blob() const;  // little-endian bytes; "" when empty
  static Sketch from_blob(std::string_view blob);
};

// `normalized` is text::Normalizer output (boilerplate already cut out by the caller). Words are
// runs of letters and digits (bytes >= 0x80 count as letters, so Arabic script words stay whole).
Sketch make_sketch(std::string_view normalized);

// Estimated Jaccard similarity of the two shingle sets: the share of equal min-hashes. 0 when
// either sketch is empty.
double similarity(const Sketch& a, const Sketch& b);

// One key per band; two sketches sharing any key are candidates. Keys mix in the band number so a
// single index serves all bands. Empty for an empty sketch. Values fit in a signed 64-bit integer.
std::vector<int64_t> band_keys(const Sketch& s);

// A stored document that a new one may near-duplicate (an LSH candidate).
struct StoredSketch {
  std::string id;
  Sketch sketch;
  std::string duplicate_of;  // the original it copies, "" when it is one
};

// The original a new document near-duplicates, "" when none.
struct DuplicateLink {
  std::string original;
  double similarity = 0;  // estimated Jaccard similarity to the candidate that matched
};

// Which stored document the new document `id` with `sketch` near-duplicates, among its LSH
// candidates in storing order: the most similar at kDuplicateThreshold or above (the first of
// equals), or that one's original when it is a copy itself, so links always point at an
// original. `id` itself (a replaced document) is never a candidate.
DuplicateLink find_original(const std::string& id, const Sketch& sketch, const std::vector<StoredSketch>& candidates);

// Stable 64-bit FNV-1a (content hashes and shingles must not change between builds).
uint64_t fnv1a(std::string_view s, uint64_t seed = 0xcbf29ce484222325ULL);

}  // namespace rasad::store
