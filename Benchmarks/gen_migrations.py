#!/usr/bin/env python3
"""Writes a chain of N dbmate-style migrations (tables, columns, indexes, enums, functions) into DIR."""
import os, sys

n = int(sys.argv[1]); out = sys.argv[2]
os.makedirs(out, exist_ok=True)
for i in range(1, n + 1):
    t = i % 20
    if i <= 20:
        up = f"""CREATE TABLE bench_t{t} (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_bench_t{t}_name ON bench_t{t} (name);"""
        down = f"DROP TABLE bench_t{t};"
    elif i % 3 == 0:
        up = f"""SET lock_timeout = '5s';
ALTER TABLE bench_t{t} ADD COLUMN c{i} text;
COMMENT ON COLUMN bench_t{t}.c{i} IS 'column {i}';"""
        down = f"ALTER TABLE bench_t{t} DROP COLUMN c{i};"
    elif i % 3 == 1:
        up = f"""CREATE TABLE bench_log{i} (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  t{t}_id bigint NOT NULL REFERENCES bench_t{t} (id),
  payload jsonb NOT NULL DEFAULT '{{}}'::jsonb
);
CREATE INDEX idx_bench_log{i}_t ON bench_log{i} (t{t}_id);"""
        down = f"DROP TABLE bench_log{i};"
    else:
        up = f"""CREATE FUNCTION bench_f{i}(x integer) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$ SELECT x + {i} $$;"""
        down = f"DROP FUNCTION bench_f{i}(integer);"
    with open(os.path.join(out, f"{i:04}_step_{i}.sql"), "w") as f:
        f.write(f"-- migrate:up\n{up}\n\n-- migrate:down\n{down}\n")
    with open(os.path.join(out + "-psql", f"{i:04}_step_{i}.sql") if os.path.isdir(out + "-psql") else os.devnull, "w") as f:
        f.write(up + "\n")
