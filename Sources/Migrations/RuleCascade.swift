import LintCore

/// `DROP … CASCADE` and `TRUNCATE … CASCADE`.
public struct CascadeRule: MigrationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "migration/cascade", kind: .migration, severity: .warning,
        summary: "Reports DROP … CASCADE and TRUNCATE … CASCADE in an up migration.",
        rationale: "CASCADE silently drops or empties every dependent object (views, foreign keys, referencing tables), which is rarely what the author reviewed.",
        help: "Drop or truncate the dependent objects explicitly and remove CASCADE.",
        triggering: [
            ex("DROP TYPE feedback_rating ↓CASCADE;\n"),
            ex("TRUNCATE routing_decisions ↓CASCADE;\n"),
        ],
        nonTriggering: [
            ex("DROP TYPE feedback_rating;\n"),
            ex("-- migrate:up\nCREATE TYPE r AS ENUM ('a');\n-- migrate:down\nDROP TYPE r CASCADE;\n"),
        ])

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        let v = s.view
        let head = v.kw(0)
        guard head == "DROP" || head == "TRUNCATE" || (head == "ALTER" && v.kw(1) == "TABLE") else { return }
        var i = 0
        while let c = v.find("CASCADE", from: i) {
            if head == "ALTER" {
                // Only DROP … CASCADE actions.
                var k = c
                while k > 0, v.kw(k) != "DROP", !v.isPunct(k, ",") { k -= 1 }
                if v.kw(k) != "DROP" { i = c + 1; continue }
            }
            out.append(s.diagnostic(Self.description,
                "\(head == "TRUNCATE" ? "TRUNCATE" : "DROP") … CASCADE also removes every dependent object; drop or truncate the dependents explicitly and remove CASCADE",
                at: c))
            i = c + 1
        }
    }
}
