#!/usr/bin/env bash
# Scale-out against real servers (docs/SCALING.md): a throw-away PostgreSQL and Redis in a temp
# directory (Unix sockets only, no TCP), stopped on exit. Checks that
#   1. 3 concurrent `rasad worker`s fed by `rasad enqueue` store the same documents, mentions and
#      (type, source, target, date) events as `rasad ingest` of the same input into SQLite, and
#      trim (--trim-every) only the entries every consumer group acknowledged;
#   2. the seeds' Iran-Russia CONSULT of seeds 000 and 001 is one event with two mentions;
#   3. copies of one article stored concurrently are near-duplicates of one original, and events
#      are merged as by a sequential ingest (the merge race);
#   4. documents enqueued with --date/--lang are coded as `ingest --date --lang` codes them;
#   5. a worker killed with SIGKILL mid-stream loses and duplicates nothing: its pending entry is
#      taken over (XAUTOCLAIM) by the workers started after it;
#   6. a worker stopped with SIGTERM mid-stream finishes what it holds and exits 0, leaving nothing
#      pending; the workers after it complete the store (nothing lost or stored twice).
# Exits 77 (ctest: skipped) when the PostgreSQL or Redis binaries are missing (scripts/setup
# installs them).
# Usage: tests/scale/pg_redis_test.sh RASAD_BINARY SOURCE_DIR
set -euo pipefail
rasad=$(realpath "$1")
src=$(realpath "$2")
shared=$src/../shared

source "$src/tests/scale/servers.sh"
psql_ -d postgres -c "CREATE DATABASE phase1" -c "CREATE DATABASE fault" -c "CREATE DATABASE race" \
  -c "CREATE DATABASE options" -c "CREATE DATABASE term"

echo "== input: ../shared/seeds, the first 300 lines of farsnews, and near-duplicate copies of 52 of them"
(xz -dc "$shared/corpus/farsnews.jsonl.xz" || true) | head -n 300 > "$T/farsnews300.jsonl"
python3 "$src/tests/scale/copies.py" "$T/farsnews300.jsonl" "$shared/seeds" > "$T/copies.jsonl"
inputs=("$shared/seeds" "$T/farsnews300.jsonl" "$T/copies.jsonl")

echo "== reference: rasad ingest into SQLite"
"$rasad" -q ingest "${inputs[@]}" --db "$T/ref.db" --threads 2
"$rasad" events --db "$T/ref.db" --format jsonl > "$T/ref.jsonl"


# The seeds' Iran-Russia CONSULT reported by 000 and 001: one event, its mentions from these two
# articles (num_articles 2; each symmetric mention is stored in both directions).
cat > "$T/seeds.py" << 'PY'
import json, sys
found = []
for line in open(sys.argv[1], encoding="utf-8"):
    e = json.loads(line)
    docs = {m["doc"][:4] for m in e["mentions"]}
    pair = {e["source"]["code"][:3], e["target"]["code"][:3]}
    if e["plover"] == "CONSULT" and pair == {"IRN", "RUS"} and {"000_", "001_"} <= docs:
        found.append(e)
if len(found) != 1 or found[0]["num_articles"] != 2:
    print("FAIL: Iran-Russia CONSULT of seeds 000/001:", [(e["id"], e["num_articles"], [m["doc"] for m in e["mentions"]]) for e in found])
    sys.exit(1)
e = found[0]
print(f"ok: seeds 000 and 001 report one Iran-Russia CONSULT (event {e['id']}: {e['num_articles']} articles, "
      f"{e['num_mentions']} mentions)")
PY
python3 "$T/seeds.py" "$T/ref.jsonl" > /dev/null || fail "the SQLite reference itself does not merge seeds 000 and 001"

echo "== 3 workers, concurrently (trimming what they acknowledged)"
"$rasad" enqueue "${inputs[@]}" --queue "$(queue_url docs)"
total=$(redis-cli -s "$T/redis.sock" XLEN docs)
# A second consumer group that reads nothing yet: trimming must keep every entry for it.
redis-cli -s "$T/redis.sock" XGROUP CREATE docs audit 0 > /dev/null
start=$(date +%s.%N)
for i in 1 2 3; do
  "$rasad" -q worker --queue "$(queue_url docs)" --db "$(pg_url phase1)" --idle-exit 2 --claim-after 5 --trim-every 1 \
    > "$T/worker$i.log" 2>&1 &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || { cat "$T"/worker*.log; fail "a worker exited with an error"; }; done
pids=()
end=$(date +%s.%N)
cat "$T"/worker*.log
echo "3 workers: $(python3 -c "print(f'{($end - $start):.1f}')") s including start-up and the idle wait"
[[ $(redis-cli -s "$T/redis.sock" XPENDING docs rasad | head -n 1) == 0 ]] || fail "entries left pending"
[[ $(redis-cli -s "$T/redis.sock" XLEN docs:dead) == 0 ]] || fail "entries dead-lettered"
"$rasad" events --db "$(pg_url phase1)" --format jsonl > "$T/phase1.jsonl"
python3 "$src/tests/scale/compare.py" "$T/ref.db" "$T/ref.jsonl" "$T" phase1 "$T/phase1.jsonl" || fail "PostgreSQL store differs from SQLite"
python3 "$T/seeds.py" "$T/phase1.jsonl" || fail "seeds 000 and 001 not merged in PostgreSQL"

echo "== trimming: only what every group acknowledged"
xlen() { redis-cli -s "$T/redis.sock" XLEN docs; }
first_id() { redis-cli -s "$T/redis.sock" --raw XRANGE docs - + COUNT 1 | head -n 1; }
[[ $(xlen) == "$total" ]] || fail "$(xlen) of $total entries left: trimmed what the group audit has not read"
# audit reads 100 entries and acknowledges the first 50: those go, the 51st (pending) is first.
redis-cli -s "$T/redis.sock" XREADGROUP GROUP audit a COUNT 100 STREAMS docs '>' > /dev/null
redis-cli -s "$T/redis.sock" --raw XRANGE docs - + COUNT 51 | grep -E '^[0-9]+-[0-9]+$' > "$T/ids"
redis-cli -s "$T/redis.sock" XACK docs audit $(head -n 50 "$T/ids") > /dev/null
trim_once() { "$rasad" -q worker --queue "$(queue_url docs)" --db "$(pg_url phase1)" --idle-exit 1 --trim-every 1 > "$T/trim.log" 2>&1 || { cat "$T/trim.log"; fail "a trimming worker failed"; }; }
trim_once
[[ $(xlen) == $((total - 50)) && $(first_id) == $(sed -n 51p "$T/ids") ]] ||
  fail "after audit acknowledged 50 entries: $(xlen) left (want $((total - 50))), first $(first_id)"
grep -q "50 acknowledged entries trimmed" "$T/trim.log" || { cat "$T/trim.log"; fail "the worker does not report what it trimmed"; }
redis-cli -s "$T/redis.sock" XGROUP DESTROY docs audit > /dev/null
trim_once
[[ $(xlen) == 0 ]] || fail "$(xlen) entries left once every group acknowledged every entry"
echo "ok: trimmed nothing another group had not read, then the 50 it acknowledged, then the rest"

echo "== merge race: 12 copies of seeds 000 and 001, 6 of each of 60 texts without events, 3 workers with 2 threads each"
# Copies of the seeds lock the same merge keys; copies of a text without events (six in a row on
# the stream, so that the six consumers take them together) lock nothing but the LSH band keys
# they share.
python3 - "$shared/seeds" > "$T/race.jsonl" << 'PY'
import glob, json, os, random, sys
for k in range(12):
    for path in sorted(glob.glob(os.path.join(sys.argv[1], "00[01]_*.txt"))):
        text = open(path, encoding="utf-8").read()
        print(json.dumps({"id": f"race{k:02}_{os.path.basename(path)[:-4]}", "text": text}, ensure_ascii=False))
rng = random.Random(14)
words = ["".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3)) for _ in range(2000)]
for t in range(60):
    text = " ".join(rng.choice(words) for _ in range(40)) + "."
    for k in range(6):
        print(json.dumps({"id": f"plain{t:02}_{k}", "text": text}))
PY
"$rasad" -q ingest "$T/race.jsonl" --db "$T/race.db" > /dev/null
"$rasad" events --db "$T/race.db" --format jsonl > "$T/race_ref.jsonl"
"$rasad" enqueue "$T/race.jsonl" --queue "$(queue_url race)"
redis-cli -s "$T/redis.sock" XADD race '*' doc '{"id": "broken", "text": ' > /dev/null  # not a document
for i in 1 2 3; do
  "$rasad" -q worker --queue "$(queue_url race)" --db "$(pg_url race)" --threads 2 --idle-exit 2 --trim-every 1 \
    > "$T/race$i.log" 2>&1 &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || { cat "$T"/race*.log; fail "a worker exited with an error"; }; done
pids=()
"$rasad" events --db "$(pg_url race)" --format jsonl > "$T/race.jsonl.pg"
python3 "$src/tests/scale/compare.py" "$T/race.db" "$T/race_ref.jsonl" "$T" race "$T/race.jsonl.pg" || fail "concurrent merging differs from SQLite"
# The copies were stored concurrently: still exactly one original of each article, every copy
# linked to it (writers that could link to each other lock the LSH band keys they share).
originals=$(psql_ -d race -c "SELECT count(*) FROM documents WHERE duplicate_of IS NULL")
linked=$(psql_ -d race -c "SELECT count(*) FROM documents c JOIN documents o ON o.id=c.duplicate_of WHERE o.duplicate_of IS NULL")
[[ $originals == 62 && $linked == 322 ]] || fail "concurrent copies: $originals originals (want 62), $linked linked to one (want 322)"
echo "ok: 384 copies of 62 texts stored concurrently: 62 originals, 322 near-duplicates linked to them"
[[ $(redis-cli -s "$T/redis.sock" XLEN race:dead) == 1 ]] || fail "the broken entry is not in race:dead"
[[ $(redis-cli -s "$T/redis.sock" XLEN race) == 0 ]] || fail "entries left on the stream by workers that trim"
redis-cli -s "$T/redis.sock" XRANGE race:dead - + | grep -q "not a document" || fail "race:dead gives no reason"
echo "ok: the broken entry is in race:dead with its reason"

echo "== --date and --lang through the queue"
# Seeds 000 and 001 under new ids and without a date, twice: enqueued with --date and --lang
# (dated_*), and without (plain_*) on the same stream. The workers must code each as
# `rasad ingest` with the same options does: same content hashes, the given date, same events.
python3 - "$shared/seeds" "$T" << 'PY'
import glob, json, os, sys
for name in ("dated", "plain"):
    with open(os.path.join(sys.argv[2], name + ".jsonl"), "w", encoding="utf-8") as out:
        for path in sorted(glob.glob(os.path.join(sys.argv[1], "00[01]_*.txt"))):
            text = open(path, encoding="utf-8").read()
            out.write(json.dumps({"id": f"{name}_{os.path.basename(path)[:3]}", "text": text}, ensure_ascii=False) + "\n")
PY
"$rasad" -q ingest "$T/dated.jsonl" --date 2021-05-10 --lang ar --db "$T/options.db" > /dev/null
"$rasad" -q ingest "$T/plain.jsonl" --db "$T/options.db" > /dev/null
"$rasad" events --db "$T/options.db" --format jsonl > "$T/options_ref.jsonl"
"$rasad" -q enqueue "$T/dated.jsonl" --date 2021-05-10 --lang ar --queue "$(queue_url options)" > /dev/null
"$rasad" -q enqueue "$T/plain.jsonl" --queue "$(queue_url options)" > /dev/null
redis-cli -s "$T/redis.sock" XADD options '*' doc '{"id": "bad", "text": "t", "options": {"date": "May 10"}}' > /dev/null
status=0
"$rasad" -q enqueue "$T/plain.jsonl" --date 2021-13-45 --queue "$(queue_url options)" 2> "$T/enqueue.err" || status=$?
[[ $status == 2 ]] && grep -q -- "--date" "$T/enqueue.err" || fail "enqueue --date 2021-13-45: status $status, $(cat "$T/enqueue.err")"
# One consumer: the stream's order is the ingest's, so the merged events keep the same first mention.
"$rasad" -q worker --queue "$(queue_url options)" --db "$(pg_url options)" --idle-exit 2 > "$T/options.log" 2>&1 ||
  { cat "$T/options.log"; fail "the worker exited with an error"; }
"$rasad" events --db "$(pg_url options)" --format jsonl > "$T/options.jsonl.pg"
python3 "$src/tests/scale/compare.py" "$T/options.db" "$T/options_ref.jsonl" "$T" options "$T/options.jsonl.pg" ||
  fail "documents enqueued with --date/--lang differ from ingest with them"
dates=$(psql_ -d options -c "SELECT string_agg(id || '=' || date, ' ' ORDER BY id) FROM documents")
[[ $dates == "dated_000=2021-05-10 dated_001=2021-05-10 plain_000= plain_001=" ]] || fail "document dates: $dates"
redis-cli -s "$T/redis.sock" XRANGE options:dead - + | grep -q "bad options: --date" || fail "an entry with a bad --date is not dead-lettered with its reason"
echo "ok: --date/--lang carried by the entries: $dates; a bad --date refused by enqueue and dead-lettered by the worker"

echo "== a worker killed with SIGKILL mid-stream"
"$rasad" enqueue "${inputs[@]}" --queue "$(queue_url fault)"
"$rasad" -q worker --queue "$(queue_url fault)" --db "$(pg_url fault)" --claim-after 2 > "$T/victim.log" 2>&1 &
victim=$!
pids+=("$victim")
for _ in $(seq 600); do
  n=$(psql_ -d fault -c "SELECT count(*) FROM documents" 2> /dev/null || echo 0)
  [[ ${n:-0} -ge 40 ]] && break
  sleep 0.1
done
kill -9 "$victim"
wait "$victim" 2> /dev/null || true
pids=()
echo "killed after $(psql_ -d fault -c "SELECT count(*) FROM documents") documents; pending: $(redis-cli -s "$T/redis.sock" XPENDING fault rasad | head -n 1)"
for i in 1 2; do
  "$rasad" -q worker --queue "$(queue_url fault)" --db "$(pg_url fault)" --idle-exit 2 --claim-after 2 > "$T/after$i.log" 2>&1 &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || { cat "$T"/after*.log; fail "a worker exited with an error"; }; done
pids=()
cat "$T"/after*.log
[[ $(redis-cli -s "$T/redis.sock" XPENDING fault rasad | head -n 1) == 0 ]] || fail "entries left pending after the kill"
[[ $(redis-cli -s "$T/redis.sock" XLEN fault:dead) == 0 ]] || fail "entries dead-lettered after the kill"
"$rasad" events --db "$(pg_url fault)" --format jsonl > "$T/fault.jsonl"
python3 "$src/tests/scale/compare.py" "$T/ref.db" "$T/ref.jsonl" "$T" fault "$T/fault.jsonl" || fail "store after the kill differs from SQLite"

echo "== a worker stopped with SIGTERM mid-stream"
# It must finish the documents in hand, acknowledge what it stored and exit 0 promptly, leaving
# pending only the entries it read but had not started, handed back for any consumer to claim at
# once; the workers after it store the rest: nothing lost, nothing stored twice.
"$rasad" enqueue "${inputs[@]}" --queue "$(queue_url term)"
"$rasad" worker --queue "$(queue_url term)" --db "$(pg_url term)" --threads 2 > "$T/term.log" 2>&1 &
victim=$!
pids+=("$victim")
for _ in $(seq 600); do
  n=$(psql_ -d term -c "SELECT count(*) FROM documents" 2> /dev/null || echo 0)
  [[ ${n:-0} -ge 40 ]] && break
  sleep 0.1
done
kill -TERM "$victim"
start=$(date +%s)
status=0
wait "$victim" || status=$?
pids=()
cat "$T/term.log"
[[ $status == 0 ]] || fail "the worker exited with status $status after SIGTERM"
[[ $(($(date +%s) - start)) -le 15 ]] || fail "the worker took more than 15 s to stop"
grep -q "SIGTERM: finishing" "$T/term.log" || fail "the worker did not say it was stopping"
grep -q "stopped by a signal" "$T/term.log" || fail "the worker's summary does not say it was stopped"
stored=$(psql_ -d term -c "SELECT count(*) FROM documents")
pending=$(redis-cli -s "$T/redis.sock" XPENDING term rasad | head -n 1)
acked=$(($(sed -n 's/^worker: \([0-9]*\) stored.*/\1/p' "$T/term.log")))
handed=$(sed -n 's/.*stopped by a signal, \([0-9]*\) entries handed back.*/\1/p' "$T/term.log")
echo "stopped after storing $stored documents; $pending entries pending, ${handed:-0} handed back"
[[ $pending == "${handed:-0}" ]] || fail "$pending entries pending after a graceful stop, ${handed:-0} handed back"
[[ $acked == "$stored" ]] || fail "the worker says it stored $acked documents, PostgreSQL has $stored"
[[ $stored -lt $(redis-cli -s "$T/redis.sock" XLEN term) ]] || fail "the worker finished the stream before SIGTERM: nothing tested"
for i in 1 2; do
  "$rasad" -q worker --queue "$(queue_url term)" --db "$(pg_url term)" --idle-exit 2 --claim-after 2 > "$T/term$i.log" 2>&1 &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || { cat "$T"/term*.log; fail "a worker exited with an error"; }; done
pids=()
[[ $(redis-cli -s "$T/redis.sock" XPENDING term rasad | head -n 1) == 0 ]] || fail "entries left pending after the stop"
[[ $(redis-cli -s "$T/redis.sock" XLEN term:dead) == 0 ]] || fail "entries dead-lettered after the stop"
"$rasad" events --db "$(pg_url term)" --format jsonl > "$T/term.jsonl"
python3 "$src/tests/scale/compare.py" "$T/ref.db" "$T/ref.jsonl" "$T" term "$T/term.jsonl" || fail "store after the stop differs from SQLite"
echo "PASS"
