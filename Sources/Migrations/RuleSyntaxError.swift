import LintCore

/// Unterminated strings, quoted identifiers, dollar quotes and comments.
/// Emitted from the lexer's errors, not per statement.
public enum SyntaxErrorRule {
    public static let description = RuleDescription(
        id: "migration/syntax-error", kind: .migration, severity: .error,
        summary: "Reports unterminated string literals, quoted identifiers, dollar-quoted strings and block comments.",
        rationale: "PostgreSQL reads an unterminated literal or comment to the end of the file, so the migration fails or silently swallows the statements after it.",
        help: "Close the literal or comment; remember that /* comments nest and that dollar quotes must repeat the exact tag.",
        triggering: [
            ex("SELECT ↓'unterminated;\n"),
            ex("CREATE FUNCTION f() RETURNS int AS ↓$fn$ SELECT 1 $$ LANGUAGE sql;\n"),
            ex("↓/* outer /* inner */ still open\nSELECT 1;\n"),
        ],
        nonTriggering: [
            ex("SELECT 'it''s', E'a\\'b', $$x$$, $fn$ $$ nested $$ $fn$;\n"),
            ex("/* outer /* inner */ closed */ SELECT 1;\n"),
        ])
}
