#!/usr/bin/env bash
# FeedbackData validation throughput, side by side in one run:
#   1. 200,000 records (~128 MB JSONL): clubos-lint schema validate (release,
#      all cores) vs jsonschema-rs and python-jsonschema (Python loops over the
#      lines: json.loads, is_valid, errors of invalid records);
#   2. 2,000 single-record files: check-jsonschema vs clubos-lint;
#   3. peak RSS (/usr/bin/time -v) of clubos-lint on a ~1 GB JSONL file.
# Peers come from the virtualenv $CLUBOS_BENCH_VENV (default ~/.cache/clubos-bench).
# Results (hyperfine JSON and Markdown, RSS) go to Benchmarks/out/.
#
#   bash Benchmarks/feedback/run.sh            # everything
#   RECORDS=20000 BIG_RECORDS=0 bash Benchmarks/feedback/run.sh   # quick, no 1 GB file
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
venv=${CLUBOS_BENCH_VENV:-$HOME/.cache/clubos-bench}
records=${RECORDS:-200000}
big_records=${BIG_RECORDS:-1600000}   # ~1 GB
files=${FILES:-2000}
runs=${RUNS:-3}
out=$root/Benchmarks/out
mkdir -p "$out"

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
if ! "$venv/bin/python" -c 'import jsonschema_rs, jsonschema' 2>/dev/null || [ ! -x "$venv/bin/check-jsonschema" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q jsonschema-rs jsonschema check-jsonschema
fi
swift build -c release --product clubos-lint >&2
tool=$root/.build/release/clubos-lint
schema=$root/schemas/feedback.schema.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "generating $records records and $files single-record files…" >&2
python3 Benchmarks/feedback/generate.py "$records" "$work/feedback.jsonl" --files "$work/files" "$files"
ls -l "$work/feedback.jsonl" >&2

cat > "$work/peer_rs.py" <<'PY'
import json, sys, jsonschema_rs
schema = json.load(open(sys.argv[1], encoding="utf-8"))
v = jsonschema_rs.validator_for(schema)
invalid = errors = 0
with open(sys.argv[2], encoding="utf-8") as f:
    for line in f:
        if not line.strip():
            continue
        inst = json.loads(line)
        if not v.is_valid(inst):
            invalid += 1
            errors += len(list(v.iter_errors(inst)))
print(f"jsonschema-rs: {invalid} invalid, {errors} errors")
PY
cat > "$work/peer_py.py" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
cls = jsonschema.validators.validator_for(schema)
v = cls(schema)
invalid = errors = 0
with open(sys.argv[2], encoding="utf-8") as f:
    for line in f:
        if not line.strip():
            continue
        inst = json.loads(line)
        if not v.is_valid(inst):
            invalid += 1
            errors += len(list(v.iter_errors(inst)))
print(f"python-jsonschema: {invalid} invalid, {errors} errors")
PY

cd "$work"
# Same answer from every tool before timing.
"$tool" schema validate --schema "$schema" feedback.jsonl | tail -1 || true
"$venv/bin/python" peer_rs.py "$schema" feedback.jsonl

echo "== $records records in one JSONL file" >&2
hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$out/feedback-jsonl.json" --export-markdown "$out/feedback-jsonl.md" \
  -n "clubos-lint schema validate (all cores)" "$tool schema validate --schema $schema feedback.jsonl" \
  -n "clubos-lint schema validate --jobs 1" "$tool schema validate --jobs 1 --schema $schema feedback.jsonl" \
  -n "jsonschema-rs (Python loop)" "$venv/bin/python peer_rs.py $schema feedback.jsonl"
# Pure-Python jsonschema is much slower: one run.
hyperfine -N -i --runs 1 --export-json "$out/feedback-jsonl-python.json" --export-markdown "$out/feedback-jsonl-python.md" \
  -n "python-jsonschema (Python loop)" "$venv/bin/python peer_py.py $schema feedback.jsonl"

echo "== $files single-record files" >&2
hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$out/feedback-files.json" --export-markdown "$out/feedback-files.md" \
  -n "clubos-lint schema validate" "$tool schema validate --schema $schema $(ls files/*.json | tr '\n' ' ')" \
  -n "check-jsonschema" "$venv/bin/check-jsonschema --schemafile $schema $(ls files/*.json | tr '\n' ' ')"

if [ "$big_records" -gt 0 ]; then
  echo "== peak RSS on $big_records records" >&2
  rm -rf files feedback.jsonl
  python3 "$root/Benchmarks/feedback/generate.py" "$big_records" big.jsonl
  size=$(stat -c %s big.jsonl)
  /usr/bin/time -v "$tool" schema validate --schema "$schema" big.jsonl > big.out 2> time.txt || true
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' time.txt)
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' time.txt)
  printf 'clubos-lint schema validate on %s bytes (%s records): peak RSS %s KB, wall %s; %s\n' \
    "$size" "$big_records" "$rss" "$wall" "$(tail -1 big.out)" | tee "$out/feedback-rss.txt"
fi

cat "$out/feedback-jsonl.md" "$out/feedback-jsonl-python.md" "$out/feedback-files.md"
