#!/usr/bin/env bash
# Build the one-folder bundle into build/dist/triage-desktop/ and check it: `--version`, and the
# offscreen first-window smoke test. The machine running the bundle needs the [run] packages of
# packaging/debian-packages.txt (PyInstaller does not carry libGL, libEGL or fontconfig).
set -euo pipefail
# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
cd "$REPO_ROOT"

pyinstaller --noconfirm --clean --log-level WARN \
  --distpath build/dist --workpath build/work packaging/triage-desktop.spec

BUNDLE="build/dist/triage-desktop/triage-desktop"
echo "== bundle --version"
"$BUNDLE" --version
echo "== bundle first-window smoke test"
QT_QPA_PLATFORM=offscreen "$BUNDLE" gui --smoke-test
echo "== bundle runs the packaged stack: policy engine, SQLCipher vault, PDF signing and checking"
echo '{"reported_on": "2026-04-02", "respondent": "student", "preference": "informal"}' \
  | "$BUNDLE" route - | grep -q '"informal_resolution"'
DEMO="$(mktemp -d -t triage-bundle-demo.XXXXXX)"
trap 'rm -rf "$DEMO"' EXIT
"$BUNDLE" demo --out "$DEMO/out" >/dev/null
for pdf in "$DEMO"/out/*.pdf; do
  "$BUNDLE" verify "$pdf" --trust "$(ls "$DEMO"/out/*.pem | head -1)" >/dev/null
done
echo "bundle stack ok"
echo "bundle ready: $REPO_ROOT/build/dist/triage-desktop/ ($(du -sh build/dist/triage-desktop | cut -f1))"
