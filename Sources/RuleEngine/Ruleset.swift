import JSONPath
import LintCore

/// Where a declarative rule applies: checker kinds and/or path globs.
public struct AppliesTo: Sendable {
    public var kinds: [CheckerKind]
    public var paths: [Glob]

    public init(kinds: [CheckerKind] = [], paths: [Glob] = []) {
        self.kinds = kinds
        self.paths = paths
    }

    /// True when a file of `kind` at `relativePath` is in scope. With both
    /// kinds and paths given, either may match.
    public func matches(kind: CheckerKind, relativePath: String) -> Bool {
        if kinds.isEmpty && paths.isEmpty { return true }
        if kinds.contains(kind) { return true }
        return paths.contains { $0.matches(relativePath) }
    }
}

/// One `then` clause: apply `function` (with `options`) to `field` of each given node.
public struct ThenClause: Sendable {
    /// nil: the given node itself; `@key`: the member name; a name; or a
    /// JSONPath starting with `$` evaluated relative to the given node.
    public var field: String?
    public var fieldQuery: JSONPathQuery?
    public var function: String
    public var options: Node?
    /// The validated, compiled form of the options.
    public var compiled: CompiledFunction
    public var range: SourceRange
}

/// A rule declared in `rules/*.yaml`.
public struct DeclarativeRule: Sendable {
    public var id: String
    public var description: String
    public var rationale: String
    public var severity: Severity?
    public var appliesTo: AppliesTo
    public var given: [JSONPathQuery]
    public var then: [ThenClause]
    public var message: String?
    public var help: String?
    public var validExamples: [Node]
    public var invalidExamples: [Node]
    /// Ruleset file (display path) and the rule's position in it.
    public var origin: String
    public var range: SourceRange

    /// The catalog entry: documentation, and its examples rendered as YAML.
    public var ruleDescription: RuleDescription {
        let kind = appliesTo.kinds.first ?? CheckerKind(String(id.split(separator: "/").first ?? "rules"))
        return RuleDescription(
            id: id, kind: kind, severity: severity ?? .error, summary: description, rationale: rationale, help: help,
            triggering: invalidExamples.map { RuleExample(YAMLRender.render($0), path: "example.yaml") },
            nonTriggering: validExamples.map { RuleExample(YAMLRender.render($0), path: "example.yaml") },
            origin: origin)
    }
}

/// Per-path-glob severity changes in a ruleset.
public struct RulesetOverride: Sendable {
    public var files: [Glob]
    public var rules: [String: Severity?]
}

/// A loaded ruleset file (with its `extends` resolved into `rules`).
public struct Ruleset: Sendable {
    public var path: String
    public var rules: [DeclarativeRule]
    public var overrides: [RulesetOverride]
}
