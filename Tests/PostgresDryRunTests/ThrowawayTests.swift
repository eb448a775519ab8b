import Foundation
import LintCore
import Testing
@testable import PostgresDryRun

@Suite("throwaway databases and cleanup", .timeLimit(.minutes(2)))
struct ThrowawayTests {
    /// A pid that certainly belongs to no process: a child that has exited and been reaped.
    func deadPID() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return p.processIdentifier
    }

    @Test func sweepDropsLeftoversOfDeadProcessesOnThisHostOnly() throws {
        let admin = try TestServer.shared.admin()
        defer { admin.close() }
        let host = "sweep-test-\(UInt32.random(in: 0...UInt32.max))"
        let dead = try deadPID()
        #expect(!ThrowawayDatabase.processIsAlive(dead))
        let leftovers = [
            ("clubos_lint_\(dead)_dead\(UInt16.random(in: 0...9999))", ThrowawayDatabase.Owner(pid: dead, host: host, started: "2026-01-01T00:00:00Z")),
            ("clubos_lint_\(getpid())_live\(UInt16.random(in: 0...9999))", ThrowawayDatabase.Owner(pid: getpid(), host: host, started: "2026-01-01T00:00:00Z")),
            ("clubos_lint_\(dead)_elsewhere\(UInt16.random(in: 0...9999))", ThrowawayDatabase.Owner(pid: dead, host: host + "-other", started: "2026-01-01T00:00:00Z")),
        ]
        for (name, owner) in leftovers {
            try admin.exec("CREATE DATABASE \(PGConnection.identifier(name)) TEMPLATE template0")
            try admin.exec("COMMENT ON DATABASE \(PGConnection.identifier(name)) IS \(PGConnection.literal(owner.comment))")
        }
        defer { for (name, _) in leftovers { try? ThrowawayDatabase.drop(name, using: admin) } }
        let dropped = try ThrowawayDatabase.sweep(using: admin, host: host)
        #expect(dropped == [leftovers[0].0])
        #expect(try !Fixtures.databaseExists(leftovers[0].0))
        #expect(try Fixtures.databaseExists(leftovers[1].0))
        #expect(try Fixtures.databaseExists(leftovers[2].0))
    }

    @Test func createRecordsTheOwnerAndDropAllRemovesRegisteredDatabases() throws {
        let server = try TestServer.shared.get()
        let admin = try TestServer.shared.admin()
        defer { admin.close() }
        let db = try ThrowawayDatabase.create(using: admin, adminConninfo: server.conninfo)
        let comment = try admin.query("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = \(PGConnection.literal(db.name))")
        let owner = try #require(comment.first?.first.flatMap { $0 }.flatMap(ThrowawayDatabase.Owner.init(comment:)))
        #expect(owner.pid == getpid())
        #expect(owner.host == ThrowawayDatabase.hostName())
        #expect(owner.started.hasSuffix("Z") && owner.started.count == 20)

        // A private registry, so the shared server stays up for other tests.
        let cleanup = DryRunCleanup()
        cleanup.register(database: db.name, adminConninfo: server.conninfo)
        #expect(cleanup.pendingDatabases == [db.name])
        #expect(cleanup.dropAll() == [])
        #expect(cleanup.pendingDatabases == [])
        #expect(try !Fixtures.databaseExists(db.name))
        DryRunCleanup.shared.unregister(database: db.name)
    }

    @Test(arguments: [
        "clubos-lint owner pid=12 host=a started=x",
        "clubos-lint owner pid=12 host=a",
    ])
    func ownerCommentsParse(_ comment: String) {
        let owner = ThrowawayDatabase.Owner(comment: comment)
        #expect(owner?.pid == 12 && owner?.host == "a")
    }

    @Test(arguments: ["", "clubos-lint owner host=a", "something else pid=1 host=a", "clubos-lint owner pid=x host=a"])
    func foreignCommentsAreIgnored(_ comment: String) {
        #expect(ThrowawayDatabase.Owner(comment: comment) == nil)
    }

    @Test func staleEmbeddedServerDirectoriesOfDeadProcessesAreRemoved() throws {
        let fm = FileManager.default
        let parent = "/tmp/clubos-lint-sweeptest-\(UInt32.random(in: 0...UInt32.max))"
        try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: parent) }
        let dead = try deadPID()
        let owners: [(String, String?)] = [("dead", "\(dead)\n"), ("live", "\(getpid())\n"), ("foreign", nil)]
        for (name, owner) in owners {
            try fm.createDirectory(atPath: "\(parent)/clubos-lint-pg-\(name)", withIntermediateDirectories: false)
            if let owner { #expect(writeTextFile("\(parent)/clubos-lint-pg-\(name)/clubos-lint.owner", owner)) }
        }
        let removed = EmbeddedPostgres.sweepStale(prefix: "\(parent)/clubos-lint-pg-")
        #expect(removed == ["\(parent)/clubos-lint-pg-dead"])
        #expect(!fm.fileExists(atPath: "\(parent)/clubos-lint-pg-dead"))
        #expect(fm.fileExists(atPath: "\(parent)/clubos-lint-pg-live"))
        #expect(fm.fileExists(atPath: "\(parent)/clubos-lint-pg-foreign"))
    }

    @Test func dryRunWithoutAURLUsesAnEmbeddedServerAndRemovesIt() throws {
        let migration = DryRunRules.exampleMigration(path: "m/001_t.sql", code: "CREATE TABLE t (id int);\n-- migrate:down\nDROP TABLE t;\n")
        let report = try DryRun.run([migration], options: DryRunOptions(productionDatabaseURL: nil))
        #expect(report.diagnostics == [])
        let dir = try #require(report.embeddedServerDirectory)
        #expect(dir.hasPrefix(EmbeddedPostgres.tempPrefix))
        #expect(!FileManager.default.fileExists(atPath: dir))
    }

    @Test func keepWithAnEmbeddedServerLeavesItRunning() throws {
        let migration = DryRunRules.exampleMigration(path: "m/001_t.sql", code: "CREATE TABLE kept (id int);\n")
        let report = try DryRun.run([migration], options: DryRunOptions(keep: true, productionDatabaseURL: nil))
        let dir = try #require(report.embeddedServerDirectory)
        let server = EmbeddedPostgres(directory: dir, binDirectory: try #require(EmbeddedPostgres.findBinDirectory()))
        defer {
            server.stop()
            #expect(!FileManager.default.fileExists(atPath: dir))
        }
        #expect(report.kept)
        #expect(report.keptConnectionInfo?.contains(report.databaseName) == true)
        let conn = try PGConnection(server.conninfo, database: report.databaseName)
        defer { conn.close() }
        #expect(try conn.query("SELECT count(*) FROM kept") == [["0"]])
    }

    @Test func missingServerBinariesSayWhatToInstall() {
        do {
            _ = try EmbeddedPostgres.start(binDirectory: "/nonexistent/bin")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("postgresql"))
        }
    }
}
