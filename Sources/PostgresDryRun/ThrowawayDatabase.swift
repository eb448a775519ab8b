import Foundation
import LintCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process-wide registry of what must be cleaned up if the process is
/// interrupted: administrative connections (their running statement is
/// cancelled first, so a `CREATE DATABASE` in flight cannot commit after the
/// drop), throwaway databases (dropped through their admin connection) and
/// embedded servers (stopped, directory removed).
///
/// The CLI installs the SIGINT/SIGTERM handler and calls `dropAll()` from it.
/// `dropAll()` uses libpq and Foundation, so call it from a
/// `DispatchSourceSignal` handler or a normal thread, not from a raw
/// async-signal context.
public final class DryRunCleanup: @unchecked Sendable {
    public static let shared = DryRunCleanup()

    private struct PendingDatabase {
        var name: String
        var adminConninfo: String
    }

    private let lock = Lock()
    private var databases: [String: PendingDatabase] = [:]
    private var servers: [ObjectIdentifier: EmbeddedPostgres] = [:]
    private var connections: [ObjectIdentifier: PGConnection] = [:]

    public init() {}

    /// Records a database to drop on interruption.
    public func register(database name: String, adminConninfo: String) {
        lock.withLock { databases[name] = PendingDatabase(name: name, adminConninfo: adminConninfo) }
    }

    public func unregister(database name: String) {
        _ = lock.withLock { databases.removeValue(forKey: name) }
    }

    /// Records a connection whose running statement must end before the
    /// databases are dropped.
    public func register(connection: PGConnection) {
        lock.withLock { connections[ObjectIdentifier(connection)] = connection }
    }

    public func unregister(connection: PGConnection) {
        _ = lock.withLock { connections.removeValue(forKey: ObjectIdentifier(connection)) }
    }

    func register(_ server: EmbeddedPostgres) {
        lock.withLock { servers[ObjectIdentifier(server)] = server }
    }

    func unregister(_ server: EmbeddedPostgres) {
        _ = lock.withLock { servers.removeValue(forKey: ObjectIdentifier(server)) }
    }

    /// Names of the databases that would be dropped now.
    public var pendingDatabases: [String] { lock.withLock { databases.keys.sorted() } }

    /// Cancels the statements running on registered connections (waiting up
    /// to 10 seconds for them to end), drops every registered database
    /// (`DROP DATABASE … WITH (FORCE)`), then stops every registered embedded
    /// server. Returns the problems met (password-masked), empty when
    /// everything was cleaned up.
    @discardableResult
    public func dropAll() -> [String] {
        var problems: [String] = []
        for conn in lock.withLock({ Array(connections.values) }) where !conn.cancelRunningStatement(waitingUpTo: 10) {
            problems.append("a statement of the dry run did not end within 10 seconds of being cancelled")
        }
        let (dbs, srvs) = lock.withLock { () -> ([PendingDatabase], [EmbeddedPostgres]) in
            let d = Array(databases.values)
            let s = Array(servers.values)
            databases.removeAll()
            servers.removeAll()
            return (d, s)
        }
        for db in dbs.sorted(by: { $0.name < $1.name }) {
            do {
                let admin = try PGConnection(db.adminConninfo, connectTimeout: 5)
                defer { admin.close() }
                try ThrowawayDatabase.drop(db.name, using: admin)
            } catch {
                problems.append("could not drop database \(db.name): \(error); drop it with DROP DATABASE \(db.name) WITH (FORCE)")
            }
        }
        for server in srvs { server.stop() }
        return problems.map { maskPassword(in: $0) }
    }
}

/// A database created for one dry run, named `clubos_lint_<pid>_<random>`
/// and commented with its owner so that leftovers can be swept.
public struct ThrowawayDatabase: Sendable, Hashable {
    public static let prefix = "clubos_lint_"

    public var name: String
    /// The conninfo/URL of the administrative connection (never used to run migrations).
    public var adminConninfo: String

    /// The comment recorded on a throwaway database.
    public struct Owner: Sendable, Hashable {
        public var pid: Int32
        public var host: String
        public var started: String

        public init(pid: Int32, host: String, started: String) {
            self.pid = pid
            self.host = host
            self.started = started
        }

        public var comment: String { "clubos-lint owner pid=\(pid) host=\(host) started=\(started)" }

        /// Parses `clubos-lint owner pid=… host=… started=…`; nil for anything else.
        public init?(comment: String) {
            let words = comment.split(separator: " ")
            guard words.count >= 3, words[0] == "clubos-lint", words[1] == "owner" else { return nil }
            var fields: [String: String] = [:]
            for w in words.dropFirst(2) {
                guard let eq = w.firstIndex(of: "=") else { continue }
                fields[String(w[..<eq])] = String(w[w.index(after: eq)...])
            }
            guard let p = fields["pid"].flatMap({ Int32($0) }), let h = fields["host"] else { return nil }
            self.init(pid: p, host: h, started: fields["started"] ?? "")
        }
    }

    public static func hostName() -> String {
        var buf = [CChar](repeating: 0, count: 256)
        guard gethostname(&buf, buf.count - 1) == 0 else { return "unknown" }
        let name = String(decoding: buf.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "unknown" : name.replacing(" ", with: "_")
    }

    /// True unless `kill(pid, 0)` fails with ESRCH (no such process).
    public static func processIsAlive(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        if kill(pid, 0) == 0 { return true }
        return errno != ESRCH
    }

    /// A fresh name `clubos_lint_<pid>_<random>`.
    public static func makeName() -> String {
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return "\(prefix)\(getpid())_\(String(repeating: "0", count: 8 - random.count))\(random)"
    }

    /// Drops leftover throwaway databases whose owner process on this host is
    /// gone. Databases of other hosts, of live processes, or without a
    /// readable owner comment are left alone. Returns the dropped names.
    @discardableResult
    public static func sweep(using admin: PGConnection, host: String = hostName()) throws(PGError) -> [String] {
        let rows = try admin.query("""
            SELECT d.datname, shobj_description(d.oid, 'pg_database')
            FROM pg_database d
            WHERE d.datname LIKE 'clubos\\_lint\\_%'
            ORDER BY d.datname
            """)
        var dropped: [String] = []
        for row in rows {
            guard row.count == 2, let name = row[0], let comment = row[1],
                  let owner = Owner(comment: comment), owner.host == host,
                  !processIsAlive(owner.pid) else { continue }
            try drop(name, using: admin)
            dropped.append(name)
        }
        return dropped
    }

    /// `DROP DATABASE IF EXISTS … WITH (FORCE)`.
    public static func drop(_ name: String, using admin: PGConnection) throws(PGError) {
        try admin.exec("DROP DATABASE IF EXISTS \(PGConnection.identifier(name)) WITH (FORCE)")
    }

    /// Creates a throwaway database from `template0` with its owner comment
    /// and registers it with `DryRunCleanup.shared`.
    public static func create(using admin: PGConnection, adminConninfo: String) throws(PGError) -> ThrowawayDatabase {
        let name = makeName()
        let owner = Owner(pid: getpid(), host: hostName(), started: isoNow())
        DryRunCleanup.shared.register(database: name, adminConninfo: adminConninfo)
        do {
            try admin.exec("CREATE DATABASE \(PGConnection.identifier(name)) TEMPLATE template0 ENCODING 'UTF8'")
            try admin.exec("COMMENT ON DATABASE \(PGConnection.identifier(name)) IS \(PGConnection.literal(owner.comment))")
        } catch {
            try? drop(name, using: admin)
            DryRunCleanup.shared.unregister(database: name)
            throw error
        }
        return ThrowawayDatabase(name: name, adminConninfo: adminConninfo)
    }

    static func isoNow() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }
}
