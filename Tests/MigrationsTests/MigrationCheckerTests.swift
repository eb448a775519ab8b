import Testing
import Foundation
import LintCore
@testable import Migrations

/// A temporary migrations directory on disk, removed on deinit.
final class TempDir {
    let path: String
    init(_ files: [String: String], subdirectories: [String] = []) throws {
        path = NSTemporaryDirectory() + "clubos-mig-" + UUID().uuidString
        let fm = FileManager.default
        try fm.createDirectory(atPath: path + "/migrations", withIntermediateDirectories: true)
        for d in subdirectories { try fm.createDirectory(atPath: path + "/migrations/" + d, withIntermediateDirectories: true) }
        for (name, text) in files { _ = fm.createFile(atPath: path + "/migrations/" + name, contents: Data(text.utf8)) }
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

@Suite struct MigrationCheckerTests {
    static let files: [String: String] = [
        "001_create_users.sql": "-- migrate:up\nCREATE TABLE users (id uuid PRIMARY KEY);\n-- migrate:down\nDROP TABLE users;\n",
        "002_create_feedback.sql": "-- migrate:up\nCREATE TABLE feedback (id uuid PRIMARY KEY, user_id integer REFERENCES users (id));\n-- migrate:down\nDROP TABLE feedback;\n",
        "002_create_sessions.sql": "-- migrate:up\nCREATE TABLE sessions (id uuid PRIMARY KEY);\n",
        "003_Bad Name.sql": "-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 1;\n",
        "004_x.sql.skip": "SELECT 1;\n",
    ]

    static func run(_ checker: MigrationChecker, root: String, files: [String], settings: Node? = nil) -> [String] {
        let context = CheckContext(root: root, settings: settings, filesByKind: [.migration: files])
        var out: [Diagnostic] = []
        for f in files {
            let bytes = FileManager.default.contents(atPath: root + "/" + f).map { Array($0) } ?? []
            out += checker.check(SourceFile(path: f, bytes: bytes), context: context)
        }
        out += checker.finish(context: context)
        return out.sorted(by: Diagnostic.sortOrder).map { "\($0.file):\($0.range.start) \($0.rule)" }
    }

    @Test func fullRunFindsDirectoryProblems() throws {
        let tmp = try TempDir(Self.files, subdirectories: ["archive"])
        let all = Self.files.keys.filter { $0.hasSuffix(".sql") }.sorted().map { "migrations/" + $0 }
        let got = Self.run(MigrationChecker(baseVersions: ["1", "3"]), root: tmp.path, files: all)
        #expect(got == [
            "migrations/002_create_feedback.sql:1:1 migration/out-of-order",
            "migrations/002_create_feedback.sql:2:53 migration/foreign-key-type-mismatch",
            "migrations/002_create_sessions.sql:1:1 migration/duplicate-version",
            "migrations/002_create_sessions.sql:1:1 migration/missing-down",
            "migrations/002_create_sessions.sql:1:1 migration/out-of-order",
            "migrations/003_Bad Name.sql:1:1 migration/file-naming",
            "migrations/004_x.sql.skip:1:1 migration/ignored-file",
            "migrations/archive:1:1 migration/ignored-file",
        ])
    }

    @Test func subsetRunGivesTheSameFindingsForItsFiles() throws {
        let tmp = try TempDir(Self.files)
        let all = Self.files.keys.filter { $0.hasSuffix(".sql") }.sorted().map { "migrations/" + $0 }
        let checker = MigrationChecker()
        let full = Self.run(checker, root: tmp.path, files: all)
        for subset in [["migrations/002_create_feedback.sql"], ["migrations/002_create_sessions.sql", "migrations/003_Bad Name.sql"]] {
            let part = Self.run(checker, root: tmp.path, files: subset)
            let expected = full.filter { line in subset.contains { line.hasPrefix($0 + ":") } || !line.contains(".sql:") }
            #expect(part == expected)
        }
    }

    @Test func checksumFindingsThroughTheChecker() throws {
        var files = Self.files
        files.removeValue(forKey: "002_create_sessions.sql")
        files.removeValue(forKey: "003_Bad Name.sql")
        let dir = MigrationDirectory(path: "migrations", files: files.filter { $0.key.hasSuffix(".sql") }.map { ($0.key, Array($0.value.utf8)) })
        files["migrations.sum"] = MigrationChecksums.sumText(for: dir)
        files["001_create_users.sql"] = (files["001_create_users.sql"] ?? "") + "-- edited\n"
        let tmp = try TempDir(files)
        let got = Self.run(MigrationChecker(), root: tmp.path, files: ["migrations/001_create_users.sql"])
        #expect(got.contains("migrations/001_create_users.sql:1:1 migration/checksum-mismatch"))
    }

    static func settings(_ pairs: [(String, Scalar)]) -> Node {
        let r = SourceRange.fileStart
        let inner = Node.mapping(pairs.map { MappingEntry(key: .scalar(.string($0.0), r), value: .scalar($0.1, r)) }, r)
        return Node.mapping([MappingEntry(key: .scalar(.string("migration"), r), value: inner)], r)
    }

    @Test func settingsAreParsedDefensively() {
        let s = MigrationSettings(node: Self.settings([("transactional", .bool(false)), ("layout", .string("paired")), ("lock-timeout-required", .string("no")), ("split-statements", .bool(true))])["migration"])
        #expect(s == MigrationSettings(transactional: false, layout: .paired, lockTimeoutRequired: false, splitStatements: true))
        let junk = MigrationSettings(node: Self.settings([("transactional", .number("7")), ("layout", .string("sideways"))])["migration"])
        #expect(junk == MigrationSettings())
        #expect(MigrationSettings(node: Node.scalar(.string("oops"), .fileStart)) == MigrationSettings())
    }

    @Test func transactionalSettingOffChangesTransactionRules() {
        let file = SourceFile(path: "migrations/001_a.sql", text: "CREATE INDEX CONCURRENTLY i ON t (a);\nBEGIN;\nSELECT 1;\nCOMMIT;\n")
        let on = MigrationChecker().check(file, context: CheckContext(root: "/"))
        #expect(Set(on.map(\.rule)) == ["migration/concurrent-index-in-transaction", "migration/explicit-transaction"])
        // Not wrapped, but the file is still sent as one query: PostgreSQL runs it in an implicit transaction.
        let implicit = CheckContext(root: "/", settings: Self.settings([("transactional", .bool(false))]))
        #expect(MigrationChecker().check(file, context: implicit).map(\.rule) == ["migration/concurrent-index-in-transaction"])
        // A runner that executes statements one by one (psql, Flyway).
        let split = CheckContext(root: "/", settings: Self.settings([("transactional", .bool(false)), ("split-statements", .bool(true))]))
        #expect(MigrationChecker().check(file, context: split).isEmpty)
    }

    @Test func nonSQLFilesAreLeftToTheDirectoryRules() {
        let sum = SourceFile(path: "migrations/migrations.sum", text: "h1:ab/*cd'=\n001_a.sql h1:x/*y\n")
        #expect(MigrationChecker().check(sum, context: CheckContext(root: "/")).isEmpty)
    }

    @Test func concurrentIndexInsideExplicitTransactionOfNonTransactionalFile() {
        let file = SourceFile(path: "m/001_a.sql", text: "-- transaction:false\nBEGIN;\nCREATE INDEX CONCURRENTLY i ON t (a);\nCOMMIT;\nCREATE INDEX CONCURRENTLY j ON t (b);\n")
        let d = MigrationLinter.lint(file).filter { $0.rule == "migration/concurrent-index-in-transaction" }
        #expect(d.map(\.range.start.line) == [3, 5])
        #expect(d.first?.message.contains("explicit BEGIN") == true)
        #expect(d.last?.message.contains("implicit transaction") == true)
        let split = MigrationLinter.lint(file, settings: MigrationSettings(splitStatements: true)).filter { $0.rule == "migration/concurrent-index-in-transaction" }
        #expect(split.map(\.range.start.line) == [3])
    }
}

@Suite struct RobustnessTests {
    @Test func randomInputNeverCrashes() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["'", "\"", "$$", "$a$", "/*", "*/", "--", "\n", ";", "(", ")", "E'", "\\", "U&'", "CREATE", "TABLE", "ALTER",
                      "INDEX", "ADD", "COLUMN", "REFERENCES", "CHECK", "NOT", "NULL", "DEFAULT", "ON", "x", " ", ",", "`", "é", "BEGIN", "END",
                      "FOREIGN", "KEY", "PRIMARY", "TYPE", "VALUE", "-- migrate:down\n", "-- migrate:up\n", "CONSTRAINT", ".", "\r\n"]
        for _ in 0..<300 {
            var s = ""
            for _ in 0..<Int.random(in: 0..<80, using: &rng) { s += pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
            _ = MigrationLinter.lint(SourceFile(path: "m/001_x.sql", text: s))
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<64, using: &rng) { bytes.append(UInt8.random(in: 0...255, using: &rng)) }
            _ = MigrationLinter.lint(SourceFile(path: "m/001_y.sql", bytes: bytes))
        }
    }

    @Test func deepNestingIsFine() {
        let deep = "SELECT " + String(repeating: "(", count: 50_000) + "1" + String(repeating: ")", count: 50_000) + ";\n"
        let comments = String(repeating: "/*", count: 20_000) + String(repeating: "*/", count: 20_000) + "SELECT 1;"
        #expect(MigrationLinter.lint(SourceFile(path: "m/001_a.sql", text: deep)).isEmpty)
        #expect(MigrationLinter.lint(SourceFile(path: "m/001_b.sql", text: comments)).isEmpty)
        let lockedDrop = SourceFile(path: "m/001_d.sql", text: "CREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);\nDROP INDEX t_a;\n")
        #expect(MigrationLinter.lint(lockedDrop).isEmpty)
        let unbalanced = String(repeating: "CREATE TABLE t (a int, ", count: 2_000)
        _ = MigrationLinter.lint(SourceFile(path: "m/001_c.sql", text: unbalanced))
    }

    @Test func largeFileLintsQuickly() {
        var sql = "SET lock_timeout = '5s';\n"
        for k in 0..<2_000 {
            switch k % 4 {
            case 0: sql += "CREATE TABLE t\(k) (id uuid PRIMARY KEY, v text NOT NULL, at timestamptz NOT NULL DEFAULT now());\n"
            case 1: sql += "ALTER TABLE t\(k - 1) ADD COLUMN w text, ADD CONSTRAINT c\(k) CHECK (char_length(v) < 100);\n"
            case 2: sql += "CREATE INDEX i\(k) ON t\(k - 2) (v);\n"
            default: sql += "INSERT INTO t\(k - 3) (id, v) VALUES (gen_random_uuid(), 'row; \(k)') ON CONFLICT (id) DO NOTHING;\n"
            }
        }
        let clock = ContinuousClock()
        var diags: [Diagnostic] = []
        let elapsed = clock.measure { diags = MigrationLinter.lint(SourceFile(path: "m/001_big.sql", text: sql)) }
        #expect(diags.isEmpty)
        #expect(elapsed < .seconds(3))
    }
}
