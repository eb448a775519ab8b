import LintConfig
import LintCore
import LintParsers

/// Tool-level rules that belong to no checker.
public enum BuiltinRules {
    public static let unknownKind = RuleDescription(
        id: "lint/unknown-file-kind", kind: .lint, severity: .warning,
        summary: "Reports a file named on the command line that no checker claims and whose extension has no parser.",
        rationale: "A file you asked for that is silently skipped looks like a file that passed.",
        help: "Map it to a kind under `kinds:` in .clubos-lint.yaml, or leave it off the command line.")

    public static let unreadable = RuleDescription(
        id: "lint/unreadable-file", kind: .lint, severity: .error,
        summary: "Reports a file that could not be read (permissions, a FIFO, an I/O error), and a directory that could not be listed: one named on the command line, or one under which a kind's path pattern (e.g. `migrations/**/*.sql`) could match files.",
        rationale: "A file that cannot be read cannot be checked; passing silently would hide it. Other unreadable directories (a database volume owned by another user) are left alone.",
        help: "Fix the file's permissions, or exclude it in .clubos-lint.yaml.")

    public static let all: [RuleDescription] =
        [unknownKind, unreadable, Suppressions.unusedRule, Suppressions.malformedRule, Baseline.staleRule]
        + JSONParser.rules + YAMLLoader.rules + ConfigurationLoader.rules
}
