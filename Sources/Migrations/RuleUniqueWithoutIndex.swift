import LintCore

/// `ADD UNIQUE` / `ADD PRIMARY KEY` on an existing table without `USING INDEX`.
public struct UniqueWithoutIndexRule: MigrationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "migration/unique-constraint-without-index", kind: .migration, severity: .warning,
        summary: "Reports ALTER TABLE … ADD UNIQUE or ADD PRIMARY KEY on an existing table that does not use a prebuilt index (USING INDEX).",
        rationale: "Without USING INDEX, PostgreSQL builds the unique index while holding an ACCESS EXCLUSIVE lock, blocking all reads and writes for the whole build.",
        help: "CREATE UNIQUE INDEX CONCURRENTLY in a non-transactional migration, then ADD CONSTRAINT … UNIQUE USING INDEX (or PRIMARY KEY USING INDEX).",
        triggering: [
            ex("ALTER TABLE users ↓ADD CONSTRAINT users_email_key UNIQUE (email);\n"),
            ex("ALTER TABLE locations ↓ADD PRIMARY KEY (id);\n"),
        ],
        nonTriggering: [
            ex("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;\n"),
            ex("CREATE TABLE users (id uuid, email text);\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);\n"),
        ])

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        guard let at = s.alterTable, s.isExisting(at.name) else { return }
        let v = s.view
        for a in at.actions where a.kind == .addConstraint {
            let r = a.range
            let isUnique = v.find("UNIQUE", from: r.lowerBound, to: r.upperBound) != nil
            let isPK = v.findSequence(["PRIMARY", "KEY"], from: r.lowerBound, to: r.upperBound) != nil
            guard isUnique || isPK, v.findSequence(["USING", "INDEX"], from: r.lowerBound, to: r.upperBound) == nil else { continue }
            out.append(s.diagnostic(Self.description,
                "\(isPK ? "PRIMARY KEY" : "UNIQUE") constraint on existing table '\(at.name)' builds its index under an exclusive lock; build the index CONCURRENTLY first and add the constraint USING INDEX",
                at: r.lowerBound))
        }
    }
}
