import Foundation
import Testing
import LintCore
import PostgresDryRun
#if canImport(Glibc)
import Glibc
#endif

/// One embedded PostgreSQL server for these tests, with a password-protected
/// role (`scram-sha-256` over the unix socket) for the authentication case.
final class FaultServer: @unchecked Sendable {
    static let shared = FaultServer()
    static let authRole = "clubos_auth"
    static let authPassword = "RightPassw0rd-7f3a"
    static let lockRole = "clubos_lock_role"

    private let lock = Lock()
    private var server: EmbeddedPostgres?
    private var failure: String?

    func get() throws -> EmbeddedPostgres {
        try lock.withLock {
            if let server { return server }
            if let failure { throw PostgresSetupError(failure) }
            do {
                let s = try EmbeddedPostgres.start(timeout: 90)
                server = s
                atexit { FaultServer.shared.stop() }
                try configure(s)
                return s
            } catch {
                failure = "\(error)"
                throw error
            }
        }
    }

    /// Adds the password role and puts a scram rule for it first in pg_hba.conf.
    private func configure(_ s: EmbeddedPostgres) throws {
        let admin = try PGConnection(s.conninfo)
        defer { admin.close() }
        _ = try admin.exec("SET password_encryption = 'scram-sha-256'")
        _ = try admin.exec("CREATE ROLE \(Self.authRole) LOGIN SUPERUSER PASSWORD \(PGConnection.literal(Self.authPassword))")
        _ = try admin.exec("CREATE ROLE \(Self.lockRole)")
        let hba = s.directory + "/data/pg_hba.conf"
        let old = (try? String(contentsOfFile: hba, encoding: .utf8)) ?? ""
        try ("local all \(Self.authRole) scram-sha-256\n" + old).write(toFile: hba, atomically: true, encoding: .utf8)
        _ = try admin.exec("SELECT pg_reload_conf()")
    }

    func stop() {
        let s = lock.withLock { () -> EmbeddedPostgres? in
            let s = server
            server = nil
            return s
        }
        s?.stop()
    }

    func admin() throws -> PGConnection { try PGConnection(try get().conninfo) }

    /// Names of throwaway databases (`clubos_lint_%`) on the server.
    func throwawayDatabases() throws -> [String] {
        let admin = try admin()
        defer { admin.close() }
        return try admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'clubos\\_lint\\_%' ORDER BY 1").compactMap { $0.first ?? nil }
    }

    func url(user: String = "postgres", password: String? = nil) throws -> String {
        let s = try get()
        let dir = s.directory.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s.directory
        let auth = password.map { "\(user):\($0)" } ?? user
        return "postgresql://\(auth)@/postgres?host=\(dir)&port=\(s.port)"
    }
}

let postgresAvailable = EmbeddedPostgres.findBinDirectory() != nil

@Suite("dry-run faults", .serialized, .enabled(if: postgresAvailable), .timeLimit(.minutes(5)))
struct DryRunFaultTests {
    static func project(_ migrations: [String: String]) throws -> URL {
        let dir = makeTempDir()
        for (name, sql) in migrations { try write(sql, to: dir.appendingPathComponent("migrations/\(name)")) }
        return dir
    }

    static func validate(_ dir: URL, url: String, extra: [String] = []) throws -> ToolResult {
        try runTool(["migrate", "validate", "--database-url", url, "--up-only"] + extra, cwd: dir, timeout: 120)
    }

    static func expectNoLeftovers(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let left = try FaultServer.shared.throwawayDatabases()
        #expect(left.isEmpty, "left behind: \(left)", sourceLocation: sourceLocation)
    }

    @Test func connectionRefused() throws {
        let password = "S3cretPassw0rd"
        let dir = try Self.project(["001_a.sql": "CREATE TABLE a (id bigint PRIMARY KEY);\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.validate(dir, url: "postgresql://clubos:\(password)@127.0.0.1:1/clubos")
        #expect(r.status == 2 && !r.signaled, "status \(r.status): \(r.stderr)")
        #expect(!r.stderr.isEmpty)
        #expect(!(r.stdout + r.stderr).contains(password), "\(r.stderr)")
    }

    @Test func authenticationFailure() throws {
        let wrong = "WrongPassw0rd-91bc"
        let dir = try Self.project(["001_a.sql": "CREATE TABLE a (id bigint PRIMARY KEY);\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        // The right password works …
        let ok = try Self.validate(dir, url: try FaultServer.shared.url(user: FaultServer.authRole, password: FaultServer.authPassword))
        #expect(ok.status == 0, "status \(ok.status): \(ok.stdout) \(ok.stderr)")
        #expect(!(ok.stdout + ok.stderr).contains(FaultServer.authPassword))
        // … a wrong one is a clear error, exit 2, the password masked.
        let r = try Self.validate(dir, url: try FaultServer.shared.url(user: FaultServer.authRole, password: wrong))
        #expect(r.status == 2 && !r.signaled, "status \(r.status): \(r.stderr)")
        #expect(r.stderr.contains("authentication") || r.stderr.contains("password"), "\(r.stderr)")
        #expect(!(r.stdout + r.stderr).contains(wrong), "\(r.stderr)")
        try Self.expectNoLeftovers()
    }

    @Test func lockTimeout() throws {
        // Another session holds a lock on a shared object (a role) the migration needs.
        let holder = try FaultServer.shared.admin()
        defer { holder.close() }
        _ = try holder.exec("BEGIN")
        _ = try holder.exec("COMMENT ON ROLE \(FaultServer.lockRole) IS 'held by another session'")
        defer { _ = try? holder.exec("ROLLBACK") }
        let dir = try Self.project(["001_comment.sql": "SET lock_timeout = '1s';\nCOMMENT ON ROLE \(FaultServer.lockRole) IS 'migration';\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.validate(dir, url: try FaultServer.shared.url(), extra: ["--lock-timeout", "1000"])
        #expect(r.exitedCleanly && r.status != 0, "status \(r.status): \(r.stdout) \(r.stderr)")
        #expect((r.stdout + r.stderr).contains("lock"), "\(r.stdout) \(r.stderr)")
        try Self.expectNoLeftovers()
    }

    @Test func statementTimeout() throws {
        let dir = try Self.project(["001_slow.sql": "SELECT pg_sleep(10);\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.validate(dir, url: try FaultServer.shared.url(), extra: ["--statement-timeout", "500"])
        #expect(r.exitedCleanly && r.status == 1, "status \(r.status): \(r.stdout) \(r.stderr)")
        #expect((r.stdout + r.stderr).contains("timeout"), "\(r.stdout) \(r.stderr)")
        try Self.expectNoLeftovers()
    }

    /// "The disk fills": PostgreSQL's `temp_file_limit` stands in for a full temp
    /// directory, so a migration that spills a sort to disk fails with SQLSTATE 53400.
    @Test func diskFullIsAFindingAtTheStatement() throws {
        let sql = "SET work_mem = '64kB';\nSET temp_file_limit = '128kB';\nCREATE TABLE big AS SELECT g, md5(g::text) AS h FROM generate_series(1, 200000) g ORDER BY h;\n"
        let dir = try Self.project(["001_big.sql": sql])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.validate(dir, url: try FaultServer.shared.url(), extra: ["--format", "json"])
        #expect(r.exitedCleanly && r.status == 1, "status \(r.status): \(r.stdout) \(r.stderr)")
        #expect(r.stdout.contains("53400") && r.stdout.contains("temp_file_limit"), "\(r.stdout)")
        #expect(r.stdout.contains("\"line\":3"), "the finding points at the statement that filled the disk: \(r.stdout)")
        try Self.expectNoLeftovers()
    }

    /// The server dies in the middle of a migration: a clear error, a sane exit
    /// status, no crash; the next run on a restarted server sweeps the leftover.
    @Test func serverKilledMidRun() throws {
        let server = try EmbeddedPostgres.start(timeout: 90)
        defer { server.stop() }
        let dir = try Self.project(["001_slow.sql": "SELECT pg_sleep(30);\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let sock = server.directory.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? server.directory
        let url = "postgresql://postgres:NotTheRealOne-42@/postgres?host=\(sock)&port=\(server.port)"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: toolPath)
        p.arguments = ["migrate", "validate", "--up-only", "--database-url", url, "--statement-timeout", "60000"]
        p.currentDirectoryURL = dir
        let err = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        try p.run()
        defer { if p.isRunning { kill(p.processIdentifier, SIGKILL) } }
        // Wait for the throwaway database, then kill every server process.
        var seen = false
        for _ in 0..<300 {
            let conn = try PGConnection(server.conninfo)
            let names = try conn.query("SELECT datname FROM pg_database WHERE datname LIKE 'clubos\\_lint\\_%'").compactMap { $0.first ?? nil }
            conn.close()
            if !names.isEmpty { seen = true; break }
            usleep(100_000)
        }
        #expect(seen, "the throwaway database never appeared")
        usleep(300_000)
        let pidFile = server.directory + "/data/postmaster.pid"
        let pidText = (try? String(contentsOfFile: pidFile, encoding: .utf8))?.split(separator: "\n").first.map(String.init) ?? ""
        let pid = Int32(pidText) ?? 0
        #expect(pid > 0)
        if pid > 0 { kill(pid, SIGKILL) }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let stderr = String(decoding: errData, as: UTF8.self)
        #expect(p.terminationReason == .exit && (1...2).contains(p.terminationStatus), "status \(p.terminationStatus): \(stderr)")
        #expect(!stderr.contains("NotTheRealOne-42"), "\(stderr)")
    }

    /// Starts a slow dry run, waits until its throwaway database exists, sends `signal`.
    static func interrupted(by sig: Int32) throws -> (ToolResult, String) {
        let dir = try project(["001_slow.sql": "SELECT pg_sleep(30);\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = try FaultServer.shared.url()
        let tool = try LaunchedTool(["migrate", "validate", "--database-url", url, "--up-only", "--statement-timeout", "60000"], cwd: dir)
        var name = ""
        _ = try waitUntil(seconds: 30) {
            name = try FaultServer.shared.throwawayDatabases().first(where: { $0.hasPrefix("clubos_lint_\(tool.pid)_") }) ?? ""
            return !name.isEmpty
        }
        #expect(!name.isEmpty, "the throwaway database never appeared")
        usleep(300_000)  // let the slow statement start
        tool.signal(sig)
        let r = tool.finish(timeout: 60)
        #expect(!r.signaled || sig == SIGKILL, "the dry run did not stop within 60 s of the signal")
        return (r, name)
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func signalDropsTheThrowawayDatabase(_ sig: Int32) throws {
        let (r, _) = try Self.interrupted(by: sig)
        #expect(!r.signaled && r.status == 2, "status \(r.status) signaled \(r.signaled): \(r.stderr)")
        try Self.expectNoLeftovers()
    }

    @Test func sigkillLeftoverIsSweptByTheNextRun() throws {
        let (r, name) = try Self.interrupted(by: SIGKILL)
        #expect(r.signaled)
        if !name.isEmpty {
            #expect(try FaultServer.shared.throwawayDatabases().contains(name), "SIGKILL cannot clean up; the database should still be there")
        }
        let dir = try Self.project(["001_a.sql": "CREATE TABLE a (id bigint PRIMARY KEY);\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let next = try Self.validate(dir, url: try FaultServer.shared.url())
        #expect(next.status == 0, "status \(next.status): \(next.stdout) \(next.stderr)")
        try Self.expectNoLeftovers()
    }

    @Test func twoDryRunsInParallel() throws {
        let dir = try Self.project([
            "001_a.sql": "CREATE TABLE a (id bigint PRIMARY KEY);\n",
            "002_b.sql": "CREATE TABLE b (id bigint PRIMARY KEY, a_id bigint REFERENCES a (id));\nSELECT pg_sleep(1);\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = try FaultServer.shared.url()
        let box = ResultsBox()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let r = try? Self.validate(dir, url: url)
            box.set(i, r)
        }
        for r in box.all() {
            #expect(r?.status == 0, "status \(String(describing: r?.status)): \(r?.stdout ?? "") \(r?.stderr ?? "")")
        }
        try Self.expectNoLeftovers()
    }
}

final class ResultsBox: @unchecked Sendable {
    private let lock = Lock()
    private var results: [Int: ToolResult?] = [:]
    func set(_ i: Int, _ r: ToolResult?) { lock.withLock { results[i] = r } }
    func all() -> [ToolResult?] { lock.withLock { results.keys.sorted().map { results[$0] ?? nil } } }
}
