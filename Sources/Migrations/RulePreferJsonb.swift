import LintCore

/// `json` columns.
public struct PreferJsonbRule: MigrationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "migration/prefer-jsonb", kind: .migration, severity: .info,
        summary: "Reports json column types.",
        rationale: "json stores text that is re-parsed on every access and cannot be indexed with GIN or compared for equality; jsonb can.",
        help: "Use jsonb.",
        triggering: [
            ex("CREATE TABLE feedback (context ↓json NOT NULL);\n"),
        ],
        nonTriggering: [
            ex("CREATE TABLE feedback (context jsonb NOT NULL, json text);\n"),
        ])

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        for occ in s.typeOccurrences where s.view.typeWords(occ.range).words == ["JSON"] {
            out.append(s.diagnostic(Self.description, "column '\(occ.column)' uses json; use jsonb", at: occ.range.lowerBound))
        }
    }
}
