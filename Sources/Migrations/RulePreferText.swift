import LintCore

/// `varchar(n)` / `char(n)`.
public struct PreferTextRule: MigrationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "migration/prefer-text", kind: .migration, severity: .info,
        summary: "Reports varchar(n), character varying(n), char(n) and character(n) column types.",
        rationale: "In PostgreSQL a length limit is no faster than text, and raising it later is a migration; char(n) also pads with spaces.",
        help: "Use text, with a CHECK (char_length(col) <= n) constraint if a limit is a business rule.",
        triggering: [
            ex("CREATE TABLE users (email ↓varchar(255) NOT NULL, code ↓char(4));\n"),
        ],
        nonTriggering: [
            ex("CREATE TABLE users (email text NOT NULL CHECK (char_length(email) <= 255));\n"),
        ])

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        for occ in s.typeOccurrences {
            let tw = s.view.typeWords(occ.range)
            let w = tw.words
            let bounded = (w == ["VARCHAR"] || w == ["CHARACTER", "VARYING"]) && tw.hasLength
            let fixed = w == ["CHAR"] || w == ["CHARACTER"] || w == ["BPCHAR"]
            guard bounded || fixed else { continue }
            out.append(s.diagnostic(Self.description,
                "column '\(occ.column)' uses \(s.sourceText(occ.range)); use text (with a CHECK on char_length if the limit matters)",
                at: occ.range.lowerBound))
        }
    }
}
