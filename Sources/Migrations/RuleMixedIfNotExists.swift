import LintCore

/// A file mixing `CREATE … IF NOT EXISTS` and bare `CREATE`.
public struct MixedIfNotExistsRule: MigrationRule {
    public init() {}
    /// Object kinds whose CREATE accepts IF NOT EXISTS. Extensions are left out: they are often
    /// provisioned outside migrations, so `CREATE EXTENSION IF NOT EXISTS` is idiomatic anywhere.
    static let objectKinds: Set<String> = ["TABLE", "INDEX", "SCHEMA", "SEQUENCE", "MATERIALIZED"]

    public static let description = RuleDescription(
        id: "migration/mixed-if-not-exists", kind: .migration, severity: .warning,
        summary: "Reports bare CREATE statements in a file that also uses CREATE … IF NOT EXISTS.",
        rationale: "Mixing both forms means a re-run or partially applied database behaves unpredictably: some statements silently skip while others fail, hiding drift.",
        help: "Use one form consistently in the file (prefer bare CREATE in versioned migrations so drift fails loudly).",
        triggering: [
            ex("CREATE TABLE IF NOT EXISTS users (id uuid PRIMARY KEY);\n↓CREATE TABLE locations (id uuid PRIMARY KEY);\n"),
        ],
        nonTriggering: [
            ex("CREATE TABLE users (id uuid PRIMARY KEY);\nCREATE TABLE locations (id uuid PRIMARY KEY);\n"),
            ex("CREATE TABLE IF NOT EXISTS users (id uuid PRIMARY KEY);\nCREATE INDEX IF NOT EXISTS users_id ON users (id);\n"),
            ex("CREATE EXTENSION IF NOT EXISTS citext;\nCREATE TABLE users (id uuid PRIMARY KEY, email citext);\n"),
        ])

    /// nil when the statement is not a CREATE that accepts IF NOT EXISTS; else whether it uses it.
    static func usesIfNotExists(_ v: StatementView) -> Bool? {
        guard v.kw(0) == "CREATE" else { return nil }
        var i = 1
        while ["UNIQUE", "TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL"].contains(v.kw(i)) { i += 1 }
        guard objectKinds.contains(v.kw(i)) else { return nil }
        if v.kw(i) == "MATERIALIZED" { guard v.kw(i + 1) == "VIEW" else { return nil }; i += 1 }
        i += 1
        if v.kw(i) == "CONCURRENTLY" { i += 1 }
        return v.matches(["IF", "NOT", "EXISTS"], at: i)
    }

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        guard let line = s.facts.firstIfNotExistsLine, Self.usesIfNotExists(s.view) == false else { return }
        out.append(s.diagnostic(Self.description,
            "bare CREATE \(s.view.kw(1)) in a file that uses IF NOT EXISTS (line \(line)); use one form consistently",
            at: 0))
    }
}
