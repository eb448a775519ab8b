import LintCore

/// Foreign key or CHECK constraint added to an existing table without `NOT VALID`.
public struct ConstraintWithoutNotValidRule: MigrationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "migration/constraint-without-not-valid", kind: .migration, severity: .warning,
        summary: "Reports ALTER TABLE … ADD FOREIGN KEY or CHECK constraints on existing tables without NOT VALID, including REFERENCES and CHECK on ADD COLUMN.",
        rationale: "Adding a validated constraint scans the whole table while holding a lock that blocks writes (and, for foreign keys, writes to the referenced table too).",
        help: "Add the constraint with NOT VALID, then run ALTER TABLE … VALIDATE CONSTRAINT in a later migration; validation only takes a SHARE UPDATE EXCLUSIVE lock.",
        triggering: [
            ex("ALTER TABLE feedback ↓ADD CONSTRAINT feedback_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n"),
            ex("ALTER TABLE routing_decisions ↓ADD CHECK (confidence BETWEEN 0 AND 1);\n"),
            ex("ALTER TABLE feedback ADD COLUMN location_id uuid ↓REFERENCES locations (id);\n"),
        ],
        nonTriggering: [
            ex("ALTER TABLE feedback ADD CONSTRAINT feedback_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"),
            ex("CREATE TABLE feedback (id uuid PRIMARY KEY, user_id uuid);\nALTER TABLE feedback ADD CONSTRAINT feedback_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n"),
            ex("ALTER TABLE feedback ADD COLUMN location_id uuid;\n"),
        ])

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        guard let at = s.alterTable, s.isExisting(at.name) else { return }
        let v = s.view
        for a in at.actions where a.kind == .addConstraint {
            guard let kind = v.find("FOREIGN", from: a.range.lowerBound, to: a.range.upperBound).map({ _ in "FOREIGN KEY" })
                    ?? v.find("CHECK", from: a.range.lowerBound, to: a.range.upperBound).map({ _ in "CHECK" }) else { continue }
            guard v.findSequence(["NOT", "VALID"], from: a.range.lowerBound, to: a.range.upperBound) == nil else { continue }
            out.append(s.diagnostic(Self.description,
                "\(kind) constraint added to existing table '\(at.name)' is validated under a write-blocking lock; add it NOT VALID and VALIDATE CONSTRAINT in a later migration",
                at: a.range.lowerBound))
        }
        for a in at.actions where a.kind == .addColumn {
            guard let c = a.column else { continue }
            let r = c.constraintRange
            guard let i = v.find("REFERENCES", from: r.lowerBound, to: r.upperBound) ?? v.find("CHECK", from: r.lowerBound, to: r.upperBound) else { continue }
            out.append(s.diagnostic(Self.description,
                "\(v.kw(i)) on new column '\(c.name)' of existing table '\(at.name)' is validated under a write-blocking lock; add the column plain, then ADD CONSTRAINT … NOT VALID and VALIDATE it in a later migration",
                at: i))
        }
    }
}
