import LintConfig
import LintCore
import LintParsers
import Migrations
import PostgresDryRun
import PromptLint
import FeedbackLint
import EnvironmentLint
import WorkflowLint
import RuleEngine

/// The explicit registry of built-in checkers (one per kind).
public enum CheckerRegistry {
    /// `migrationBaseVersions`: migration versions on the base branch (`--base REF`), for the out-of-order rule.
    public static func builtin(configuration: Configuration, migrationBaseVersions: [String]? = nil) -> [any Checker] {
        [
            JSONSyntaxChecker(),
            YAMLSyntaxChecker(),
            MigrationChecker(baseVersions: migrationBaseVersions),
            PromptChecker(validator: SchemaSupport.promptValidator(configuration: configuration)),
            SOPChecker(),
            WorkflowChecker(),
            EnvironmentChecker(),
            FeedbackChecker(),
        ]
    }

    /// Every built-in rule, for `rules list`, docs and the examples test.
    public static func catalog(configuration: Configuration, rulesets: [Ruleset] = []) -> RuleCatalog {
        var catalog = LintEngine(configuration: configuration, checkers: builtin(configuration: configuration), rulesets: rulesets).catalog
        catalog.add(RulesetLoader.invalidRule)
        for r in DryRunRules.all { catalog.add(r) }
        return catalog
    }
}
