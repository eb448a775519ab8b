import Testing
import LintCore
import Foundation
@testable import Migrations

func b(_ s: String) -> [UInt8] { Array(s.utf8) }

@Suite struct MigrationSourceTests {
    @Test(arguments: [
        ("-- migrate:up\nCREATE TABLE a (x int);\n-- migrate:down\nDROP TABLE a;\n", true),
        ("-- UP\nCREATE TABLE a (x int);\n-- DOWN (for rollback)\nDROP TABLE a;\n", true),
        ("-- up\nCREATE TABLE a (x int);\n", false),
        ("-- UPDATE the table\nCREATE TABLE a (x int);\n", false),
        ("SELECT '\n-- migrate:down\n';\n", false),
    ])
    func markers(sql: String, hasMarkers: Bool) {
        let src = MigrationSource(SourceFile(path: "migrations/001_a.sql", text: sql))
        #expect(src.hasMarkers == hasMarkers)
        if hasMarkers {
            #expect(src.sections.map(\.direction) == [.up, .down])
            #expect(src.sections.map { $0.statements.map(\.text) } == [["CREATE TABLE a (x int);"], ["DROP TABLE a;"]])
        } else {
            #expect(src.sections.map(\.direction) == [.up])
        }
    }

    @Test func dbmateTransactionOption() {
        let src = MigrationSource(SourceFile(path: "m/001_a.sql", text: "-- migrate:up transaction:false\nSELECT 1;\n-- migrate:down\nSELECT 2;\n"))
        #expect(src.sections.map(\.transactional) == [false, true])
        let off = MigrationSource(SourceFile(path: "m/001_a.sql", text: "-- migrate:up\nSELECT 1;\n"), runnerWrapsInTransaction: false)
        #expect(off.sections.map(\.transactional) == [false])
    }

    @Test func statementsBeforeTheFirstMarkerAreUp() {
        let src = MigrationSource(SourceFile(path: "m/001_a.sql", text: "DROP TABLE users;\n-- migrate:down\nSELECT 1;\n"))
        #expect(src.sections.map(\.direction) == [.up, .down])
        #expect(MigrationLinter.lint(src.file).map(\.rule).contains("migration/drop-table"))
    }

    @Test func downFileIsDown() {
        let src = MigrationSource(SourceFile(path: "m/001_a.down.sql", text: "DROP TABLE a CASCADE;\n"))
        #expect(src.sections.map(\.direction) == [.down])
        // Destructive rules do not apply to downs; syntax rules do.
        #expect(MigrationLinter.lint(src.file).isEmpty)
        let bad = MigrationLinter.lint(SourceFile(path: "m/001_a.down.sql", text: "DROP TABLE `a`;\n"))
        #expect(bad.map(\.rule) == ["migration/mysql-syntax"])
    }
}

@Suite struct MigrationVersionTests {
    @Test(arguments: [
        ("2", "10", true), ("10", "2", false), ("001", "2", true), ("0010", "9", false),
        ("20240101120000", "20240101120001", true), ("99999999999999999999999", "100000000000000000000000", true),
        ("007", "7", false),
    ])
    func ordering(a: String, b: String, less: Bool) {
        #expect(MigrationVersion.less(a, b) == less)
    }

    @Test func equalIgnoresLeadingZeros() {
        #expect(MigrationVersion.equal("007", "7"))
        #expect(!MigrationVersion.equal("70", "7"))
    }

    @Test(arguments: [
        ("001_create_users.sql", "001", "create_users", MigrationDirection.up, false, true),
        ("20240101120000_add_feedback.up.sql", "20240101120000", "add_feedback", .up, true, true),
        ("002_add_feedback.down.sql", "002", "add_feedback", .down, true, true),
        ("3-AddThing.sql", "3", "AddThing", .up, false, false),
    ])
    func fileNames(name: String, version: String, stem: String, direction: MigrationDirection, suffix: Bool, conventional: Bool) {
        let p = MigrationFileName.parse(name)
        #expect(p?.version == version)
        #expect(p?.name == stem)
        #expect(p?.direction == direction)
        #expect(p?.hasDirectionSuffix == suffix)
        #expect(p?.isConventional == conventional)
    }

    @Test func unversionedNamesDoNotParse() {
        #expect(MigrationFileName.parse("create_users.sql") == nil)
        #expect(MigrationFileName.parse("001_a.txt") == nil)
    }
}

@Suite struct DirectoryRuleTests {

    static func render(_ diags: [Diagnostic]) -> [String] {
        diags.sorted(by: Diagnostic.sortOrder).map { "\($0.file): \($0.rule)" }
    }

    @Test func layoutDetection() {
        let paired = MigrationDirectory(path: "m", files: [("001_a.up.sql", b("")), ("001_a.down.sql", b(""))])
        #expect(paired.layout == .paired)
        let pairedPlain = MigrationDirectory(path: "m", files: [("001_a.sql", b("")), ("001_a.down.sql", b(""))])
        #expect(pairedPlain.layout == .paired)
        let markers = MigrationDirectory(path: "m", files: [("001_a.sql", b("-- migrate:up\nSELECT 1;\n"))])
        #expect(markers.layout == .markers)
        let upOnly = MigrationDirectory(path: "m", files: [("001_a.sql", b("SELECT 1;\n"))])
        #expect(upOnly.layout == .upOnly)
        let forced = MigrationDirectory(path: "m", files: [("001_a.sql", b("SELECT 1;\n"))], layout: .markers)
        #expect(forced.layout == .markers && !forced.layoutWasDetected)
    }

    @Test func filesAreOrderedNumerically() {
        let dir = MigrationDirectory(path: "m", files: [
            ("10_c.sql", b("")), ("9_b.sql", b("")), ("0001_a.sql", b("")), ("notes.sql", b("")), ("100_d.sql", b("")),
        ])
        #expect(dir.files.map(\.fileName) == ["0001_a.sql", "9_b.sql", "10_c.sql", "100_d.sql", "notes.sql"])
        #expect(dir.versions == ["0001", "9", "10", "100"])
    }

    @Test func duplicateVersionsNameBothFiles() {
        let dir = MigrationDirectory(path: "migrations", files: [
            ("002_add_feedback.sql", b("SELECT 1;")), ("002_add_sessions.sql", b("SELECT 1;")), ("2_again.sql", b("SELECT 1;")),
        ])
        let d = DirectoryRules.check(dir).filter { $0.rule == "migration/duplicate-version" }
        #expect(d.count == 2)
        #expect(d.allSatisfy { $0.message.contains("'002_add_feedback.sql'") && $0.severity == .error })
        #expect(Set(d.map(\.file)) == ["migrations/002_add_sessions.sql", "migrations/2_again.sql"])
    }

    @Test func pairedLayoutOrphansAndMissingDowns() {
        let dir = MigrationDirectory(path: "m", files: [
            ("001_a.up.sql", b("")), ("001_a.down.sql", b("")),
            ("002_b.sql", b("")),
            ("003_c.down.sql", b("")),
            ("004_d.sql", b("")), ("004_d.down.sql", b("")),
        ])
        #expect(Self.render(DirectoryRules.check(dir)) == [
            "m/002_b.sql: migration/missing-down",
            "m/003_c.down.sql: migration/orphan-down",
        ])
    }

    @Test func markersLayoutMissingDown() {
        let dir = MigrationDirectory(path: "m", files: [
            ("001_a.sql", b("-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n")),
            ("002_b.sql", b("-- migrate:up\nSELECT 1;\n")),
        ])
        #expect(Self.render(DirectoryRules.check(dir)) == ["m/002_b.sql: migration/missing-down"])
    }

    @Test func namingAndIgnoredEntries() {
        let dir = MigrationDirectory(path: "m", files: [("001_Add Users.sql", b("")), ("seed.sql", b(""))],
                                     subdirectories: ["old"], otherFiles: ["005_x.sql.skip", "README.md"])
        #expect(Self.render(DirectoryRules.check(dir)) == [
            "m/001_Add Users.sql: migration/file-naming",
            "m/005_x.sql.skip: migration/ignored-file",
            "m/old: migration/ignored-file",
            "m/seed.sql: migration/file-naming",
        ])
    }

    @Test func outOfOrderAgainstBaseVersions() {
        let dir = MigrationDirectory(path: "m", files: [
            ("001_a.sql", b("")), ("003_c.sql", b("")), ("002_b.sql", b("")), ("004_d.sql", b("")),
        ])
        let d = DirectoryRules.check(dir, baseVersions: ["1", "003"]).filter { $0.rule == "migration/out-of-order" }
        #expect(d.map(\.file) == ["m/002_b.sql"])
        #expect(d.first?.message.contains("003") == true)
        #expect(DirectoryRules.check(dir).filter { $0.rule == "migration/out-of-order" }.isEmpty)
    }
}

@Suite struct ChecksumTests {

    @Test func sumFormatAndChain() {
        let text = MigrationChecksums.sumText(files: [("001_a.sql", b("SELECT 1;\n")), ("002_b.sql", b("SELECT 2;\n"))])
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("h1:"))
        let c1 = SHA256.hash(b("001_a.sql\nSELECT 1;\n"))
        let c2 = SHA256.hash(c1 + b("002_b.sql\nSELECT 2;\n"))
        #expect(lines[1] == "001_a.sql h1:\(Base64.encode(c1))")
        #expect(lines[2] == "002_b.sql h1:\(Base64.encode(c2))")
        #expect(lines[0] == "h1:" + Base64.encode(SHA256.hash(b(lines[1] + "\n" + lines[2] + "\n"))))
    }

    @Test func lineEndingsDoNotMatter() {
        let lf = MigrationChecksums.sumText(files: [("001_a.sql", b("SELECT 1;\nSELECT 2;\n"))])
        let crlf = MigrationChecksums.sumText(files: [("001_a.sql", b("SELECT 1;\r\nSELECT 2;\r\n"))])
        #expect(lf == crlf)
    }

    static func dir(_ files: [(String, String)], sum: String?) -> MigrationDirectory {
        MigrationDirectory(path: "m", files: files.map { ($0.0, b($0.1)) }, sumFile: sum.map { b($0) })
    }

    @Test func verifyFindsEditedMissingAndDeleted() {
        let original = [("001_a.sql", "SELECT 1;\n"), ("002_b.sql", "SELECT 2;\n"), ("003_c.sql", "SELECT 3;\n")]
        let sum = MigrationChecksums.sumText(files: original.map { ($0.0, b($0.1)) })
        #expect(MigrationChecksums.verify(Self.dir(original, sum: sum)).isEmpty)
        // CRLF checkout still verifies.
        #expect(MigrationChecksums.verify(Self.dir(original.map { ($0.0, $0.1.replacingOccurrences("\n", with: "\r\n")) }, sum: sum.replacingOccurrences("\n", with: "\r\n"))).isEmpty)

        let edited = [("001_a.sql", "SELECT 1;\n"), ("002_b.sql", "SELECT 22;\n"), ("004_d.sql", "SELECT 4;\n")]
        let d = MigrationChecksums.verify(Self.dir(edited, sum: sum)).sorted(by: Diagnostic.sortOrder)
        #expect(d.map { "\($0.file):\($0.range.start) \($0.rule)" } == [
            "m/002_b.sql:1:1 migration/checksum-mismatch",
            "m/004_d.sql:1:1 migration/checksum-missing",
            "m/migrations.sum:4:1 migration/checksum-orphan-entry",
        ])
        #expect(d.first?.message.contains("'002_b.sql' was edited") == true)
    }

    @Test func tamperedOrMalformedSum() {
        let files = [("001_a.sql", "SELECT 1;\n")]
        var sum = MigrationChecksums.sumText(files: files.map { ($0.0, b($0.1)) })
        sum = "h1:AAAA" + sum.drop { $0 != "\n" }
        #expect(MigrationChecksums.verify(Self.dir(files, sum: sum)).map(\.rule) == ["migration/checksum-mismatch"])
        #expect(MigrationChecksums.verify(Self.dir(files, sum: "garbage\n")).map(\.rule) == ["migration/checksum-mismatch"])
        #expect(MigrationChecksums.verify(Self.dir(files, sum: nil)).isEmpty)
    }
}
