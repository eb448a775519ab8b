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

/// psql meta-commands (`\i`, `\set`, …) in a migration.
public enum PsqlMetaCommandRule {
    public static let description = RuleDescription(
        id: "migration/psql-meta-command", kind: .migration, severity: .error,
        summary: "Reports psql meta-commands such as \\i or \\set in a migration file.",
        rationale: "Meta-commands are interpreted by the psql client only; the migration runner sends the file to the server, which rejects the backslash line as a syntax error.",
        help: "Inline the SQL the meta-command would have run, or use a SQL equivalent (e.g. SET instead of \\set).",
        triggering: [
            ex("↓\\i shared/functions.sql\nSELECT 1;\n"),
            ex("SELECT 1;\n  ↓\\set ON_ERROR_STOP on\n"),
        ],
        nonTriggering: [
            ex("SELECT E'\\\\i is fine inside a string';\n"),
            ex("SELECT '\n\\i inside a multi-line string';\n"),
        ])
}

func ex(_ code: String) -> RuleExample { RuleExample(code, path: "migrations/001_example.sql") }
