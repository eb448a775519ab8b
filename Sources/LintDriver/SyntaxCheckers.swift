import LintCore
import LintParsers

/// Parses `.json` and `.jsonl` files: syntax, encoding and duplicate keys.
public struct JSONSyntaxChecker: Checker {
    public let kind: CheckerKind
    public init(kind: CheckerKind = .json) { self.kind = kind }
    public var rules: [RuleDescription] { JSONParser.rules }

    public func check(_ file: SourceFile, context: CheckContext) -> [Diagnostic] {
        Self.parse(file).diagnostics
    }

    /// Documents of a JSON (one) or JSONL (one per line) file, with diagnostics.
    public static func parse(_ file: SourceFile) -> (documents: [Node], diagnostics: [Diagnostic]) {
        if file.path.lowercased().hasSuffix(".jsonl") {
            var docs: [Node] = []
            var diags: [Diagnostic] = []
            for r in JSONLReader.records(file) {
                if let n = r.result.node { docs.append(n) }
                diags.append(contentsOf: r.result.diagnostics)
            }
            return (docs, diags)
        }
        let r = JSONParser.parse(file)
        return (r.node.map { [$0] } ?? [], r.diagnostics)
    }
}

/// Parses `.yaml`/`.yml` files: syntax, duplicate keys, alias budget.
public struct YAMLSyntaxChecker: Checker {
    public let kind: CheckerKind
    public init(kind: CheckerKind = .yaml) { self.kind = kind }
    public var rules: [RuleDescription] { YAMLLoader.rules }

    public func check(_ file: SourceFile, context: CheckContext) -> [Diagnostic] {
        YAMLLoader.load(file).diagnostics
    }
}
