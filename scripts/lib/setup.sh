# Shared set-up for scripts/demo.sh and scripts/test.sh (sourced, not run).
# Installs what is missing — Debian packages via apt-get, the venv and PyPI packages —
# and does nothing where everything is already there.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$REPO_ROOT/.venv"
PY="${PYTHON:-python3}"

log() { printf '\033[1m[gongkai]\033[0m %s\n' "$*" >&2; }

_apt_updated=0
apt_install() {
  # apt_install PACKAGE... — installs the Debian packages that are not installed yet.
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  local apt_log
  apt_log="$(mktemp /tmp/gongkai-apt.XXXXXX)"
  if [ "$_apt_updated" -eq 0 ]; then
    log "apt-get update"
    $sudo apt-get update -qq >"$apt_log" 2>&1 || { cat "$apt_log" >&2; return 1; }
    _apt_updated=1
  fi
  log "安装 Debian 软件包：${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >"$apt_log" 2>&1 || { cat "$apt_log" >&2; return 1; }
  rm -f "$apt_log"
}

ensure_python() {
  if ! "$PY" -c 'import sys; assert sys.version_info[:2] == (3, 11)' 2>/dev/null; then
    log "需要 Python 3.11（当前：$("$PY" --version 2>&1 || echo 无)）"
    apt_install python3 python3-venv
  fi
  if ! "$PY" -c 'import venv, ensurepip' 2>/dev/null; then
    apt_install python3-venv
  fi
}

ensure_venv() {
  # ensure_venv EXTRAS — creates .venv and installs the project (with e.g. "test") from the
  # lock file (requirements/base.lock, or requirements/test.lock with the test extras): every
  # package at its locked version, pip checking each file's hash (--require-hashes).
  local extras="${1:-}"
  ensure_python
  if [ ! -x "$VENV/bin/python" ]; then
    log "创建虚拟环境 $VENV"
    "$PY" -m venv "$VENV"
  fi
  local lock="$REPO_ROOT/requirements/${extras:-base}.lock"
  # Reinstall only when pyproject.toml or the lock changed.
  local stamp="$VENV/.gongkai-installed-${extras:-base}"
  local digest
  digest="$(cat "$REPO_ROOT/pyproject.toml" "$lock" | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ] || ! "$VENV/bin/python" -c 'import gongkai' 2>/dev/null; then
    log "安装 Python 依赖（${lock#"$REPO_ROOT"/}，校验哈希）"
    local pip_log
    pip_log="$(mktemp /tmp/gongkai-pip.XXXXXX)"
    { "$VENV/bin/python" -m pip install -q --upgrade pip &&
      "$VENV/bin/python" -m pip install -q --require-hashes -r "$lock" &&
      "$VENV/bin/python" -m pip install -q --no-deps -e "$REPO_ROOT"; } >"$pip_log" 2>&1 ||
      { cat "$pip_log" >&2; rm -f "$pip_log"; return 1; }
    rm -f "$pip_log"
    echo "$digest" > "$stamp"
  fi
}
