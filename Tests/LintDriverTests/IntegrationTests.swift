import Foundation
import Testing

/// Changed-file runs and baselines, end to end.
@Suite struct IntegrationTests {
    func git(_ args: [String], _ dir: URL) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"] + args
        p.currentDirectoryURL = dir
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "git \(args)")
    }

    @Test func changedChecksOnlyChangedFiles() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try git(["init", "-q", "-b", "main"], dir)
        try write("{\"a\": 1, \"a\": 2}\n", to: dir.appendingPathComponent("feedback/old.json"))
        try write("{\"ok\": 1}\n", to: dir.appendingPathComponent("feedback/new.json"))
        try git(["add", "."], dir)
        try git(["commit", "-q", "-m", "base"], dir)
        try git(["checkout", "-q", "-b", "topic"], dir)
        // Nothing changed yet: the old finding is not reported.
        #expect(try runTool(["check", "--changed"], cwd: dir).status == 0)
        try write("{\"b\": 1, \"b\": 2}\n", to: dir.appendingPathComponent("feedback/new.json"))
        try write("{\"c\": 1, \"c\": 2}\n", to: dir.appendingPathComponent("feedback/untracked.json"))
        let r = try runTool(["check", "--changed", "--format", "json"], cwd: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("feedback/new.json") && r.stdout.contains("feedback/untracked.json"))
        #expect(!r.stdout.contains("feedback/old.json"))
        let full = try runTool(["check", "--format", "json"], cwd: dir)
        #expect(full.stdout.contains("feedback/old.json"))
        // An explicit base.
        let againstHead = try runTool(["check", "--changed=HEAD", "--format", "json"], cwd: dir)
        #expect(againstHead.stdout.contains("feedback/new.json"))
    }

    /// Plain JSON files named on the command line get only the JSON checks, so the findings are predictable.
    @Test func baselineSurvivesLineShiftsAndReportsStaleEntries() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write("{\n  \"a\": 1,\n  \"a\": 2,\n  \"b\": 1,\n  \"b\": 2\n}\n", to: dir.appendingPathComponent("x.json"))
        #expect(try runTool(["baseline", "write", "baseline.json", "x.json"], cwd: dir).status == 0)
        #expect(try runTool(["baseline", "write", "baseline.json", "x.json"], cwd: dir).status == 2) // no silent overwrite
        #expect(try runTool(["check", "--baseline", "baseline.json", "x.json"], cwd: dir).status == 0)
        // Shift lines and fix one finding: nothing new, one stale entry (info).
        try write("{\n\n\n  \"a\": 1,\n  \"a\": 2,\n  \"b\": 1\n}\n", to: dir.appendingPathComponent("x.json"))
        let r = try runTool(["check", "--baseline", "baseline.json", "--format", "json", "x.json"], cwd: dir)
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("lint/stale-baseline-entry"))
        #expect(!r.stdout.contains("\"rule\":\"json/duplicate-key\""))
        // A new finding is reported.
        try write("{\n  \"a\": 1,\n  \"a\": 2,\n  \"c\": 1,\n  \"c\": 2\n}\n", to: dir.appendingPathComponent("x.json"))
        let n = try runTool(["check", "--baseline", "baseline.json", "--format", "json", "x.json"], cwd: dir)
        #expect(n.status == 1)
        #expect(n.stdout.contains("duplicate key \\\"c\\\""))
    }
}

@Suite struct MigrationBaseTests {
    func git(_ args: [String], _ dir: URL) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"] + args
        p.currentDirectoryURL = dir
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
    }

    /// A migration added on a branch with a version below the newest on main is out of order.
    @Test func outOfOrderAgainstBase() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try git(["init", "-q", "-b", "main"], dir)
        try write("-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\nDROP TABLE a;\n", to: dir.appendingPathComponent("migrations/001_a.sql"))
        try write("-- migrate:up\nCREATE TABLE c (id int);\n-- migrate:down\nDROP TABLE c;\n", to: dir.appendingPathComponent("migrations/003_c.sql"))
        try git(["add", "."], dir)
        try git(["commit", "-q", "-m", "base"], dir)
        try write("-- migrate:up\nCREATE TABLE b (id int);\n-- migrate:down\nDROP TABLE b;\n", to: dir.appendingPathComponent("migrations/002_b.sql"))
        let r = try runTool(["migrate", "lint", "--base", "main", "--format", "json"], cwd: dir)
        #expect(r.stdout.contains("migration/out-of-order"), "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("migrations/002_b.sql"))
        #expect(!(try runTool(["migrate", "lint", "--format", "json"], cwd: dir).stdout.contains("out-of-order")))
        #expect(try runTool(["migrate", "lint", "--base", "no-such-ref"], cwd: dir).status == 2)
    }
}
