#!/usr/bin/env python3
"""Writes N FeedbackData records as JSONL (about 625 bytes each, about 1% invalid).

Usage: generate.py N OUT.jsonl [--files DIR COUNT]

Deterministic (fixed seed): the same N gives the same bytes. Every 100th
record (i % 100 == 99) breaks the schema in one of six ways, so exactly
N // 100 records are invalid. With --files, also writes COUNT single-record
files DIR/record-00000.json … (the first COUNT records) for per-file tools.
"""
import json
import os
import random
import sys

ASSISTANTS = ["Booking", "Emergency", "TechSupport", "BrandTone"]
LOCATIONS = ["Downtown", "Riverside", "Airport", "Zürich", "North Hills"]
WORDS = ("bay simulator booking projector tracking reset club member hour price lesson coach screen sensor "
         "launch monitor swing putting range tee time cancel refund membership card locker shower weekend "
         "evening league tournament handicap driver iron wedge ball speed spin angle carry distance").split()


def sentence(rng, lo, hi):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi))).capitalize() + "."


def record(i, rng):
    day = 1 + i % 28
    rec = {
        "id": f"fb_{i:08d}",
        "timestamp": f"2026-10-{day:02d}T{i % 24:02d}:{i % 60:02d}:{(i * 7) % 60:02d}Z",
        "query": sentence(rng, 10, 28),
        "response": sentence(rng, 22, 54),
        "assistant": ASSISTANTS[i % 4],
        "confidence": round(rng.random(), 3),
        "feedback": {"rating": "helpful" if rng.random() < 0.7 else "unhelpful"},
        "context": {"userId": f"u_{rng.randint(1, 5000)}", "sessionId": f"s_{i // 3}"},
    }
    if rec["feedback"]["rating"] == "unhelpful" and rng.random() < 0.5:
        rec["feedback"]["reason"] = sentence(rng, 4, 10)
        rec["feedback"]["correction"] = sentence(rng, 8, 20)
    if rng.random() < 0.6:
        rec["context"]["location"] = rng.choice(LOCATIONS)
    if i % 100 == 99:
        kind = (i // 100) % 6
        if kind == 0:
            rec["confidence"] = 1.5
        elif kind == 1:
            rec["feedback"]["rating"] = "great"
        elif kind == 2:
            del rec["context"]["sessionId"]
        elif kind == 3:
            rec["timestamp"] = rec["timestamp"][:-1]
        elif kind == 4:
            rec["score"] = 5
        else:
            rec["assistant"] = "Sales"
    return rec


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    n = int(sys.argv[1])
    out = sys.argv[2]
    files_dir, files_count = None, 0
    if len(sys.argv) >= 6 and sys.argv[3] == "--files":
        files_dir, files_count = sys.argv[4], int(sys.argv[5])
        os.makedirs(files_dir, exist_ok=True)
    rng = random.Random(20261129)
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            rec = record(i, rng)
            line = json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
            f.write(line + "\n")
            if i < files_count:
                with open(os.path.join(files_dir, f"record-{i:05d}.json"), "w", encoding="utf-8") as g:
                    g.write(json.dumps(rec, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
