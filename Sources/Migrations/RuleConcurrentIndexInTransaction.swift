import LintCore

/// `CREATE INDEX CONCURRENTLY`, `DROP INDEX CONCURRENTLY`, `REINDEX … CONCURRENTLY` inside a transaction.
public struct ConcurrentIndexInTransactionRule: MigrationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "migration/concurrent-index-in-transaction", kind: .migration, severity: .error,
        summary: "Reports CREATE/DROP INDEX CONCURRENTLY and REINDEX CONCURRENTLY in a migration that runs inside a transaction.",
        rationale: "PostgreSQL refuses to run concurrent index operations inside a transaction block, and the migration runner wraps every file in BEGIN … COMMIT, so the migration fails.",
        help: "Move the statement alone to its own migration marked non-transactional (`-- migrate:up transaction:false`, or `-- transaction:false` at the top of the file); a non-transactional migration with several statements is still sent as one query, which PostgreSQL runs in an implicit transaction.",
        triggering: [
            ex("CREATE INDEX ↓CONCURRENTLY idx_users_email ON users (email);\n"),
            ex("DROP INDEX ↓CONCURRENTLY idx_users_email;\n"),
            ex("REINDEX INDEX ↓CONCURRENTLY idx_users_email;\n"),
            ex("-- migrate:up transaction:false\nSET lock_timeout = '5s';\nCREATE INDEX ↓CONCURRENTLY idx_users_email ON users (email);\n-- migrate:down\nDROP INDEX idx_users_email;\n"),
        ],
        nonTriggering: [
            ex("-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY idx_users_email ON users (email);\n-- migrate:down\nDROP INDEX idx_users_email;\n"),
            ex("-- transaction:false\nCREATE INDEX CONCURRENTLY idx_users_email ON users (email);\n"),
        ])

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        guard s.inTransaction else { return }
        let v = s.view
        var found: (at: Int, what: String)? = nil
        if let ci = s.createIndex, let i = ci.concurrentlyIndex { found = (i, "CREATE INDEX CONCURRENTLY") }
        else if v.kw(0) == "DROP", v.kw(1) == "INDEX", v.kw(2) == "CONCURRENTLY" { found = (2, "DROP INDEX CONCURRENTLY") }
        else if v.kw(0) == "REINDEX", let i = v.find("CONCURRENTLY") { found = (i, "REINDEX CONCURRENTLY") }
        guard let (i, what) = found else { return }
        out.append(s.diagnostic(Self.description,
            "\(what) cannot run \(s.transactionReason)",
            at: i))
    }
}
