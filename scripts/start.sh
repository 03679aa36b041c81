#!/usr/bin/env bash
# Start Triage Desk from this checkout, installing what it needs first (see README).
set -euo pipefail
# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
exec "$VENV/bin/triage-desktop" "$@"
