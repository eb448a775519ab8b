import LintCore

/// `ADD COLUMN … DEFAULT volatile()` on an existing table.
public struct VolatileDefaultRule: MigrationRule {
    public init() {}
    static let volatileFunctions: Set<String> = [
        "RANDOM", "GEN_RANDOM_UUID", "UUID_GENERATE_V1", "UUID_GENERATE_V1MC", "UUID_GENERATE_V4", "CLOCK_TIMESTAMP",
        "TIMEOFDAY", "NEXTVAL", "SETSEED", "TXID_CURRENT", "PG_CURRENT_XACT_ID", "GEN_RANDOM_BYTES", "UUIDV4", "UUIDV7",
    ]
    public static let description = RuleDescription(
        id: "migration/volatile-default", kind: .migration, severity: .warning,
        summary: "Reports ADD COLUMN on an existing table with a volatile DEFAULT (random(), gen_random_uuid(), clock_timestamp(), uuid_generate_v4(), nextval() …), a serial type, or an identity/stored generated column.",
        rationale: "PostgreSQL 11+ adds columns with a constant or stable default (like now()) without touching rows, but a volatile default forces a full table rewrite under an ACCESS EXCLUSIVE lock.",
        help: "Add the column without a default (or with a constant one), backfill in batches, then SET DEFAULT for new rows.",
        triggering: [
            ex("ALTER TABLE sessions ADD COLUMN token uuid DEFAULT ↓gen_random_uuid();\n"),
            ex("ALTER TABLE sessions ADD COLUMN seen_at timestamptz NOT NULL DEFAULT ↓clock_timestamp();\n"),
            ex("ALTER TABLE feedback ADD COLUMN seq ↓bigserial;\n"),
            ex("ALTER TABLE feedback ADD COLUMN n bigint ↓GENERATED ALWAYS AS IDENTITY;\n"),
        ],
        nonTriggering: [
            ex("ALTER TABLE sessions ADD COLUMN seen_at timestamptz NOT NULL DEFAULT now();\n"),
            ex("CREATE TABLE sessions (id uuid PRIMARY KEY DEFAULT gen_random_uuid());\n"),
        ])

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        guard let at = s.alterTable, s.isExisting(at.name) else { return }
        let v = s.view
        for a in at.actions where a.kind == .addColumn {
            guard let c = a.column else { continue }
            // serial means DEFAULT nextval(…); identity and stored generated columns are computed per row.
            if !c.typeRange.isEmpty, PreferIdentityRule.serials[v.kw(c.typeRange.lowerBound)] != nil {
                out.append(s.diagnostic(Self.description,
                    "\(v.toks[c.typeRange.lowerBound].text) column '\(c.name)' added to existing table '\(at.name)' fills every row from a sequence, rewriting the table under an exclusive lock; add a nullable column, backfill in batches, then set the default",
                    at: c.typeRange.lowerBound))
                continue
            }
            if let g = v.find("GENERATED", from: c.constraintRange.lowerBound, to: c.constraintRange.upperBound) {
                out.append(s.diagnostic(Self.description,
                    "generated column '\(c.name)' added to existing table '\(at.name)' is computed for every row, rewriting the table under an exclusive lock; add a plain column, backfill it in batches, and fill new rows with a trigger or default",
                    at: g))
                continue
            }
            guard let d = v.find("DEFAULT", from: c.constraintRange.lowerBound, to: c.constraintRange.upperBound) else { continue }
            var i = d + 1
            while i < c.constraintRange.upperBound {
                let t = v.toks[i]
                if t.kind == .word, Self.volatileFunctions.contains(t.keyword), v.isPunct(i + 1, "(") {
                    out.append(s.diagnostic(Self.description,
                        "volatile default \(t.text)() on existing table '\(at.name)' rewrites every row under an exclusive lock; add the column without it, backfill, then SET DEFAULT",
                        at: i))
                    break
                }
                if t.kind == .word, StatementView.columnConstraintWords.contains(t.keyword), t.keyword != "NULL" { break }
                i += 1
            }
        }
    }
}
