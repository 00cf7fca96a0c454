# A throwaway PostgreSQL cluster on loopback, for the tests and the benchmarks.
# Needs PGDATA (a directory under a work directory) and VENV; `start_postgres` exports
# DATABASE_URL (database "gongkai"), PGPORT and PG_SERVER_URL (database "postgres").
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"

as_pg() {
  # PostgreSQL refuses to run as root: run its tools as the postgres user then.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_postgres() {
  [ -f "$PGDATA/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
}

start_postgres() {
  [ -n "$PG_BIN" ] || { log "找不到 PostgreSQL（/usr/lib/postgresql/*/bin）"; exit 1; }
  PGPORT="$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  mkdir -p "$PGDATA"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$(dirname "$PGDATA")" "$PGDATA" && chmod 700 "$PGDATA"
  as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres -A trust --encoding=UTF8 --no-locale >/dev/null
  # Loopback only; durability off because the cluster is thrown away after the run.
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w start -o \
    "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
  as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres gongkai
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/gongkai"
  export PG_SERVER_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') 在 127.0.0.1:$PGPORT"
}
