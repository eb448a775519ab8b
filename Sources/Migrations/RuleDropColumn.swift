import LintCore

/// `ALTER TABLE … DROP COLUMN` on an existing table.
public struct DropColumnRule: MigrationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "migration/drop-column", kind: .migration, severity: .warning,
        summary: "Reports ALTER TABLE … DROP COLUMN in an up migration.",
        rationale: "Dropping a column destroys its data, and code still deployed that reads or writes the column fails immediately.",
        help: "Remove every use of the column from code and deploy that first, then drop the column in a later migration.",
        triggering: [
            ex("SET lock_timeout = '5s';\nALTER TABLE feedback ↓DROP COLUMN correction;\n"),
            ex("SET lock_timeout = '5s';\nALTER TABLE feedback ↓DROP IF EXISTS reason;\n"),
        ],
        nonTriggering: [
            ex("SET lock_timeout = '5s';\nALTER TABLE feedback DROP CONSTRAINT feedback_rating_check;\n"),
        ])

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        guard let at = s.alterTable, s.isExisting(at.name) else { return }
        for a in at.actions where a.kind == .dropColumn {
            out.append(s.diagnostic(Self.description,
                "dropping column '\(at.name).\(a.columnName ?? "?")' destroys its data; remove all uses from deployed code before dropping it",
                at: a.range.lowerBound))
        }
    }
}
