#!/usr/bin/env bash
# Manual check of the reviewer report: writes an HTML report for the golden
# fixtures and renders it with headless Chromium (Debian package) to a PNG.
#   bash scripts/render-html-report.sh [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/clubos-lint-report.png}
command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
swift build --product clubos-lint >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd Tests/Fixtures/projects/seed-pipeline
"$OLDPWD/.build/debug/clubos-lint" check --html "$work/report.html" --quiet >/dev/null || true
cd "$OLDPWD"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1600 \
  --screenshot="$out" "file://$work/report.html" 2>/dev/null
echo "$out"
