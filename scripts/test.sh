#!/usr/bin/env bash
# The whole suite: ruff (lint + format), mypy, import-linter layer contracts, then pytest with
# pytest-qt and coverage -- headless, inside a D-Bus session with an unlocked gnome-keyring so the
# keychain tests talk to a real Secret Service. Extra arguments go to pytest.
set -euo pipefail
# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$REPO_ROOT"

export QT_QPA_PLATFORM=offscreen
export PYTHONDONTWRITEBYTECODE=1

echo "== ruff (lint)";          ruff check src tests benchmarks packaging
echo "== ruff (format)";        ruff format --check src tests benchmarks packaging
echo "== mypy";                 mypy
echo "== import-linter";        lint-imports

echo "== pytest"
# A private runtime and data folder for the throwaway D-Bus session and keyring.
SANDBOX="$(mktemp -d -t triage-desktop-test.XXXXXX)"
trap 'rm -rf "$SANDBOX"' EXIT
mkdir -p "$SANDBOX/runtime" "$SANDBOX/data"
chmod 700 "$SANDBOX/runtime"
export XDG_RUNTIME_DIR="$SANDBOX/runtime" XDG_DATA_HOME="$SANDBOX/data"
export TRIAGE_TEST_SECRET_SERVICE=1

set +e
dbus-run-session -- bash -c '
  printf %s "throwaway-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec python -m pytest --cov --cov-report=term "$@"
' pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure, not a pass." >&2
  exit 1
fi
exit "$status"
