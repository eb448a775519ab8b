/// A kind of input that a checker claims (by path globs in the configuration).
public struct CheckerKind: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ raw: String) { self.rawValue = raw }

    public static let workflow = CheckerKind("workflow")
    public static let prompt = CheckerKind("prompt")
    public static let sop = CheckerKind("sop")
    public static let migration = CheckerKind("migration")
    public static let feedback = CheckerKind("feedback")
    public static let environment = CheckerKind("environment")
    /// Files claimed by no checker but parsed for syntax (explicit `.json`/`.yaml` paths, rulesets, schemas).
    public static let json = CheckerKind("json")
    public static let yaml = CheckerKind("yaml")
    /// Tool-level findings (configuration, suppressions).
    public static let lint = CheckerKind("lint")

    public static func < (a: CheckerKind, b: CheckerKind) -> Bool { a.rawValue < b.rawValue }
    public var description: String { rawValue }
}

/// One documented example of a rule. In triggering examples, each `↓` marks
/// the exact position where a finding is expected; the marker is removed
/// before the example is checked.
public struct RuleExample: Sendable, Hashable {
    public var code: String
    /// The file path the example is checked as (selects the parser and kind).
    public var path: String
    /// Other files (path → content) present beside the example, for rules
    /// that look across files (duplicate versions, duplicate ids, references).
    public var context: [String: String]

    public init(_ code: String, path: String, context: [String: String] = [:]) {
        self.code = code
        self.path = path
        self.context = context
    }

    public static let marker: Character = "↓"

    /// The code with markers removed, and the 1-based positions they marked.
    public var stripped: (code: String, markers: [SourcePosition]) {
        var out = ""
        var markers: [SourcePosition] = []
        var line = 1, column = 1
        for ch in code {
            if ch == RuleExample.marker {
                markers.append(SourcePosition(line: line, column: column))
                continue
            }
            out.append(ch)
            if ch == "\n" || ch == "\r\n" {
                line += 1
                column = 1
            } else {
                column += ch.unicodeScalars.count
            }
        }
        return (out, markers)
    }
}

/// The documentation of a rule, which is also its test: the examples are run
/// by the test suite, and `docs/rules.md` is generated from these fields.
public struct RuleDescription: Sendable, Hashable {
    /// `domain/name`, kebab-case.
    public var id: String
    public var kind: CheckerKind
    public var defaultSeverity: Severity
    /// What it does (one sentence).
    public var summary: String
    /// Why it is bad.
    public var rationale: String
    /// What to do about it.
    public var help: String?
    public var triggering: [RuleExample]
    public var nonTriggering: [RuleExample]
    /// Where the rule comes from: "builtin" or a ruleset file path.
    public var origin: String

    public init(
        id: String, kind: CheckerKind, severity: Severity, summary: String, rationale: String,
        help: String? = nil, triggering: [RuleExample] = [], nonTriggering: [RuleExample] = [],
        origin: String = "builtin"
    ) {
        self.id = id
        self.kind = kind
        self.defaultSeverity = severity
        self.summary = summary
        self.rationale = rationale
        self.help = help
        self.triggering = triggering
        self.nonTriggering = nonTriggering
        self.origin = origin
    }

    public var domain: String { String(id.split(separator: "/").first ?? Substring(id)) }

    /// True when `id` is `domain/name` with kebab-case parts.
    public static func isValidID(_ id: String) -> Bool {
        let parts = id.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        return parts.allSatisfy { part in
            guard let first = part.first, first.isASCII, first.isLowercase else { return false }
            guard part.last != "-", !part.contains("--") else { return false }
            return part.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
        }
    }

    /// Builds a diagnostic of this rule at its default severity.
    public func diagnostic(_ message: String, file: String, range: SourceRange, help: String? = nil) -> Diagnostic {
        Diagnostic(rule: id, severity: defaultSeverity, message: message, file: file, range: range, help: help ?? self.help)
    }
}

/// The registry of every rule: built-in Swift rules and declarative rules.
public struct RuleCatalog: Sendable {
    public private(set) var rules: [RuleDescription] = []
    private var index: [String: Int] = [:]

    public init(_ rules: [RuleDescription] = []) {
        for r in rules { add(r) }
    }

    /// Adds a rule; a later rule with the same id replaces the earlier one.
    public mutating func add(_ rule: RuleDescription) {
        if let i = index[rule.id] {
            rules[i] = rule
        } else {
            index[rule.id] = rules.count
            rules.append(rule)
        }
    }

    public func rule(_ id: String) -> RuleDescription? { index[id].map { rules[$0] } }
    public func contains(_ id: String) -> Bool { index[id] != nil }
    public var sortedRules: [RuleDescription] { rules.sorted { $0.id < $1.id } }
}
