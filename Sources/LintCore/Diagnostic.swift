public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable, Codable {
    case info, warning, error

    var rank: Int { switch self { case .info: 0; case .warning: 1; case .error: 2 } }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A finding: rule id (`domain/name`), severity, message, file range and optional help.
public struct Diagnostic: Sendable, Hashable {
    public var rule: String
    public var severity: Severity
    public var message: String
    public var file: String
    public var range: SourceRange
    public var help: String?

    public init(rule: String, severity: Severity, message: String, file: String, range: SourceRange, help: String? = nil) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.file = file
        self.range = range
        self.help = help
    }

    /// Deterministic report order: file, line, column, rule, message.
    public static func sortOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if a.range.start.line != b.range.start.line { return a.range.start.line < b.range.start.line }
        if a.range.start.column != b.range.start.column { return a.range.start.column < b.range.start.column }
        if a.rule != b.rule { return a.rule < b.rule }
        return a.message < b.message
    }
}

/// Library code never prints: it hands diagnostics to a consumer.
public protocol DiagnosticConsumer: AnyObject {
    func consume(_ diagnostic: Diagnostic)
}

/// A thread-safe consumer that collects diagnostics in memory.
public final class DiagnosticCollector: DiagnosticConsumer, @unchecked Sendable {
    private var storage: [Diagnostic] = []
    private let lock = Lock()

    public init() {}

    public func consume(_ diagnostic: Diagnostic) {
        lock.withLock { storage.append(diagnostic) }
    }

    public func consume(contentsOf diagnostics: [Diagnostic]) {
        lock.withLock { storage.append(contentsOf: diagnostics) }
    }

    public var diagnostics: [Diagnostic] { lock.withLock { storage } }
    public var sorted: [Diagnostic] { diagnostics.sorted(by: Diagnostic.sortOrder) }
}
