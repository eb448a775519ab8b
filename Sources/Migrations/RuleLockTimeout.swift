import LintCore

/// Locking DDL on an existing table before any `SET lock_timeout`.
public struct LockTimeoutRule: MigrationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "migration/lock-timeout-missing", kind: .migration, severity: .warning,
        summary: "Reports the first locking DDL statement on an existing table when no SET lock_timeout precedes it in the migration.",
        rationale: "A DDL statement waiting for its lock queues every later query on the table behind it; without lock_timeout one long-running query turns the migration into an outage.",
        help: "Start the migration with SET lock_timeout = '5s'; (or SET LOCAL) and retry the migration if it times out.",
        triggering: [
            ex("↓ALTER TABLE feedback ADD COLUMN correction text;\n"),
            ex("-- comment\n↓DROP TABLE legacy_feedback;\nALTER TABLE feedback ADD COLUMN correction text;\n"),
        ],
        nonTriggering: [
            ex("SET lock_timeout = '5s';\nALTER TABLE feedback ADD COLUMN correction text;\n"),
            ex("CREATE TABLE feedback (id uuid PRIMARY KEY);\nALTER TABLE feedback ADD COLUMN correction text;\n"),
        ])

    /// True for statements that take a strong lock on a table that existed before this migration.
    static func isLockingDDL(_ s: StatementContext) -> Bool {
        let v = s.view
        if let at = s.alterTable { return s.isExisting(at.name) }
        if let ci = s.createIndex { return !ci.concurrently && s.isExisting(ci.table) }
        switch v.kw(0) {
        case "DROP":
            if v.kw(1) == "TABLE", let (name, _) = v.qualifiedName(at: v.skipIfExists(2).index) { return s.isExisting(name) }
            if v.kw(1) == "INDEX", v.kw(2) != "CONCURRENTLY", let (name, _) = v.qualifiedName(at: v.skipIfExists(2).index) {
                return !s.state.createdIndexes.contains(name)
            }
        case "TRUNCATE", "LOCK":
            return true
        case "CREATE":
            if let t = v.find("TRIGGER"), t <= 3, let on = v.find("ON", from: t), let (name, _) = v.qualifiedName(at: on + 1) {
                return s.isExisting(name)
            }
        default: break
        }
        return false
    }

    /// `SET [SESSION|LOCAL] lock_timeout …` or `SELECT set_config('lock_timeout', …)`.
    static func setsLockTimeout(_ v: StatementView) -> Bool {
        if v.kw(0) == "SET" {
            let i = (v.kw(1) == "LOCAL" || v.kw(1) == "SESSION") ? 2 : 1
            return v.kw(i) == "LOCK_TIMEOUT"
        }
        if v.kw(0) == "SELECT", let i = v.find("SET_CONFIG"), i + 2 < v.count {
            return v.toks[i + 2].stringValue?.lowercased() == "lock_timeout"
        }
        return false
    }

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        guard s.settings.lockTimeoutRequired, !s.state.lockTimeoutSet, !s.state.lockTimeoutReported, Self.isLockingDDL(s) else { return }
        out.append(s.diagnostic(Self.description,
            "\(s.view.kw(0)) \(s.view.kw(1)) takes a strong lock on an existing table with no lock_timeout set; add SET lock_timeout = '5s'; at the top of the migration",
            at: 0))
    }
}
