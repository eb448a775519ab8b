import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LintConfig
import LintCore
import LintParsers
import RuleEngine

/// One (kind, file, rule) that was checked: JUnit lists passing ones too.
public struct CheckedRule: Sendable, Hashable {
    public var kind: CheckerKind
    public var file: String
    public var rule: String
}

public struct CheckRun: Sendable {
    /// Sorted by file, line, column, rule.
    public var diagnostics: [Diagnostic]
    public var checked: [CheckedRule]
    /// Source of files that have findings (for excerpts in reports).
    public var sources: [String: SourceFile]
    public var fileCount: Int
    public var catalog: RuleCatalog
    /// Absolute paths of the files checked (reports must never overwrite them).
    public var inputs: [String]
    /// Usage problems (a path that does not exist): the run must exit 2.
    public var usageErrors: [String]
}

public struct CheckRequest: Sendable {
    /// Paths as given on the command line (files or directories).
    public var paths: [String]
    public var jobs: Int
    /// Only check files of these kinds (nil: all).
    public var kinds: Set<CheckerKind>?
    /// Treat named files as a directory walk would: skip files no kind claims
    /// (used for changed-file runs, so a subset gives the same findings as a full run).
    public var onlyClaimedFiles: Bool
    /// Called after each file with (files done, files total), from worker threads.
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init(paths: [String], jobs: Int = 0, kinds: Set<CheckerKind>? = nil, onlyClaimedFiles: Bool = false) {
        self.paths = paths
        self.jobs = jobs
        self.kinds = kinds
        self.onlyClaimedFiles = onlyClaimedFiles
    }
}

/// A file selected for checking.
public struct SelectedFile: Sendable, Hashable {
    public var absolute: String
    /// Relative to the configuration root (used for globs).
    public var relative: String
    /// As shown in reports (relative to the working directory).
    public var shown: String
    public var kind: CheckerKind
}

/// Runs checkers over files: one traversal per file feeding every rule of its
/// kind, in parallel, then cross-file `finish`, suppressions and configured
/// severities. Diagnostics go to the returned run; nothing is printed.
public final class LintEngine: Sendable {
    public let configuration: Configuration
    public let checkers: [CheckerKind: any Checker]
    public let catalog: RuleCatalog
    public let cwd: String
    /// Declarative rules from the configured rule directories.
    public let rulesets: [Ruleset]

    public init(configuration: Configuration, checkers: [any Checker], rulesets: [Ruleset] = [], extraRules: [RuleDescription] = [], cwd: String = Paths.currentDirectory()) {
        self.rulesets = rulesets
        self.configuration = configuration
        var map: [CheckerKind: any Checker] = [:]
        for c in checkers { map[c.kind] = c }
        self.checkers = map
        var catalog = RuleCatalog(BuiltinRules.all)
        for c in checkers { for r in c.rules { catalog.add(r) } }
        for r in extraRules { catalog.add(r) }
        for set in rulesets { for r in set.rules { catalog.add(r.ruleDescription) } }
        self.catalog = catalog
        self.cwd = cwd
    }

    /// The kind for an explicit path that no configured kind claims: by extension.
    static func kindByExtension(_ path: String) -> CheckerKind? {
        let lower = path.lowercased()
        if lower.hasSuffix(".json") || lower.hasSuffix(".jsonl") { return .json }
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return .yaml }
        return nil
    }

    /// Expands command-line paths into the files to check.
    public func select(_ request: CheckRequest) -> (files: [SelectedFile], problems: [Diagnostic], usageErrors: [String]) {
        var out: [String: SelectedFile] = [:]
        var problems: [Diagnostic] = []
        var usageErrors: [String] = []
        let root = configuration.root
        for arg in request.paths.isEmpty ? ["."] : request.paths {
            let abs = Paths.absolute(arg, cwd: cwd)
            if Paths.isDirectory(abs) {
                FileWalker.walk(abs, unreadable: { dir, reason in
                    // Report a directory that hides files a kind would check;
                    // stay quiet about others (a database volume owned by another user).
                    let rel = Paths.relative(dir, to: root)
                    guard dir == abs || (configuration.isIncluded(rel + "/x") && configuration.mayClaimFiles(under: rel, kinds: request.kinds)) else { return }
                    problems.append(BuiltinRules.unreadable.diagnostic(
                        "cannot read directory \(Paths.relative(dir, to: cwd)): \(reason); the files under it were not checked",
                        file: Paths.relative(dir, to: cwd), range: .fileStart))
                }) { file in
                    let rel = Paths.relative(file, to: root)
                    guard configuration.isIncluded(rel), let kind = configuration.kind(of: rel) else { return }
                    if let k = request.kinds, !k.contains(kind) { return }
                    out[file] = SelectedFile(absolute: file, relative: rel, shown: Paths.relative(file, to: cwd), kind: kind)
                }
            } else if FileIO.exists(abs) {
                let rel = Paths.relative(abs, to: root)
                guard configuration.isIncluded(rel) else { continue }
                if request.onlyClaimedFiles, configuration.kind(of: rel) == nil { continue }
                guard let kind = configuration.kind(of: rel) ?? LintEngine.kindByExtension(rel) else {
                    if request.kinds == nil {
                        problems.append(BuiltinRules.unknownKind.diagnostic(
                            "no checker claims \(arg) and its extension is not .json, .jsonl, .yaml or .yml; it was not checked",
                            file: Paths.relative(abs, to: cwd), range: .fileStart))
                    }
                    continue
                }
                if let k = request.kinds, !k.contains(kind), kind != .json, kind != .yaml { continue }
                out[abs] = SelectedFile(absolute: abs, relative: rel, shown: Paths.relative(abs, to: cwd), kind: kind)
            } else {
                usageErrors.append("\(arg): no such file or directory")
            }
        }
        return (out.values.sorted { $0.shown < $1.shown }, problems, usageErrors)
    }

    /// Comment markers in which inline suppressions are recognised, by file type.
    static func commentMarkers(for path: String, kind: CheckerKind) -> [String] {
        let lower = path.lowercased()
        if lower.hasSuffix(".sql") { return ["--", "/*"] }
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || Paths.basename(lower).hasPrefix(".env") { return ["#"] }
        if lower.hasSuffix(".ts") || lower.hasSuffix(".js") || lower.hasSuffix(".mjs") { return ["//", "/*"] }
        if lower.hasSuffix(".prompt") || lower.hasSuffix(".md") { return ["{{!", "<!--"] }
        return []
    }

    public func run(_ request: CheckRequest) -> CheckRun {
        let (files, problems, usageErrors) = select(request)
        var filesByKind: [CheckerKind: [String]] = [:]
        for f in files { filesByKind[f.kind, default: []].append(f.absolute) }
        let context = CheckContext(root: configuration.root, settings: configuration.settings, filesByKind: filesByKind, cwd: cwd)

        let collector = DiagnosticCollector()
        let sources = SourceStore()
        let jobs = max(1, request.jobs > 0 ? request.jobs : System.coreCount)
        let next = Counter()
        let done = Counter()
        DispatchQueue.concurrentPerform(iterations: min(jobs, max(1, files.count))) { _ in
            while true {
                let i = next.increment()
                guard i < files.count else { return }
                let f = files[i]
                let result = self.checkFile(f, context: context)
                collector.consume(contentsOf: result.diagnostics)
                if let progress = request.progress { progress(done.increment() + 1, files.count) }
                if !result.diagnostics.isEmpty, let src = result.source { sources.add(src) }
            }
        }
        // Cross-file findings.
        for kind in checkers.keys.sorted() {
            guard let checker = checkers[kind], filesByKind[kind] != nil else { continue }
            let diags = checker.finish(context: context).compactMap { configuration.effective($0) }
            collector.consume(contentsOf: diags)
        }
        for p in problems { collector.consume(p) }

        var checked: [CheckedRule] = []
        for f in files {
            for rule in rulesRun(for: f) {
                checked.append(CheckedRule(kind: f.kind, file: f.shown, rule: rule))
            }
        }
        // Findings in files without a parser record (e.g. cross-file) still need a source for excerpts.
        var diags = collector.sorted
        for i in diags.indices where diags[i].file.hasPrefix("/") {
            diags[i].file = Paths.relative(diags[i].file, to: cwd)
        }
        diags.sort(by: Diagnostic.sortOrder)
        return CheckRun(diagnostics: diags, checked: checked, sources: sources.all, fileCount: files.count, catalog: catalog, inputs: files.map(\.absolute), usageErrors: usageErrors)
    }

    /// Rule ids that apply to a kind (the syntax rules of its format included), minus those turned off.
    public func rulesRun(for file: SelectedFile) -> [String] {
        var ids = checker(for: file)?.rules.map(\.id) ?? []
        ids += declarativeRules(for: file).map(\.0.id)
        ids = ids.filter { id in
            if case .off = configuration.rules[id] ?? .severity(.error) { return false }
            return true
        }
        return Array(Set(ids)).sorted()
    }

    /// Declarative rules that apply to a file, with the severity its ruleset's overrides give.
    func declarativeRules(for f: SelectedFile) -> [(DeclarativeRule, Severity)] {
        var out: [(DeclarativeRule, Severity)] = []
        for set in rulesets {
            for rule in set.rules where rule.appliesTo.matches(kind: f.kind, relativePath: f.relative) {
                var severity = rule.severity
                for o in set.overrides where o.files.contains(where: { $0.matches(f.relative) }) {
                    if let s = o.rules[rule.id] { severity = s }
                }
                if let severity { out.append((rule, severity)) }
            }
        }
        return out
    }

    func declarativeFindings(_ source: SourceFile, file f: SelectedFile) -> [Diagnostic] {
        let rules = declarativeRules(for: f)
        guard !rules.isEmpty else { return [] }
        let docs = DocumentLoader.documents(source)
        var out: [Diagnostic] = []
        for doc in docs {
            for (rule, severity) in rules {
                out += RuleEvaluator.evaluate(rule, document: doc, file: f.shown, severity: severity)
            }
        }
        return out
    }

    /// The checker for a file: its kind's, or a syntax checker chosen by extension.
    func checker(for f: SelectedFile) -> (any Checker)? {
        if let c = checkers[f.kind] { return c }
        switch LintEngine.kindByExtension(f.relative) {
        case .json?: return JSONSyntaxChecker(kind: f.kind)
        case .yaml?: return YAMLSyntaxChecker(kind: f.kind)
        default: return nil
        }
    }

    struct FileResult {
        var diagnostics: [Diagnostic]
        var source: SourceFile?
    }

    func checkFile(_ f: SelectedFile, context: CheckContext) -> FileResult {
        let bytes: [UInt8]
        do {
            bytes = try FileIO.readBytes(f.absolute)
        } catch {
            var message = "\(error)"
            if case FileError.cannotRead(_, let reason) = error { message = "cannot read \(f.shown): \(reason)" }
            return FileResult(diagnostics: [BuiltinRules.unreadable.diagnostic(message, file: f.shown, range: .fileStart)], source: nil)
        }
        let source = SourceFile(path: f.shown, bytes: bytes)
        var diags = checker(for: f)?.check(source, context: context) ?? []
        diags += declarativeFindings(source, file: f)
        let (suppressions, malformed) = Suppressions.parse(source, commentMarkers: LintEngine.commentMarkers(for: f.shown, kind: f.kind))
        diags = diags.compactMap { configuration.effective($0) }
        diags = Suppressions.apply(suppressions, to: diags, file: f.shown)
        diags.append(contentsOf: malformed)
        diags = diags.compactMap { configuration.effective($0) }
        return FileResult(diagnostics: diags, source: source)
    }
}

/// Thread-safe store of sources for report excerpts.
final class SourceStore: @unchecked Sendable {
    private var files: [String: SourceFile] = [:]
    private let lock = Lock()
    func add(_ f: SourceFile) { lock.withLock { files[f.path] = f } }
    var all: [String: SourceFile] { lock.withLock { files } }
}

final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = Lock()
    func increment() -> Int { lock.withLock { defer { value += 1 }; return value } }
}

public enum System {
    public static var coreCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
