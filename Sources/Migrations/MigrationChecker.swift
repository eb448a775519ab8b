import LintCore
import Foundation

/// Lints migration SQL files (per file) and the migrations directory (in `finish`).
public struct MigrationChecker: Checker {
    public var kind: CheckerKind { .migration }
    public var rules: [RuleDescription] { MigrationRules.all }
    /// Versions on the base branch, for `migration/out-of-order` (nil: rule off).
    public var baseVersions: [String]?
    /// Settings used instead of `context.settings(for: "migration")` when set.
    public var settingsOverride: MigrationSettings?

    public init(baseVersions: [String]? = nil, settings: MigrationSettings? = nil) {
        self.baseVersions = baseVersions
        self.settingsOverride = settings
    }

    func settings(_ context: CheckContext) -> MigrationSettings {
        settingsOverride ?? MigrationSettings(node: context.settings(for: "migration"))
    }

    /// Lints one `.sql` file; other files a glob may hand over (`migrations.sum`, `.skip` files) are
    /// handled by the directory rules in `finish`.
    public func check(_ file: SourceFile, context: CheckContext) -> [Diagnostic] {
        guard file.path.hasSuffix(".sql") else { return [] }
        return MigrationLinter.lint(file, settings: settings(context))
    }

    public func finish(context: CheckContext) -> [Diagnostic] {
        let settings = settings(context)
        let runFiles = (context.filesByKind[.migration] ?? []).filter { $0.hasSuffix(".sql") }
        let runSet = Set(runFiles)
        var dirs: [String] = []
        for f in runFiles where !dirs.contains(dirName(f)) { dirs.append(dirName(f)) }
        var out: [Diagnostic] = []
        for d in dirs {
            let disk = MigrationChecker.resolve(d, root: context.root)
            guard let dir = try? MigrationDirectory.load(path: d, layout: settings.layout, diskPath: disk) else { continue }
            let found = MigrationLinter.lintDirectory(dir, settings: settings, baseVersions: baseVersions)
            // Findings on migration files outside the run are dropped, so a run on a subset of
            // files reports the same findings for those files as a full run.
            out += found.filter { runSet.contains($0.file) || !$0.file.hasSuffix(".sql") }
        }
        return out
    }

    /// Relative paths are looked up under the configuration root first, then the working directory.
    static func resolve(_ dir: String, root: String) -> String {
        if dir.hasPrefix("/") || root.isEmpty { return dir }
        let underRoot = joinPath(root, dir)
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: underRoot, isDirectory: &isDir), isDir.boolValue { return underRoot }
        return dir
    }
}

/// The per-file and per-directory lint passes.
public enum MigrationLinter {
    /// Lints one migration file: lexical errors, then every statement rule in one pass over the statements.
    public static func lint(_ file: SourceFile, settings: MigrationSettings = MigrationSettings()) -> [Diagnostic] {
        let src = MigrationSource(file, runnerWrapsInTransaction: settings.transactional)
        var out = src.lexErrors.map { SQLSplitter.lexDiagnostic($0, file: file) }
        let rules = MigrationRules.statementRules
        walk(src, settings: settings) { ctx in
            for rule in rules where ctx.direction == .up || type(of: rule).appliesToDown {
                rule.check(ctx, into: &out)
            }
        }
        return out
    }

    /// Visits every statement of `src` with its context, maintaining state across up sections.
    public static func walk(_ src: MigrationSource, settings: MigrationSettings, _ visit: (StatementContext) -> Void) {
        let facts = computeFacts(src)
        var upState = FileState()
        var segment = 0
        for section in src.sections {
            var state = section.direction == .up ? upState : FileState()
            let runner = section.transactional
            let implicit = !runner && !settings.splitStatements && section.statements.count > 1
            var explicitOpen = false
            segment += 1
            for stmt in section.statements {
                let view = StatementView(stmt)
                let ctx = StatementContext(
                    view: view, file: src.file, direction: section.direction,
                    inTransaction: runner || implicit || explicitOpen, runnerTransaction: runner,
                    implicitTransaction: implicit && !explicitOpen, segment: segment,
                    state: state, facts: facts,
                    createTable: view.createTable, alterTable: view.alterTable, createIndex: view.createIndex,
                    settings: settings)
                visit(ctx)
                state.apply(ctx)
                // Segments: statements in one segment share a transaction. A BEGIN inside the
                // runner's or an implicit transaction continues it; COMMIT/ROLLBACK end it.
                if ExplicitTransactionRule.isBegin(view) {
                    if !runner, !implicit { segment += 1 }
                    explicitOpen = true
                } else if ExplicitTransactionRule.isEnd(view) {
                    explicitOpen = false
                    segment += 1
                } else if !runner, !implicit, !explicitOpen {
                    segment += 1
                }
            }
            if section.direction == .up { upState = state }
        }
    }

    static func computeFacts(_ src: MigrationSource) -> FileFacts {
        var facts = FileFacts()
        for section in src.sections {
            var openBegin: Int? = nil
            for stmt in section.statements {
                let v = StatementView(stmt)
                if section.direction == .up, facts.firstIfNotExistsLine == nil, MixedIfNotExistsRule.usesIfNotExists(v) == true {
                    facts.firstIfNotExistsLine = src.file.position(ofByte: stmt.startOffset).line
                }
                guard !section.transactional else { continue }
                if ExplicitTransactionRule.isBegin(v) { openBegin = stmt.startOffset }
                else if ExplicitTransactionRule.isEnd(v) { openBegin = nil }
            }
            if let b = openBegin { facts.unclosedBegins.insert(b) }
        }
        return facts
    }

    /// Directory findings: naming, versions, pairs, checksums, and foreign keys whose
    /// referenced table is created in another migration of the directory.
    public static func lintDirectory(_ dir: MigrationDirectory, settings: MigrationSettings = MigrationSettings(), baseVersions: [String]? = nil) -> [Diagnostic] {
        var out = DirectoryRules.check(dir, baseVersions: baseVersions)
        out += MigrationChecksums.verify(dir)
        out += crossFileForeignKeys(dir, settings: settings)
        return out
    }

    static func crossFileForeignKeys(_ dir: MigrationDirectory, settings: MigrationSettings) -> [Diagnostic] {
        let sources = dir.upFiles.map { MigrationSource(SourceFile(path: $0.path, bytes: $0.bytes), runnerWrapsInTransaction: settings.transactional) }
        // The schema the directory builds, in migration order.
        var schema: [String: TableFacts] = [:]
        for src in sources {
            walk(src, settings: settings) { ctx in
                guard ctx.direction == .up else { return }
                var st = FileState()
                st.tables = schema
                st.apply(ctx)
                schema = st.tables
            }
        }
        var out: [Diagnostic] = []
        for src in sources {
            walk(src, settings: settings) { ctx in
                guard ctx.direction == .up,
                      let found = ForeignKeyTypeMismatchRule.foreignKeys(ctx.view, createTable: ctx.createTable, alterTable: ctx.alterTable, known: schema) else { return }
                for fk in found.keys where fk.table != found.table && ctx.isExisting(fk.table) {
                    guard let referenced = schema[fk.table], let message = ForeignKeyTypeMismatchRule.mismatch(fk, referenced: referenced) else { continue }
                    out.append(ctx.diagnostic(ForeignKeyTypeMismatchRule.description, message, at: fk.at))
                }
            }
        }
        return out
    }
}
