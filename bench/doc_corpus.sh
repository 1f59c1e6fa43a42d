#!/usr/bin/env bash
# Timed CLI run of the text layer over the real corpora: documents/s, MB/s and peak memory,
# single- and multi-threaded. Usage: bench/doc_corpus.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
rasad=${1:-build}/rasad
for corpus in ../shared/corpus/saudinewsnet.jsonl.xz ../shared/corpus/farsnews.jsonl.xz; do
  for threads in 1 2; do
    echo "== $(basename "$corpus") threads=$threads"
    /usr/bin/time -f "peak_rss_kb %M\nwall_s %e" "$rasad" -q doc --format stats --threads "$threads" "$corpus"
  done
done
