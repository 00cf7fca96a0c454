#!/usr/bin/env bash
# Runs every benchmark and prints their figures and TARGET lines (see bench/README.md).
# The demos are built once and shared: demo_rate.py keeps its 10 000, 100 000 and 1 000 000
# item data directories for the search benchmark (at each size, on SQLite and on a
# PostgreSQL cluster started here on loopback), the page benchmarks and intake.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/setup.sh"
ensure_venv test
apt_install wrk nginx-light postgresql fonts-noto-cjk tesseract-ocr tesseract-ocr-chi-sim
WORK="$(mktemp -d /tmp/gongkai-bench.XXXXXX)"
PGDATA="$WORK/pg"
source "$REPO_ROOT/scripts/lib/postgres.sh"
trap 'stop_postgres; rm -rf "$WORK"' EXIT
start_postgres
export BENCH_PG_URL="$PG_SERVER_URL" BENCH_KEEP_DIR="$WORK/demos"
unset DATABASE_URL
cd "$REPO_ROOT/bench"
status=0
run() { log "benchmark $*"; "$VENV/bin/python" "$@" || status=1; }
run demo_rate.py 10000 100000 1000000
for size in 10000 100000 1000000; do
  run search_latency.py --data "$BENCH_KEEP_DIR/demo-$size"
done
run privacy_scan.py
run privacy_ocr.py
run privacy_corpus.py
BENCH_DATA_DIR="$BENCH_KEEP_DIR/demo-100000" run dynamic_pages.py
BENCH_DATA_DIR="$BENCH_KEEP_DIR/demo-100000" run public_pages.py
BENCH_DATA_DIR="$BENCH_KEEP_DIR/demo-100000" run intake.py
run annual_report.py
exit "$status"
