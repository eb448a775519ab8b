#!/usr/bin/env bash
# Builds and runs one libFuzzer target.
#
#   scripts/fuzz.sh TARGET [SECONDS]      # default 180 seconds
#   scripts/fuzz.sh list
#
# Each module a target needs is compiled directly with swiftc
# (-sanitize=fuzzer,address, whole-module, -O) into .build-fuzz/modules, then
# linked with Fuzz/TARGET.swift into .build-fuzz/TARGET. The seed corpus is
# copied from Tests/Fixtures into .build-fuzz/corpus/TARGET (kept between runs,
# so later runs start from what earlier runs found); crashes, leaks and
# timeouts land in .build-fuzz/artifacts/TARGET/.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
SWIFTC=${SWIFTC:-/opt/swift/usr/bin/swiftc}
[ -x "$SWIFTC" ] || SWIFTC=swiftc
OUT=$ROOT/.build-fuzz
MODS=$OUT/modules
SHARED=${FUZZ_SHARED_TESTSUITES:-$ROOT/../shared/testsuites}
SAN=(-sanitize=fuzzer,address -O -g -parse-as-library -swift-version 6 -package-name clubos_lint)
CFLAGS=(-I "$ROOT/Sources/CYaml" -I "$ROOT/Sources/CLibXML2" -I "$ROOT/Sources/CLibPQ"
        -Xcc -I/usr/include/libxml2 -Xcc -I/usr/include/postgresql -I "$MODS")

targets="json yaml sql tsconfig dotenv template expression jsonpath schema"

# Modules (in dependency order) each target links.
modules_for() {
    case "$1" in
        json|yaml) echo "LintCore LintParsers" ;;
        sql) echo "LintCore Migrations" ;;
        tsconfig|dotenv) echo "LintCore LintParsers EnvironmentLint" ;;
        template) echo "LintCore LintParsers JSONSchema PromptLint" ;;
        expression) echo "LintCore LintParsers WorkflowLint" ;;
        jsonpath) echo "LintCore LintParsers JSONPath" ;;
        schema) echo "LintCore LintParsers JSONSchema" ;;
        *) return 1 ;;
    esac
}

# Fixture files used as seeds.
seeds_for() {
    case "$1" in
        json) find Tests/Fixtures schemas -type f \( -name '*.json' -o -name '*.jsonl' \)
              [ -d "$SHARED/json-test-suite" ] && find "$SHARED/json-test-suite" -type f -name '*.json' ;;
        yaml) find Tests/Fixtures rules config .github -type f \( -name '*.yaml' -o -name '*.yml' \) ;;
        sql) find Tests/Fixtures migrations -type f -name '*.sql' ;;
        tsconfig) find Tests/Fixtures config -type f -name '*.ts' ;;
        dotenv) find Tests/Fixtures -type f -name '.env*'; echo .env.example ;;
        template) find Tests/Fixtures prompts -type f \( -name '*.md' -o -name '*.txt' -o -name '*.prompt' \) ;;
        expression) find Tests/Fixtures/workflows .github -type f \( -name '*.yaml' -o -name '*.yml' \) ;;
        jsonpath) ;;   # generated below from the JSONPath compliance suite
        schema) find Tests/Fixtures -type f -path '*feedback*' -name '*.json*' ;;
    esac
}

# Rebuilds a module when its sources, or a module built before it in the
# target's list (a dependency), are newer than its object: cross-module
# inlining bakes dependency layouts into the object, so a stale one corrupts memory.
build_module() {
    local m=$1 o=$MODS/$m.o dep
    shift
    mkdir -p "$MODS"
    if [ -f "$o" ] && [ -z "$(find "Sources/$m" -name '*.swift' -newer "$o" | head -1)" ]; then
        local stale=0
        for dep in "$@"; do [ "$MODS/$dep.o" -nt "$o" ] && stale=1; done
        [ "$stale" = 0 ] && return 0
    fi
    echo "fuzz.sh: compiling $m" >&2
    "$SWIFTC" "${SAN[@]}" "${CFLAGS[@]}" -wmo -module-name "$m" \
        -emit-module -emit-module-path "$MODS/$m.swiftmodule" \
        -c $(find "Sources/$m" -name '*.swift' | sort) -o "$o"
}

build_target() {
    local t=$1 objs=() m
    local built=()
    for m in $(modules_for "$t"); do
        build_module "$m" "${built[@]}"
        built+=("$m")
        objs+=("$MODS/$m.o")
    done
    echo "fuzz.sh: linking $t" >&2
    "$SWIFTC" "${SAN[@]}" "${CFLAGS[@]}" -module-name Fuzz "Fuzz/$t.swift" "${objs[@]}" \
        -lyaml -o "$OUT/$t" 2>&1 | { grep -v "Cannot export local symbol '__asan" >&2 || true; }
    [ "${PIPESTATUS[0]}" -eq 0 ] && [ -x "$OUT/$t" ]
}

if [ "${1:-}" = "" ] || [ "$1" = "list" ]; then
    echo "$targets"; exit 0
fi
TARGET=$1
SECONDS_TO_RUN=${2:-180}
modules_for "$TARGET" >/dev/null || { echo "fuzz.sh: unknown target $TARGET (one of: $targets)" >&2; exit 2; }

mkdir -p "$OUT/corpus/$TARGET" "$OUT/artifacts/$TARGET"
build_target "$TARGET"
while IFS= read -r f; do
    [ -f "$f" ] || continue
    size=$(stat -c %s "$f")
    [ "$size" -le 65536 ] || continue
    cp -f "$f" "$OUT/corpus/$TARGET/seed-$(printf '%s' "$f" | sha1sum | cut -c1-16)"
done < <(seeds_for "$TARGET" | sort -u)
# Generated seeds: JSONPath selectors from the compliance suite, and the
# `${{ }}` expressions written in the workflow fixtures.
case "$TARGET" in
    jsonpath)
        printf '%s' '$.bays[?@.enabled == true].id' > "$OUT/corpus/$TARGET/seed-basic"
        if [ -f "$SHARED/jsonpath-cts/cts.json" ]; then
            python3 - "$SHARED/jsonpath-cts/cts.json" "$OUT/corpus/$TARGET" <<'PY'
import hashlib, json, os, sys
for t in json.load(open(sys.argv[1]))["tests"]:
    s = t.get("selector")
    if isinstance(s, str):
        open(os.path.join(sys.argv[2], "seed-" + hashlib.sha1(s.encode()).hexdigest()[:16]), "w").write(s)
PY
        fi ;;
    expression)
        find Tests/Fixtures/workflows .github -type f \( -name '*.yaml' -o -name '*.yml' \) -print0 \
            | xargs -0 grep -ho '\${{[^}]*}}' 2>/dev/null | sed 's/^\${{ *//; s/ *}}$//' | sort -u \
            | while IFS= read -r e; do printf '%s' "$e" > "$OUT/corpus/$TARGET/seed-$(printf '%s' "$e" | sha1sum | cut -c1-16)"; done ;;
esac
# Regression inputs for this target are seeds too.
if [ -d "Tests/Fixtures/hardening/$TARGET" ]; then
    cp -f Tests/Fixtures/hardening/"$TARGET"/* "$OUT/corpus/$TARGET/" 2>/dev/null || true
fi

# ASan's default 256 MB free-quarantine alone would trip the 200 MB RSS limit;
# keep it small so -rss_limit_mb measures the code under test. LeakSanitizer
# is off: Swift stores references in enum spare bits, which it cannot see, so
# it reports live trees as leaks (memory growth is caught by -rss_limit_mb).
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=16:malloc_context_size=10:detect_leaks=0}
cd "$ROOT"   # the schema target reads schemas/ relative to the repository root
exec "$OUT/$TARGET" "$OUT/corpus/$TARGET" \
    -max_total_time="$SECONDS_TO_RUN" -rss_limit_mb=200 -timeout=10 -max_len=65536 \
    -artifact_prefix="$OUT/artifacts/$TARGET/" -print_final_stats=1 -detect_leaks=0
