import LintCore
import LintParsers

/// One finding of a JSON Schema validation.
public struct PromptSchemaViolation: Sendable, Hashable {
    /// JSON Pointer of the failing value (`/category`).
    public var instancePath: String
    public var range: SourceRange
    public var message: String

    public init(instancePath: String, range: SourceRange, message: String) {
        self.instancePath = instancePath
        self.range = range
        self.message = message
    }
}

/// Validates fenced ```json examples against the prompt's `output.schema`.
/// The integrator implements it with the JSONSchema module.
public protocol PromptSchemaValidator: Sendable {
    /// Validates `instance` against the schema `schemaRef` (as written in
    /// `output.schema`, resolved under `<root>/schemas/`). Returns nil when the
    /// schema cannot be found or loaded; an empty array when the instance is valid.
    func validate(_ instance: Node, schemaRef: String, root: String) -> [PromptSchemaViolation]?
}

/// Checks prompt templates (`prompts/**/*.prompt`, `prompts/**/*.md`).
///
/// Front matter is checked structurally in Swift only (rule
/// `prompt/front-matter` and friends); `schemas/prompt.schema.json` documents
/// the same format for editors, so there is no second, duplicating schema
/// pass. The injected validator is used only for ```json examples against the
/// declared `output.schema` (rule `prompt/json-example-schema`).
public struct PromptChecker: Checker {
    public let kind: CheckerKind = .prompt
    public let validator: (any PromptSchemaValidator)?

    public init(validator: (any PromptSchemaValidator)? = nil) {
        self.validator = validator
    }

    public var rules: [RuleDescription] { PromptRules.all }

    public func check(_ file: SourceFile, context: CheckContext) -> [Diagnostic] {
        var run = PromptFileCheck(file: file, context: context, validator: validator)
        run.run()
        return run.diagnostics
    }

    public func finish(context: CheckContext) -> [Diagnostic] {
        DuplicatePrompts.find(context: context)
    }
}

/// Settings under `settings.prompt` in `.clubos-lint.yaml`.
public struct PromptSettings: Sendable, Hashable {
    public static let defaultAssistants = ["Booking", "Emergency", "TechSupport", "BrandTone"]
    /// Assistants the router may pick (`assistants:`), plus `Router`.
    public var assistants: [String]
    /// Characters per token for the budget estimate (`chars_per_token:`, default 3.5).
    public var charsPerToken: Double

    public init(context: CheckContext) {
        let s = context.settings(for: "prompt")
        var list = s?["assistants"]?.items?.compactMap(\.stringValue) ?? PromptSettings.defaultAssistants
        if !list.contains("Router") { list.append("Router") }
        assistants = list
        if let c = s?["chars_per_token"]?.doubleValue, c > 0 { charsPerToken = c } else { charsPerToken = 3.5 }
    }

    /// Context windows of Claude models (tokens). Any `claude-*` model not listed has 200,000.
    public static let contextWindows: [String: Int] = [
        "claude-3-haiku-20240307": 200_000,
        "claude-3-5-haiku-latest": 200_000,
        "claude-3-5-sonnet-latest": 200_000,
        "claude-3-7-sonnet-latest": 200_000,
        "claude-sonnet-4-0": 200_000,
        "claude-sonnet-4-5": 200_000,
        "claude-opus-4-1": 200_000,
        "claude-haiku-4-5": 200_000,
    ]

    public static func contextWindow(model: String?) -> Int? {
        guard let model else { return 200_000 }
        if let w = contextWindows[model] { return w }
        return model.hasPrefix("claude") ? 200_000 : nil
    }
}

/// A template loaded from a file: its body and parsed nodes.
struct LoadedTemplate: Sendable {
    var path: String
    var file: SourceFile
    var bodyStart: Int
    var nodes: [TemplateNode]
}

enum PromptFiles {
    /// Body start: after the closing `---` of front matter, or 0.
    static func bodyStart(_ file: SourceFile) -> (fm: Range<Int>?, body: Int, unclosed: Bool) {
        if let fm = YAMLLoader.frontMatterRange(in: file) {
            let line = file.line(containing: fm.upperBound)
            let body = line < file.lineCount ? file.lineStarts[line] : file.bytes.count
            return (fm, body, false)
        }
        let first = file.lineText(1)
        let unclosed = first.trimmingSpaces == "---" || first == "\u{FEFF}---"
        return (nil, 0, unclosed)
    }

    static func stem(_ path: String) -> String {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = base.lastIndex(of: ".") { return String(base[base.startIndex..<dot]) }
        return base
    }

    static func directory(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[path.startIndex..<slash])
    }

    static func join(_ a: String, _ b: String) -> String {
        if b.hasPrefix("/") { return b }
        if a.isEmpty || a == "." { return b }
        return a.hasSuffix("/") ? a + b : a + "/" + b
    }

    static func load(_ path: String) -> LoadedTemplate? {
        guard let bytes = FileAccess.read(path) else { return nil }
        let file = SourceFile(path: path, bytes: bytes)
        let start = bodyStart(file).body
        let parsed = TemplateParser.parse(TemplateTokenizer.tokenize(file, range: start..<file.bytes.count).tokens)
        return LoadedTemplate(path: path, file: file, bodyStart: start, nodes: parsed.nodes)
    }

    /// Candidate files for partial `name` included from `includer`.
    static func partialCandidates(_ name: String, includer: String, context: CheckContext) -> [String] {
        var dirs = [directory(context.absolutePath(includer))]
        if !context.root.isEmpty {
            let inRoot = join(context.root, directory(includer))
            if !dirs.contains(inRoot) { dirs.append(inRoot) }
            let prompts = join(context.root, "prompts")
            if !dirs.contains(prompts) { dirs.append(prompts) }
        }
        var out: [String] = []
        for d in dirs {
            out.append(join(d, "_\(name).prompt"))
            out.append(join(d, "_\(name).md"))
        }
        for p in context.filesByKind[.prompt] ?? [] {
            let base = p.split(separator: "/").last.map(String.init) ?? p
            if base == "_\(name).prompt" || base == "_\(name).md", !out.contains(p) { out.append(p) }
        }
        return out
    }
}

/// Partials reachable from one file, loaded once.
struct PartialGraph {
    let context: CheckContext
    var loaded: [String: LoadedTemplate] = [:]
    var unresolved: Set<String> = []
    /// Partials already known to reach no cycle.
    var acyclic: Set<String> = []
    static let maxDepth = 16

    init(context: CheckContext) { self.context = context }

    mutating func resolve(_ name: String, includer: String) -> LoadedTemplate? {
        if let t = loaded[name] { return t }
        if unresolved.contains(name) { return nil }
        for c in PromptFiles.partialCandidates(name, includer: includer, context: context) {
            if let t = PromptFiles.load(c) {
                loaded[name] = t
                return t
            }
        }
        unresolved.insert(name)
        return nil
    }

    static func partialTags(_ nodes: [TemplateNode]) -> [TemplateToken] {
        var out: [TemplateToken] = []
        var work = nodes
        while let n = work.popLast() {
            switch n {
            case .partial(let t): out.append(t)
            case .section(_, _, let children): work.append(contentsOf: children)
            default: break
            }
        }
        return out.sorted { $0.startOffset < $1.startOffset }
    }

    /// A cycle reachable from partial `name` (as a chain of names), if any.
    mutating func cycle(from name: String, includer: String, chain: [String]) -> [String]? {
        if chain.contains(name) { return chain + [name] }
        if acyclic.contains(name) { return nil }
        guard chain.count < PartialGraph.maxDepth else { return chain + [name] }
        guard let t = resolve(name, includer: includer) else { return nil }
        for tag in PartialGraph.partialTags(t.nodes) {
            if let c = cycle(from: tag.name, includer: t.path, chain: chain + [name]) { return c }
        }
        acyclic.insert(name)
        return nil
    }
}

enum FileAccess {
    static func read(_ path: String) -> [UInt8]? {
        guard let data = FileManagerShim.contents(path) else { return nil }
        return data
    }
}
