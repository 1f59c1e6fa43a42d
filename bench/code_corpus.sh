#!/usr/bin/env bash
# Timed CLI run of the event coder (`rasad code`) over the real corpora in ../shared/corpus:
# documents/s, sentences/s, MB/s and peak memory, single- and multi-threaded, with and without the
# sentence classifiers. Usage: bench/code_corpus.sh [build-dir] [max-documents]
# Figures go in docs/PERFORMANCE.md. Run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
rasad=${1:-build}/rasad
max=${2:-0}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for corpus in ../shared/corpus/saudinewsnet.jsonl.xz ../shared/corpus/farsnews.jsonl.xz; do
  input=$corpus
  if [[ $max -gt 0 ]]; then
    input=$tmp/$(basename "$corpus" .xz)
    (xzcat "$corpus" || true) | head -n "$max" > "$input" || true  # head closes the pipe early
  fi
  for mode in "" "--no-classifier"; do
    for threads in 1 2; do
      echo "== $(basename "$corpus") threads=$threads ${mode:-with-classifier}"
      /usr/bin/time -f "peak_rss_kb %M wall_s %e" "$rasad" -q code --stats --threads "$threads" $mode "$input" > /dev/null
    done
  done
done
