import LintCore

/// `DROP INDEX` without `CONCURRENTLY`.
public struct DropIndexWithoutConcurrentlyRule: MigrationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "migration/drop-index-without-concurrently", kind: .migration, severity: .warning,
        summary: "Reports DROP INDEX without CONCURRENTLY for an index not created in the same migration.",
        rationale: "A plain DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table, blocking reads and writes while it waits for running queries.",
        help: "Use DROP INDEX CONCURRENTLY in its own migration marked `transaction:false`.",
        triggering: [
            ex("↓DROP INDEX idx_feedback_user;\n"),
            ex("↓DROP INDEX IF EXISTS public.idx_feedback_user;\n"),
        ],
        nonTriggering: [
            ex("-- transaction:false\nDROP INDEX CONCURRENTLY idx_feedback_user;\n"),
            ex("CREATE TABLE t (a int);\nCREATE INDEX idx_t_a ON t (a);\nDROP INDEX idx_t_a;\n"),
        ])

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        let v = s.view
        guard v.kw(0) == "DROP", v.kw(1) == "INDEX", v.kw(2) != "CONCURRENTLY" else { return }
        let i = v.skipIfExists(2).index
        guard let (name, _) = v.qualifiedName(at: i), !s.state.createdIndexes.contains(name) else { return }
        out.append(s.diagnostic(Self.description,
            "DROP INDEX '\(name)' locks its table against reads and writes; use DROP INDEX CONCURRENTLY in a non-transactional migration",
            at: 0))
    }
}
