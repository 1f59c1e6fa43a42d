#!/usr/bin/env bash
# Timed ingest of a large corpus built from ../shared/corpus by bench/make_corpus.py (SaudiNewsNet
# and Fars News plus republished near-duplicate copies). Reports documents/s, store size per
# document, peak memory, near-duplicates found and the latency of a dyad timeline query. Figures go in docs/STORE.md and docs/PERFORMANCE.md.
# Usage: bench/ingest_corpus.sh [build-dir] [copies (default 2: 32.5k originals + 65k copies)]
set -euo pipefail
cd "$(dirname "$0")/.."
rasad=$(realpath "${1:-build}/rasad")
copies=${2:-2}
work=${RASAD_BENCH_DIR:-$(mktemp -d)}
corpus=$work/corpus.jsonl
python3 bench/make_corpus.py "$copies" > "$corpus"
echo "corpus: $(wc -l < "$corpus") documents, $(du -h "$corpus" | cut -f1)"
db=$work/bench.db
rm -f "$db" "$db"-wal "$db"-shm
# Exit 3: documents were reported and not stored (the corpus has 324 empty texts).
rc=0
/usr/bin/time -f "peak_rss_kb %M wall_s %e" "$rasad" -q ingest --threads 2 --db "$db" "$corpus" 2> "$work/ingest.err" || rc=$?
[[ $rc == 0 || $rc == 3 ]] || { cat "$work/ingest.err" >&2; exit 1; }
grep -v ': error: ' "$work/ingest.err" || true
echo "documents reported: $(grep -c ': error: ' "$work/ingest.err" || true)"
echo "store size: $(du -b "$db" | cut -f1) bytes"
for run in 1 2 3; do
  /usr/bin/time -f "timeline_query_wall_s %e" "$rasad" timeline --db "$db" --dyad SAU-USA --by month > /dev/null
done
echo "work dir: $work (delete when done)"
