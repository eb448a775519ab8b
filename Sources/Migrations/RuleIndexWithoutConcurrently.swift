import LintCore

/// `CREATE INDEX` without `CONCURRENTLY` on a table that already exists.
public struct IndexWithoutConcurrentlyRule: MigrationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "migration/index-without-concurrently", kind: .migration, severity: .warning,
        summary: "Reports CREATE INDEX without CONCURRENTLY on a table not created in the same migration.",
        rationale: "A plain CREATE INDEX holds a SHARE lock for the whole build, blocking every insert, update and delete on the table; on a busy table that stalls bookings and the AI request log.",
        help: "Use CREATE INDEX CONCURRENTLY in its own migration marked `transaction:false`.",
        triggering: [
            ex("↓CREATE INDEX idx_feedback_user ON feedback (user_id);\n"),
            ex("↓CREATE UNIQUE INDEX IF NOT EXISTS idx_users_email ON public.users (email);\n"),
        ],
        nonTriggering: [
            ex("CREATE TABLE feedback (id uuid PRIMARY KEY, user_id uuid NOT NULL);\nCREATE INDEX idx_feedback_user ON feedback (user_id);\n"),
            ex("-- transaction:false\nCREATE INDEX CONCURRENTLY idx_feedback_user ON feedback (user_id);\n"),
        ])

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        guard let ci = s.createIndex, !ci.concurrently, s.isExisting(ci.table) else { return }
        out.append(s.diagnostic(Self.description,
            "CREATE INDEX on existing table '\(ci.table)' blocks writes while the index builds; use CREATE INDEX CONCURRENTLY in a non-transactional migration",
            at: 0))
    }
}
