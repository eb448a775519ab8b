import JSONPath
import LintCore

/// A failure reported by a rule function: a message (the `{{error}}`
/// placeholder) and optionally a more precise range than the target's.
public struct FunctionFailure: Sendable {
    public var message: String
    public var range: SourceRange?
    public init(_ message: String, range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }
}

/// What a function sees besides its target.
public struct FunctionInput: Sendable {
    /// The target node, or nil when the `field` is absent.
    public var target: Node?
    /// The member name of the target when it is an object member.
    public var key: Node?
    /// The whole document (for `compare` against another path).
    public var document: Node
    /// All targets of this clause in the document (for `unique`).
    public var siblings: [Node]
}

/// A function written in Swift for checks a declaration cannot express.
/// Register it once in `RuleFunctions.custom`.
public struct SwiftRuleFunction: Sendable {
    public var name: String
    /// Validates options at load time; returns an error message or nil.
    public var validateOptions: @Sendable (Node?) -> String?
    public var run: @Sendable (FunctionInput, Node?) -> [FunctionFailure]

    public init(name: String, validateOptions: @escaping @Sendable (Node?) -> String? = { _ in nil },
                run: @escaping @Sendable (FunctionInput, Node?) -> [FunctionFailure]) {
        self.name = name
        self.validateOptions = validateOptions
        self.run = run
    }
}

/// A JSON Schema compiled for the `schema` function.
public protocol RuleSchema: Sendable {
    /// Validation errors: message and the range of the offending value.
    func validate(_ node: Node) -> [(message: String, range: SourceRange)]
}

/// Compiles the `schema` function's options: an inline schema, or `$ref` into the schema directory.
public protocol RuleSchemaCompiler: Sendable {
    func compile(_ schema: Node, rulesetPath: String) -> Result<any RuleSchema, RuleLoadError>
}

public enum CasingType: String, Sendable, CaseIterable {
    case flat, camel, pascal, kebab, cobol, snake, macro

    func matches(_ s: String) -> Bool {
        guard !s.isEmpty, s.unicodeScalars.allSatisfy({ $0.isASCII }) else { return false }
        let chars = Array(s)
        func lowerOrDigit(_ c: Character) -> Bool { c.isLowercase || c.isNumber }
        func upperOrDigit(_ c: Character) -> Bool { c.isUppercase || c.isNumber }
        switch self {
        case .flat: return chars.first!.isLowercase && chars.allSatisfy(lowerOrDigit)
        case .camel: return chars.first!.isLowercase && chars.allSatisfy { $0.isLetter || $0.isNumber }
        case .pascal: return chars.first!.isUppercase && chars.allSatisfy { $0.isLetter || $0.isNumber }
        case .kebab, .snake, .cobol, .macro:
            let sep: Character = (self == .kebab || self == .cobol) ? "-" : "_"
            let upper = self == .cobol || self == .macro
            let parts = s.split(separator: sep, omittingEmptySubsequences: false)
            return parts.allSatisfy { part in
                guard let f = part.first, f.isLetter else { return false }
                return part.allSatisfy(upper ? upperOrDigit : lowerOrDigit)
            }
        }
    }
}

public enum CompareOperator: String, Sendable, CaseIterable {
    case lt = "<", le = "<=", gt = ">", ge = ">=", eq = "==", ne = "!="
}

/// A regex from a ruleset, matched in linear time (no backtracking) by the
/// I-Regexp engine in extended mode. `^` and `$` anchor the whole value;
/// without them the pattern may match anywhere (like JavaScript's `test`).
public struct RulePattern: Sendable {
    public var source: String
    let regex: IRegexp
    let anchoredStart: Bool
    let anchoredEnd: Bool

    public static func compile(_ source: String) -> Result<RulePattern, IRegexpError> {
        var body = Substring(source)
        var start = false, end = false
        if body.hasPrefix("^") { start = true; body = body.dropFirst() }
        if body.hasSuffix("$"), !body.hasSuffix("\\$") { end = true; body = body.dropLast() }
        var pattern = String(body)
        if start && !end { pattern = "(?:" + pattern + ")[\\s\\S]*" }
        if end && !start { pattern = "[\\s\\S]*(?:" + pattern + ")" }
        do {
            let r = try IRegexp.compile(pattern, options: .extended)
            return .success(RulePattern(source: source, regex: r, anchoredStart: start, anchoredEnd: end))
        } catch {
            // Report positions against the author's text.
            return .failure(IRegexpError(position: max(1, error.position - (start ? 0 : 0)), message: error.message))
        }
    }

    public func test(_ s: String) -> Bool {
        (anchoredStart || anchoredEnd) ? regex.matches(s) : regex.search(s)
    }
}

/// The compiled form of a `then` clause's function and options.
public enum CompiledFunction: Sendable {
    case truthy, falsy, defined, undefined
    case pattern(match: RulePattern?, notMatch: RulePattern?)
    case enumeration([Node])
    case length(min: Double?, max: Double?)
    case casing(CasingType)
    case schema(any RuleSchema)
    case xor([String])
    case unique
    case alphabetical(keyedBy: String?)
    case compare(CompareOperator, path: JSONPathQuery?, value: Node?)
    case custom(SwiftRuleFunction)
}

public enum RuleFunctions {
    public static let builtinNames = ["truthy", "falsy", "defined", "undefined", "pattern", "enumeration", "length",
                                      "casing", "schema", "xor", "unique", "alphabetical", "compare"]

    /// Swift-defined functions, registered in one place.
    public static let custom: [String: SwiftRuleFunction] = [:]

    static func isTruthy(_ n: Node?) -> Bool {
        guard let n else { return false }
        switch n.value {
        case .scalar(let s):
            switch s.kind {
            case .bool: return s.text == "true"
            case .null: return false
            case .number: return (Double(s.text) ?? 1) != 0
            case .string: return !s.text.isEmpty
            case .dynamic: return true
            }
        case .sequence, .mapping: return true
        }
    }

    static func show(_ n: Node?) -> String {
        guard let n else { return "missing" }
        let d = n.description
        return d.count > 80 ? String(d.prefix(77)) + "..." : d
    }

    static func jsonEqual(_ a: Node, _ b: Node) -> Bool {
        switch (a.value, b.value) {
        case (.scalar(let x), .scalar(let y)):
            if x.kind == .number, y.kind == .number { return Double(x.text) == Double(y.text) }
            return x.kind == y.kind && x.text == y.text
        case (.sequence(let x), .sequence(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { jsonEqual($0, $1) }
        case (.mapping(let x), .mapping(let y)):
            guard x.count == y.count else { return false }
            return x.allSatisfy { e in y.contains { $0.keyText == e.keyText && jsonEqual($0.value, e.value) } }
        default: return false
        }
    }

    /// Runs a compiled function. Functions that need a value skip dynamic
    /// values (an expression the TypeScript reader could not evaluate).
    public static func run(_ f: CompiledFunction, _ input: FunctionInput) -> [FunctionFailure] {
        let t = input.target
        // A value the reader could not compute (a TypeScript expression) is
        // skipped by value functions, except `enumeration`: a policy that demands
        // a literal value is not met by an expression.
        if let s = t?.scalar, s.kind == .dynamic {
            switch f {
            case .defined, .undefined, .enumeration: break
            default: return []
            }
        }
        switch f {
        case .truthy:
            return isTruthy(t) ? [] : [FunctionFailure("\(show(t)) is not truthy")]
        case .falsy:
            return isTruthy(t) ? [FunctionFailure("\(show(t)) is not falsy")] : []
        case .defined:
            return t == nil ? [FunctionFailure("the value is missing")] : []
        case .undefined:
            return t == nil ? [] : [FunctionFailure("the value must not be present")]
        case .pattern(let m, let nm):
            guard let t else { return [] }
            guard let s = t.scalar, s.kind != .null else { return [FunctionFailure("expected a string, found \(t.jsonTypeName)")] }
            var out: [FunctionFailure] = []
            if let m, !m.test(s.text) { out.append(FunctionFailure("\(show(t)) does not match /\(m.source)/")) }
            if let nm, nm.test(s.text) { out.append(FunctionFailure("\(show(t)) matches /\(nm.source)/, which is not allowed")) }
            return out
        case .enumeration(let values):
            guard let t else { return [FunctionFailure("the value is missing; expected one of \(values.map(\.description).joined(separator: ", "))")] }
            if values.contains(where: { jsonEqual($0, t) }) { return [] }
            return [FunctionFailure("\(show(t)) is not one of \(values.map(\.description).joined(separator: ", "))")]
        case .length(let lo, let hi):
            guard let t else { return [] }
            let n: Double
            switch t.value {
            case .sequence(let a): n = Double(a.count)
            case .mapping(let e): n = Double(e.count)
            case .scalar(let s):
                if s.kind == .number { n = Double(s.text) ?? 0 }
                else if s.kind == .string { n = Double(s.text.count) }
                else { return [] }
            }
            var out: [FunctionFailure] = []
            if let lo, n < lo { out.append(FunctionFailure("length or value \(fmt(n)) is below the minimum \(fmt(lo))")) }
            if let hi, n > hi { out.append(FunctionFailure("length or value \(fmt(n)) is above the maximum \(fmt(hi))")) }
            return out
        case .casing(let type):
            guard let t else { return [] }
            guard let s = t.stringValue else { return [] }
            return type.matches(s) ? [] : [FunctionFailure("\"\(s)\" is not \(type.rawValue) case")]
        case .schema(let schema):
            guard let t else { return [] }
            return schema.validate(t).map { FunctionFailure($0.message, range: $0.range) }
        case .xor(let props):
            guard let t, let entries = t.entries else { return [] }
            let present = props.filter { p in entries.contains { $0.keyText == p } }
            if present.count == 1 { return [] }
            return [FunctionFailure(present.isEmpty
                ? "exactly one of \(props.joined(separator: ", ")) must be present; none is"
                : "exactly one of \(props.joined(separator: ", ")) must be present; found \(present.joined(separator: " and "))")]
        case .unique:
            guard let t else { return [] }
            var failures: [FunctionFailure] = []
            for other in input.siblings where other.range.start < t.range.start && jsonEqual(other, t) {
                failures.append(FunctionFailure("\(show(t)) repeats the value at \(other.range.start.line):\(other.range.start.column)"))
                break
            }
            return failures
        case .alphabetical(let keyedBy):
            guard let t else { return [] }
            var names: [(String, SourceRange)] = []
            if let items = t.items {
                for item in items {
                    if let k = keyedBy { if let v = item[k]?.scalarText { names.append((v, item.range)) } }
                    else if let v = item.scalarText { names.append((v, item.range)) }
                }
            } else if let entries = t.entries {
                names = entries.map { ($0.keyText, $0.key.range) }
            }
            for i in names.indices.dropFirst() where names[i].0 < names[i - 1].0 {
                return [FunctionFailure("\"\(names[i].0)\" should come before \"\(names[i - 1].0)\" (alphabetical order)", range: names[i].1)]
            }
            return []
        case .compare(let op, let path, let value):
            guard let t, let lhs = t.scalar, lhs.kind == .number || lhs.kind == .string else { return [] }
            let other: Node?
            if let path { other = path.select(input.document).first } else { other = value }
            guard let other, let rhs = other.scalar, rhs.kind != .dynamic else { return [] }
            let ok: Bool
            if lhs.kind == .number, rhs.kind == .number, let a = Double(lhs.text), let b = Double(rhs.text) {
                ok = compare(a, b, op)
            } else if lhs.kind == .string, rhs.kind == .string {
                ok = compare(lhs.text, rhs.text, op)
            } else {
                // Values of different types are another rule's business (type drift).
                return []
            }
            if ok { return [] }
            let what = path.map { "\($0.text) (\(show(other)))" } ?? show(other)
            return [FunctionFailure("\(show(t)) is not \(op.rawValue) \(what)")]
        case .custom(let fn):
            return fn.run(input, nil)
        }
    }

    static func compare<T: Comparable>(_ a: T, _ b: T, _ op: CompareOperator) -> Bool {
        switch op {
        case .lt: return a < b
        case .le: return a <= b
        case .gt: return a > b
        case .ge: return a >= b
        case .eq: return a == b
        case .ne: return a != b
        }
    }

    static func fmt(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }
}
