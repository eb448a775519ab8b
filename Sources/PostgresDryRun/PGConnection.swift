import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LintCore

/// An error reported by libpq or by the server, with the fields of the
/// server's error report.
public struct PGError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Five-character SQLSTATE code (e.g. `42601`), nil for client-side errors.
    public var sqlState: String?
    /// The primary message (password-masked).
    public var message: String
    public var detail: String?
    public var hint: String?
    /// 1-based character (not byte) position in the statement text that the
    /// server reported (`PG_DIAG_STATEMENT_POSITION`), if any.
    public var position: Int?
    /// The server's context line (e.g. the PL/pgSQL line), if any.
    public var context: String?

    public init(sqlState: String? = nil, message: String, detail: String? = nil, hint: String? = nil,
                position: Int? = nil, context: String? = nil) {
        self.sqlState = sqlState
        self.message = maskPassword(in: message)
        self.detail = detail.map { maskPassword(in: $0) }
        self.hint = hint.map { maskPassword(in: $0) }
        self.position = position
        self.context = context.map { maskPassword(in: $0) }
    }

    /// `SQLSTATE xxxxx: message`, or the bare message for client-side errors.
    public var description: String {
        if let s = sqlState { return "SQLSTATE \(s): \(message)" }
        return message
    }
}

/// The rows of a successful statement. All values are returned in text form.
public struct PGResult: Sendable, Hashable {
    public var columns: [String]
    public var rows: [[String?]]
    /// The command tag, e.g. `CREATE TABLE` or `SELECT 3`.
    public var commandStatus: String

    public init(columns: [String] = [], rows: [[String?]] = [], commandStatus: String = "") {
        self.columns = columns
        self.rows = rows
        self.commandStatus = commandStatus
    }
}

/// One libpq connection. Statements run with `PQexec` (the simple query
/// protocol), so a string may hold several statements and DO blocks.
///
/// Concurrency: a connection must be used from one thread at a time. The
/// class is `@unchecked Sendable` so that it can be handed to another task or
/// thread, but callers must not use one connection concurrently. The one
/// exception is `cancelRunningStatement`, which another thread (a signal
/// handler's) may call at any time. The connection is closed by `close()` or,
/// at the latest, in `deinit`.
public final class PGConnection: @unchecked Sendable {
    private var handle: OpaquePointer?
    /// Guards `cancel`, `running` and `started` (used across threads).
    private let state = Lock()
    /// libpq's cancel object for this connection (`PQgetCancel`).
    private var cancel: OpaquePointer?
    /// True while `exec` waits for the server.
    private var running = false
    /// Number of statements started, to tell one `exec` from the next.
    private var started = 0

    /// Connects with a libpq conninfo string or a `postgresql://` URL.
    /// - Parameters:
    ///   - database: when given, overrides the database named in `conninfo`.
    ///   - connectTimeout: seconds before giving up on the connection attempt.
    public init(_ conninfo: String, database: String? = nil, connectTimeout: Int = 10) throws(PGError) {
        var keys = ["dbname", "connect_timeout", "client_encoding", "application_name"]
        var values = [conninfo, String(max(2, connectTimeout)), "UTF8", "clubos-lint"]
        if let database {
            // With expand_dbname only the first dbname is expanded as a
            // conninfo; later dbname entries are plain database names.
            keys.append("dbname")
            values.append(database)
        }
        let conn: OpaquePointer? = withCStringArray(keys) { k in
            withCStringArray(values) { v in
                PQconnectdbParams(k, v, 1)
            }
        }
        guard let conn else {
            throw PGError(message: "could not allocate a libpq connection")
        }
        if PQstatus(conn) != CONNECTION_OK {
            let message = PGConnection.trimmed(PQerrorMessage(conn).map { String(cString: $0) } ?? "connection failed")
            PQfinish(conn)
            throw PGError(message: "could not connect to \(maskPassword(in: conninfo)): \(message)")
        }
        // The default notice processor writes to stderr; library code never prints.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        self.handle = conn
        self.cancel = PQgetCancel(conn)
    }

    deinit { close() }

    /// Closes the connection (idempotent).
    public func close() {
        state.withLock {
            if let c = cancel { PQfreeCancel(c) }
            cancel = nil
        }
        if let h = handle {
            PQfinish(h)
            handle = nil
        }
    }

    public var isOpen: Bool { handle.map { PQstatus($0) == CONNECTION_OK } ?? false }

    /// The server's process id for this session.
    public var backendPID: Int32 { handle.map { PQbackendPID($0) } ?? 0 }

    /// Asks the server to cancel the statement this connection is running,
    /// then waits up to `seconds` for that statement to end (cancelled, or
    /// finished first). Callable from any thread. True when no statement of
    /// this connection is running any more.
    @discardableResult
    public func cancelRunningStatement(waitingUpTo seconds: Double) -> Bool {
        let statement = state.withLock { () -> Int? in
            guard running, let c = cancel else { return nil }
            var buffer = [CChar](repeating: 0, count: 256)
            _ = PQcancel(c, &buffer, Int32(buffer.count))
            return started
        }
        guard let statement else { return true }
        return poll(seconds: seconds) { state.withLock { !(running && started == statement) } }
    }

    /// Runs `sql` (one or several statements) and returns the last result.
    @discardableResult
    public func exec(_ sql: String) throws(PGError) -> PGResult {
        guard let conn = handle else { throw PGError(message: "the connection is closed") }
        state.withLock {
            running = true
            started += 1
        }
        defer { state.withLock { running = false } }
        guard let first = PQexec(conn, sql) else {
            throw PGError(message: PGConnection.trimmed(PQerrorMessage(conn).map { String(cString: $0) } ?? "out of memory"))
        }
        var res: OpaquePointer? = first
        var outcome: Result<PGResult, PGError> = .success(PGResult())
        // PQexec returns one result, except in COPY states where the copy must
        // be finished and the remaining results drained.
        while let r = res {
            let status = PQresultStatus(r)
            var isCopy = false
            switch status {
            case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_SINGLE_TUPLE:
                if case .success = outcome { outcome = .success(PGConnection.rows(of: r)) }
            case PGRES_COPY_IN:
                isCopy = true
                _ = PQputCopyEnd(conn, "COPY FROM STDIN is not supported by the dry run")
                outcome = .failure(PGError(message: "COPY FROM STDIN is not supported by clubos-lint; load data with INSERT statements"))
            case PGRES_COPY_OUT:
                isCopy = true
                var buffer: UnsafeMutablePointer<CChar>? = nil
                while PQgetCopyData(conn, &buffer, 0) > 0 {
                    if let b = buffer { PQfreemem(b) }
                    buffer = nil
                }
            default:
                if case .success = outcome { outcome = .failure(PGConnection.error(of: r, conn: conn)) }
            }
            PQclear(r)
            res = isCopy ? PQgetResult(conn) : nil
        }
        while let extra = PQgetResult(conn) { PQclear(extra) }
        return try outcome.get()
    }

    /// Runs a query and returns its rows.
    public func query(_ sql: String) throws(PGError) -> [[String?]] {
        try exec(sql).rows
    }

    /// A string literal with quotes escaped (`'it''s'`).
    public static func literal(_ s: String) -> String {
        "'" + s.replacing("'", with: "''") + "'"
    }

    /// A quoted identifier (`"a""b"`).
    public static func identifier(_ s: String) -> String {
        "\"" + s.replacing("\"", with: "\"\"") + "\""
    }

    private static func rows(of r: OpaquePointer) -> PGResult {
        let nf = Int(PQnfields(r)), nt = Int(PQntuples(r))
        var columns: [String] = []
        columns.reserveCapacity(nf)
        for c in 0..<nf { columns.append(PQfname(r, Int32(c)).map { String(cString: $0) } ?? "") }
        var rows: [[String?]] = []
        rows.reserveCapacity(nt)
        for t in 0..<nt {
            var row: [String?] = []
            row.reserveCapacity(nf)
            for c in 0..<nf {
                if PQgetisnull(r, Int32(t), Int32(c)) != 0 {
                    row.append(nil)
                } else {
                    row.append(PQgetvalue(r, Int32(t), Int32(c)).map { String(cString: $0) })
                }
            }
            rows.append(row)
        }
        let status = PQcmdStatus(r).map { String(cString: $0) } ?? ""
        return PGResult(columns: columns, rows: rows, commandStatus: status)
    }

    private static func field(_ r: OpaquePointer, _ code: UInt8) -> String? {
        guard let p = PQresultErrorField(r, Int32(code)) else { return nil }
        let s = String(cString: p)
        return s.isEmpty ? nil : s
    }

    private static func error(of r: OpaquePointer, conn: OpaquePointer) -> PGError {
        let sqlState = field(r, UInt8(ascii: "C"))
        var message = field(r, UInt8(ascii: "M"))
        if message == nil {
            message = trimmed(PQresultErrorMessage(r).map { String(cString: $0) } ?? "")
            if message?.isEmpty ?? true {
                message = trimmed(PQerrorMessage(conn).map { String(cString: $0) } ?? "unknown error")
            }
        }
        let position = field(r, UInt8(ascii: "P")).flatMap { Int($0) }
        return PGError(
            sqlState: sqlState, message: message ?? "unknown error",
            detail: field(r, UInt8(ascii: "D")), hint: field(r, UInt8(ascii: "H")),
            position: position, context: field(r, UInt8(ascii: "W")))
    }

    static func trimmed(_ s: String) -> String {
        var scalars = Substring(s)
        while let last = scalars.last, last == "\n" || last == " " || last == "\r" { scalars.removeLast() }
        return String(scalars)
    }
}

/// Calls `body` with a NULL-terminated C array of C strings.
private func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for p in pointers { free(p) } }
    return pointers.withUnsafeBufferPointer { buf in
        buf.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buf.count) { body($0) }
    }
}

