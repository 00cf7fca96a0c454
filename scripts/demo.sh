#!/usr/bin/env bash
# Starts Gongkai with a demo university on SQLite: installs what is missing, migrates,
# loads the demo, and serves on http://127.0.0.1:${PORT:-8000}.
#   PORT=8080 scripts/demo.sh        another port
#   GONGKAI_DATA_DIR=/srv/x ...      another data directory (default: var/ in the repo)
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"

# Chinese fonts for PDFs and charts, pango for WeasyPrint, OCR of scanned pages for the privacy gate.
apt_install fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 tesseract-ocr tesseract-ocr-chi-sim
ensure_venv
export GONGKAI_DATA_DIR="${GONGKAI_DATA_DIR:-$REPO_ROOT/var}"
PORT="${PORT:-8000}"
export GONGKAI_BASE_URL="${GONGKAI_BASE_URL:-http://127.0.0.1:$PORT}"
GK="$VENV/bin/gongkai"

log "数据目录：$GONGKAI_DATA_DIR"
"$GK" migrate --noinput -v 0
"$GK" demo
# The background worker: scheduled publishing, expiry and later reminders and link checks.
"$GK" qcluster > "$GONGKAI_DATA_DIR/worker.log" 2>&1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null' EXIT
echo
echo "信息公开网：  $GONGKAI_BASE_URL/"
echo "管理后台：    $GONGKAI_BASE_URL/admin/"
echo "（按 Ctrl+C 停止）"
"$GK" serve --port "$PORT"
