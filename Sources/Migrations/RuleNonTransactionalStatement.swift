import LintCore

/// Statements PostgreSQL refuses to run inside a transaction block (other than concurrent index operations).
public struct NonTransactionalStatementRule: MigrationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "migration/non-transactional-statement", kind: .migration, severity: .error,
        summary: "Reports VACUUM, REINDEX DATABASE/SYSTEM, CREATE/DROP DATABASE, CREATE/DROP TABLESPACE, ALTER SYSTEM and DETACH PARTITION CONCURRENTLY in a migration that runs inside a transaction.",
        rationale: "These statements cannot run inside a transaction block; the runner wraps every migration in BEGIN … COMMIT, so the migration fails.",
        help: "Run the statement outside migrations (operations runbook), or put it alone in a migration marked non-transactional (`-- migrate:up transaction:false`); several statements in one non-transactional migration still run in an implicit transaction.",
        triggering: [
            ex("↓VACUUM ANALYZE users;\n"),
            ex("↓CREATE DATABASE clubos_reporting;\n"),
            ex("↓ALTER SYSTEM SET work_mem = '64MB';\n"),
            ex("↓REINDEX DATABASE clubos;\n"),
            ex("ALTER TABLE events ↓DETACH PARTITION events_2023 CONCURRENTLY;\n"),
        ],
        nonTriggering: [
            ex("-- migrate:up transaction:false\nVACUUM ANALYZE users;\n-- migrate:down\nSELECT 1;\n"),
            ex("ALTER TABLE events DETACH PARTITION events_2023;\n"),
        ])

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        guard s.inTransaction else { return }
        let v = s.view
        var what: String? = nil
        var at = 0
        switch v.kw(0) {
        case "VACUUM": what = "VACUUM"
        case "REINDEX":
            if (v.kw(1) == "DATABASE" || v.kw(1) == "SYSTEM"), v.find("CONCURRENTLY") == nil { what = "REINDEX \(v.kw(1))" }
        case "CREATE", "DROP":
            if v.kw(1) == "DATABASE" || v.kw(1) == "TABLESPACE" { what = "\(v.kw(0)) \(v.kw(1))" }
        case "ALTER":
            if v.kw(1) == "SYSTEM" { what = "ALTER SYSTEM" }
            else if v.kw(1) == "TABLE", let d = v.findSequence(["DETACH", "PARTITION"]), v.find("CONCURRENTLY", from: d) != nil {
                what = "DETACH PARTITION … CONCURRENTLY"
                at = d
            }
        default: break
        }
        guard let what else { return }
        out.append(s.diagnostic(Self.description,
            "\(what) cannot run \(s.transactionReason)",
            at: at))
    }
}
