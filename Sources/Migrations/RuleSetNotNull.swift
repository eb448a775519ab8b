import LintCore

/// `ALTER COLUMN … SET NOT NULL` without a validated `CHECK (col IS NOT NULL)`.
public struct SetNotNullRule: MigrationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "migration/set-not-null", kind: .migration, severity: .warning,
        summary: "Reports ALTER COLUMN … SET NOT NULL on an existing table without a validated CHECK (column IS NOT NULL) constraint.",
        rationale: "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock unless a validated CHECK constraint already proves the column has no NULLs (PostgreSQL 12+).",
        help: "Add CHECK (column IS NOT NULL) NOT VALID, validate it in a later migration, then SET NOT NULL and drop the check.",
        triggering: [
            ex("ALTER TABLE feedback ↓ALTER COLUMN session_id SET NOT NULL;\n"),
        ],
        nonTriggering: [
            ex("ALTER TABLE feedback ADD CONSTRAINT feedback_session_nn CHECK (session_id IS NOT NULL) NOT VALID;\nALTER TABLE feedback VALIDATE CONSTRAINT feedback_session_nn;\nALTER TABLE feedback ALTER COLUMN session_id SET NOT NULL;\n"),
            ex("CREATE TABLE feedback (session_id uuid);\nALTER TABLE feedback ALTER COLUMN session_id SET NOT NULL;\n"),
        ])

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        guard let at = s.alterTable, s.isExisting(at.name) else { return }
        for a in at.actions where a.kind == .alterColumn {
            guard let col = a.columnName,
                  s.view.findSequence(["SET", "NOT", "NULL"], from: a.range.lowerBound, to: a.range.upperBound) != nil,
                  !s.state.validatedNotNull.contains("\(at.name).\(col)") else { continue }
            out.append(s.diagnostic(Self.description,
                "SET NOT NULL on '\(at.name).\(col)' scans the table under an exclusive lock; first add and validate CHECK (\(col) IS NOT NULL) NOT VALID",
                at: a.range.lowerBound))
        }
    }
}
