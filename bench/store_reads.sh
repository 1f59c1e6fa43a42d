#!/usr/bin/env bash
# The SQLite and the PostgreSQL store of the same input side by side: the first N documents of
# farsnews (or, with COPIES set, the ~100,000-document corpus of bench/make_corpus.py) ingested
# into both (`rasad ingest --threads 2`, timed, with peak memory and the store's size), then
# `events --format jsonl` (every event with its mentions), a GDELT mentions export, timelines,
# an actor's events and a search, each run R times: the best time is printed with the output's
# line count (the same on both stores, checked) and whether the two outputs are the same bytes.
# PostgreSQL is a throw-away server in a temp directory, as in tests/scale/servers.sh.
# Usage: bench/store_reads.sh [BUILD_DIR] [N] [R]      COPIES=2 bench/store_reads.sh build 0 1
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build}")
n=${2:-600}
runs=${3:-3}
copies=${COPIES:-}
rasad=$build/rasad
source bench/pg_server.sh
psql -X -q -h "$T" -U rasad -d postgres -c "CREATE DATABASE bench"
sqlite=$T/bench.db
pg="postgresql://rasad@/bench?host=$T"
echo "input: $(wc -l < "$T/in.jsonl") documents, $(du -h "$T/in.jsonl" | cut -f1)"
# Exit 3 is fine here: the big corpus has 324 empty texts, reported and not stored.
for db in "$sqlite" "$pg"; do
  name=$([[ $db == postgresql* ]] && echo PostgreSQL || echo SQLite)
  rc=0
  /usr/bin/time -o "$T/time" -f "ingest into $name: %e s, peak %M KB" "$rasad" -q ingest "$T/in.jsonl" --db "$db" \
    --threads 2 > /dev/null 2> "$T/ingest.err" || rc=$?
  [[ $rc == 0 || $rc == 3 ]] || { cat "$T/ingest.err" >&2; exit 1; }
  echo "$(cat "$T/time") ($(grep -c ': error: ' "$T/ingest.err" || true) documents reported)"
done
echo "size: SQLite $(du -b "$sqlite" | cut -f1) bytes; PostgreSQL $(psql -X -At -h "$T" -U rasad -d bench \
  -c "SELECT pg_database_size('bench')") bytes (an empty database: $(psql -X -At -h "$T" -U rasad \
  -d postgres -c "SELECT pg_database_size('postgres')"))"
# Best of $runs: seconds and output lines.
best() {
  local t best_t=999999 lines
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s.%N)
    "$rasad" "$@" > "$T/out.$db"
    end=$(date +%s.%N)
    t=$(python3 -c "print($end - $start)")
    best_t=$(python3 -c "print(min($t, $best_t))")
  done
  lines=$(wc -l < "$T/out.$db")
  echo "$best_t $lines"
}
for query in "events --format jsonl" "export --format gdelt --table mentions" \
    "timeline --dyad IRN-USA --by month" "timeline --dyad SAU-USA --by month" \
    "events --actor IRN --type CONSULT --format jsonl" "search --format jsonl --limit 100 مذاكرات"; do
  db=sqlite
  read -r ts ls <<< "$(best $query --db "$sqlite")"
  db=pg
  read -r tp lp <<< "$(best $query --db "$pg")"
  [[ $ls == "$lp" ]] || { echo "$query: $ls lines from SQLite, $lp from PostgreSQL"; exit 1; }
  same=$(cmp -s "$T/out.sqlite" "$T/out.pg" && echo "the same bytes" || echo "different bytes")
  # KEEP=PREFIX keeps the two outputs of query number q as PREFIX.q.sqlite and PREFIX.q.pg.
  q=$((${q:-0} + 1))
  if [[ -n ${KEEP:-} ]]; then cp "$T/out.sqlite" "$KEEP.$q.sqlite"; cp "$T/out.pg" "$KEEP.$q.pg"; fi
  python3 -c "print(f'$query: {$ls} lines ($same); SQLite {$ts:.2f} s, PostgreSQL {$tp:.2f} s ({$tp/$ts:.1f}x)')"
done
