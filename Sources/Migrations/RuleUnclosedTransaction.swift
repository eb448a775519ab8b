import LintCore

/// `BEGIN` with no `COMMIT` in a non-transactional migration.
public struct UnclosedTransactionRule: MigrationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "migration/unclosed-transaction", kind: .migration, severity: .error,
        summary: "Reports a BEGIN in a non-transactional migration that is never followed by COMMIT or ROLLBACK.",
        rationale: "The open transaction is rolled back when the connection closes, silently discarding the migration's changes (or it holds locks until then).",
        help: "Add COMMIT; after the statements that belong to the transaction.",
        triggering: [
            ex("-- transaction:false\n↓BEGIN;\nCREATE TABLE sop_changes (id uuid PRIMARY KEY);\n"),
        ],
        nonTriggering: [
            ex("-- transaction:false\nBEGIN;\nCREATE TABLE sop_changes (id uuid PRIMARY KEY);\nCOMMIT;\n"),
        ])

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        guard s.facts.unclosedBegins.contains(s.view.statement.startOffset) else { return }
        out.append(s.diagnostic(Self.description,
            "\(s.view.kw(0)) opens a transaction that is never committed; add COMMIT; after its statements",
            at: 0))
    }
}
