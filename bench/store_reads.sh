#!/usr/bin/env bash
# Query times of the SQLite and the PostgreSQL store of the same input: the first N documents of
# farsnews ingested into both (`rasad ingest --threads 2`), then `events --format jsonl` (every
# event with its mentions), `export --format gdelt --table mentions` and a timeline, each run R
# times, the best time printed with the output's line count (the same on both stores, checked)
# and whether the two outputs are byte for byte the same.
# PostgreSQL is a throw-away server in a temp directory, as in tests/scale/servers.sh.
# Usage: bench/store_reads.sh [BUILD_DIR] [N] [R]
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build}")
n=${2:-600}
runs=${3:-3}
rasad=$build/rasad
source bench/pg_server.sh
psql -X -q -h "$T" -U rasad -d postgres -c "CREATE DATABASE bench"
sqlite=$T/bench.db
pg="postgresql://rasad@/bench?host=$T"
"$rasad" -q ingest "$T/in.jsonl" --db "$sqlite" --threads 2 > /dev/null
"$rasad" -q ingest "$T/in.jsonl" --db "$pg" --threads 2 > /dev/null
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
for query in "events --format jsonl" "export --format gdelt --table mentions" "timeline --dyad IRN-USA --by month"; do
  db=sqlite
  read -r ts ls <<< "$(best $query --db "$sqlite")"
  db=pg
  read -r tp lp <<< "$(best $query --db "$pg")"
  [[ $ls == "$lp" ]] || { echo "$query: $ls lines from SQLite, $lp from PostgreSQL"; exit 1; }
  same=$(cmp -s "$T/out.sqlite" "$T/out.pg" && echo "the same bytes" || echo "different bytes")
  python3 -c "print(f'$query: {$ls} lines ($same); SQLite {$ts:.2f} s, PostgreSQL {$tp:.2f} s ({$tp/$ts:.1f}x)')"
done
