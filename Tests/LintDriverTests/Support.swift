import Foundation
import LintConfig
import LintCore
import LintDriver

let repoRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fresh temporary directory, removed by the caller with `cleanup`.
func makeTempDir() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("clubos-lint-test-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}

/// Runs the real engine on a directory holding `files`, checking `target` explicitly.
func runEngine(files: [String: String], target: String, config: String? = nil) throws -> [Diagnostic] {
    let dir = makeTempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    for (path, text) in files { try write(text, to: dir.appendingPathComponent(path)) }
    var configuration = Configuration(root: dir.path)
    if let config {
        let (c, diags) = ConfigurationLoader.parse(SourceFile(path: ".clubos-lint.yaml", text: config), root: dir.path)
        if !diags.isEmpty { return diags }
        configuration = c
    }
    let engine = LintEngine(configuration: configuration, checkers: CheckerRegistry.builtin(configuration: configuration), cwd: dir.path)
    return engine.run(CheckRequest(paths: [target], jobs: 1)).diagnostics
}

/// The built `clubos-lint` executable next to the test bundle.
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
    var stdout: String
    var stderr: String
}

/// Runs the tool with arguments in a working directory.
func runTool(_ args: [String], cwd: URL, env: [String: String] = [:]) throws -> ToolResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: toolPath)
    p.arguments = args
    p.currentDirectoryURL = cwd
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment.removeValue(forKey: "GITHUB_ACTIONS")
    for (k, v) in env { environment[k] = v }
    p.environment = environment
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    // Read both pipes concurrently so a large report cannot deadlock.
    let group = DispatchGroup()
    nonisolated(unsafe) var outData = Data(), errData = Data()
    group.enter()
    DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    group.enter()
    DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    group.wait()
    p.waitUntilExit()
    return ToolResult(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
}

/// One line per diagnostic, as in golden `.out` files.
func goldenLines(_ diags: [Diagnostic]) -> String {
    diags.map { "\($0.file):\($0.range.start.line):\($0.range.start.column): \($0.severity.rawValue): \($0.message) [\($0.rule)]\n" }.joined()
}
