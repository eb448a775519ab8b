import Foundation
import Testing
import PostgresDryRun

/// `db diff` and `migrate validate` against a private PostgreSQL server started by the test.
@Suite(.serialized) struct DatabaseCLITests {
    /// Started on first use, stopped (and its directory removed) at process exit.
    static let server: EmbeddedPostgres? = {
        guard let s = try? EmbeddedPostgres.start() else { return nil }
        atexit { DatabaseCLITests.server?.stop() }
        return s
    }()

    func exec(_ sql: String, db: String = "postgres") throws {
        let conn = try PGConnection(try #require(Self.server).conninfo, database: db)
        defer { conn.close() }
        _ = try conn.exec(sql)
    }

    func url(_ db: String) throws -> String {
        let s = try #require(Self.server)
        return "postgresql://postgres:not-a-real-secret@/\(db)?host=\(s.socketDirectory)&port=\(s.port)"
    }

    func leftovers() throws -> [String] {
        let conn = try PGConnection(try #require(Self.server).conninfo)
        defer { conn.close() }
        return try conn.query("SELECT datname FROM pg_database WHERE datname LIKE 'clubos\\_lint\\_%'").compactMap { $0.first ?? nil }
    }

    @Test func diffTwoLiveDatabases() throws {
        try #require(Self.server != nil, "PostgreSQL could not be started (install the postgresql package)")
        try exec("DROP DATABASE IF EXISTS diff_a"); try exec("DROP DATABASE IF EXISTS diff_b")
        try exec("CREATE DATABASE diff_a"); try exec("CREATE DATABASE diff_b")
        try exec("CREATE TABLE t (id int PRIMARY KEY, name text); CREATE INDEX idx_t_name ON t (name)", db: "diff_a")
        try exec("CREATE TABLE t (id bigint PRIMARY KEY, name text)", db: "diff_b")
        let cwd = repoRoot
        let r = try runTool(["db", "diff", try url("diff_a"), try url("diff_b")], cwd: cwd)
        #expect(r.status == 1)
        #expect(r.stdout.contains("column t.id differs: first `integer NOT NULL`, second `bigint NOT NULL`"), "\(r.stdout)")
        #expect(r.stdout.contains("index idx_t_name exists only in the first database"))
        #expect(!r.stdout.contains("not-a-real-secret") && !r.stderr.contains("not-a-real-secret"))
        #expect(try runTool(["db", "diff", try url("diff_a"), try url("diff_a")], cwd: cwd).status == 0)
    }

    @Test func migrationsMatchAKeptDryRunAndLeaveNothingBehind() throws {
        try #require(Self.server != nil)
        let admin = try url("postgres")
        let before = try leftovers()
        let v = try runTool(["migrate", "validate", "--keep", "--database-url", admin], cwd: repoRoot)
        #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
        let kept = try leftovers().filter { !before.contains($0) }
        #expect(kept.count == 1)
        guard let name = kept.first else { return }
        let d = try runTool(["db", "diff", "--migrations", "migrations", "--database-url", admin, try url(name)], cwd: repoRoot)
        #expect(d.status == 0, "\(d.stdout)\(d.stderr)")
        // The kept database survives another run's sweep; the diff's own database is gone.
        #expect(try leftovers().filter { !before.contains($0) } == [name])
        try exec("DROP DATABASE \(name) WITH (FORCE)")
        // A clean dry run leaves nothing.
        #expect(try runTool(["migrate", "validate", "--database-url", admin], cwd: repoRoot).status == 0)
        #expect(try leftovers() == before)
    }
}
