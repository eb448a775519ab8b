// EnvironmentLint module. See docs/ARCHITECTURE.md for what this module owns.
import LintCore
