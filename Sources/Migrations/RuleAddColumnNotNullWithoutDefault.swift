import LintCore

/// `ADD COLUMN … NOT NULL` without `DEFAULT` on an existing table.
public struct AddColumnNotNullWithoutDefaultRule: MigrationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "migration/add-column-not-null-without-default", kind: .migration, severity: .warning,
        summary: "Reports ADD COLUMN … NOT NULL without a DEFAULT on an existing table.",
        rationale: "Existing rows would get NULL in the new column, so the migration fails on any table that has rows — typically only in production.",
        help: "Add a DEFAULT, or add the column nullable, backfill it, and set NOT NULL in a later migration.",
        triggering: [
            ex("ALTER TABLE feedback ADD COLUMN ↓assistant text NOT NULL;\n"),
        ],
        nonTriggering: [
            ex("ALTER TABLE feedback ADD COLUMN assistant text NOT NULL DEFAULT 'Booking';\n"),
            ex("ALTER TABLE feedback ADD COLUMN assistant text;\n"),
            ex("CREATE TABLE feedback (id uuid PRIMARY KEY);\nALTER TABLE feedback ADD COLUMN assistant text NOT NULL;\n"),
        ])

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        guard let at = s.alterTable, s.isExisting(at.name) else { return }
        let v = s.view
        for a in at.actions where a.kind == .addColumn {
            guard let c = a.column else { continue }
            let r = c.constraintRange
            guard v.findSequence(["NOT", "NULL"], from: r.lowerBound, to: r.upperBound) != nil,
                  v.find("DEFAULT", from: r.lowerBound, to: r.upperBound) == nil,
                  v.find("GENERATED", from: r.lowerBound, to: r.upperBound) == nil else { continue }
            out.append(s.diagnostic(Self.description,
                "NOT NULL column '\(c.name)' added to existing table '\(at.name)' without a DEFAULT fails when the table has rows; add a DEFAULT or backfill before SET NOT NULL",
                at: c.nameIndex))
        }
    }
}
