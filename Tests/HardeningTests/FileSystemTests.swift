import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Hostile file-system entries under a checked directory. The tests run as
/// root, so `chmod 000` does not stop reads; unreadable entries are a FIFO
/// (opening it for reading would block forever), a dangling symlink and a
/// symlink loop instead.
@Suite struct FileSystemTests {
    /// A workflow with a finding (a YAML syntax error), so its path reaches every report.
    static let workflow = "on: push\njobs:\n  build: [\n    runs-on: ubuntu-latest\n"

    static let hostileNames = [
        "name with spaces.yml",
        "new\nline.yml",
        "carriage\rreturn.yml",
        "tab\tand ::error::.yml",
        "quote\"<script>&amp;.yml",
        "percent%0A.yml",
    ]

    /// Creates a file whose name is raw bytes (possibly not UTF-8).
    static func createRaw(directory: String, name: [UInt8], contents: String) -> Bool {
        let path = Array(directory.utf8) + [UInt8(ascii: "/")] + name + [0]
        let fd = path.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { open($0, O_CREAT | O_WRONLY | O_TRUNC, 0o644) }
        }
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let bytes = Array(contents.utf8)
        return bytes.withUnsafeBufferPointer { Glibc.write(fd, $0.baseAddress, $0.count) } == bytes.count
    }

    static func project() throws -> URL {
        let dir = makeTempDir()
        let workflows = dir.appendingPathComponent(".github/workflows")
        try FileManager.default.createDirectory(at: workflows, withIntermediateDirectories: true)
        for name in hostileNames { try write(workflow, to: workflows.appendingPathComponent(name)) }
        #expect(createRaw(directory: workflows.path, name: [0x62, 0xFF, 0xFE, 0x2E, 0x79, 0x6D, 0x6C], contents: workflow))
        #expect(createRaw(directory: workflows.path, name: [0x63, 0xC3, 0x28, 0x0A, 0x2E, 0x79, 0x6D, 0x6C], contents: workflow))
        // A directory symlink loop, a two-link loop, a dangling link and a FIFO.
        try FileManager.default.createSymbolicLink(atPath: workflows.appendingPathComponent("loop").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("a.yml").path, withDestinationPath: "b.yml")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("b.yml").path, withDestinationPath: "a.yml")
        try FileManager.default.createSymbolicLink(atPath: workflows.appendingPathComponent("dangling.yml").path, withDestinationPath: "missing/nowhere.yml")
        #expect(mkfifo(workflows.appendingPathComponent("fifo.yml").path, 0o644) == 0)
        return dir
    }

    @Test(arguments: ["text", "json", "junit", "sarif", "github"])
    func hostileNamesAndEntriesInADirectoryWalk(_ format: String) throws {
        let dir = try Self.project()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runTool(["check", "--format", format, "--jobs", "2"], cwd: dir, timeout: 60)
        #expect(r.exitedCleanly, "status \(r.status) signaled \(r.signaled): \(r.stderr)")
        #expect(r.status == 1, "findings expected: \(r.stdout.prefix(500)) \(r.stderr)")
        switch format {
        case "json", "sarif":
            #expect((try? JSONSerialization.jsonObject(with: r.stdoutBytes)) != nil, "\(r.stdout.prefix(500))")
        case "junit":
            #expect(Markup.isWellFormedXML(r.stdout))
        case "github":
            for line in r.stdout.split(separator: "\n") {
                #expect(line.hasPrefix("::"), "\(line)")
                // The properties (file name included) stay escaped: no `::` before the message.
                let props = line.dropFirst(2).firstRange(of: "::").map { line[line.index(line.startIndex, offsetBy: 2)..<$0.lowerBound] }
                #expect(props?.contains("file=") == true && props?.contains("\n") == false, "\(line)")
            }
            #expect(!r.stdout.contains("\r"))
        default:
            #expect(r.stdout.contains("name with spaces.yml"))
        }
    }

    @Test func htmlReportForHostileNames() throws {
        let dir = try Self.project()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = dir.appendingPathComponent("report.html")
        let r = try runTool(["check", "--html", html.path], cwd: dir, timeout: 60)
        #expect(r.exitedCleanly, "status \(r.status): \(r.stderr)")
        let page = try String(contentsOf: html, encoding: .utf8)
        let elements = try #require(Markup.htmlElements(page))
        #expect(!elements.contains("script"))
    }

    /// Entries named on the command line: each is a clear message (exit 2) or
    /// a diagnostic, never a hang or a crash.
    @Test(arguments: [".github/workflows/fifo.yml", ".github/workflows/dangling.yml", "a.yml", ".github/workflows/loop", "missing.yml"])
    func namedHostileEntry(_ path: String) throws {
        let dir = try Self.project()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runTool(["check", path], cwd: dir, timeout: 60)
        #expect(r.exitedCleanly, "status \(r.status) signaled \(r.signaled): \(r.stderr)")
        if r.status == 2 { #expect(!r.stderr.isEmpty) }
    }

    /// How to run the tool as a user that permissions apply to: directly when
    /// not root, as `postgres` through runuser when root. Nil when neither works.
    static let unprivilegedRunner: [String]? = {
        if geteuid() != 0 { return [] }
        guard getpwnam("postgres") != nil,
              let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else { return nil }
        return [runuser, "-u", "postgres", "--"]
    }()

    /// `chmod 000` files and directories: a checked file and a directory that
    /// could hold checked files are errors at their path; a directory no
    /// kind looks into (a database volume) is left alone; a named directory
    /// is always reported.
    @Test(.enabled(if: unprivilegedRunner != nil))
    func permissionDenied() throws {
        // Under /tmp, not $TMPDIR: the postgres user must be able to enter it.
        let dir = URL(fileURLWithPath: "/tmp/clubos-lint-permissions-\(UUID().uuidString)")
        defer {
            _ = chmod(dir.path, 0o755)
            for p in ["feedback/a.json", "migrations/old", "pgdata"] { _ = chmod(dir.appendingPathComponent(p).path, 0o755) }
            try? FileManager.default.removeItem(at: dir)
        }
        try write("{}\n", to: dir.appendingPathComponent("feedback/a.json"))
        try write("CREATE TABLE a (id bigint PRIMARY KEY);\n", to: dir.appendingPathComponent("migrations/001_a.sql"))
        try write("CREATE TABLE b (id bigint PRIMARY KEY);\n", to: dir.appendingPathComponent("migrations/old/001_b.sql"))
        try write("x\n", to: dir.appendingPathComponent("pgdata/PG_VERSION"))
        #expect(chmod(dir.path, 0o755) == 0)
        for p in ["feedback/a.json", "migrations/old", "pgdata"] { #expect(chmod(dir.appendingPathComponent(p).path, 0) == 0) }
        let runner = Self.unprivilegedRunner ?? []

        let walk = try LaunchedTool(["check"], cwd: dir, runner: runner).finish(timeout: 60)
        #expect(walk.exitedCleanly && walk.status == 1, "status \(walk.status): \(walk.stdout) \(walk.stderr)")
        #expect(walk.stdout.contains("feedback/a.json:1:1: error: cannot read feedback/a.json: Permission denied [lint/unreadable-file]"), "\(walk.stdout)")
        #expect(walk.stdout.contains("migrations/old:1:1: error: cannot read directory migrations/old: Permission denied; the files under it were not checked [lint/unreadable-file]"), "\(walk.stdout)")
        #expect(!walk.stdout.contains("pgdata"), "\(walk.stdout)")

        let named = try LaunchedTool(["check", "pgdata"], cwd: dir, runner: runner).finish(timeout: 60)
        #expect(named.exitedCleanly && named.status == 1, "status \(named.status): \(named.stdout) \(named.stderr)")
        #expect(named.stdout.contains("pgdata:1:1: error: cannot read directory pgdata: Permission denied"), "\(named.stdout)")
    }
}

/// Declarative rules with regular expressions on huge values stay linear.
@Suite struct RegexRuleTests {
    static let ruleset = """
    rules:
      - id: environment/hostile-pattern
        description: "Flags values made of a's followed by b (a catastrophic-backtracking pattern)."
        rationale: "Exercises the pattern function on a 1 MB value."
        severity: error
        applies-to: {kinds: [environment]}
        given: "$..*"
        then: {function: pattern, options: {match: "^(a+)+b$"}}
        message: "{{path}} does not match: fix it"
      - id: environment/hostile-notmatch
        description: "Requires values not to match a nested-quantifier pattern."
        rationale: "Exercises notMatch on a 1 MB value."
        severity: warning
        applies-to: {kinds: [environment]}
        given: "$..*"
        then: {function: pattern, options: {notMatch: "^(a|aa)*c$"}}
        message: "{{path}} matches a hostile pattern: shorten it"

    """

    @Test func patternOnAOneMegabyteValue() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = String(repeating: "a", count: 1 << 20)
        try write(Self.ruleset, to: dir.appendingPathComponent("extra-rules/hostile.yaml"))
        try write("development:\n  big: \(big)\n  other: \(big)x\n", to: dir.appendingPathComponent("config/environments.yaml"))
        let r = try runTool(["check", "--rules", "extra-rules", "--format", "json", "config/environments.yaml"], cwd: dir, timeout: 120)
        #expect(r.exitedCleanly, "status \(r.status): \(r.stderr.prefix(2000))")
        let parsed = try? JSONSerialization.jsonObject(with: r.stdoutBytes)
        let json = try #require(parsed as? [String: Any], "\(r.stdout.prefix(1000)) \(r.stderr.prefix(1000))")
        let diagnostics = (json["diagnostics"] as? [[String: Any]]) ?? []
        let rules1 = diagnostics.compactMap { $0["rule"] as? String }
        #expect(rules1.contains("environment/hostile-pattern"), "\(rules1) \(r.stderr.prefix(1000))")
        // The report does not echo the megabyte value back.
        #expect(r.stdout.utf8.count < 1 << 20, "report is \(r.stdout.utf8.count) bytes")
    }
}
