#!/usr/bin/env bash
# Documents/s of `rasad worker` (Redis stream -> code -> PostgreSQL) with 1 and with W concurrent
# worker processes, on the first N documents of farsnews, against throw-away servers in a temp
# directory (as tests/scale/pg_redis_test.sh). Time = from the workers' start until PostgreSQL
# holds all N documents (start-up and the coder's loading included, the idle wait not); the count
# is checked.
# Usage: bench/queue_workers.sh [BUILD_DIR] [N] [W...]   (default W: 3; 1 worker is always timed)
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build}")
n=${2:-600}
counts=("${@:3}")
[[ ${#counts[@]} -gt 0 ]] || counts=(3)
rasad=$build/rasad
source bench/pg_server.sh
redis-server --port 0 --unixsocket "$T/redis.sock" --save '' --appendonly no --daemonize yes --pidfile "$T/redis.pid" --dir "$T"
for _ in $(seq 50); do redis-cli -s "$T/redis.sock" ping > /dev/null 2>&1 && break; sleep 0.1; done
count() { psql -X -A -t -h "$T" -U rasad -d "$1" -c "SELECT count(*) FROM documents" 2> /dev/null || echo 0; }
for workers in 1 "${counts[@]}"; do
  db=w$workers
  psql -X -q -h "$T" -U rasad -d postgres -c "CREATE DATABASE $db"
  expected=$("$rasad" -q enqueue "$T/in.jsonl" --queue "unix://$T/redis.sock?stream=$db" | awk '{print $2}')
  start=$(date +%s.%N)
  pids=()
  for _ in $(seq "$workers"); do
    "$rasad" -q worker --queue "unix://$T/redis.sock?stream=$db" --db "postgresql://rasad@/$db?host=$T" --idle-exit 1 > /dev/null &
    pids+=($!)
  done
  for _ in $(seq 3000); do [[ $(count "$db") -ge $expected ]] && break; sleep 0.2; done
  [[ $(count "$db") -eq $expected ]] || { echo "stored $(count "$db") of $expected documents"; exit 1; }
  end=$(date +%s.%N)
  wait "${pids[@]}"
  python3 -c "d=$end-$start; print(f'$workers worker(s): $expected documents in {d:.1f} s, {$expected/d:.1f} documents/s')"
done
