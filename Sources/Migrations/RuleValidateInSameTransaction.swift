import LintCore

/// `VALIDATE CONSTRAINT` in the same transaction as the `NOT VALID` add.
public struct ValidateInSameTransactionRule: MigrationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "migration/validate-in-same-transaction", kind: .migration, severity: .warning,
        summary: "Reports VALIDATE CONSTRAINT in the same transaction as the ADD CONSTRAINT … NOT VALID it validates.",
        rationale: "The ADD CONSTRAINT lock is held until the transaction commits, so validating in the same transaction scans the table under that lock and NOT VALID gains nothing.",
        help: "Move the VALIDATE CONSTRAINT to a later migration.",
        triggering: [
            ex("SET lock_timeout = '2s';\nALTER TABLE feedback ADD CONSTRAINT feedback_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\nALTER TABLE feedback ↓VALIDATE CONSTRAINT feedback_user_fk;\n"),
        ],
        nonTriggering: [
            ex("ALTER TABLE feedback VALIDATE CONSTRAINT feedback_user_fk;\n"),
            ex("-- transaction:false\nBEGIN;\nSET LOCAL lock_timeout = '5s';\nALTER TABLE feedback ADD CONSTRAINT feedback_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\nCOMMIT;\nALTER TABLE feedback VALIDATE CONSTRAINT feedback_user_fk;\n"),
        ])

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        guard s.inTransaction, let at = s.alterTable else { return }
        for a in at.actions where a.kind == .validateConstraint {
            guard let name = a.columnName, let seg = s.state.notValidConstraints[name], seg == s.segment else { continue }
            out.append(s.diagnostic(Self.description,
                "constraint '\(name)' is validated in the same transaction that added it NOT VALID; move VALIDATE CONSTRAINT to a later migration",
                at: a.range.lowerBound))
        }
    }
}
