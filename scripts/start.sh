#!/usr/bin/env bash
# Start Triage Desk from this checkout, installing what it needs first (see README).
set -euo pipefail
# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
if [ "$#" -eq 0 ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "start: there is no display to show the window on. Run this from a desktop session," >&2
  echo "       or on a headless machine: xvfb-run -a bash scripts/start.sh" >&2
  exit 1
fi
exec "$VENV/bin/triage-desktop" "$@"
