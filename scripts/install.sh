#!/usr/bin/env bash
# Installs the release binary on PATH (default prefix /usr/local; PREFIX=... to change).
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${PREFIX:-/usr/local}
[ -x .build/release/clubos-lint ] || bash scripts/release.sh
install -d "$prefix/bin"
install -m 0755 .build/release/clubos-lint "$prefix/bin/clubos-lint"
echo "installed $prefix/bin/clubos-lint: $("$prefix/bin/clubos-lint" version)"
