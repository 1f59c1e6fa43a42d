# A throw-away PostgreSQL for the store benchmarks (sourced; as tests/scale/servers.sh, but with
# fsync on, as a deployment runs): cluster in a temp directory $T, Unix socket only, the first $n
# farsnews documents in $T/in.jsonl (or, with $copies set, bench/make_corpus.py's corpus); stopped and removed on exit, with a Redis the caller started
# ($T/redis.pid).
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
T=$(mktemp -d /tmp/rasad-bench.XXXXXX)
as_db_user=()
if [[ $(id -u) -eq 0 ]]; then chown nobody "$T"; as_db_user=(runuser -u nobody --); fi
cleanup() {
  "${as_db_user[@]}" "$pgbin/pg_ctl" -D "$T/pg" -m immediate stop > /dev/null 2>&1 || true
  [[ -f $T/redis.pid ]] && kill "$(cat "$T/redis.pid")" 2> /dev/null || true
  rm -rf "$T"
}
trap cleanup EXIT
export RASAD_DATA=${RASAD_DATA:-$PWD/data}
if [[ -n ${copies:-} ]]; then
  python3 bench/make_corpus.py "$copies" > "$T/in.jsonl"
else
  (xz -dc ../shared/corpus/farsnews.jsonl.xz || true) | head -n "$n" > "$T/in.jsonl"
fi
cd "$T"
"${as_db_user[@]}" "$pgbin/initdb" -D "$T/pg" -U rasad --auth=trust -E UTF8 --locale=C > /dev/null
"${as_db_user[@]}" "$pgbin/pg_ctl" -D "$T/pg" -l "$T/pg.log" -w -o "-c listen_addresses='' -k $T" start > /dev/null
