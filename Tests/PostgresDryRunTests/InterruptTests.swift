import Foundation
import LintCore
import Testing
@testable import PostgresDryRun
#if canImport(Glibc)
import Glibc
#endif

/// SIGINT mid-run: a child process (this test binary, running only the
/// child test below) starts a dry run with a long statement; the parent sends
/// SIGINT; the child's handler calls `DryRunCleanup.shared.dropAll()`, as the
/// CLI does, and the throwaway database must be gone.
@Suite("interruption", .timeLimit(.minutes(2)))
struct InterruptTests {
    static let childVariable = "CLUBOS_LINT_DRYRUN_SIGINT_CHILD"

    /// Runs only inside the child process started by `sigintDropsTheThrowawayDatabase`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment[InterruptTests.childVariable] != nil))
    func sigintChildDryRun() throws {
        let conninfo = try #require(ProcessInfo.processInfo.environment[Self.childVariable])
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            let problems = DryRunCleanup.shared.dropAll()
            exit(problems.isEmpty ? 130 : 1)
        }
        source.resume()
        let migration = DryRunRules.exampleMigration(path: "m/001_slow.sql", code: "SELECT pg_sleep(60);\n")
        // Dropping the database ends the running statement, so the run may
        // return before the handler exits; give the handler time to finish.
        _ = try? DryRun.run([migration], options: DryRunOptions(
            databaseURL: conninfo, productionDatabaseURL: nil, statementTimeoutMilliseconds: 90_000))
        sleep(20)
        Issue.record("the dry run should have been interrupted")
    }

    @Test(.disabled(if: ProcessInfo.processInfo.environment[InterruptTests.childVariable] != nil))
    func sigintDropsTheThrowawayDatabase() throws {
        let server = try TestServer.shared.get()
        let admin = try TestServer.shared.admin()
        defer { admin.close() }
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let child = Process()
        child.executableURL = URL(fileURLWithPath: executable)
        child.arguments = ["--testing-library", "swift-testing", "--filter", "sigintChildDryRun"]
        var env = ProcessInfo.processInfo.environment
        env[Self.childVariable] = server.conninfo
        child.environment = env
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        child.terminationHandler = { _ in exited.signal() }
        try child.run()
        defer { if child.isRunning { kill(child.processIdentifier, SIGKILL) } }

        // Wait until the child's throwaway database exists and its statement runs.
        let pattern = PGConnection.literal("clubos\\_lint\\_\(child.processIdentifier)\\_%")
        var name: String? = nil
        for _ in 0..<600 {
            let rows = try admin.query("""
                SELECT d.datname FROM pg_database d JOIN pg_stat_activity a ON a.datname = d.datname
                WHERE d.datname LIKE \(pattern) AND a.query LIKE '%pg_sleep%' AND a.state = 'active'
                """)
            if let n = rows.first?.first ?? nil { name = n; break }
            if !child.isRunning { break }
            usleep(100_000)
        }
        let database = try #require(name, "the child never started its dry run")
        kill(child.processIdentifier, SIGINT)
        #expect(exited.wait(timeout: .now() + 30) == .success)
        #expect(child.terminationStatus == 130)
        #expect(try !Fixtures.databaseExists(database))
    }
}
