#!/usr/bin/env bash
# Runs the whole test suite: first on SQLite (with the real-browser tests), then again
# on a PostgreSQL server this script starts on loopback (installed when missing).
# Extra arguments go to pytest, e.g.  scripts/test.sh -k checklist -x
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"

apt_install chromium postgresql redis-server fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libreoffice-writer-nogui \
  tesseract-ocr tesseract-ocr-chi-sim
ensure_venv test

WORK="$(mktemp -d /tmp/gongkai-test.XXXXXX)"
export GONGKAI_DATA_DIR="$WORK/data"
export GONGKAI_REQUIRE_BROWSER=1   # the browser tests fail, not skip, without chromium
export PYTHONDONTWRITEBYTECODE=1
unset DATABASE_URL
# Every core: pytest-xdist's workers, each with its own test database and data directory.
PYTEST=("$VENV/bin/python" -m pytest -p no:cacheprovider -n "${GONGKAI_TEST_WORKERS:-auto}" --dist loadgroup)

PGDATA="$WORK/pg"
source "$REPO_ROOT/scripts/lib/postgres.sh"
trap 'stop_postgres; rm -rf "$WORK"' EXIT

cd "$REPO_ROOT"
log "静态检查（ruff）"
"$VENV/bin/ruff" check -q gongkai tests bench

status=0
log "测试（SQLite，含浏览器测试）"
"${PYTEST[@]}" "$@" || status=$?

start_postgres
log "测试（PostgreSQL）"
# The browser tests check pages, and the fuzzing checks file readers, not the database:
# they run once, in the SQLite pass.
"${PYTEST[@]}" -m "not browser" --ignore=tests/fuzz "$@" || { s=$?; [ "$status" -eq 0 ] && status=$s; }

if [ "$status" -eq 0 ]; then log "全部测试通过"; else log "测试失败（退出码 $status）"; fi
exit "$status"
