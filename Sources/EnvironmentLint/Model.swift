import LintCore
import LintParsers

/// The `settings.environment` section of `.clubos-lint.yaml`:
///
/// ```yaml
/// settings:
///   environment:
///     environments: [development, staging, production]
///     extras: {requireApprovals: [staging, production]}
///     values:
///       ENCRYPTION_KEY: {length: 32}
///       PORT: {integer: true, min: 1, max: 65535}
///       DATABASE_URL: {scheme: [postgres, postgresql]}
/// ```
public struct EnvironmentSettings: Sendable, Hashable {
    /// The environments every config must define, in order.
    public var environments: [String]
    /// Keys allowed only in some environments (key → environments that may have it).
    public var extras: [String: [String]]
    /// Value constraints for dotenv keys.
    public var values: [String: ValueConstraint]

    public static let defaultEnvironments = ["development", "staging", "production"]
    public static let defaultExtras = ["requireApprovals": ["staging", "production"]]

    public init(environments: [String] = defaultEnvironments, extras: [String: [String]] = defaultExtras, values: [String: ValueConstraint] = [:]) {
        self.environments = environments
        self.extras = extras
        self.values = values
    }

    /// Reads `settings.environment` (missing or malformed parts keep their defaults).
    public init(context: CheckContext) {
        self.init()
        guard let s = context.settings(for: "environment") else { return }
        if let items = s["environments"]?.items {
            let names = items.compactMap { $0.stringValue }
            if !names.isEmpty { environments = names }
        }
        if let entries = s["extras"]?.entries {
            var extras: [String: [String]] = [:]
            for e in entries {
                if let items = e.value.items {
                    extras[e.keyText] = items.compactMap { $0.stringValue }
                } else if let one = e.value.stringValue {
                    extras[e.keyText] = [one]
                }
            }
            self.extras = extras
        }
        if let entries = s["values"]?.entries {
            for e in entries {
                if let c = ValueConstraint(e.value) { values[e.keyText] = c }
            }
        }
    }
}

/// Constraints on one dotenv value.
public struct ValueConstraint: Sendable, Hashable {
    /// Exact length in characters (Unicode scalars).
    public var length: Int?
    public var minLength: Int?
    public var maxLength: Int?
    /// The value must be a base-10 integer.
    public var integer: Bool
    public var min: Double?
    public var max: Double?
    /// Allowed URL schemes (lowercase, without `://`).
    public var schemes: [String]?

    public init(length: Int? = nil, minLength: Int? = nil, maxLength: Int? = nil, integer: Bool = false, min: Double? = nil, max: Double? = nil, schemes: [String]? = nil) {
        self.length = length
        self.minLength = minLength
        self.maxLength = maxLength
        self.integer = integer
        self.min = min
        self.max = max
        self.schemes = schemes
    }

    init?(_ node: Node) {
        guard node.entries != nil else { return nil }
        func int(_ k: String) -> Int? { node[k]?.doubleValue.flatMap { $0.isFinite && $0 >= 0 && $0 < 1e12 ? Int($0) : nil } }
        self.init(
            length: int("length"), minLength: int("minLength"), maxLength: int("maxLength"),
            integer: node["integer"]?.boolValue ?? false,
            min: node["min"]?.doubleValue, max: node["max"]?.doubleValue,
            schemes: node["scheme"].map { n in n.items?.compactMap { $0.stringValue?.lowercased() } ?? [n.stringValue?.lowercased()].compactMap { $0 } })
    }
}

/// A parsed environment config file (`config/environments.{ts,js,mjs,json}`).
public struct EnvironmentConfigFile: Sendable {
    public var file: SourceFile
    /// Top-level values in priority order: the default export, exported
    /// consts, other consts (TypeScript); the document (JSON).
    public var roots: [Node]
    public var envReferences: [EnvReference]
    public var calls: [TSCall]
    /// Start offsets of objects whose keys are not all known.
    public var openMappings: Set<Int>
    public var diagnostics: [Diagnostic]
    /// Index of `envReferences` by value range.
    private var referenceIndex: [SourceRange: Int] = [:]

    public init(file: SourceFile, roots: [Node], envReferences: [EnvReference], calls: [TSCall], openMappings: Set<Int>, diagnostics: [Diagnostic]) {
        self.file = file
        self.roots = roots
        self.envReferences = envReferences
        self.calls = calls
        self.openMappings = openMappings
        self.diagnostics = diagnostics
        for (k, r) in envReferences.enumerated() {
            if let v = r.valueRange, referenceIndex[v] == nil { referenceIndex[v] = k }
        }
    }

    /// The env reference a value node stands for (`process.env.X`, with any default), if any.
    public func envReference(for node: Node) -> EnvReference? {
        guard node.scalar?.kind == .dynamic, let k = referenceIndex[node.range] else { return nil }
        return envReferences[k]
    }

    public func isOpen(_ node: Node) -> Bool { openMappings.contains(node.range.start.offset) }

    /// Reads a config file by extension; nil for other files.
    public static func load(_ file: SourceFile) -> EnvironmentConfigFile? {
        let lower = file.path.lowercased()
        if lower.hasSuffix(".json") {
            let r = JSONParser.parse(file)
            return EnvironmentConfigFile(file: file, roots: r.node.map { [$0] } ?? [], envReferences: [], calls: [], openMappings: [], diagnostics: r.diagnostics)
        }
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
            let set = YAMLLoader.load(file)
            return EnvironmentConfigFile(file: file, roots: set.hasErrors ? [] : Array(set.documents.prefix(1)), envReferences: [], calls: [], openMappings: [], diagnostics: set.diagnostics)
        }
        if [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"].contains(where: { lower.hasSuffix($0) }) {
            let doc = TSConfigParser.parse(file)
            var roots: [Node] = []
            if let d = doc.binding(named: "default") { roots.append(d.value) }
            roots += doc.bindings.filter { $0.exported && $0.name != "default" }.map(\.value)
            roots += doc.bindings.filter { !$0.exported }.map(\.value)
            return EnvironmentConfigFile(file: file, roots: roots, envReferences: doc.envReferences, calls: doc.calls, openMappings: doc.openMappings, diagnostics: doc.diagnostics)
        }
        return nil
    }

    /// The object whose keys are environment names: the first root that has
    /// one of `names` as a key, else the first such object one level down.
    public func environmentsNode(names: [String]) -> Node? {
        func has(_ n: Node) -> Bool { n.entries?.contains { names.contains($0.keyText) } ?? false }
        if let r = roots.first(where: has) { return r }
        for r in roots {
            if let e = r.entries?.first(where: { has($0.value) }) { return e.value }
        }
        return nil
    }

    /// The object a missing environment is reported at: the environments
    /// object, else the first top-level object.
    public func configObject(names: [String]) -> Node? {
        environmentsNode(names: names) ?? roots.first { $0.entries != nil }
    }

    /// Sentry configuration objects: arguments of `Sentry.init(…)` and objects
    /// under a `sentry` key.
    public var sentryConfigs: [Node] {
        var out: [Node] = []
        for c in calls where c.callee.lowercased().hasSuffix("sentry.init") {
            if let first = c.arguments.first, first.entries != nil { out.append(first) }
        }
        var stack: [(Node, Int)] = roots.map { ($0, 0) }
        var seen = Set<Int>()
        while let (n, depth) = stack.popLast() {
            guard depth < 32, let entries = n.entries else { continue }
            for e in entries where e.value.entries != nil {
                if e.keyText.lowercased() == "sentry", seen.insert(e.value.range.start.offset).inserted { out.append(e.value) }
                stack.append((e.value, depth + 1))
            }
        }
        return out
    }
}

/// A parsed dotenv file.
public struct DotenvFile: Sendable {
    public var file: SourceFile
    public var document: DotenvDocument

    /// The file name without directories.
    public var name: String { DotenvFile.basename(file.path) }

    /// True for templates that are meant to be committed: `*.example`, `*.template`, `*.sample`.
    public var isTemplate: Bool { DotenvFile.isTemplateName(name) }

    static func basename(_ path: String) -> String {
        String(path.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(path))
    }

    static func isTemplateName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return [".example", ".template", ".sample"].contains { lower.hasSuffix($0) }
    }

    /// True for dotenv file names: `.env` and `.env.<anything>`.
    public static func isDotenvName(_ name: String) -> Bool {
        name == ".env" || name.hasPrefix(".env.")
    }
}

/// The environment files of a repository, read from disk for cross-file rules.
public struct EnvironmentProject: Sendable {
    public var root: String
    public var configs: [EnvironmentConfigFile]
    /// The declaration template (`.env.example`, else `.env.template` / `.env.sample`).
    public var example: DotenvFile?
    /// The template's path relative to the root (`.env.example` when absent).
    public var examplePath: String

    public static let configPaths = ["config/environments.ts", "config/environments.mts", "config/environments.js", "config/environments.mjs", "config/environments.cjs", "config/environments.json"]
    public static let examplePaths = [".env.example", ".env.template", ".env.sample"]

    public init(root: String, configs: [EnvironmentConfigFile], example: DotenvFile?, examplePath: String) {
        self.root = root
        self.configs = configs
        self.example = example
        self.examplePath = examplePath
    }

    /// Loads the config files and the template under `root`. Diagnostics use
    /// absolute paths (the driver shows them relative to the working directory).
    public static func load(root: String) -> EnvironmentProject {
        let base = root.hasSuffix("/") ? String(root.dropLast()) : root
        var configs: [EnvironmentConfigFile] = []
        for rel in configPaths {
            let abs = base + "/" + rel
            guard FileIO.exists(abs), let bytes = try? FileIO.readBytes(abs),
                  let c = EnvironmentConfigFile.load(SourceFile(path: abs, bytes: bytes)) else { continue }
            configs.append(c)
        }
        for rel in examplePaths {
            let abs = base + "/" + rel
            guard FileIO.exists(abs), let bytes = try? FileIO.readBytes(abs) else { continue }
            let f = SourceFile(path: abs, bytes: bytes)
            return EnvironmentProject(root: base, configs: configs, example: DotenvFile(file: f, document: DotenvParser.parse(f)), examplePath: rel)
        }
        return EnvironmentProject(root: base, configs: configs, example: nil, examplePath: ".env.example")
    }
}

/// What a rule may read besides its input.
public struct EnvironmentRuleContext: Sendable {
    public var check: CheckContext
    public var settings: EnvironmentSettings

    public init(check: CheckContext, settings: EnvironmentSettings) {
        self.check = check
        self.settings = settings
    }
}

/// One environment rule: a description plus the inputs it looks at.
public protocol EnvironmentRule: Sendable {
    var description: RuleDescription { get }
    /// Findings in one config file.
    func check(config: EnvironmentConfigFile, context: EnvironmentRuleContext) -> [Diagnostic]
    /// Findings in one dotenv file.
    func check(dotenv: DotenvFile, context: EnvironmentRuleContext) -> [Diagnostic]
    /// Cross-file findings over the repository's files.
    func finish(project: EnvironmentProject, context: EnvironmentRuleContext) -> [Diagnostic]
}

extension EnvironmentRule {
    public func check(config: EnvironmentConfigFile, context: EnvironmentRuleContext) -> [Diagnostic] { [] }
    public func check(dotenv: DotenvFile, context: EnvironmentRuleContext) -> [Diagnostic] { [] }
    public func finish(project: EnvironmentProject, context: EnvironmentRuleContext) -> [Diagnostic] { [] }
}

/// The environments of a config file, resolved against the settings.
struct EnvironmentBlocks {
    var container: Node
    /// (name, key node, value) for each configured environment that is present.
    var blocks: [(name: String, key: Node, value: Node)]

    init?(_ config: EnvironmentConfigFile, _ settings: EnvironmentSettings) {
        guard let c = config.environmentsNode(names: settings.environments) else { return nil }
        container = c
        blocks = settings.environments.compactMap { name in
            c.entry(name).map { (name, $0.key, $0.value) }
        }
    }

    func block(_ name: String) -> Node? { blocks.first { $0.name == name }?.value }
    func key(_ name: String) -> Node? { blocks.first { $0.name == name }?.key }
}

/// Shared value descriptions for messages.
enum Describe {
    /// `true`, `50`, `'text'`, `process.env.X`, or the expression.
    static func value(_ node: Node) -> String {
        guard let s = node.scalar else { return node.entries != nil ? "an object" : "an array" }
        switch s.kind {
        case .string: return "'\(s.text)'"
        case .number, .bool, .null: return s.text
        case .dynamic: return "`\(short(s.text))`"
        }
    }

    static func short(_ text: String) -> String {
        let flat = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map { $0.trimmingCharacters() }.joined(separator: " ")
        return flat.count > 60 ? String(flat.prefix(57)) + "..." : flat
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
