#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL 15 + PostGIS cluster for tests and benchmarks.
#   scripts/postgis-server.sh start [dir] [port]   prints the connection URL on stdout
#   scripts/postgis-server.sh stop  [dir]
# The cluster runs as the `postgres` OS user (initdb refuses root), trusts local connections and
# lives in a folder of its own, so it never touches a system cluster.
set -euo pipefail
action=${1:-start}
dir=${2:-/tmp/fire-gis-postgis}
port=${3:-55432}
bin=/usr/lib/postgresql/15/bin
as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }

case "$action" in
  start)
    if [ ! -x "$bin/initdb" ]; then echo "PostgreSQL 15 is not installed ($bin/initdb missing)" >&2; exit 1; fi
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir" && chown postgres "$dir"
      as_postgres "$bin/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_postgres "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_postgres "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
        -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
    fi
    url="postgres://postgres@127.0.0.1:$port/postgres"
    psql "$url" -qtAc "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
    echo "$url"
    ;;
  stop)
    as_postgres "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start|stop [dir] [port]" >&2; exit 2 ;;
esac
