# Throw-away servers for the scale tests (sourced): a PostgreSQL cluster and a Redis in a temp
# directory $T, Unix sockets only (no TCP), stopped and removed on exit. Exits 77 (ctest: skipped)
# when their binaries are missing (scripts/setup installs them). Needs $rasad, $src and $shared;
# REDIS_PERSIST=yes gives Redis an append-only file (fsync always), so that it can be restarted
# (restart_redis) without losing the queue.
skip() { echo "SKIPPED: $*"; exit 77; }
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[[ -n $pgbin && -x $pgbin/initdb && -x $pgbin/pg_ctl ]] ||
  skip "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (apt-get install postgresql, or scripts/setup)"
for tool in redis-server redis-cli psql python3 xz; do
  command -v "$tool" > /dev/null || skip "$tool not found (apt-get install redis-server postgresql, or scripts/setup)"
done
[[ -d $shared/seeds && -f $shared/corpus/farsnews.jsonl.xz ]] || skip "../shared/seeds or ../shared/corpus/farsnews.jsonl.xz missing"

T=$(mktemp -d /tmp/rasad-scale.XXXXXX)
as_db_user=()
if [[ $(id -u) -eq 0 ]]; then  # PostgreSQL refuses to run as root
  chown nobody "$T"
  as_db_user=(runuser -u nobody --)
fi
cd "$T"  # the servers run as another user, who may not enter the caller's directory
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2> /dev/null || true; done
  "${as_db_user[@]}" "$pgbin/pg_ctl" -D "$T/pg" -m immediate stop > /dev/null 2>&1 || true
  [[ -f $T/redis.pid ]] && kill "$(cat "$T/redis.pid")" 2> /dev/null || true
  rm -rf "$T"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

pg_options="-c listen_addresses='' -k $T -c fsync=off -c max_connections=50"
start_pg() {
  "${as_db_user[@]}" "$pgbin/pg_ctl" -D "$T/pg" -l "$T/pg.log" -w -t 60 -o "$pg_options" start > /dev/null ||
    { cat "$T/pg.log"; fail "pg_ctl start"; }
}
stop_pg() { "${as_db_user[@]}" "$pgbin/pg_ctl" -D "$T/pg" -m fast -w stop > /dev/null; }
start_redis() {
  local persist=(--appendonly no)
  [[ ${REDIS_PERSIST:-no} == yes ]] && persist=(--appendonly yes --appendfsync always)
  redis-server --port 0 --unixsocket "$T/redis.sock" --unixsocketperm 700 --save '' "${persist[@]}" \
    --daemonize yes --pidfile "$T/redis.pid" --logfile "$T/redis.log" --dir "$T"
  for _ in $(seq 100); do redis-cli -s "$T/redis.sock" ping > /dev/null 2>&1 && break; sleep 0.1; done
  redis-cli -s "$T/redis.sock" ping | grep -q PONG || { cat "$T/redis.log"; fail "redis-server start"; }
}
restart_redis() {
  redis-cli -s "$T/redis.sock" shutdown > /dev/null 2>&1 || true
  for _ in $(seq 100); do [[ -S $T/redis.sock ]] || break; sleep 0.1; done
  start_redis
}

echo "== servers in $T"
"${as_db_user[@]}" "$pgbin/initdb" -D "$T/pg" -U rasad --auth=trust -E UTF8 --locale=C > "$T/initdb.log" 2>&1 ||
  { cat "$T/initdb.log"; fail initdb; }
start_pg
start_redis
psql_() { psql -X -q -A -t -h "$T" -U rasad "$@"; }
pg_url() { echo "postgresql://rasad@/$1?host=$T"; }
queue_url() { echo "unix://$T/redis.sock?stream=$1"; }
