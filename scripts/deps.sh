#!/usr/bin/env bash
# Installs what clubos-lint needs to build and test, when it is missing:
# the C libraries (libyaml, libpq, libxml2) and PostgreSQL 15 (for the
# migration dry run and its tests). As root it installs with apt-get;
# otherwise it prints the exact command to run and fails.
set -euo pipefail

packages=(libyaml-dev libpq-dev libxml2-dev postgresql pkg-config)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then
    echo "deps: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    echo "deps: missing packages: ${missing[*]}" >&2
    echo "deps: install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 2
  fi
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "deps: the Swift 6 toolchain is not on PATH (swift.org/install)" >&2
  exit 2
fi
