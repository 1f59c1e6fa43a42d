#!/usr/bin/env bash
# The PostgreSQL store behind every command, against real servers (docs/SCALING.md; the servers:
# tests/scale/servers.sh). Checks that
#   1. `rasad ingest` of the same input (near-duplicates included) into SQLite and into PostgreSQL
#      links the same near-duplicates and gives the same output of `events` (jsonl, csv, with the
#      filters), `timeline`, `export` (jsonl, csv, gdelt; events and mentions) and `search`, and
#      the same API replies from `rasad serve` on either store; a store written at schema 3 is
#      migrated to the current one and then answers alike;
#   2. workers under load survive PostgreSQL stopped for 10 s and a Redis restart: they resume by
#      themselves, and the store then equals the reference (nothing lost, nothing stored twice); a
#      worker stopped with SIGTERM while PostgreSQL is away hands its entry back and exits 0.
# Usage: tests/scale/pg_store_test.sh RASAD_BINARY SOURCE_DIR PG_SCHEMA_AT_BINARY
set -euo pipefail
rasad=$(realpath "$1")
src=$(realpath "$2")
schema_at=$(realpath "$3")
shared=$src/../shared
command -v curl > /dev/null || { echo "SKIPPED: curl not found"; exit 77; }
REDIS_PERSIST=yes
source "$src/tests/scale/servers.sh"
psql_ -d postgres -c "CREATE DATABASE equiv" -c "CREATE DATABASE faults" -c "CREATE DATABASE mig" \
  -c "CREATE DATABASE mig_src"
sqlite=$T/ref.db
pg=$(pg_url equiv)

echo "== input: ../shared/seeds, the first 300 lines of farsnews, and near-duplicate copies of 52 of them"
(xz -dc "$shared/corpus/farsnews.jsonl.xz" || true) | head -n 300 > "$T/farsnews300.jsonl"
python3 "$src/tests/scale/copies.py" "$T/farsnews300.jsonl" "$shared/seeds" > "$T/copies.jsonl"
inputs=("$shared/seeds" "$T/farsnews300.jsonl" "$T/copies.jsonl")

echo "== rasad ingest into SQLite and into PostgreSQL"
"$rasad" ingest "${inputs[@]}" --db "$sqlite" --threads 2
"$rasad" ingest "${inputs[@]}" --db "$pg" --threads 2
# The near-duplicate links themselves, and that there are some: without them the counts they
# change (num_articles, num_sources, duplicate_of in every output below) would prove nothing.
links="SELECT id || ' ' || duplicate_of || ' ' || CAST(round(similarity * 64) AS INTEGER) FROM documents
       WHERE duplicate_of IS NOT NULL ORDER BY id"
python3 -c "import sqlite3,sys; [print(r[0]) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])]" "$sqlite" "$links" > "$T/links.sqlite"
psql_ -d equiv -c "$links" > "$T/links.pg"
duplicates=$(wc -l < "$T/links.sqlite")
[[ $duplicates -ge 40 ]] || fail "only $duplicates near-duplicates linked in SQLite"
diff "$T/links.sqlite" "$T/links.pg" > /dev/null || { diff "$T/links.sqlite" "$T/links.pg" | head; fail "near-duplicate links differ"; }
echo "ok: $duplicates near-duplicates, linked alike (document, original, similarity) in both stores"

echo "== migration: a store written at schema 3 is migrated (4: near-duplicates, 5: month partitions)"
# The schema 3 layout made by its own migrations (pg_schema_at), given the documents, mentions and
# events of the input without the copies; then rasad ingests the copies into it, migrating first.
# It must then answer as the SQLite store of the whole input: the copies linked to the originals
# stored before the migration, the same events.
"$rasad" -q ingest "$shared/seeds" "$T/farsnews300.jsonl" --db "$(pg_url mig_src)" --threads 2 > /dev/null
"$schema_at" "$(pg_url mig)" 3 || fail "pg_schema_at"
copy() { psql_ -d mig_src -c "COPY ($2) TO STDOUT" | psql_ -d mig -c "COPY $1 FROM STDIN"; }
v3_documents="num, id, path, line, format, lang, date, source, url, title, text, content_hash, n_events, added, norm_title, norm_text"
copy "documents($v3_documents)" "SELECT $v3_documents FROM documents"
copy events "SELECT * FROM events"
copy mentions "SELECT * FROM mentions"
psql_ -d mig -c "SELECT setval('documents_num_seq', max(num)), setval('mentions_id_seq', (SELECT max(id) FROM mentions)),
                   setval('events_id_seq', (SELECT max(id) FROM events)) FROM documents" > /dev/null
[[ $(psql_ -d mig -c "SELECT value FROM meta WHERE key='schema_version'") == 3 ]] || fail "pg_schema_at did not make schema 3"
"$rasad" -q ingest "$T/copies.jsonl" --db "$(pg_url mig)" > /dev/null
[[ $(psql_ -d mig -c "SELECT value FROM meta WHERE key='schema_version'") == 5 ]] || fail "not migrated to schema 5"
months=$(psql_ -d mig -c "SELECT count(*) - 1 FROM pg_inherits WHERE inhparent = 'events'::regclass")
misplaced=$(psql_ -d mig -c "SELECT count(*) FROM events_undated WHERE day IS NOT NULL")
[[ $months -gt 100 && $misplaced == 0 ]] || fail "$months month partitions, $misplaced dated events in events_undated"
psql_ -d mig -c "$links" | cut -d' ' -f1,2 > "$T/links.mig"
cut -d' ' -f1,2 "$T/links.sqlite" | diff - "$T/links.mig" > /dev/null ||
  { cut -d' ' -f1,2 "$T/links.sqlite" | diff - "$T/links.mig" | head; fail "near-duplicates of a migrated store differ"; }
"$rasad" events --format jsonl --db "$sqlite" > "$T/a.out"
"$rasad" events --format jsonl --db "$(pg_url mig)" > "$T/b.out"
python3 "$src/tests/scale/same_output.py" "migrated store: events jsonl" "$T/a.out" "$T/b.out" || fail "the migrated store's events differ"
echo "ok: migrated from schema 3 to 5 ($months month partitions); the $duplicates copies stored after it are linked to the originals stored before"

# Same output of one command on both stores.
same() {
  local name=$1
  shift
  "$rasad" "$@" --db "$sqlite" > "$T/a.out" || fail "$name on SQLite"
  "$rasad" "$@" --db "$pg" > "$T/b.out" || fail "$name on PostgreSQL"
  python3 "$src/tests/scale/same_output.py" "$name" "$T/a.out" "$T/b.out" || fail "$name differs"
}
same "events jsonl" events --format jsonl
same "events csv" events --format csv
same "events --dyad IRN-RUS" events --format jsonl --dyad IRN-RUS
same "events --actor IRN --side source" events --format jsonl --actor IRN --side source
same "events --person putin" events --format jsonl --person putin
same "events --type CONSULT --lang fa" events --format jsonl --type CONSULT --lang fa
same "events --from/--to --ranged overlap" events --format jsonl --from 2020 --to 2025-06 --ranged overlap
same "events --cameo 04" events --format csv --cameo 04
same "timeline csv" timeline --dyad IRN-USA --format csv --by month
same "timeline jsonl by week" timeline --dyad IRN-RUS --format jsonl --by week
same "export jsonl" export --format jsonl
same "export csv mentions" export --format csv --table mentions
same "export gdelt events" export --format gdelt
same "export gdelt mentions" export --format gdelt --table mentions
same "search روسیه" search روسیه --format jsonl --limit 1000
same "search Iran" search Iran --format jsonl --limit 200
n=$("$rasad" search روسیه --format jsonl --limit 200 --db "$pg" | wc -l)
[[ $n -gt 0 ]] || fail "search finds nothing in PostgreSQL"

echo "== the API on either store"
# Started here, not inside $(...): a server started in a subshell escapes `pids` and the cleanup.
serve() {
  "$rasad" serve --db "$1" --port 0 > "$T/serve$2.log" 2>&1 &
  pids+=($!)
}
address_of() {
  for _ in $(seq 300); do grep -q "http://" "$T/serve$1.log" 2> /dev/null && break; sleep 0.1; done
  sed -n 's|.*http://\([^/]*\)/.*|\1|p' "$T/serve$1.log" | head -n 1
}
serve "$sqlite" a
serve "$pg" b
a=$(address_of a)
b=$(address_of b)
[[ -n $a && -n $b ]] || { cat "$T"/serve*.log; fail "rasad serve did not start"; }
python3 "$src/tests/scale/same_api.py" "http://$a" "http://$b" || fail "API replies differ"
# The API's kept connections die with a PostgreSQL restart: the next requests get new ones.
stop_pg
start_pg
for i in 1 2 3; do
  curl -sf "http://$b/api/events?limit=5&dyad=IRN-RUS" > /dev/null || fail "the API on PostgreSQL fails after a restart"
done
echo "ok: the API on PostgreSQL answers after a PostgreSQL restart"
for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done
pids=()

echo "== faults under load: PostgreSQL stopped for 10 s, then Redis restarted"
"$rasad" enqueue "${inputs[@]}" --queue "$(queue_url faults)"
total=$(redis-cli -s "$T/redis.sock" XLEN faults)
stored() { psql_ -d faults -c "SELECT count(*) FROM documents" 2> /dev/null || echo 0; }
wait_stored() {
  for _ in $(seq 1200); do
    [[ $(stored) -ge $1 ]] && return
    sleep 0.1
  done
  fail "fewer than $1 documents stored after 120 s"
}
for i in 1 2; do
  "$rasad" worker --queue "$(queue_url faults)" --db "$(pg_url faults)" --idle-exit 4 --claim-after 5 \
    --max-deliveries 20 > "$T/fault$i.log" 2>&1 &
  pids+=($!)
done
# A third worker (one consumer) is stopped with SIGTERM while PostgreSQL is away: it must hand the
# document in its hands back to the group (not stored; the others take it at once) and exit 0.
"$rasad" worker --queue "$(queue_url faults)" --db "$(pg_url faults)" --claim-after 5 --max-deliveries 20 \
  > "$T/quitter.log" 2>&1 &
quitter=$!
wait_stored 40
stop_pg
echo "PostgreSQL stopped"
sleep 3
kill -TERM "$quitter"
status=0
wait "$quitter" || status=$?
[[ $status == 0 ]] || { cat "$T/quitter.log"; fail "a worker stopped with SIGTERM while PostgreSQL was away exited with $status"; }
grep -q "stopped by a signal, 1 entries handed back" "$T/quitter.log" ||
  { cat "$T/quitter.log"; fail "the worker stopped while PostgreSQL was away did not hand its entry back"; }
echo "ok: a worker stopped while PostgreSQL was away handed its entry back and exited 0"
sleep 7
start_pg
echo "PostgreSQL started after 10 s"
before=$(stored)
wait_stored $((before + 40 < total ? before + 40 : total))
restart_redis
echo "Redis restarted with $(stored) of $total documents stored"
for p in "${pids[@]}"; do
  wait "$p" || { status=$?; cat "$T"/fault*.log; fail "a worker exited with status $status"; }
done
pids=()
tail -n 3 "$T"/fault*.log
grep -q "connected again" "$T"/fault*.log || fail "no worker reconnected"
[[ $(redis-cli -s "$T/redis.sock" XPENDING faults rasad | head -n 1) == 0 ]] || fail "entries left pending"
[[ $(redis-cli -s "$T/redis.sock" XLEN faults:dead) == 0 ]] || fail "entries dead-lettered"
"$rasad" events --db "$sqlite" --format jsonl > "$T/ref.jsonl"
"$rasad" events --db "$(pg_url faults)" --format jsonl > "$T/faults.jsonl"
python3 "$src/tests/scale/compare.py" "$sqlite" "$T/ref.jsonl" "$T" faults "$T/faults.jsonl" ||
  fail "store after the faults differs from SQLite"
echo "PASS"
