import Foundation

/// Repository root, found from this file's path.
let repoRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fresh temporary directory; the caller removes it.
func makeTempDir() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("clubos-hardening-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func write(_ text: String, to url: URL) throws {
    try write(Array(text.utf8), to: url)
}

func write(_ bytes: [UInt8], to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
}

/// The built `clubos-lint` executable (`swift build --product clubos-lint`).
let toolPath: String = {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("clubos-lint").path
    if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    for dir in [".build/debug", ".build/x86_64-unknown-linux-gnu/debug", ".build/aarch64-unknown-linux-gnu/debug"] {
        let p = repoRoot.appendingPathComponent(dir).appendingPathComponent("clubos-lint").path
        if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return beside
}()

struct ToolResult {
    var status: Int32
    /// True when the process ended by a signal (a crash).
    var signaled: Bool
    var stdout: String
    var stderr: String
    var stdoutBytes: Data

    /// Not a crash: exited normally with 0, 1 or 2.
    var exitedCleanly: Bool { !signaled && (0...2).contains(status) }
}

/// Runs the tool with arguments in a working directory; both pipes are read
/// concurrently so a large report cannot deadlock. A run longer than
/// `timeout` seconds is killed (and reported as signaled) so a hang fails the
/// test instead of stalling the suite.
func runTool(_ args: [String], cwd: URL, env: [String: String] = [:], timeout: Double = 120) throws -> ToolResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: toolPath)
    p.arguments = args
    p.currentDirectoryURL = cwd
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment.removeValue(forKey: "GITHUB_ACTIONS")
    environment.removeValue(forKey: "GITHUB_STEP_SUMMARY")
    for (k, v) in env { environment[k] = v }
    p.environment = environment
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let group = DispatchGroup()
    nonisolated(unsafe) var outData = Data(), errData = Data()
    group.enter()
    DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    group.enter()
    DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    let pid = p.processIdentifier
    let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
    group.wait()
    p.waitUntilExit()
    watchdog.cancel()
    return ToolResult(status: p.terminationStatus, signaled: p.terminationReason == .uncaughtSignal,
                      stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
                      stdoutBytes: outData)
}

/// Fixture bytes under Tests/Fixtures/hardening.
func hardeningFixture(_ relative: String) throws -> [UInt8] {
    Array(try Data(contentsOf: repoRoot.appendingPathComponent("Tests/Fixtures/hardening").appendingPathComponent(relative)))
}
