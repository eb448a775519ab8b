import LintCore
import LintParsers

/// The checker for kind `environment`: `config/environments.{ts,js,mjs,json}`
/// and dotenv files (`.env`, `.env.example`, `.env.<environment>`).
public struct EnvironmentChecker: Checker {
    public let kind: CheckerKind = .environment
    public let registry: [any EnvironmentRule]

    public init(rules: [any EnvironmentRule] = EnvironmentRules.all) {
        self.registry = rules
    }

    /// The environment rules plus the JSON parser's rules (JSON configs report them).
    public var rules: [RuleDescription] { registry.map(\.description) + JSONParser.rules + YAMLLoader.rules }

    public enum FileType: Sendable, Hashable {
        case config, dotenv
    }

    /// How a path is read: by name (`.env*`) or extension (ts/js/mjs/cjs/mts/cts/json).
    public static func fileType(of path: String) -> FileType? {
        let name = DotenvFile.basename(path)
        if DotenvFile.isDotenvName(name) { return .dotenv }
        let lower = name.lowercased()
        if [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs", ".json", ".yaml", ".yml"].contains(where: { lower.hasSuffix($0) }) { return .config }
        return nil
    }

    public func check(_ file: SourceFile, context: CheckContext) -> [Diagnostic] {
        let ctx = EnvironmentRuleContext(check: context, settings: EnvironmentSettings(context: context))
        var out: [Diagnostic] = []
        switch EnvironmentChecker.fileType(of: file.path) {
        case .config?:
            guard let config = EnvironmentConfigFile.load(file) else { return [] }
            for r in registry { out += r.check(config: config, context: ctx) }
        case .dotenv?:
            let dotenv = DotenvFile(file: file, document: DotenvParser.parse(file))
            for r in registry { out += r.check(dotenv: dotenv, context: ctx) }
        case nil:
            return []
        }
        return EnvironmentChecker.unique(out)
    }

    /// Cross-file findings, reading `config/environments.*` and `.env.example`
    /// from disk under `context.root` (so a partial run finds the same).
    public func finish(context: CheckContext) -> [Diagnostic] {
        let ctx = EnvironmentRuleContext(check: context, settings: EnvironmentSettings(context: context))
        let project = EnvironmentProject.load(root: context.root)
        var out: [Diagnostic] = []
        for r in registry { out += r.finish(project: project, context: ctx) }
        return EnvironmentChecker.unique(out)
    }

    /// Drops repeated findings (a const spread into several environments is reported once).
    static func unique(_ diags: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diags.filter { seen.insert($0).inserted }.sorted(by: Diagnostic.sortOrder)
    }
}
