import LintCore

/// Explicit `BEGIN` / `COMMIT` in a file the runner already wraps in a transaction.
public struct ExplicitTransactionRule: MigrationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "migration/explicit-transaction", kind: .migration, severity: .error,
        summary: "Reports BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK and ABORT statements in a migration the runner wraps in a transaction.",
        rationale: "The runner already runs BEGIN before the file and COMMIT after it; an explicit COMMIT ends the runner's transaction early, so a failure later in the file leaves the database half-migrated and unrecorded.",
        help: "Delete the explicit transaction statements; the runner provides the transaction. If the file must manage transactions itself, mark it `transaction:false`.",
        triggering: [
            ex("↓BEGIN;\nCREATE TABLE sop_changes (id uuid PRIMARY KEY);\n↓COMMIT;\n"),
            ex("↓START TRANSACTION;\nSELECT 1;\n↓END;\n"),
        ],
        nonTriggering: [
            ex("CREATE TABLE sop_changes (id uuid PRIMARY KEY);\n"),
            ex("-- transaction:false\nBEGIN;\nCREATE TABLE sop_changes (id uuid PRIMARY KEY);\nCOMMIT;\n"),
            ex("DO $$ BEGIN RAISE NOTICE 'ok'; END$$;\n"),
        ])

    static func isBegin(_ v: StatementView) -> Bool {
        (v.kw(0) == "BEGIN" && v.kw(1) != "ATOMIC") || (v.kw(0) == "START" && v.kw(1) == "TRANSACTION")
    }

    static func isEnd(_ v: StatementView) -> Bool {
        ["COMMIT", "END", "ROLLBACK", "ABORT"].contains(v.kw(0)) && v.kw(1) != "PREPARED"
    }

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        guard s.runnerTransaction else { return }
        if Self.isBegin(s.view) {
            out.append(s.diagnostic(Self.description,
                "explicit \(s.view.kw(0)) inside the runner's transaction; remove it (the runner already wraps the file in BEGIN … COMMIT)",
                at: 0))
        } else if Self.isEnd(s.view) {
            out.append(s.diagnostic(Self.description,
                "explicit \(s.view.kw(0)) ends the runner's transaction early; remove it so the whole file commits or rolls back as one",
                at: 0))
        }
    }
}
