#!/usr/bin/env bash
# Runs every benchmark and prints their figures and TARGET lines (see bench/README.md).
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/setup.sh"
ensure_venv test
cd "$REPO_ROOT/bench"
status=0
apt_install wrk nginx-light
for bench in demo_rate.py privacy_scan.py search_latency.py annual_report.py public_pages.py; do
  log "benchmark $bench"
  "$VENV/bin/python" "$bench" || status=1
done
exit "$status"
