import LintCore

/// `ALTER COLUMN … TYPE` on an existing table.
public struct ColumnTypeChangeRule: MigrationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "migration/column-type-change", kind: .migration, severity: .warning,
        summary: "Reports ALTER COLUMN … TYPE on an existing table (except changes to text or unbounded varchar without USING, which are binary-compatible from varchar).",
        rationale: "Most type changes rewrite the table and its indexes under an ACCESS EXCLUSIVE lock, blocking all reads and writes for the duration.",
        help: "Add a new column of the new type, backfill it in batches, switch readers and writers, then drop the old column.",
        triggering: [
            ex("ALTER TABLE routing_decisions ↓ALTER COLUMN confidence TYPE numeric(4,3);\n"),
            ex("ALTER TABLE feedback ↓ALTER COLUMN user_id SET DATA TYPE uuid USING user_id::uuid;\n"),
        ],
        nonTriggering: [
            ex("ALTER TABLE feedback ALTER COLUMN reason TYPE text;\n"),
            ex("CREATE TABLE t (a int);\nALTER TABLE t ALTER COLUMN a TYPE bigint;\n"),
        ])

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        guard let at = s.alterTable, s.isExisting(at.name) else { return }
        let v = s.view
        for a in at.actions where a.kind == .alterColumn {
            guard let ty = v.find("TYPE", from: a.range.lowerBound, to: a.range.upperBound), let col = a.columnName else { continue }
            let using = v.find("USING", from: ty, to: a.range.upperBound)
            let tw = v.typeWords((ty + 1)..<(using ?? v.find("COLLATE", from: ty, to: a.range.upperBound) ?? a.range.upperBound))
            if using == nil, tw.words == ["TEXT"] || (tw.words == ["VARCHAR"] && !tw.hasLength) || (tw.words == ["CHARACTER", "VARYING"] && !tw.hasLength) { continue }
            out.append(s.diagnostic(Self.description,
                "changing the type of '\(at.name).\(col)' rewrites the table under an exclusive lock; add a new column, backfill it and switch over instead",
                at: a.range.lowerBound))
        }
    }
}
