#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs the whole test
# suite. Tests that need PostgreSQL start their own private server (initdb in a
# temporary directory, as the postgres user when run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
# pre-commit for the hook test, in a virtualenv outside the repository.
if ! command -v pre-commit >/dev/null 2>&1 && [ -z "${CLUBOS_PRE_COMMIT:-}" ]; then
  venv=${CLUBOS_TEST_VENV:-$HOME/.cache/clubos-lint-test-venv}
  if [ ! -x "$venv/bin/pre-commit" ]; then
    python3 -m venv "$venv" && "$venv/bin/pip" install -q pre-commit >&2 || echo "test: could not install pre-commit; its test will be skipped" >&2
  fi
  [ -x "$venv/bin/pre-commit" ] && export CLUBOS_PRE_COMMIT="$venv/bin/pre-commit"
fi
swift build --build-tests "$@"
swift test --skip-build "$@"
