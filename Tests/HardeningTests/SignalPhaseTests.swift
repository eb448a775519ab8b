import Foundation
import Testing
import LintCore
import PostgresDryRun
#if canImport(Glibc)
import Glibc
#endif

/// The phases of a dry run at which a test sends SIGINT or SIGTERM. The
/// apply phase (a signal during a running migration) is
/// `signalDropsTheThrowawayDatabase`.
enum DryRunPhase: String, CaseIterable, CustomTestStringConvertible, Sendable {
    /// The embedded server's `initdb` is running.
    case initdb
    /// `pg_ctl start` has launched the embedded server.
    case serverStart
    /// `CREATE DATABASE` of the throwaway database is running (held on a lock).
    case createDatabase
    /// A catalog snapshot query is running (held on a lock).
    case snapshot
    /// A down migration is running.
    case down
    /// `db diff --migrations` reads the catalog of the database the
    /// migrations produced (held on a lock).
    case dbDiffCatalog

    var testDescription: String { rawValue }
    var usesEmbeddedServer: Bool { self == .initdb || self == .serverStart }
}

/// Command lines of running processes whose command line contains `text`.
func processes(containing text: String) -> [String] {
    var found: [String] = []
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where entry.allSatisfy(\.isNumber) {
        guard let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"), !data.isEmpty else { continue }
        let cmd = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
        if cmd.contains(text) { found.append("\(entry): \(cmd)") }
    }
    return found
}

/// The embedded server directory (`/tmp/clubos-lint-pg-*`) that process `pid` owns.
func embeddedServerDirectory(ownedBy pid: Int32) -> String? {
    let parent = (EmbeddedPostgres.tempPrefix as NSString).deletingLastPathComponent
    let prefix = (EmbeddedPostgres.tempPrefix as NSString).lastPathComponent
    for name in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix(prefix) {
        let dir = parent + "/" + name
        if let owner = try? String(contentsOfFile: dir + "/clubos-lint.owner", encoding: .utf8),
           owner.trimmingCharacters(in: .whitespacesAndNewlines) == String(pid) {
            return dir
        }
    }
    return nil
}

extension DryRunFaultTests {
    /// Backends of the tool's throwaway database (`clubos_lint_<pid>_…`) whose
    /// query matches `like`; with `waitingOnLock`, only those waiting on a lock.
    static func backends(of pid: Int32, query like: String, waitingOnLock: Bool = false, anyDatabase: Bool = false) throws -> Int {
        let admin = try FaultServer.shared.admin()
        defer { admin.close() }
        let database = anyDatabase ? "" : "AND datname LIKE 'clubos\\_lint\\_\(pid)\\_%'"
        let lock = waitingOnLock ? "AND wait_event_type = 'Lock'" : ""
        let rows = try admin.query("""
            SELECT count(*) FROM pg_stat_activity
            WHERE pid <> pg_backend_pid() AND query LIKE \(PGConnection.literal(like)) \(database) \(lock)
            """)
        return Int(rows.first?.first.flatMap { $0 } ?? "0") ?? 0
    }

    /// Runs `migrate validate` on a project made for `phase`, sends `sig`
    /// once the run is in that phase, and checks what is left afterwards.
    @Test(arguments: DryRunPhase.allCases, [SIGINT, SIGTERM])
    func signalAtEachPhase(_ phase: DryRunPhase, _ sig: Int32) throws {
        var files: [String: String] = ["001_a.sql": "-- migrate:up\nCREATE TABLE a (id bigint PRIMARY KEY);\n-- migrate:down\nDROP TABLE a;\n"]
        var args = ["migrate", "validate", "--statement-timeout", "60000"]
        var env: [String: String] = [:]
        switch phase {
        case .initdb, .serverStart:
            env["DATABASE_URL"] = ""  // the embedded server
        case .createDatabase:
            args += ["--database-url", try FaultServer.shared.url(), "--up-only"]
        case .snapshot:
            // The baseline sleeps so the test can take a lock the first snapshot needs.
            files["baseline.sql"] = "SELECT pg_sleep(2);\n"
            args += ["--database-url", try FaultServer.shared.url(), "--baseline", "baseline.sql"]
        case .down:
            files["001_a.sql"] = "-- migrate:up\nCREATE TABLE a (id bigint PRIMARY KEY);\n-- migrate:down\nSELECT pg_sleep(30);\nDROP TABLE a;\n"
            args += ["--database-url", try FaultServer.shared.url()]
        case .dbDiffCatalog:
            files["001_a.sql"] = "CREATE TABLE a (id bigint PRIMARY KEY);\nSELECT pg_sleep(2);\n"
            let url = try FaultServer.shared.url()
            args = ["db", "diff", "--migrations", "migrations", "--database-url", url, url]
        }
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, sql) in files {
            try write(sql, to: dir.appendingPathComponent(name == "baseline.sql" ? name : "migrations/\(name)"))
        }

        // createDatabase: CREATE DATABASE … TEMPLATE template0 needs a share
        // lock on template0 that this open COMMENT transaction blocks.
        var holder: PGConnection? = nil
        if phase == .createDatabase {
            holder = try FaultServer.shared.admin()
            _ = try holder?.exec("BEGIN")
            _ = try holder?.exec("COMMENT ON DATABASE template0 IS 'held by clubos-lint tests'")
        }
        defer {
            _ = try? holder?.exec("ROLLBACK")
            holder?.close()
        }
        let started = Date()
        let tool = try LaunchedTool(args, cwd: dir, env: env)
        var serverDirectory: String? = nil
        let reached: Bool
        switch phase {
        case .initdb:
            reached = waitUntil(seconds: 60) {
                serverDirectory = embeddedServerDirectory(ownedBy: tool.pid)
                guard let d = serverDirectory else { return false }
                return processes(containing: "initdb -D \(d)/data").count > 0
            }
        case .serverStart:
            reached = waitUntil(seconds: 60) {
                serverDirectory = serverDirectory ?? embeddedServerDirectory(ownedBy: tool.pid)
                guard let d = serverDirectory else { return false }
                return FileManager.default.fileExists(atPath: d + "/server.log")
            }
        case .createDatabase:
            reached = try waitUntil(seconds: 30) {
                try Self.backends(of: tool.pid, query: "CREATE DATABASE \"clubos\\_lint\\_\(tool.pid)\\_%", waitingOnLock: true, anyDatabase: true) > 0
            }
        case .snapshot, .dbDiffCatalog:
            reached = try waitUntil(seconds: 30) { try Self.backends(of: tool.pid, query: "%pg_sleep%") > 0 }
            if reached {
                // Lock pg_extension, which the first snapshot query reads, in the throwaway database.
                let name = try FaultServer.shared.throwawayDatabases().first { $0.hasPrefix("clubos_lint_\(tool.pid)_") } ?? ""
                let conn = try PGConnection(try FaultServer.shared.get().conninfo, database: name)
                _ = try conn.exec("BEGIN")
                _ = try conn.exec("LOCK TABLE pg_catalog.pg_extension IN ACCESS EXCLUSIVE MODE")
                holder = conn
            }
            #expect(try waitUntil(seconds: 30) { try Self.backends(of: tool.pid, query: "%pg_extension%", waitingOnLock: true) > 0 },
                    "the snapshot query never waited on the lock")
        case .down:
            reached = try waitUntil(seconds: 30) { try Self.backends(of: tool.pid, query: "%pg_sleep(30)%") > 0 }
        }
        #expect(reached, "the run never reached phase \(phase.rawValue)")
        tool.signal(sig)
        if phase == .createDatabase {
            // Release the lock: a CREATE DATABASE that was not cancelled would now commit.
            usleep(200_000)
            _ = try? holder?.exec("ROLLBACK")
        }
        let r = tool.finish(timeout: 60)
        #expect(!r.signaled && r.status == 2, "status \(r.status) signaled \(r.signaled): \(r.stderr)")
        #expect(r.stderr.contains("interrupted by signal \(sig)"), "\(r.stderr)")
        #expect(Date().timeIntervalSince(started) < 25, "the run went on after the signal")

        if phase.usesEmbeddedServer {
            let d = serverDirectory ?? "/nonexistent"
            #expect(!FileManager.default.fileExists(atPath: d), "the embedded server directory \(d) was left behind")
            let stillRunning = waitUntil(seconds: 5) { processes(containing: d).isEmpty } ? [] : processes(containing: d)
            #expect(stillRunning.isEmpty, "processes left running: \(stillRunning)")
        } else {
            // A CREATE DATABASE that outlived the tool would still be running here.
            _ = try waitUntil(seconds: 5) { try Self.backends(of: tool.pid, query: "CREATE DATABASE%", anyDatabase: true) == 0 }
            try Self.expectNoLeftovers()
        }
    }
}

extension DryRunFaultTests {
    /// `migrate validate` longer than a second on a terminal shows
    /// "applied N/M migrations" on stderr, erases it at the end, and keeps
    /// control sequences out of the report on stdout.
    @Test func progressOnATerminal() throws {
        let dir = try Self.project([
            "001_slow.sql": "SELECT pg_sleep(1.5);\n",
            "002_a.sql": "CREATE TABLE a (id bigint PRIMARY KEY);\n",
            "003_b.sql": "CREATE TABLE b (id bigint PRIMARY KEY);\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = try FaultServer.shared.url()
        let terminal = try PseudoTerminal()
        let tool = try LaunchedTool(["migrate", "validate", "--database-url", url, "--up-only"], cwd: dir, stderr: terminal.terminal)
        let shown = terminal.output()
        let r = tool.finish(timeout: 60)
        #expect(r.status == 0, "status \(r.status): \(r.stdout) \(shown)")
        #expect(shown.contains("\r\u{1B}[Kapplied 1/3 migrations"), "\(shown.debugDescription)")
        // The line is erased before the summary is printed.
        let summary = shown.range(of: "clubos-lint: applied 3 of 3 migration(s)")
        #expect(summary != nil, "\(shown.debugDescription)")
        if let summary { #expect(shown[..<summary.lowerBound].hasSuffix("\r\u{1B}[K"), "\(shown.debugDescription)") }
        #expect(!r.stdout.contains("\u{1B}"), "\(r.stdout.debugDescription)")

        // --quiet: no progress.
        let quiet = try PseudoTerminal()
        let q = try LaunchedTool(["migrate", "validate", "--database-url", url, "--up-only", "--quiet"], cwd: dir, stderr: quiet.terminal)
        let quietShown = quiet.output()
        #expect(q.finish(timeout: 60).status == 0)
        #expect(!quietShown.contains("applied 1/3"), "\(quietShown.debugDescription)")
        try Self.expectNoLeftovers()
    }
}
