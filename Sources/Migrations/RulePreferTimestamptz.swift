import LintCore

/// `timestamp` without time zone.
public struct PreferTimestamptzRule: MigrationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "migration/prefer-timestamptz", kind: .migration, severity: .info,
        summary: "Reports timestamp (without time zone) column types.",
        rationale: "timestamp stores wall-clock time with no zone, so values written by servers or clubs in different time zones silently disagree.",
        help: "Use timestamptz (timestamp with time zone).",
        triggering: [
            ex("CREATE TABLE feedback (created_at ↓timestamp NOT NULL);\n"),
            ex("CREATE TABLE feedback (created_at ↓TIMESTAMP(3) WITHOUT TIME ZONE);\n"),
        ],
        nonTriggering: [
            ex("CREATE TABLE feedback (\"timestamp\" timestamptz NOT NULL, seen timestamp with time zone);\n"),
        ])

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        for occ in s.typeOccurrences {
            let tw = s.view.typeWords(occ.range)
            guard tw.words.first == "TIMESTAMP", !tw.words.contains("WITH") else { continue }
            out.append(s.diagnostic(Self.description,
                "column '\(occ.column)' is timestamp without time zone; use timestamptz",
                at: occ.range.lowerBound))
        }
    }
}
