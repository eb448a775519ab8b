/// What a checker may read besides the file: the repository root and the
/// per-domain settings from `.clubos-lint.yaml`.
public struct CheckContext: Sendable {
    /// Absolute path of the directory the configuration applies to.
    public var root: String
    /// The `settings:` mapping of the configuration (domain name → node), if any.
    public var settings: Node?
    /// Absolute paths of all files in this run, by kind (for directory-level rules).
    public var filesByKind: [CheckerKind: [String]]
    /// The directory that `SourceFile.path` is relative to (the working directory).
    public var cwd: String

    public init(root: String, settings: Node? = nil, filesByKind: [CheckerKind: [String]] = [:], cwd: String? = nil) {
        self.root = root
        self.settings = settings
        self.filesByKind = filesByKind
        self.cwd = cwd ?? root
    }

    /// The absolute path of a file's display path.
    public func absolutePath(_ path: String) -> String {
        if path.hasPrefix("/") || cwd.isEmpty { return path }
        return cwd.hasSuffix("/") ? cwd + path : cwd + "/" + path
    }

    /// The settings node for a domain (`settings.<domain>`).
    public func settings(for domain: String) -> Node? { settings?[domain] }
}

/// A checker owns one kind of input. The driver calls `check` once per file,
/// possibly from several threads at once, then `finish` once for findings
/// that span files. Checkers emit at the rule's default severity; the driver
/// applies configured severities and inline suppressions afterwards.
public protocol Checker: Sendable {
    var kind: CheckerKind { get }
    /// The rules this checker can emit.
    var rules: [RuleDescription] { get }
    func check(_ file: SourceFile, context: CheckContext) -> [Diagnostic]
    /// Cross-file findings, after every file was checked.
    func finish(context: CheckContext) -> [Diagnostic]
}

extension Checker {
    public func finish(context: CheckContext) -> [Diagnostic] { [] }
}
