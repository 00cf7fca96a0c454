#!/usr/bin/env bash
# Runs the whole test suite: first on SQLite (with the real-browser tests), then again
# on a PostgreSQL server this script starts on loopback (installed when missing).
# Extra arguments go to pytest, e.g.  scripts/test.sh -k checklist -x
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"

apt_install chromium postgresql fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libreoffice-writer-nogui
ensure_venv test

WORK="$(mktemp -d /tmp/gongkai-test.XXXXXX)"
export GONGKAI_DATA_DIR="$WORK/data"
export GONGKAI_REQUIRE_BROWSER=1   # the browser tests fail, not skip, without chromium
export PYTHONDONTWRITEBYTECODE=1
unset DATABASE_URL
PYTEST=("$VENV/bin/python" -m pytest -p no:cacheprovider)

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
PGDATA="$WORK/pg"
as_pg() {
  # PostgreSQL refuses to run as root: run its tools as the postgres user then.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
stop_postgres() {
  [ -f "$PGDATA/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap stop_postgres EXIT

start_postgres() {
  [ -n "$PG_BIN" ] || { log "找不到 PostgreSQL（/usr/lib/postgresql/*/bin）"; exit 1; }
  PGPORT="$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  mkdir -p "$PGDATA"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$WORK" "$PGDATA" && chmod 700 "$PGDATA"
  as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres -A trust --encoding=UTF8 --no-locale >/dev/null
  # Loopback only; durability off because the cluster is thrown away after the run.
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w start -o \
    "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
  as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres gongkai
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/gongkai"
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') 在 127.0.0.1:$PGPORT"
}

cd "$REPO_ROOT"
log "静态检查（ruff）"
"$VENV/bin/ruff" check -q gongkai tests bench

status=0
log "测试（SQLite，含浏览器测试）"
"${PYTEST[@]}" "$@" || status=$?

start_postgres
log "测试（PostgreSQL）"
# The browser tests check pages, not the database: they run once, in the SQLite pass.
"${PYTEST[@]}" -m "not browser" "$@" || { s=$?; [ "$status" -eq 0 ] && status=$s; }

if [ "$status" -eq 0 ]; then log "全部测试通过"; else log "测试失败（退出码 $status）"; fi
exit "$status"
