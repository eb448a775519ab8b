#!/usr/bin/env python3
"""Writes N valid GitHub Actions workflows (varied jobs, matrices, expressions) into DIR/.github/workflows."""
import os, sys

n = int(sys.argv[1]); out = os.path.join(sys.argv[2], ".github", "workflows")
os.makedirs(out, exist_ok=True)
for i in range(n):
    jobs = []
    for j in range(1 + i % 4):
        jobs.append(f"""  job{j}:
    runs-on: ${{{{ matrix.os }}}}
    timeout-minutes: {10 + j}
    needs: [{', '.join(f'job{k}' for k in range(j)) }]
    strategy:
      matrix:
        os: [ubuntu-latest, windows-latest]
        node: [18, 20, 22]
        exclude:
          - os: windows-latest
            node: 18
    env:
      BUILD_ID: build-{i}-{j}
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-node@v5
        with:
          node-version: ${{{{ matrix.node }}}}
          cache: npm
      - name: Install
        run: npm ci
      - name: Test {j}
        if: ${{{{ github.event_name == 'push' && !cancelled() }}}}
        run: |
          npm test -- --shard={j}/4
          echo "done ${{{{ matrix.os }}}} $BUILD_ID"
      - uses: actions/upload-artifact@v5
        if: always()
        with:
          name: report-{i}-{j}-${{{{ matrix.os }}}}-${{{{ matrix.node }}}}
          path: coverage/
""".replace("    needs: []\n", ""))
    text = f"""name: Workflow {i}
on:
  push:
    branches: [main, 'release/**']
  pull_request:
    types: [opened, synchronize]
  workflow_dispatch:
    inputs:
      level:
        type: choice
        options: [debug, info]
        default: info
permissions:
  contents: read
concurrency:
  group: wf-{i}-${{{{ github.ref }}}}
  cancel-in-progress: true
jobs:
""" + "".join(jobs)
    with open(os.path.join(out, f"wf{i:03}.yml"), "w") as f:
        f.write(text)
