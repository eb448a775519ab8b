#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs the whole test
# suite. Tests that need PostgreSQL start their own private server (initdb in a
# temporary directory, as the postgres user when run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
swift build --build-tests "$@"
swift test --skip-build "$@"
