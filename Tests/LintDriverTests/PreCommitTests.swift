import Foundation
import Testing

/// Runs the real `pre-commit` (installed by scripts/test.sh into a virtualenv
/// outside the repository, and found through $CLUBOS_PRE_COMMIT or PATH) with
/// `pre-commit try-repo` against a sample repository.
@Suite(.serialized) struct PreCommitTests {
    static let preCommit: String? = {
        if let p = ProcessInfo.processInfo.environment["CLUBOS_PRE_COMMIT"], FileManager.default.isExecutableFile(atPath: p) { return p }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let p = "\(dir)/pre-commit"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }()

    func run(_ exe: String, _ args: [String], cwd: URL) throws -> ToolResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        p.currentDirectoryURL = cwd
        var env = ProcessInfo.processInfo.environment
        env["GIT_AUTHOR_NAME"] = "t"; env["GIT_AUTHOR_EMAIL"] = "t@example.com"
        env["GIT_COMMITTER_NAME"] = "t"; env["GIT_COMMITTER_EMAIL"] = "t@example.com"
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return ToolResult(status: p.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
    }

    @Test(.timeLimit(.minutes(30))) func hooksPassGoodAndFailBadStagedFiles() throws {
        guard let preCommit = Self.preCommit else {
            withKnownIssue("skipped: pre-commit is not installed (scripts/test.sh installs it)", isIntermittent: true) { Issue.record("skipped") }
            return
        }
        // try-repo builds the hook (a release build) in a fresh store each time, so
        // one run covers both cases: a good and a bad staged file.
        let sample = makeTempDir()
        defer { try? FileManager.default.removeItem(at: sample) }
        _ = try run("/usr/bin/git", ["init", "-q", "-b", "main"], cwd: sample)
        let good = #"{"id": "fb-1", "timestamp": "2026-11-01T10:00:00Z", "query": "Is bay 3 free at 6pm?", "response": "Yes, I booked it.", "assistant": "Booking", "confidence": 0.9, "feedback": {"rating": "helpful"}, "context": {"userId": "u1", "sessionId": "s1"}}"#
        let bad = #"{"id": "fb-2", "id": "fb-3", "timestamp": "2026-11-01T10:00:00Z", "query": "Is bay 3 free at 6pm?", "response": "Yes, I booked it.", "assistant": "Booking", "confidence": 0.9, "feedback": {"rating": "helpful"}, "context": {"userId": "u1", "sessionId": "s1"}}"#
        try write(good + "\n", to: sample.appendingPathComponent("feedback/good.json"))
        try write(bad + "\n", to: sample.appendingPathComponent("feedback/bad.json"))
        try write("not checked: no kind claims it\n", to: sample.appendingPathComponent("notes.txt"))
        _ = try run("/usr/bin/git", ["add", "."], cwd: sample)
        let r = try run(preCommit, ["try-repo", repoRoot.path, "clubos-lint", "--verbose"], cwd: sample)
        #expect(r.status != 0, "\(r.stdout)")
        #expect(r.stdout.contains("feedback/bad.json:1:16: error: duplicate key"), "\(r.stdout)")
        #expect(!r.stdout.contains("feedback/good.json:"), "a good staged file must pass:\n\(r.stdout)")
        #expect(r.stdout.contains("in 2 files"), "the hook must check exactly the two staged feedback files:\n\(r.stdout)")
    }
}

/// The composite action's steps, run with bash in a simulated Actions environment.
@Suite struct ActionTests {
    @Test func compositeActionRunsAndSetsOutputs() throws {
        let actionText = try String(contentsOf: repoRoot.appendingPathComponent("action.yml"), encoding: .utf8)
        // Extract the `run: |` block of the step with id `run`.
        let lines = actionText.components(separatedBy: "\n")
        guard let idx = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "- id: run" }),
              let runIdx = lines[idx...].firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "run: |" }) else {
            Issue.record("action.yml has no step with id run")
            return
        }
        let indent = lines[runIdx + 1].prefix { $0 == " " }.count
        var script = ""
        for l in lines[(runIdx + 1)...] {
            if !l.isEmpty && l.prefix(while: { $0 == " " }).count < indent { break }
            script += String(l.dropFirst(min(indent, l.count))) + "\n"
        }
        // A fake action path whose release binary is the freshly built tool.
        let actionPath = makeTempDir()
        let work = makeTempDir()
        defer { try? FileManager.default.removeItem(at: actionPath); try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(at: actionPath.appendingPathComponent(".build/release"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: actionPath.appendingPathComponent(".build/release/clubos-lint").path, withDestinationPath: toolPath)
        try write("{\"a\": 1, \"a\": 2}\n", to: work.appendingPathComponent("feedback/x.json"))
        let output = work.appendingPathComponent("github_output")
        try Data().write(to: output)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", script]
        p.currentDirectoryURL = work
        var env = ProcessInfo.processInfo.environment
        env["GITHUB_ACTION_PATH"] = actionPath.path
        env["GITHUB_OUTPUT"] = output.path
        env["GITHUB_ACTIONS"] = "true"
        env["CLUBOS_PATHS"] = "."
        env["CLUBOS_FORMAT"] = "text"
        env["CLUBOS_FAIL_ON"] = "error"
        env["CLUBOS_SARIF"] = "out.sarif"
        env["CLUBOS_JUNIT"] = "out.xml"
        env["CLUBOS_ARGS"] = ""
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 1)
        #expect(try String(contentsOf: output, encoding: .utf8) == "exit-code=1\n")
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("out.sarif").path))
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("out.xml").path))
    }
}
