import LintCore

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
