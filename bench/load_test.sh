#!/usr/bin/env bash
# Load test of `rasad serve`: a bounded number of requests from a second process (wrk) on loopback
# against /api/events and /api/timeline, on a store built from the SaudiNewsNet corpus.
# Prints requests/s and latency percentiles (p50/p90/p99) per endpoint and fails on any error.
#
# Usage: bench/load_test.sh [--build-dir DIR] [--docs N] [--db FILE] [--duration S] [--connections C]
#   --docs N      documents of ../shared/corpus/saudinewsnet.jsonl.xz to ingest (default 5000)
#   --db FILE     reuse (or create) this store instead of a temporary one
# Needs wrk (Debian package `wrk`, installed by scripts/setup).
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build docs=5000 db="" duration=10 connections=8 threads=2
while (($#)); do
  case "$1" in
    --build-dir) build_dir=$2; shift 2 ;;
    --docs) docs=$2; shift 2 ;;
    --db) db=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    *) echo "load_test: unknown argument $1" >&2; exit 2 ;;
  esac
done
rasad=$build_dir/rasad
corpus=../shared/corpus/saudinewsnet.jsonl.xz
command -v wrk > /dev/null || { echo "load_test: wrk is missing (apt-get install wrk, or run scripts/setup)" >&2; exit 2; }
[[ -x $rasad ]] || { echo "load_test: no $rasad (run scripts/setup)" >&2; exit 2; }

tmp=$(mktemp -d)
server=""
cleanup() {
  if [[ -n $server ]]; then kill -TERM "$server" 2> /dev/null || true; wait "$server" 2> /dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

if [[ -z $db ]]; then db=$tmp/snn.db; fi
if [[ ! -s $db ]]; then
  [[ -f $corpus ]] || { echo "load_test: no corpus at $corpus" >&2; exit 2; }
  echo "load_test: ingesting $docs documents of $corpus into $db"
  xz -dc "$corpus" | head -n "$docs" > "$tmp/docs.jsonl"
  "$rasad" -q ingest "$tmp/docs.jsonl" --db "$db" --threads 2 | sed 's/^/  /'
fi

"$rasad" serve --db "$db" --port 0 --threads "$((connections + 2))" > "$tmp/serve.out" 2> "$tmp/serve.err" &
server=$!
for _ in $(seq 100); do
  grep -q 'http://' "$tmp/serve.out" 2> /dev/null && break
  sleep 0.1
done
base=$(grep -o 'http://[0-9.:]*' "$tmp/serve.out" | head -1)
[[ -n $base ]] || { echo "load_test: rasad serve did not start: $(cat "$tmp/serve.err")" >&2; exit 1; }
health=$(curl -sf "$base/healthz" || true)
echo "load_test: $base, store: $health"

# The densest dyad of the store, so that the timeline aggregates real data.
dyad=$(curl -sf "$base/api/dyads?limit=1" | python3 -c 'import json,sys; d=json.load(sys.stdin)["dyads"]; print(d[0]["dyad"] if d else "SAU-USA")')

# wrk reports latency percentiles and non-2xx responses; the Lua script collects them as one line.
cat > "$tmp/report.lua" << 'EOF'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d rps=%.1f p50=%.2f p90=%.2f p99=%.2f max=%.2f non2xx=%d errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
EOF

status=0
printf '%-48s %9s %9s %8s %8s %8s %8s\n' endpoint requests req/s p50_ms p90_ms p99_ms errors
for path in "/api/events?limit=50" "/api/events?dyad=$dyad&limit=50" "/api/timeline?dyad=$dyad&by=month" "/api/events/1"; do
  out=$(wrk -t "$threads" -c "$connections" -d "${duration}s" --latency -s "$tmp/report.lua" "$base$path" 2>&1)
  line=$(grep '^RESULT' <<< "$out") || { echo "$out"; status=1; continue; }
  eval "${line#RESULT }"
  printf '%-48s %9s %9s %8s %8s %8s %8s\n' "$path" "$requests" "$rps" "$p50" "$p90" "$p99" "$((non2xx + errors))"
  ((non2xx + errors == 0)) || status=1
done
echo "load_test: $connections connections, $threads wrk threads, ${duration}s per endpoint, $(nproc) cores shared with the server"
exit $status
