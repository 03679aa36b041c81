#!/usr/bin/env bash
# Shared set-up for scripts/start.sh and scripts/test.sh: the Debian packages listed in
# packaging/debian-packages.txt, then a virtual environment in .venv with the project installed.
# Sourced, not run. Idempotent: a second run installs nothing.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${TRIAGE_VENV:-$REPO_ROOT/.venv}"
PYTHON="${PYTHON:-python3}"

debian_packages() {
  grep -v -E '^\s*(#|$)' "$REPO_ROOT/packaging/debian-packages.txt"
}

missing_debian_packages() {
  local pkg
  for pkg in $(debian_packages); do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      echo "$pkg"
    fi
  done
}

ensure_debian_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "setup: not a Debian/Ubuntu system; install the equivalents of packaging/debian-packages.txt yourself." >&2
    return 0
  fi
  local missing
  missing="$(missing_debian_packages | tr '\n' ' ')"
  [ -z "${missing// /}" ] && return 0
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get)
  if [ "$(id -u)" -eq 0 ]; then
    :
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    apt=(sudo env DEBIAN_FRONTEND=noninteractive apt-get)
  else
    echo "setup: these system packages are missing. Run this line, then try again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y $missing" >&2
    exit 1
  fi
  echo "setup: installing system packages: $missing"
  "${apt[@]}" update -qq
  # shellcheck disable=SC2086
  "${apt[@]}" install -y -qq --no-install-recommends $missing >/dev/null
}

ensure_venv() {
  if [ ! -x "$VENV/bin/python" ]; then
    echo "setup: creating the virtual environment in $VENV"
    "$PYTHON" -m venv "$VENV"
  fi
  local stamp="$VENV/.triage-desktop-setup"
  local want
  want="$(cat "$REPO_ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || ! "$VENV/bin/python" -c "import triage_desktop" 2>/dev/null; then
    echo "setup: installing Triage Desk and its Python dependencies into $VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e "$REPO_ROOT[dev]"
    echo "$want" >"$stamp"
  fi
}

ensure_debian_packages
ensure_venv
export PATH="$VENV/bin:$PATH"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
