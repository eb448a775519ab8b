import LintCore

/// `serial` / `bigserial` columns.
public struct PreferIdentityRule: MigrationRule {
    public init() {}
    static let serials: [String: String] = [
        "SERIAL": "integer", "SERIAL4": "integer", "BIGSERIAL": "bigint", "SERIAL8": "bigint", "SMALLSERIAL": "smallint", "SERIAL2": "smallint",
    ]
    public static let description = RuleDescription(
        id: "migration/prefer-identity", kind: .migration, severity: .info,
        summary: "Reports serial, bigserial and smallserial column types.",
        rationale: "serial creates a separately owned sequence with awkward permissions and dump behaviour; identity columns are the SQL-standard replacement.",
        help: "Use bigint GENERATED ALWAYS AS IDENTITY (or uuid DEFAULT gen_random_uuid()).",
        triggering: [
            ex("CREATE TABLE routing_decisions (id ↓bigserial PRIMARY KEY);\n"),
        ],
        nonTriggering: [
            ex("CREATE TABLE routing_decisions (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);\n"),
            ex("CREATE TABLE serials (serial text);\n"),
        ])

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        for occ in s.typeOccurrences {
            let t = s.toks[occ.range.lowerBound]
            guard let base = Self.serials[t.keyword] else { continue }
            out.append(s.diagnostic(Self.description,
                "column '\(occ.column)' uses \(t.text); use \(base) GENERATED ALWAYS AS IDENTITY instead",
                at: occ.range.lowerBound))
        }
    }
}
