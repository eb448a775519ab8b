.PHONY: check test build release install docs

# The main job: clubos-lint check on this repository.
check:
	bash scripts/check.sh

# The test suite (installs missing packages when run as root).
test:
	bash scripts/test.sh

build:
	swift build

# Regenerate docs/rules.md from the rule catalog.
docs:
	swift build --product clubos-lint && .build/debug/clubos-lint rules docs --output docs/rules.md

# A release binary (static Swift stdlib, stamped with git describe), and installing it.
release:
	bash scripts/release.sh

install:
	bash scripts/install.sh
