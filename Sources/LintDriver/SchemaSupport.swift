import LintConfig
import LintCore
import PromptLint
import RuleEngine

/// Bridges the JSON Schema validator to the rule engine's `schema` function
/// and to checkers. Until the validator is wired, no compiler is offered and
/// rulesets using `schema` are rejected with a positioned error.
public enum SchemaSupport {
    public static func compiler(configuration: Configuration, cwd: String) -> (any RuleSchemaCompiler)? {
        nil
    }

    public static func promptValidator(configuration: Configuration) -> (any PromptSchemaValidator)? {
        nil
    }
}
