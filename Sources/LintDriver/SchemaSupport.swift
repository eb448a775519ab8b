import LintConfig
import LintCore
import RuleEngine

/// Bridges the JSON Schema validator to the rule engine's `schema` function
/// and to checkers. Until the validator is wired, no compiler is offered and
/// rulesets using `schema` are rejected with a positioned error.
public enum SchemaSupport {
    public static func compiler(configuration: Configuration, cwd: String) -> (any RuleSchemaCompiler)? {
        nil
    }
}
