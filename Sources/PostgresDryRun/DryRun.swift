import Foundation
import LintCore

/// One statement of a migration, as the splitter found it. `sql` must be the
/// exact source text starting at `startOffset` (a UTF-8 byte offset in the
/// migration's file), so server error positions map back to the file.
public struct DryRunStatement: Sendable, Hashable {
    public var sql: String
    /// Byte offset of the first byte of `sql` in its file.
    public var startOffset: Int
    /// Runs alone, outside the migration's transaction (e.g. `CREATE INDEX CONCURRENTLY`).
    public var nonTransactional: Bool

    public init(sql: String, startOffset: Int, nonTransactional: Bool = false) {
        self.sql = sql
        self.startOffset = startOffset
        self.nonTransactional = nonTransactional
    }
}

/// One migration: its up statements and, when it has one, its down
/// statements (in `downFile`, or in `file` when the down is a section of it).
public struct DryRunMigration: Sendable {
    public var file: SourceFile
    public var version: String
    public var name: String
    public var up: [DryRunStatement]
    public var down: [DryRunStatement]?
    public var downFile: SourceFile?

    public init(file: SourceFile, version: String, name: String, up: [DryRunStatement],
                down: [DryRunStatement]? = nil, downFile: SourceFile? = nil) {
        self.file = file
        self.version = version
        self.name = name
        self.up = up
        self.down = down
        self.downFile = downFile
    }

    /// `<version>_<name>`, e.g. `003_add_feedback_index`.
    public var label: String { name.isEmpty ? version : "\(version)_\(name)" }
}

public struct DryRunOptions: Sendable {
    /// Server to use (conninfo or URL of an administrative database, e.g.
    /// `postgres`). Migrations never run in that database, only in a
    /// throwaway one created beside it. Nil starts an embedded server.
    public var databaseURL: String?
    /// Keep the throwaway database (and an embedded server) for inspection.
    public var keep: Bool
    /// Allow a server whose host and database equal `PRODUCTION_DATABASE_URL`.
    public var allowProductionServer: Bool
    /// The production URL to refuse; defaults to the `PRODUCTION_DATABASE_URL` environment variable.
    public var productionDatabaseURL: String?
    /// Session `lock_timeout` in milliseconds (at least 1: always finite).
    public var lockTimeoutMilliseconds: Int
    /// Session `statement_timeout` in milliseconds (at least 1: always finite).
    public var statementTimeoutMilliseconds: Int
    /// SQL run before the first migration, under the same runner model (one
    /// transaction; `CREATE INDEX CONCURRENTLY`, `VACUUM` … run alone).
    public var baseline: SourceFile?
    /// Run up, down (reverse), up again and compare catalog snapshots.
    public var checkDowns: Bool
    /// Report ACCESS EXCLUSIVE locks and table rewrites on pre-existing tables.
    public var checkLocks: Bool
    /// Directory of the PostgreSQL server binaries for the embedded server.
    public var binDirectory: String?
    /// Called after each migration's up is applied: (applied, total). For progress displays.
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Leave the throwaway database to the caller (e.g. to read its catalog):
    /// not dropped, still registered with `DryRunCleanup` (so a signal drops
    /// it) and still sweepable. The caller drops it and unregisters it.
    /// Unlike `keep`, this is not for people.
    public var handOverDatabase = false

    public init(databaseURL: String? = nil, keep: Bool = false, allowProductionServer: Bool = false,
                productionDatabaseURL: String? = ProcessInfo.processInfo.environment["PRODUCTION_DATABASE_URL"],
                lockTimeoutMilliseconds: Int = 5_000, statementTimeoutMilliseconds: Int = 60_000,
                baseline: SourceFile? = nil, checkDowns: Bool = true, checkLocks: Bool = true, binDirectory: String? = nil) {
        self.databaseURL = databaseURL
        self.keep = keep
        self.allowProductionServer = allowProductionServer
        self.productionDatabaseURL = productionDatabaseURL
        self.lockTimeoutMilliseconds = lockTimeoutMilliseconds
        self.statementTimeoutMilliseconds = statementTimeoutMilliseconds
        self.baseline = baseline
        self.checkDowns = checkDowns
        self.checkLocks = checkLocks
        self.binDirectory = binDirectory
    }
}

public struct DryRunReport: Sendable {
    /// Findings of the rules in `DryRunRules.all`.
    public var diagnostics: [Diagnostic]
    /// The throwaway database the migrations ran in.
    public var databaseName: String
    /// True when `keep` was set: the database still exists.
    public var kept: Bool
    /// How to reach the kept database (password-masked), when kept.
    public var keptConnectionInfo: String?
    /// Leftover databases of dead runs dropped by the sweep.
    public var sweptDatabases: [String]
    /// Cleanup problems that did not stop the run (password-masked).
    public var warnings: [String]
    /// Number of migrations whose up applied in the first pass.
    public var appliedCount: Int
    /// The embedded server's directory when one was started (removed again
    /// unless the run was kept).
    public var embeddedServerDirectory: String?
}

/// The migration dry run: applies every migration, in the given order, in a
/// throwaway database under the runner model (one transaction per file,
/// non-transactional statements alone), then with downs present runs all
/// downs in reverse and all ups again, comparing catalog snapshots.
public enum DryRun {
    /// `statement_timeout` of the administrative connection.
    public static let adminStatementTimeoutMilliseconds = 120_000

    /// Runs the dry run. Migration problems are returned as diagnostics;
    /// environment problems (no server binaries, cannot connect, refused
    /// production server, catalog query failure) throw `PostgresSetupError`.
    public static func run(_ migrations: [DryRunMigration], options: DryRunOptions = DryRunOptions()) throws -> DryRunReport {
        var embedded: EmbeddedPostgres? = nil
        let adminInfo: String
        if let url = options.databaseURL, !url.isEmpty {
            adminInfo = url
        } else {
            let server = try EmbeddedPostgres.start(binDirectory: options.binDirectory)
            embedded = server
            adminInfo = server.conninfo
        }
        var keepServer = false
        defer { if !keepServer { embedded?.stop() } }

        if embedded == nil {
            try refuseProduction(adminInfo, options: options)
        }
        let admin: PGConnection
        do {
            admin = try PGConnection(adminInfo)
            // Administrative statements (CREATE/DROP DATABASE, the sweep) get
            // their own finite limit, independent of the migrations' one.
            try admin.exec("SET statement_timeout = \(DryRun.adminStatementTimeoutMilliseconds)")
        } catch {
            throw PostgresSetupError("cannot use the database server: \(error)")
        }
        // On a signal, its running statement (the sweep, CREATE DATABASE) is
        // cancelled before the cleanup drops the throwaway database.
        DryRunCleanup.shared.register(connection: admin)
        defer {
            DryRunCleanup.shared.unregister(connection: admin)
            admin.close()
        }

        var warnings: [String] = []
        var swept: [String] = []
        do {
            swept = try ThrowawayDatabase.sweep(using: admin)
        } catch {
            warnings.append("could not sweep leftover clubos_lint_ databases: \(error)")
        }
        let db: ThrowawayDatabase
        do {
            db = try ThrowawayDatabase.create(using: admin, adminConninfo: adminInfo)
        } catch {
            let advice = error.sqlState == "42501" ? "; the role needs the CREATEDB privilege" : ""
            throw PostgresSetupError("cannot create a throwaway database: \(error)\(advice)")
        }

        var diagnostics: [Diagnostic] = []
        var applied = 0
        var failure: Error? = nil
        do {
            let conn = try PGConnection(adminInfo, database: db.name)
            defer { conn.close() }
            let adminDatabase = try admin.query("SELECT current_database()").first?.first ?? nil
            let current = try conn.query("SELECT current_database()").first?.first ?? nil
            guard current == db.name, current != adminDatabase else {
                throw PostgresSetupError("connected to database \(current ?? "?") instead of the throwaway \(db.name); refusing to run migrations there")
            }
            try conn.exec("""
                SET lock_timeout = \(max(1, options.lockTimeoutMilliseconds));
                SET statement_timeout = \(max(1, options.statementTimeoutMilliseconds));
                SET client_min_messages = warning
                """)
            let runner = DryRunRunner(conn: conn, options: options)
            try runner.run(migrations)
            diagnostics = runner.diagnostics
            applied = runner.appliedCount
        } catch {
            failure = error
        }

        var kept = false
        var keptInfo: String? = nil
        if options.handOverDatabase && failure == nil {
            kept = true
        } else if options.keep && failure == nil {
            kept = true
            DryRunCleanup.shared.unregister(database: db.name)
            // A kept database is no leftover: mark it so later runs do not sweep it.
            _ = try? admin.exec("COMMENT ON DATABASE \(PGConnection.identifier(db.name)) IS \(PGConnection.literal("clubos-lint kept (--keep); drop it with DROP DATABASE \(db.name) WITH (FORCE)"))")
            if let server = embedded {
                keepServer = true
                server.leaveRunning()
                keptInfo = "host='\(server.socketDirectory)' port=\(server.port) user=\(server.user) dbname=\(db.name) (embedded server in \(server.directory); stop it with pg_ctl -D \(server.directory)/data stop)"
            } else {
                keptInfo = maskPassword(in: adminInfo) + " (database \(db.name))"
            }
        } else {
            do {
                try ThrowawayDatabase.drop(db.name, using: admin)
            } catch {
                warnings.append("could not drop \(db.name): \(error); drop it with DROP DATABASE \(db.name) WITH (FORCE)")
            }
            DryRunCleanup.shared.unregister(database: db.name)
        }
        if let failure {
            if let e = failure as? PostgresSetupError { throw e }
            throw PostgresSetupError("the dry run could not inspect the database: \(failure)")
        }
        return DryRunReport(
            diagnostics: diagnostics.sorted(by: Diagnostic.sortOrder), databaseName: db.name, kept: kept,
            keptConnectionInfo: keptInfo, sweptDatabases: swept, warnings: warnings.map { maskPassword(in: $0) },
            appliedCount: applied, embeddedServerDirectory: embedded?.directory)
    }

    /// Throws when `conninfo` names the host and database of the production URL.
    public static func refuseProduction(_ conninfo: String, options: DryRunOptions) throws {
        guard !options.allowProductionServer, let prod = options.productionDatabaseURL, !prod.isEmpty else { return }
        let target: ConnectionTarget
        do { target = try ConnectionTarget(parsing: conninfo) } catch { throw PostgresSetupError(error.description) }
        guard let production = try? ConnectionTarget(parsing: prod) else { return }
        if target.sameHostAndDatabase(as: production) {
            throw PostgresSetupError(
                "refusing to use \(maskPassword(in: conninfo)): it names the same host and database as PRODUCTION_DATABASE_URL; "
                    + "point the dry run at a scratch server, or set allowProductionServer (--allow-production-server) to create the throwaway database on that server anyway")
        }
    }
}

/// Applies migrations on one connection and collects diagnostics.
final class DryRunRunner {
    enum Phase {
        case up, down, reapply
    }

    private struct Table {
        var name: String
        var relfilenode: String?
    }

    let conn: PGConnection
    let options: DryRunOptions
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var appliedCount = 0

    init(conn: PGConnection, options: DryRunOptions) {
        self.conn = conn
        self.options = options
    }

    /// Throws only for failures of the runner's own catalog queries.
    func run(_ migrations: [DryRunMigration]) throws(PGError) {
        if let baseline = options.baseline {
            // Split here (this module does not depend on the Migrations
            // splitter) so that non-transactional statements work and
            // errors point at the exact statement.
            let statements = SQLText.split(baseline)
            if !statements.isEmpty {
                let ok = try apply(statements, file: baseline, label: baseline.path, phase: .up, checkLocks: false)
                if !ok {
                    for m in migrations {
                        notRun(m.file, "\(m.label) was not run because the baseline \(baseline.path) failed; fix the baseline, then run the dry run again")
                    }
                    return
                }
            }
        }
        let checkDowns = options.checkDowns && migrations.contains { $0.down != nil }
        var snapshots: [CatalogSnapshot] = []
        if checkDowns { snapshots.append(try CatalogSnapshot.capture(conn)) }
        for (i, m) in migrations.enumerated() {
            let ok = try apply(m.up, file: m.file, label: m.label, phase: .up, checkLocks: options.checkLocks)
            if !ok {
                for later in migrations.dropFirst(i + 1) {
                    notRun(later.file, "\(later.label) was not run because \(m.label) failed; fix \(m.label), then run the dry run again")
                }
                return
            }
            appliedCount += 1
            options.progress?(appliedCount, migrations.count)
            if checkDowns { snapshots.append(try CatalogSnapshot.capture(conn)) }
        }
        guard checkDowns else { return }

        // Downs exist for a suffix of the chain: walk it backwards.
        var first = migrations.count
        while first > 0, migrations[first - 1].down != nil { first -= 1 }
        guard first < migrations.count else { return }
        var reported = Set<String>()
        var i = migrations.count - 1
        while i >= first {
            let m = migrations[i]
            guard let down = m.down else { break }
            let downFile = m.downFile ?? m.file
            let ok = try apply(down, file: downFile, label: m.label, phase: .down, checkLocks: false)
            if !ok {
                var j = i - 1
                while j >= first {
                    let earlier = migrations[j]
                    notRun(earlier.downFile ?? earlier.file,
                           "the down of \(earlier.label) was not run because the down of \(m.label) failed; fix that down, then run the dry run again",
                           at: earlier.down.flatMap { $0.first })
                    j -= 1
                }
                return
            }
            let after = try CatalogSnapshot.capture(conn)
            let location = statementRange(down.first(where: { !SQLText.isTrivia($0.sql) }), in: downFile)
            for d in snapshots[i].differences(to: after) {
                let key = d.reportKey
                guard !reported.contains(key) else { continue }
                reported.insert(key)
                diagnostics.append(DryRunRules.downMismatch.diagnostic(mismatchMessage(d, label: m.label), file: downFile.path, range: location))
            }
            i -= 1
        }
        // Up again over the same range: each up must apply after its down.
        for k in first..<migrations.count {
            let m = migrations[k]
            let ok = try apply(m.up, file: m.file, label: m.label, phase: .reapply, checkLocks: false)
            if !ok {
                for later in migrations[(k + 1)...] {
                    notRun(later.file, "\(later.label) was not applied again because \(m.label) failed when applied after its down; fix that first")
                }
                return
            }
        }
    }

    private func mismatchMessage(_ d: CatalogSnapshot.Difference, label: String) -> String {
        switch d {
        case .added(let e):
            return "\(e.kind) \(e.name) remains after the down of \(label); drop it in the down migration"
        case .removed(let e):
            return "\(e.kind) \(e.name) is missing after the down of \(label) (it existed before the up); recreate it in the down migration"
        case .changed(let before, let after):
            return "\(before.kind) \(before.name) differs after the down of \(label): before the up \(CatalogSnapshot.shorten(before.definition)), "
                + "after the down \(CatalogSnapshot.shorten(after.definition)); restore the original definition in the down migration"
        }
    }

    private func notRun(_ file: SourceFile, _ message: String, at statement: DryRunStatement? = nil) {
        let range = statement.map { statementRange($0, in: file) } ?? SourceRange.fileStart
        diagnostics.append(DryRunRules.notRun.diagnostic(message, file: file.path, range: range))
    }

    /// The range of a statement from its first token to its end.
    private func statementRange(_ stmt: DryRunStatement?, in file: SourceFile) -> SourceRange {
        guard let stmt else { return SourceRange.fileStart }
        let start = stmt.startOffset + SQLText.leadingTriviaByteCount(stmt.sql)
        var end = stmt.startOffset + stmt.sql.utf8.count
        let bytes = Array(stmt.sql.utf8)
        var k = bytes.count
        while k > 0, bytes[k - 1] == 0x20 || bytes[k - 1] == 0x0A || bytes[k - 1] == 0x0D || bytes[k - 1] == 0x09 {
            k -= 1
            end -= 1
        }
        return file.range(ofBytes: start, max(start, end))
    }

    /// Applies statements under the runner model; false after a server error
    /// (already reported). Throws only when the runner's own queries fail.
    private func apply(_ statements: [DryRunStatement], file: SourceFile, label: String, phase: Phase, checkLocks: Bool) throws(PGError) -> Bool {
        var tables: [String: Table] = [:]
        var lockReported = Set<String>()
        if checkLocks { tables = try existingTables() }
        var inTransaction = false
        var lastInTransaction: DryRunStatement? = nil

        for stmt in statements where !SQLText.isTrivia(stmt.sql) {
            if stmt.nonTransactional {
                if inTransaction {
                    inTransaction = false
                    do { try conn.exec("COMMIT") } catch {
                        fail(error, at: lastInTransaction ?? stmt, file: file, label: label, phase: phase, committing: true)
                        return false
                    }
                }
            } else if !inTransaction {
                try conn.exec("BEGIN")
                inTransaction = true
            }
            do {
                try conn.exec(stmt.sql)
            } catch {
                if inTransaction { _ = try? conn.exec("ROLLBACK") }
                fail(error, at: stmt, file: file, label: label, phase: phase, committing: false)
                return false
            }
            if !stmt.nonTransactional { lastInTransaction = stmt }
            if checkLocks, !tables.isEmpty {
                if inTransaction {
                    for oid in try exclusiveLocks() where !lockReported.contains(oid) {
                        guard let t = tables[oid] else { continue }
                        lockReported.insert(oid)
                        diagnostics.append(DryRunRules.accessExclusiveLock.diagnostic(
                            "statement takes an ACCESS EXCLUSIVE lock on existing table \(t.name), blocking every read and write of it until \(label) commits; "
                                + "use a non-blocking form (CREATE INDEX CONCURRENTLY, ADD CONSTRAINT … NOT VALID then VALIDATE CONSTRAINT) or keep the statement quick and the lock_timeout low",
                            file: file.path, range: statementRange(stmt, in: file)))
                    }
                }
                for (oid, node) in try relfilenodes(Array(tables.keys)) {
                    guard let t = tables[oid], let before = t.relfilenode, before != node, node != "0" else { continue }
                    tables[oid]?.relfilenode = node
                    diagnostics.append(DryRunRules.tableRewrite.diagnostic(
                        "statement rewrites existing table \(t.name) (its storage was replaced), holding an ACCESS EXCLUSIVE lock for as long as copying the whole table takes; "
                            + "avoid the rewrite (add a nullable column and backfill in batches, avoid type changes that are not binary-compatible) or schedule it in a maintenance window",
                        file: file.path, range: statementRange(stmt, in: file)))
                }
            }
        }
        if inTransaction {
            do { try conn.exec("COMMIT") } catch {
                _ = try? conn.exec("ROLLBACK")
                if let last = lastInTransaction {
                    fail(error, at: last, file: file, label: label, phase: phase, committing: true)
                } else {
                    diagnostics.append(DryRunRules.dryRunFailed.diagnostic(error.description, file: file.path, range: .fileStart))
                }
                return false
            }
        }
        return true
    }

    private func fail(_ error: PGError, at stmt: DryRunStatement, file: SourceFile, label: String, phase: Phase, committing: Bool) {
        var range = statementRange(stmt, in: file)
        if !committing, let p = error.position, p >= 1 {
            let (offset, length) = SQLText.byteOffset(ofScalar: p - 1, in: stmt.sql)
            let start = stmt.startOffset + offset
            range = file.range(ofBytes: start, start + length)
        }
        var message = error.description
        switch phase {
        case .up: break
        case .down: message += " (in the down of \(label))"
        case .reapply: message += " (applying \(label) again after its down)"
        }
        if committing { message += " (at COMMIT of \(label))" }
        var help: [String] = []
        if let h = error.hint { help.append(h) }
        if let d = error.detail { help.append(d) }
        if let c = error.context { help.append("context: " + c.replacing("\n", with: "; ")) }
        diagnostics.append(DryRunRules.dryRunFailed.diagnostic(
            message, file: file.path, range: range, help: help.isEmpty ? nil : help.joined(separator: " — ")))
    }

    private static let userTables = """
        SELECT c.oid::text, n.nspname, c.relname, c.relfilenode::text
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'm', 'f')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_)'
        """

    private func existingTables() throws(PGError) -> [String: Table] {
        var out: [String: Table] = [:]
        for row in try conn.query(Self.userTables) {
            guard row.count == 4, let oid = row[0], let schema = row[1], let name = row[2] else { continue }
            out[oid] = Table(name: schema == "public" ? name : "\(schema).\(name)", relfilenode: row[3])
        }
        return out
    }

    private func exclusiveLocks() throws(PGError) -> [String] {
        try conn.query("""
            SELECT l.relation::text FROM pg_locks l
            WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.mode = 'AccessExclusiveLock'
              AND l.granted AND l.relation IS NOT NULL
            ORDER BY l.relation
            """).compactMap { $0.first ?? nil }
    }

    private func relfilenodes(_ oids: [String]) throws(PGError) -> [(String, String)] {
        let list = oids.filter { $0.allSatisfy(\.isNumber) }.joined(separator: ",")
        guard !list.isEmpty else { return [] }
        return try conn.query("SELECT c.oid::text, c.relfilenode::text FROM pg_class c WHERE c.oid IN (\(list)) ORDER BY c.oid")
            .compactMap { row in
                guard row.count == 2, let a = row[0], let b = row[1] else { return nil }
                return (a, b)
            }
    }
}

extension CatalogSnapshot.Difference {
    /// Identifies a difference across consecutive downs, so a leftover is reported once.
    var reportKey: String {
        switch self {
        case .added(let e): return "+" + e.key
        case .removed(let e): return "-" + e.key
        case .changed(let a, _): return "~" + a.key
        }
    }
}
