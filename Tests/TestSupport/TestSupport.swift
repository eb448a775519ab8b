import Foundation
import LintCore
#if canImport(Glibc)
import Glibc
#endif

// Helpers shared by the test targets: the repository, temporary
// directories, and running the built `clubos-lint` executable.

/// Repository root, found from this file's path (Tests/TestSupport/…).
public let repoRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The shared conformance suites live beside the repository; tests skip when absent.
public let sharedTestsuites: URL = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/testsuites")

/// A fresh temporary directory; the caller removes it.
public func makeTempDir() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("clubos-lint-test-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `text` to `url`, creating the parent directories.
public func write(_ text: String, to url: URL) throws {
    try write(Array(text.utf8), to: url)
}

public func write(_ bytes: [UInt8], to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
}

/// The built `clubos-lint` executable (`swift build --product clubos-lint`).
public let toolPath: String = {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("clubos-lint").path
    if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    for dir in [".build/debug", ".build/x86_64-unknown-linux-gnu/debug", ".build/aarch64-unknown-linux-gnu/debug"] {
        let p = repoRoot.appendingPathComponent(dir).appendingPathComponent("clubos-lint").path
        if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return beside
}()

public struct ToolResult {
    public var status: Int32
    /// True when the process ended by a signal (a crash).
    public var signaled: Bool
    public var stdout: String
    public var stderr: String
    public var stdoutBytes: Data

    public init(status: Int32, signaled: Bool = false, stdout: String, stderr: String, stdoutBytes: Data? = nil) {
        self.status = status
        self.signaled = signaled
        self.stdout = stdout
        self.stderr = stderr
        self.stdoutBytes = stdoutBytes ?? Data(stdout.utf8)
    }

    /// Not a crash: exited normally with 0, 1 or 2.
    public var exitedCleanly: Bool { !signaled && (0...2).contains(status) }
}

/// Runs the tool with arguments in a working directory; both pipes are read
/// concurrently so a large report cannot deadlock. A run longer than
/// `timeout` seconds is killed (and reported as signaled) so a hang fails the
/// test instead of stalling the suite.
public func runTool(_ args: [String], cwd: URL, env: [String: String] = [:], timeout: Double = 300) throws -> ToolResult {
    try LaunchedTool(args, cwd: cwd, env: env).finish(timeout: timeout)
}

/// The tool running in the background, for tests that act while it runs
/// (send a signal, hold a lock). `finish` collects its result.
public final class LaunchedTool: @unchecked Sendable {
    public let process = Process()
    private let out = Pipe(), err = Pipe()
    private let group = DispatchGroup()
    private let lock = Lock()
    private var outData = Data(), errData = Data()

    /// - Parameters:
    ///   - env: variables to set; a value of "" removes the variable.
    ///   - stderr: where standard error goes (e.g. a terminal) instead of a
    ///     pipe; the result's `stderr` is then empty.
    ///   - runner: a command that runs the tool (e.g. `runuser -u postgres --`).
    public init(_ args: [String], cwd: URL, env: [String: String] = [:], stderr: FileHandle? = nil, runner: [String] = []) throws {
        let command = runner + [toolPath] + args
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.currentDirectoryURL = cwd
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.removeValue(forKey: "GITHUB_ACTIONS")
        environment.removeValue(forKey: "GITHUB_STEP_SUMMARY")
        for (k, v) in env { environment[k] = v.isEmpty ? nil : v }
        process.environment = environment
        process.standardOutput = out
        process.standardError = stderr ?? err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        if stderr != nil { try? err.fileHandleForWriting.close() }
        group.enter()
        DispatchQueue.global().async { [self] in
            let d = out.fileHandleForReading.readDataToEndOfFile()
            lock.withLock { outData = d }
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async { [self] in
            let d = err.fileHandleForReading.readDataToEndOfFile()
            lock.withLock { errData = d }
            group.leave()
        }
    }

    public var pid: Int32 { process.processIdentifier }

    public func signal(_ sig: Int32) { kill(process.processIdentifier, sig) }

    /// Waits for the exit; after `timeout` seconds the process is killed and
    /// the result is reported as signaled. Never waits much longer than
    /// `timeout`: Foundation sees the exit only once every process holding
    /// the tool's descriptors has exited, so a leaked child would hang here.
    public func finish(timeout: Double = 120) -> ToolResult {
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let pipesClosed = group.wait(timeout: .now() + timeout + 10) == .success
        let exited = waitUntil(seconds: pipesClosed ? timeout + 10 : 1) { !process.isRunning }
        watchdog.cancel()
        let (o, e) = lock.withLock { (outData, errData) }
        guard pipesClosed, exited else {
            return ToolResult(status: -1, signaled: true, stdout: String(decoding: o, as: UTF8.self),
                              stderr: "the tool's exit was never seen (a process it started may still hold its descriptors)",
                              stdoutBytes: o)
        }
        return ToolResult(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                          stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self),
                          stdoutBytes: o)
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
}

/// Polls `condition` every 20 ms until it holds or `seconds` pass.
public func waitUntil(seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    repeat {
        if try condition() { return true }
        usleep(20_000)
    } while Date() < deadline
    return false
}

/// A pseudo-terminal: `terminal` is the side a child writes to (it passes
/// `isatty`), `output()` reads what was written once every writer closed it.
public final class PseudoTerminal: @unchecked Sendable {
    public let terminal: FileHandle
    private let controller: Int32

    public init() throws {
        // posix_openpt & co. are not in Swift's Glibc module (X/Open declarations).
        typealias IntFunction = @convention(c) (Int32) -> Int32
        typealias NameFunction = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
        func symbol<T>(_ name: String, _ type: T.Type) -> T? {
            dlsym(UnsafeMutableRawPointer(bitPattern: 0), name).map { unsafeBitCast($0, to: type) }
        }
        guard let openpt = symbol("posix_openpt", IntFunction.self), let grant = symbol("grantpt", IntFunction.self),
              let unlock = symbol("unlockpt", IntFunction.self), let ptsname = symbol("ptsname", NameFunction.self) else {
            throw CocoaError(.featureUnsupported)
        }
        let master = openpt(O_RDWR | O_NOCTTY)
        guard master >= 0, grant(master) == 0, unlock(master) == 0, let name = ptsname(master) else {
            throw CocoaError(.fileReadUnknown)
        }
        let slave = open(String(cString: name), O_RDWR | O_NOCTTY)
        guard slave >= 0 else {
            close(master)
            throw CocoaError(.fileReadUnknown)
        }
        // No output processing: bytes arrive as written (no \n → \r\n).
        var attributes = termios()
        if tcgetattr(slave, &attributes) == 0 {
            attributes.c_oflag &= ~tcflag_t(OPOST)
            tcsetattr(slave, TCSANOW, &attributes)
        }
        controller = master
        terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
    }

    /// Closes this process's copy of the terminal side and reads everything
    /// written until the last writer closed it.
    public func output() -> String {
        try? terminal.close()
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(controller, &buffer, buffer.count)
            if n > 0 { bytes += buffer[0..<n] } else if n < 0 && errno == EINTR { continue } else { break }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    deinit { close(controller) }
}
