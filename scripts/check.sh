#!/usr/bin/env bash
# The main job: builds clubos-lint and runs `clubos-lint check` on this repository.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
swift build --product clubos-lint >&2
exec .build/debug/clubos-lint check "$@"
