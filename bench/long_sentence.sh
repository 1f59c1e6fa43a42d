#!/usr/bin/env bash
# Coding time against sentence length: `rasad code` on 1, 2, 4 and 8 MB of Arabic text without any
# punctuation or line break (words of the Arabic seed reports, repeated), the input on which an
# unbounded sentence once made coding quadratic (1/2/4/8 MB: 2.8/8.8/28/115 s). Linear is about
# twice the time per doubling; the sentence count is printed so a fast wrong answer shows.
# Usage: bench/long_sentence.sh [build-dir] [sizes in MB...]
set -euo pipefail
cd "$(dirname "$0")/.."
rasad=${1:-build}/rasad
shift || true
sizes=("$@")
((${#sizes[@]})) || sizes=(1 2 4 8)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for mb in "${sizes[@]}"; do
  input=$tmp/unpunctuated_${mb}mb.txt
  python3 - "$input" "$mb" ../shared/seeds/000_*.txt ../shared/seeds/002_*.txt ../shared/seeds/003_*.txt ../shared/seeds/004_*.txt <<'PY'
import re, sys
out, mb, seeds = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
words = [w for p in seeds for w in re.findall(r"[\u0621-\u064A]+", open(p, encoding="utf-8").read())]
target = mb * 1024 * 1024
parts, size, i = [], 0, 0
while size < target:
    w = words[i % len(words)]
    parts.append(w)
    size += len(w.encode()) + 1
    i += 1
open(out, "w", encoding="utf-8").write(" ".join(parts))
PY
  printf '%s MB: ' "$mb"
  /usr/bin/time -f "wall_s %e peak_rss_kb %M" "$rasad" -q code --stats --lang ar ${RASAD_CODE_ARGS:-} "$input" 2>&1 > /dev/null |
    sed -E 's/ (docs_per_s|sentences_per_s|threads) [^ ]*//g' | tr '\n' ' '
  echo
done
