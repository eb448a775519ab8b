import LintCore

/// Reports what the readers could not parse (`environment/syntax`; JSON
/// config files report the `json/*` rules of the JSON parser).
struct SyntaxRule: EnvironmentRule {
    var description: RuleDescription { EnvironmentRules.syntax }

    func check(config: EnvironmentConfigFile, context: EnvironmentRuleContext) -> [Diagnostic] {
        config.diagnostics
    }

    func check(dotenv: DotenvFile, context: EnvironmentRuleContext) -> [Diagnostic] {
        dotenv.document.diagnostics
    }
}
