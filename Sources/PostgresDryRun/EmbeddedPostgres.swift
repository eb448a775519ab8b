import Foundation
import LintCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure to prepare the database environment (server binaries, server
/// start-up, throwaway database). Messages are password-masked and say what to do.
public struct PostgresSetupError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = maskPassword(in: message) }
    public var description: String { message }
}

/// A private PostgreSQL server for one run: `initdb` into a fresh temporary
/// directory, unix socket only (no TCP), durability switched off for speed.
/// `stop()` stops it (`pg_ctl -m immediate`) and removes the directory; it is
/// also registered with `DryRunCleanup.shared` so a signal handler can stop it.
///
/// When running as root, `initdb` and `pg_ctl` (which refuse root) run as the
/// `postgres` user through `runuser` (or `su`).
public final class EmbeddedPostgres: @unchecked Sendable {
    /// The temporary directory holding the data directory, socket and logs.
    public let directory: String
    public let binDirectory: String
    /// The superuser created by `initdb`.
    public let user = "postgres"
    public let port = 5432
    private enum State { case running, stopping, stopped }
    private let lock = Lock()
    private var state = State.running
    /// The server tool running now (`initdb`, `pg_ctl`), so that `stop()`
    /// called from a signal handler can end it.
    private var child: (pid: pid_t, tool: String)? = nil

    /// Directory of the unix socket (the temporary directory).
    public var socketDirectory: String { directory }
    var dataDirectory: String { directory + "/data" }
    var serverLog: String { directory + "/server.log" }

    /// A key/value conninfo for the `postgres` database of this server.
    public var conninfo: String {
        "host='\(directory)' port=\(port) user=\(user) dbname=postgres"
    }

    /// `postgresql://postgres@/postgres?host=<socket dir>&port=5432`.
    public var connectionURL: String {
        "postgresql://\(user)@/postgres?host=\(percentEncode(directory))&port=\(port)"
    }

    /// Adopts an existing server directory (used by the sweep and by tests).
    init(directory: String, binDirectory: String) {
        self.directory = directory
        self.binDirectory = binDirectory
    }

    deinit { stop() }

    /// The newest `/usr/lib/postgresql/<version>/bin` holding `initdb`, `pg_ctl` and `postgres`.
    public static func findBinDirectory() -> String? {
        let fm = FileManager.default
        var candidates: [(Int, String)] = []
        let base = "/usr/lib/postgresql"
        for name in (try? fm.contentsOfDirectory(atPath: base)) ?? [] {
            let bin = "\(base)/\(name)/bin"
            guard hasServerBinaries(bin) else { continue }
            let major = Int(name.split(separator: ".").first ?? "") ?? 0
            candidates.append((major, bin))
        }
        if let best = candidates.max(by: { $0.0 < $1.0 }) { return best.1 }
        // Fall back to PATH (e.g. Homebrew or a custom build).
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            if hasServerBinaries(String(dir)) { return String(dir) }
        }
        return nil
    }

    private static func hasServerBinaries(_ dir: String) -> Bool {
        let fm = FileManager.default
        return ["initdb", "pg_ctl", "postgres"].allSatisfy { fm.isExecutableFile(atPath: "\(dir)/\($0)") }
    }

    /// Creates and starts a server. Throws a `PostgresSetupError` that says
    /// what to install or fix when that is not possible.
    /// - Parameter timeout: seconds allowed for each of `initdb` and `pg_ctl start`.
    public static func start(binDirectory: String? = nil, timeout: Double = 120) throws -> EmbeddedPostgres {
        guard let bin = binDirectory ?? findBinDirectory() else {
            throw PostgresSetupError(
                "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found under /usr/lib/postgresql/*/bin or on PATH; "
                    + "install them (Debian/Ubuntu: `apt-get install postgresql`) or pass a database URL instead")
        }
        guard hasServerBinaries(bin) else {
            throw PostgresSetupError("\(bin) does not contain initdb, pg_ctl and postgres; install the `postgresql` package")
        }
        sweepStale()
        var template = Array("\(tempPrefix)XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw PostgresSetupError("cannot create a temporary directory under /tmp: \(String(cString: strerror(errno)))")
        }
        let dir = String(cString: made)
        let server = EmbeddedPostgres(directory: dir, binDirectory: bin)
        // Registered before initdb: a signal during set-up must remove it too.
        DryRunCleanup.shared.register(server)
        do {
            try server.setUp(timeout: timeout)
        } catch {
            server.stop()
            throw error
        }
        return server
    }

    public static let tempPrefix = "/tmp/clubos-lint-pg-"
    static let ownerFileName = "clubos-lint.owner"

    /// Stops and removes embedded server directories left by runs whose
    /// process is gone (killed before it could clean up). A directory is
    /// only touched when its owner file names a pid that no longer exists.
    /// Returns the removed directories.
    @discardableResult
    public static func sweepStale(prefix: String = tempPrefix) -> [String] {
        let fm = FileManager.default
        let parent = (prefix as NSString).deletingLastPathComponent
        let namePrefix = (prefix as NSString).lastPathComponent
        var removed: [String] = []
        for name in (try? fm.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix(namePrefix) {
            let dir = parent + "/" + name
            guard let owner = try? String(contentsOfFile: dir + "/" + ownerFileName, encoding: .utf8),
                  let pid = Int32(owner.trimmingCharacters(in: .whitespacesAndNewlines)),
                  !ThrowawayDatabase.processIsAlive(pid) else { continue }
            let stale = EmbeddedPostgres(directory: dir, binDirectory: findBinDirectory() ?? "")
            if fm.fileExists(atPath: stale.dataDirectory + "/postmaster.pid"), !stale.binDirectory.isEmpty {
                _ = try? stale.runServerTool(
                    "pg_ctl", ["-D", stale.dataDirectory, "-m", "immediate", "-w", "-t", "30", "-s", "stop"],
                    log: dir + "/stop.log", timeout: 40)
            }
            // Only remove it once no server runs there any more.
            guard !fm.fileExists(atPath: stale.dataDirectory + "/postmaster.pid") else {
                stale.lock.withLock { stale.state = .stopped }
                continue
            }
            stale.lock.withLock { stale.state = .stopped }
            if (try? fm.removeItem(atPath: dir)) != nil { removed.append(dir) }
        }
        return removed
    }

    private func setUp(timeout: Double) throws {
        // Mark the directory as ours so a later run can sweep it if we are killed.
        guard writeTextFile(directory + "/" + Self.ownerFileName, "\(getpid())\n") else {
            throw PostgresSetupError("cannot write \(directory)/\(Self.ownerFileName)")
        }
        if geteuid() == 0 {
            guard let pw = getpwnam("postgres") else {
                throw PostgresSetupError(
                    "initdb refuses to run as root and there is no `postgres` user to run it as; "
                        + "run clubos-lint as a normal user or install the `postgresql` package, which creates that user")
            }
            guard chown(directory, pw.pointee.pw_uid, pw.pointee.pw_gid) == 0 else {
                throw PostgresSetupError("cannot give \(directory) to the postgres user: \(String(cString: strerror(errno)))")
            }
        }
        let setupLog = directory + "/setup.log"
        let initStatus = try runServerTool(
            "initdb",
            ["-D", dataDirectory, "-U", user, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions"],
            log: setupLog, timeout: timeout)
        guard initStatus == 0 else {
            throw PostgresSetupError("initdb failed (exit \(initStatus)): \(tail(of: setupLog))")
        }
        let settings = """

            # clubos-lint embedded server: unix socket only, no durability.
            listen_addresses = ''
            unix_socket_directories = '\(directory)'
            port = \(port)
            fsync = off
            full_page_writes = off
            synchronous_commit = off
            shared_buffers = 32MB
            max_connections = 40
            logging_collector = off

            """
        guard let handle = FileHandle(forWritingAtPath: dataDirectory + "/postgresql.conf") else {
            throw PostgresSetupError("cannot write \(dataDirectory)/postgresql.conf")
        }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(settings.utf8))

        let startStatus = try runServerTool(
            "pg_ctl", ["-D", dataDirectory, "-l", serverLog, "-w", "-t", String(Int(timeout)), "-s", "start"],
            log: setupLog, timeout: timeout + 5)
        guard startStatus == 0 else {
            throw PostgresSetupError("pg_ctl start failed (exit \(startStatus)): \(tail(of: setupLog)) \(tail(of: serverLog))")
        }
    }

    /// Gives up ownership without stopping: the server keeps running after
    /// this process exits (for `--keep`), and is no longer stopped by
    /// `stop()`, `deinit` or `DryRunCleanup`.
    public func leaveRunning() {
        lock.withLock { state = .stopped }
        DryRunCleanup.shared.unregister(self)
        // A sweep must not remove it either: the owner file names a live process no more.
        try? FileManager.default.removeItem(atPath: directory + "/" + Self.ownerFileName)
    }

    /// Stops the server immediately and removes its directory (idempotent).
    ///
    /// Safe to call from another thread while `start` is still setting the
    /// server up (a signal handler does): a running `initdb` is killed, a
    /// running `pg_ctl start` is given 10 seconds to finish, and no further
    /// tool is started. A second caller waits until the first has finished.
    public func stop() {
        let (first, running) = lock.withLock { () -> (Bool, (pid: pid_t, tool: String)?) in
            guard state == .running else { return (false, nil) }
            state = .stopping
            return (true, child)
        }
        guard first else {
            // Another thread is stopping it: return once it is gone.
            _ = poll(seconds: 90) { lock.withLock { state == .stopped } }
            return
        }
        defer {
            lock.withLock { state = .stopped }
            DryRunCleanup.shared.unregister(self)
        }
        let fm = FileManager.default
        if let running {
            // The thread that started the tool reaps it and clears `child`.
            if running.tool == "pg_ctl" { _ = waitForChild(seconds: 10) }
            if lock.withLock({ child != nil }) {
                kill(-running.pid, SIGKILL)
                _ = waitForChild(seconds: 10)
            }
            if running.tool == "pg_ctl" {
                // A postmaster launched just before pg_ctl was killed writes its pid file at once.
                _ = poll(seconds: 2) { fm.fileExists(atPath: dataDirectory + "/postmaster.pid") }
            }
        }
        if fm.fileExists(atPath: dataDirectory + "/postmaster.pid") {
            let status = (try? runServerTool(
                "pg_ctl", ["-D", dataDirectory, "-m", "immediate", "-w", "-t", "30", "-s", "stop"],
                log: directory + "/stop.log", timeout: 40, whileStopping: true)) ?? -1
            if status != 0, let pidText = try? String(contentsOfFile: dataDirectory + "/postmaster.pid", encoding: .utf8),
               let first = pidText.split(separator: "\n").first, let pid = Int32(first.trimmingCharacters(in: .whitespaces)), pid > 0 {
                kill(pid, SIGKILL)
            }
        }
        try? fm.removeItem(atPath: directory)
    }

    /// Waits until no server tool runs; false after `seconds`.
    private func waitForChild(seconds: Double) -> Bool {
        poll(seconds: seconds) { lock.withLock { child == nil } }
    }

    /// Runs a server binary, as the postgres user when we are root.
    /// Only `stop()` itself runs a tool (`whileStopping`) once stopping began.
    private func runServerTool(_ tool: String, _ args: [String], log: String, timeout: Double, whileStopping: Bool = false) throws -> Int32 {
        let exe = "\(binDirectory)/\(tool)"
        var argv = [exe] + args
        if geteuid() == 0 {
            if let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            }) {
                argv = [runuser, "-u", "postgres", "--"] + argv
            } else {
                let command = argv.map(shellQuote).joined(separator: " ")
                argv = ["/bin/su", "postgres", "-s", "/bin/sh", "-c", command]
            }
        }
        return try runProcess(argv, log: log, timeout: timeout, started: { pid in
            self.lock.withLock {
                guard self.state == .running || whileStopping else { return false }
                if !whileStopping { self.child = (pid, tool) }
                return true
            }
        }, ended: {
            if !whileStopping { self.lock.withLock { self.child = nil } }
        })
    }

    private func tail(of path: String) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "" }
        let lines = text.split(separator: "\n").suffix(8)
        return lines.joined(separator: " | ")
    }
}

/// Runs `argv` with stdout and stderr appended to `log`, killing it after
/// `timeout` seconds. Uses `posix_spawn` + `waitpid` rather than Foundation's
/// `Process`, whose termination detection waits for every descendant holding
/// an inherited descriptor (the postmaster started by `pg_ctl` never exits).
/// The child gets its own process group so a terminal Ctrl-C reaches only us,
/// and our cleanup (dropping databases, stopping the server) can still run.
///
/// `started` is called with the child's pid right after it is spawned; when it
/// returns false the child's process group is killed at once. `ended` is
/// called once the child has been reaped.
func runProcess(_ argv: [String], log: String, timeout: Double,
                started: (pid_t) -> Bool = { _ in true }, ended: () -> Void = {}) throws -> Int32 {
    guard let exe = argv.first else { throw PostgresSetupError("empty command") }
    #if canImport(Darwin)
    var actions: posix_spawn_file_actions_t? = nil
    var attributes: posix_spawnattr_t? = nil
    #else
    var actions = posix_spawn_file_actions_t()
    var attributes = posix_spawnattr_t()
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    #if canImport(Glibc)
    closeInheritedDescriptors(&actions)
    #endif
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for sig in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD] { sigaddset(&defaults, sig) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

    var env = ProcessInfo.processInfo.environment
    env["LC_ALL"] = "C"
    env["LANG"] = "C"
    let envStrings = env.map { "\($0.key)=\($0.value)" }
    var argvC: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    var envC: [UnsafeMutablePointer<CChar>?] = envStrings.map { strdup($0) } + [nil]
    defer {
        for p in argvC { free(p) }
        for p in envC { free(p) }
    }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, exe, &actions, &attributes, &argvC, &envC)
    guard rc == 0 else {
        throw PostgresSetupError("cannot run \(exe): \(String(cString: strerror(rc)))")
    }
    defer { ended() }
    if !started(pid) { kill(-pid, SIGKILL) }
    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, timeout) * 1_000_000_000)
    var status: Int32 = 0
    while true {
        let r = waitpid(pid, &status, WNOHANG)
        if r == pid { break }
        if r == -1 && errno != EINTR {
            throw PostgresSetupError("lost track of \(exe): \(String(cString: strerror(errno)))")
        }
        if DispatchTime.now().uptimeNanoseconds > deadline {
            kill(-pid, SIGKILL)
            _ = waitpid(pid, &status, 0)
            throw PostgresSetupError("\(exe) did not finish within \(Int(timeout)) seconds")
        }
        usleep(10_000)
    }
    // WIFEXITED / WEXITSTATUS / WTERMSIG are macros that Swift does not import.
    if status & 0x7f == 0 { return (status >> 8) & 0xff }
    return 128 + (status & 0x7f)
}

/// Adds spawn actions closing every descriptor above 2, so nothing of ours
/// reaches the tool or the postmaster it starts: an inherited descriptor would
/// outlive this process (a report being written, the pipe or socket a parent
/// waits on to see us exit). glibc's `posix_spawn_file_actions_addclosefrom_np`
/// (2.34+, declared only under _GNU_SOURCE) is looked up at run time; without
/// it, the descriptors open now are closed one by one.
#if canImport(Glibc)
private func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
        let closeFrom = unsafeBitCast(symbol, to: CloseFrom.self)
        if closeFrom(&actions, 3) == 0 { return }
    }
    let open = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
    for fd in open where fd > 2 && fcntl(fd, F_GETFD) != -1 {
        posix_spawn_file_actions_addclose(&actions, fd)
    }
}
#endif

/// Checks `condition` every 10 ms until it holds (true) or `seconds` pass (false).
func poll(seconds: Double, until condition: () -> Bool) -> Bool {
    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, seconds) * 1_000_000_000)
    while !condition() {
        if DispatchTime.now().uptimeNanoseconds >= deadline { return false }
        usleep(10_000)
    }
    return true
}

func writeTextFile(_ path: String, _ text: String) -> Bool {
    FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
}

func shellQuote(_ s: String) -> String {
    "'" + s.replacing("'", with: "'\\''") + "'"
}

func percentEncode(_ s: String) -> String {
    var out = ""
    for b in s.utf8 {
        let c = Character(Unicode.Scalar(b))
        if c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_" || c == "." || c == "~") {
            out.append(c)
        } else {
            let hex = String(b, radix: 16, uppercase: true)
            out += "%" + (hex.count == 1 ? "0" + hex : hex)
        }
    }
    return out
}
