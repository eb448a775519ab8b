import LintCore

/// `DROP TABLE` of a table that existed before this migration.
public struct DropTableRule: MigrationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "migration/drop-table", kind: .migration, severity: .warning,
        summary: "Reports DROP TABLE in an up migration.",
        rationale: "Dropping a table destroys its data irreversibly, and application code still deployed may query it.",
        help: "Stop using the table in code first, back it up, then drop it in a separate, reviewed migration (suppress this finding there).",
        triggering: [
            ex("↓DROP TABLE legacy_feedback;\n"),
            ex("↓DROP TABLE IF EXISTS public.legacy_feedback, old_sessions;\n"),
        ],
        nonTriggering: [
            ex("-- migrate:up\nCREATE TABLE feedback (id uuid PRIMARY KEY);\n-- migrate:down\nDROP TABLE feedback;\n"),
            ex("CREATE TABLE tmp_import (id int);\nDROP TABLE tmp_import;\n"),
        ])

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        let v = s.view
        guard v.kw(0) == "DROP", v.kw(1) == "TABLE" else { return }
        var names: [String] = []
        for r in v.splitTopLevel(v.skipIfExists(2).index..<v.count) {
            if let (n, _) = v.qualifiedName(at: r.lowerBound), s.isExisting(n) { names.append(n) }
        }
        guard !names.isEmpty else { return }
        out.append(s.diagnostic(Self.description,
            "DROP TABLE destroys the data of \(names.map { "'\($0)'" }.joined(separator: ", ")); make sure no deployed code uses it and a backup exists",
            at: 0))
    }
}
