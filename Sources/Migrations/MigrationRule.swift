import LintCore

/// A per-statement migration rule. The checker walks the statements of a file
/// once and hands every rule each statement with what came before it.
public protocol MigrationRule: Sendable {
    static var description: RuleDescription { get }
    /// Whether the rule also runs on down sections / down files (syntax-level rules only).
    static var appliesToDown: Bool { get }
    func check(_ s: StatementContext, into out: inout [Diagnostic])
}

extension MigrationRule {
    public static var appliesToDown: Bool { false }
    public var description: RuleDescription { Self.description }
}

/// Facts about one table known from earlier statements.
public struct TableFacts: Sendable, Hashable {
    /// Column name → uppercased type words.
    public var columnTypes: [String: [String]] = [:]
    public var primaryKey: String?
}

/// What the statements before the current one established.
public struct FileState: Sendable {
    /// Tables created earlier in this migration (lowercased names).
    public var createdTables: Set<String> = []
    public var createdIndexes: Set<String> = []
    public var tables: [String: TableFacts] = [:]
    /// Enum label → (transaction segment, line) of the `ALTER TYPE … ADD VALUE`.
    public var enumValuesAdded: [String: (segment: Int, line: Int)] = [:]
    /// Constraint name → transaction segment of its `NOT VALID` add.
    public var notValidConstraints: [String: Int] = [:]
    /// Constraint name → "table.column" for `CHECK (column IS NOT NULL)` constraints.
    public var notNullChecks: [String: String] = [:]
    /// "table.column" pairs with a validated `IS NOT NULL` check.
    public var validatedNotNull: Set<String> = []
    public var lockTimeoutSet = false
    /// A locking statement without lock_timeout was already reported.
    public var lockTimeoutReported = false
}

/// Whole-file facts computed before the statement walk.
public struct FileFacts: Sendable {
    /// Line of the first `CREATE … IF NOT EXISTS`, if any.
    public var firstIfNotExistsLine: Int?
    /// Line of the first bare `CREATE` of an object that supports `IF NOT EXISTS`, if any.
    public var firstBareCreateLine: Int?
    /// Start offsets of BEGIN statements (outside runner transactions) never followed by COMMIT/ROLLBACK.
    public var unclosedBegins: Set<Int> = []
}

/// One statement as seen by the rules.
public struct StatementContext: Sendable {
    public let view: StatementView
    public let file: SourceFile
    public let direction: MigrationDirection
    /// True when the statement runs inside a transaction (the runner's or an explicit one).
    public let inTransaction: Bool
    /// True when the runner wraps this section in its own transaction.
    public let runnerTransaction: Bool
    /// True when the section is not wrapped by the runner but is sent as one multi-statement
    /// query, which PostgreSQL runs as one implicit transaction.
    public let implicitTransaction: Bool
    /// Statements in the same segment run in one transaction.
    public let segment: Int
    public let state: FileState
    public let facts: FileFacts
    /// Parsed forms (nil when the statement is something else).
    public let createTable: CreateTableInfo?
    public let alterTable: AlterTableInfo?
    public let createIndex: CreateIndexInfo?
    /// Settings in effect.
    public let settings: MigrationSettings

    public var toks: [SQLToken] { view.toks }

    /// True when `table` was not created earlier in this migration.
    public func isExisting(_ table: String) -> Bool { !state.createdTables.contains(table) }

    public func range(ofToken i: Int) -> SourceRange {
        guard i >= 0, i < view.toks.count else {
            return file.range(ofBytes: view.statement.startOffset, view.statement.startOffset)
        }
        return file.range(ofBytes: view.toks[i].start, view.toks[i].end)
    }

    public func line(ofToken i: Int) -> Int { range(ofToken: i).start.line }

    /// Why the statement runs inside a transaction block, and how to get it out.
    public var transactionReason: String {
        if runnerTransaction { return "inside the runner's transaction; move it to a migration marked `transaction:false`" }
        if implicitTransaction {
            return "inside the implicit transaction PostgreSQL opens for a multi-statement query; put it alone in its own `transaction:false` migration"
        }
        return "inside the explicit BEGIN … COMMIT; move it outside the transaction"
    }

    public func diagnostic(_ rule: RuleDescription, _ message: String, at i: Int, help: String? = nil) -> Diagnostic {
        rule.diagnostic(message, file: file.path, range: range(ofToken: i), help: help)
    }
}

/// Settings of the `migration` domain (`settings.migration` in `.clubos-lint.yaml`).
public struct MigrationSettings: Sendable, Hashable {
    public enum Layout: String, Sendable, Hashable { case markers, paired, upOnly = "up-only" }
    /// The runner wraps each file in a transaction (default true).
    public var transactional = true
    /// Forced directory layout; nil auto-detects.
    public var layout: Layout?
    /// Require `SET lock_timeout` before locking DDL on existing tables (default true).
    public var lockTimeoutRequired = true
    /// The runner executes statements one at a time (psql/Flyway style) instead of sending a
    /// section as one query (node-postgres/dbmate style, the default). Only matters for
    /// non-transactional sections: one multi-statement query runs in an implicit transaction.
    public var splitStatements = false

    public init(transactional: Bool = true, layout: Layout? = nil, lockTimeoutRequired: Bool = true, splitStatements: Bool = false) {
        self.transactional = transactional
        self.layout = layout
        self.lockTimeoutRequired = lockTimeoutRequired
        self.splitStatements = splitStatements
    }

    /// Reads settings defensively: unknown keys and ill-typed values are ignored.
    public init(node: Node?) {
        self.init()
        guard let node else { return }
        func bool(_ key: String) -> Bool? {
            guard let v = node[key] else { return nil }
            if let b = v.boolValue { return b }
            switch v.scalarText?.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: return nil
            }
        }
        if let b = bool("transactional") { transactional = b }
        if let b = bool("lock-timeout-required") { lockTimeoutRequired = b }
        if let b = bool("split-statements") { splitStatements = b }
        if let s = node["layout"]?.scalarText?.lowercased() {
            switch s {
            case "markers", "marker": layout = .markers
            case "paired", "pairs": layout = .paired
            case "up-only", "uponly", "up_only": layout = .upOnly
            default: break
            }
        }
    }
}
