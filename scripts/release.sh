#!/usr/bin/env bash
# Builds a release binary with the Swift standard library linked statically,
# stamped with `git describe`, into .build/release/clubos-lint.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
version_file=Sources/ClubOSLintCLI/ToolVersion.swift
describe=$(git describe --tags --always --dirty 2>/dev/null || echo unknown)
cp "$version_file" "$version_file.orig"
trap 'mv -f "$version_file.orig" "$version_file"' EXIT
sed -i "s|static let gitDescribe = \".*\"|static let gitDescribe = \"$describe\"|" "$version_file"
swift build -c release --static-swift-stdlib --product clubos-lint >&2
echo ".build/release/clubos-lint ($describe)"
