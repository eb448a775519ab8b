import Testing
import LintCore
@testable import Migrations

/// ClubOS V2's own `migrations/` directory must lint clean and match its committed sum.
@Suite struct ClubOSMigrationsTests {
    static func load() throws -> MigrationDirectory {
        try MigrationDirectory.load(path: "migrations", diskPath: Repo.path("migrations"))
    }

    @Test func usesMarkersLayoutWithDowns() throws {
        let dir = try Self.load()
        #expect(dir.layout == .markers)
        #expect(dir.files.count >= 6)
        for f in dir.files {
            let src = MigrationSource(SourceFile(path: f.path, bytes: f.bytes))
            #expect(src.hasUpMarker && src.hasDownMarker, "\(f.fileName)")
            #expect(src.sections.allSatisfy { !$0.statements.isEmpty }, "\(f.fileName)")
        }
    }

    @Test func committedSumMatches() throws {
        let dir = try Self.load()
        let expected = MigrationChecksums.sumText(for: dir)
        if Repo.updating { Repo.write("migrations/" + MigrationDirectory.sumFileName, expected) }
        let committed = String(decoding: Repo.bytes("migrations/" + MigrationDirectory.sumFileName), as: UTF8.self)
        #expect(committed == expected, "run `UPDATE_GOLDEN=1 swift test --filter MigrationsTests` after reviewing the migrations")
    }

    @Test func lintsWithZeroFindings() throws {
        let dir = try Self.load()
        var all: [Diagnostic] = []
        for f in dir.files { all += MigrationLinter.lint(SourceFile(path: f.path, bytes: f.bytes)) }
        all += MigrationLinter.lintDirectory(dir)
        #expect(all.isEmpty, "\(all.map(\.goldenLine))")
    }

    @Test func checkerOverTheDirectoryIsClean() {
        let files = Repo.list("migrations", suffix: ".sql")
        let context = CheckContext(root: Repo.root, filesByKind: [.migration: files])
        let checker = MigrationChecker()
        var all: [Diagnostic] = []
        for path in files { all += checker.check(SourceFile(path: path, bytes: Repo.bytes(path)), context: context) }
        all += checker.finish(context: context)
        #expect(all.isEmpty, "\(all.map(\.goldenLine))")
    }

    @Test func schemaCoversThePlan() throws {
        let dir = try Self.load()
        var tables: Set<String> = []
        for f in dir.files {
            MigrationLinter.walk(MigrationSource(SourceFile(path: f.path, bytes: f.bytes)), settings: MigrationSettings()) { ctx in
                if ctx.direction == .up, let ct = ctx.createTable { tables.insert(ct.name) }
            }
        }
        #expect(tables.isSuperset(of: ["users", "locations", "sessions", "feedback", "sop_changes", "sop_change_approvals", "routing_decisions"]))
    }
}

@Suite struct MigrationUnitTests {
    @Test func clubOSUnitsHaveUpsAndDowns() throws {
        let dir = try ClubOSMigrationsTests.load()
        let units = dir.units()
        #expect(units.map(\.version) == ["001", "002", "003", "004", "005", "006"])
        for u in units {
            #expect(u.upSQL.contains("CREATE TABLE"))
            #expect(u.downSQL?.contains("DROP TABLE") == true)
            #expect(!(u.upSQL.contains("migrate:")) && u.downSQL?.contains("migrate:") == false)
            #expect(u.upTransactional && u.downTransactional)
        }
    }

    @Test func pairedUnits() {
        let dir = MigrationDirectory(path: "m", files: [
            ("001_a.up.sql", b("CREATE TABLE a (x int);\n")), ("001_a.down.sql", b("DROP TABLE a;\n")),
            ("002_b.sql", b("-- transaction:false\nCREATE INDEX CONCURRENTLY i ON a (x);\n")), ("002_b.down.sql", b("DROP INDEX i;\n")),
        ])
        let units = dir.units()
        #expect(units.map(\.upPath) == ["m/001_a.up.sql", "m/002_b.sql"])
        #expect(units.map(\.downPath) == ["m/001_a.down.sql", "m/002_b.down.sql"])
        #expect(units.map(\.upTransactional) == [true, false])
        #expect(units.first?.downSQL == "DROP TABLE a;\n")
    }
}
