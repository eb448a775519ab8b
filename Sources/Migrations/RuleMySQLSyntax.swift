import LintCore

/// MySQL syntax that PostgreSQL rejects.
public struct MySQLSyntaxRule: MigrationRule {
    public init() {}
    public static var appliesToDown: Bool { true }
    public static let description = RuleDescription(
        id: "migration/mysql-syntax", kind: .migration, severity: .error,
        summary: "Reports MySQL syntax PostgreSQL rejects: inline INDEX/KEY in CREATE TABLE, backtick-quoted identifiers, AUTO_INCREMENT and ENGINE=.",
        rationale: "PostgreSQL fails the whole migration on these MySQL-only forms.",
        help: "Use PostgreSQL syntax: a separate CREATE INDEX statement, \"double quotes\" (or none), GENERATED ALWAYS AS IDENTITY, and no ENGINE clause.",
        triggering: [
            ex("CREATE TABLE feedback (\n  id uuid PRIMARY KEY,\n  user_id uuid NOT NULL,\n  ↓INDEX idx_user (user_id)\n);\n"),
            ex("CREATE TABLE ↓`sessions` (id bigint ↓AUTO_INCREMENT PRIMARY KEY) ↓ENGINE=InnoDB;\n"),
            ex("CREATE TABLE t (a int, ↓UNIQUE KEY uk_a (a));\n"),
            ex("ALTER TABLE feedback ADD ↓INDEX idx_rating (rating);\nALTER TABLE feedback ↓MODIFY rating varchar(20) NOT NULL;\n"),
        ],
        nonTriggering: [
            ex("CREATE TABLE feedback (id uuid PRIMARY KEY, user_id uuid NOT NULL, \"key\" text);\nCREATE INDEX idx_user ON feedback (user_id);\n"),
            ex("SELECT '`not a backtick identifier`', $$ENGINE=InnoDB$$;\n"),
            ex("CREATE TABLE settings (key text PRIMARY KEY, index integer NOT NULL);\nALTER TABLE settings ADD key2 text;\n"),
        ])

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        let v = s.view
        for (i, t) in v.toks.enumerated() {
            if t.kind == .backtickIdentifier {
                out.append(s.diagnostic(Self.description,
                    "backtick-quoted identifier \(t.text) is MySQL syntax; use \"double quotes\" or no quotes in PostgreSQL",
                    at: i))
            } else if t.isKeyword("AUTO_INCREMENT") {
                out.append(s.diagnostic(Self.description,
                    "AUTO_INCREMENT is MySQL syntax; use GENERATED ALWAYS AS IDENTITY in PostgreSQL",
                    at: i))
            } else if t.isKeyword("ENGINE"), v.isPunct(i + 1, "="), v.kw(0) == "CREATE" {
                out.append(s.diagnostic(Self.description,
                    "ENGINE= is MySQL syntax; remove the table option (PostgreSQL has one storage engine)",
                    at: i))
            }
        }
        if let at = s.alterTable {
            for a in at.actions {
                let first = a.range.lowerBound
                let k = v.kw(first), k1 = v.kw(first + 1)
                if k == "ADD", a.kind == .addConstraint,
                   ["INDEX", "KEY", "FULLTEXT", "SPATIAL"].contains(k1) || (k1 == "UNIQUE" && (v.kw(first + 2) == "KEY" || v.kw(first + 2) == "INDEX")) {
                    out.append(s.diagnostic(Self.description,
                        "ALTER TABLE … ADD \(k1) is MySQL syntax; use CREATE \(k1 == "UNIQUE" ? "UNIQUE " : "")INDEX … ON \(at.name) (…)",
                        at: first + 1))
                } else if k == "MODIFY" || (k == "CHANGE" && a.kind == .other) {
                    out.append(s.diagnostic(Self.description,
                        "ALTER TABLE … \(k) is MySQL syntax; use ALTER COLUMN … TYPE / SET DEFAULT / SET NOT NULL (or RENAME COLUMN) in PostgreSQL",
                        at: first))
                }
            }
        }
        if let ct = s.createTable {
            for c in ct.constraints {
                let first = c.range.lowerBound
                let k = v.kw(first)
                let inline = k == "INDEX" || k == "KEY" || k == "FULLTEXT" || k == "SPATIAL"
                    || (k == "UNIQUE" && (v.kw(first + 1) == "KEY" || v.kw(first + 1) == "INDEX"))
                guard inline else { continue }
                out.append(s.diagnostic(Self.description,
                    "inline \(k == "UNIQUE" ? "UNIQUE \(v.kw(first + 1))" : k) in CREATE TABLE is MySQL syntax; use a separate CREATE \(k == "UNIQUE" ? "UNIQUE " : "")INDEX … ON \(ct.name) (…) statement",
                    at: first))
            }
        }
    }
}
