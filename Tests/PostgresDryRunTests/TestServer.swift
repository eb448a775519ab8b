import Foundation
import LintCore
import Testing
@testable import PostgresDryRun

/// One embedded server for the whole test run, started on first use and
/// stopped (directory removed) at process exit.
final class TestServer: @unchecked Sendable {
    static let shared = TestServer()

    private let lock = Lock()
    private var server: EmbeddedPostgres?
    private var failure: String?

    func get() throws -> EmbeddedPostgres {
        try lock.withLock {
            if let server { return server }
            if let failure { throw PostgresSetupError(failure) }
            do {
                let s = try EmbeddedPostgres.start(timeout: 90)
                server = s
                atexit { TestServer.shared.stop() }
                return s
            } catch {
                failure = "\(error)"
                throw error
            }
        }
    }

    func stop() {
        let s = lock.withLock { () -> EmbeddedPostgres? in
            let s = server
            server = nil
            return s
        }
        s?.stop()
    }

    /// An admin connection to the shared server.
    func admin() throws -> PGConnection {
        try PGConnection(try get().conninfo)
    }
}
