import LintConfig
import LintCore
import LintParsers

/// The explicit registry of built-in checkers (one per kind).
public enum CheckerRegistry {
    public static func builtin(configuration: Configuration) -> [any Checker] {
        [
            JSONSyntaxChecker(),
            YAMLSyntaxChecker(),
        ]
    }

    /// Every built-in rule, for `rules list`, docs and the examples test.
    public static func catalog(configuration: Configuration) -> RuleCatalog {
        LintEngine(configuration: configuration, checkers: builtin(configuration: configuration)).catalog
    }
}
