import LintCore

/// A read of an environment variable (`process.env.X` or `process.env['X']`).
public struct EnvReference: Sendable, Hashable {
    /// The variable name.
    public var name: String
    /// The `process.env.X` expression itself (without any default).
    public var range: SourceRange
    /// The fallback after `||` or `??`, when one is written.
    public var defaultValue: Node?
    /// `||` or `??` when a default is written.
    public var defaultOperator: String?
    /// The range of the value node this reference produced (reference plus
    /// default), or nil when the reference sits inside a computed expression.
    public var valueRange: SourceRange?

    public init(name: String, range: SourceRange, defaultValue: Node? = nil, defaultOperator: String? = nil, valueRange: SourceRange? = nil) {
        self.name = name
        self.range = range
        self.defaultValue = defaultValue
        self.defaultOperator = defaultOperator
        self.valueRange = valueRange
    }
}

/// A top-level binding: `export const NAME = …`, `const NAME = …`,
/// `export default …` (name `default`) or `module.exports = …` (name `default`).
public struct TSBinding: Sendable, Hashable {
    public var name: String
    public var exported: Bool
    public var nameRange: SourceRange
    public var value: Node
}

/// A call whose arguments were parsed, e.g. `Sentry.init({ … })`.
public struct TSCall: Sendable, Hashable {
    /// The callee as written without spaces, e.g. `Sentry.init`.
    public var callee: String
    public var range: SourceRange
    public var arguments: [Node]
}

/// The result of reading a TypeScript/JavaScript config file.
///
/// Representation choices:
/// - `process.env.X` (optionally `|| default` / `?? default`) becomes a
///   `.dynamic` scalar whose text is `process.env.X`; the details (name,
///   default, positions) are in `envReferences`, found by the node's range
///   with `envReference(for:)`.
/// - `undefined` becomes a `.null` scalar (text `null`), like `null`.
/// - Any other expression (calls, arithmetic, conditionals, functions,
///   templates with `${}`) becomes a `.dynamic` scalar holding its source text.
/// - References to earlier consts of the same file and spreads of them are
///   resolved; the copied nodes keep the ranges of their definition.
public struct TSConfigDocument: Sendable {
    public var bindings: [TSBinding]
    public var calls: [TSCall]
    /// Every `process.env` read in the file, in source order.
    public var envReferences: [EnvReference]
    /// Start offsets of object literals whose keys are not all known
    /// (a spread or computed key that could not be resolved).
    public var openMappings: Set<Int>
    public var diagnostics: [Diagnostic]

    /// The env reference a value node stands for, if any.
    public func envReference(for node: Node) -> EnvReference? {
        guard node.scalar?.kind == .dynamic else { return nil }
        return envReferences.first { $0.valueRange == node.range }
    }

    /// The last binding with this name (`default` for the default export).
    public func binding(named name: String) -> TSBinding? {
        bindings.last { $0.name == name }
    }
}

/// Reads the part of TypeScript that config files use into positioned `Node`
/// trees. Unknown constructs become dynamic nodes, not errors; only broken
/// tokens, unbalanced brackets and excessive nesting are reported.
public enum TSConfigParser {
    /// Values nested deeper than this are reported and not read.
    public static let defaultMaxDepth = 64
    /// Resolving references may copy at most this many nodes in total.
    public static let maxResolvedNodes = 50_000

    public static func parse(_ file: SourceFile, maxDepth: Int = defaultMaxDepth) -> TSConfigDocument {
        let (tokens, errors) = TSTokenizer.tokenize(file.bytes)
        var p = TSParserState(file: file, tokens: tokens, maxDepth: maxDepth)
        for e in errors {
            p.error(e.message, at: e.offset, end: e.offset)
        }
        p.parseProgram()
        // Every process.env read, whether or not it sits in a value position.
        var refs = p.valueRefs
        var seen = Set(refs.map { $0.range.start.offset })
        for r in p.scanAllEnvReferences() where !seen.contains(r.range.start.offset) {
            refs.append(r)
            seen.insert(r.range.start.offset)
        }
        refs.sort { $0.range.start.offset < $1.range.start.offset }
        return TSConfigDocument(bindings: p.bindings, calls: p.calls, envReferences: refs, openMappings: p.openMappings, diagnostics: p.diagnostics)
    }
}

struct TSParserState {
    let file: SourceFile
    let tokens: [TSToken]
    let maxDepth: Int
    var i = 0
    var bindings: [TSBinding] = []
    var bindingIndex: [String: Node] = [:]
    var bindingSizes: [String: Int] = [:]
    var calls: [TSCall] = []
    var valueRefs: [EnvReference] = []
    var openMappings: Set<Int> = []
    var diagnostics: [Diagnostic] = []
    var reportedEOF = false
    var reportedDepth = false
    var resolvedBudget = TSConfigParser.maxResolvedNodes
    let positions: PositionCache

    init(file: SourceFile, tokens: [TSToken], maxDepth: Int) {
        self.file = file
        self.positions = PositionCache(file: file)
        self.tokens = tokens
        self.maxDepth = maxDepth
    }

    // MARK: Helpers

    var atEnd: Bool { i >= tokens.count }
    var tok: TSToken? { i < tokens.count ? tokens[i] : nil }
    func peek(_ k: Int) -> TSToken? { i + k < tokens.count ? tokens[i + k] : nil }
    func isPunct(_ p: String) -> Bool { tok?.isPunct(p) ?? false }
    func isIdent(_ s: String) -> Bool { tok?.isIdent(s) ?? false }

    mutating func error(_ message: String, at start: Int, end: Int) {
        diagnostics.append(EnvironmentRules.syntax.diagnostic(message, file: file.path, range: positions.range( start, end)))
    }

    func range(_ from: Int, _ to: Int) -> SourceRange {
        // Tokens `from` through `to` inclusive.
        guard from < tokens.count, to >= from else {
            let off = from < tokens.count ? tokens[from].start : file.bytes.count
            return positions.range( off, off)
        }
        return positions.range( tokens[from].start, tokens[min(to, tokens.count - 1)].end)
    }

    func text(_ from: Int, _ to: Int) -> String {
        guard from < tokens.count, to >= from else { return "" }
        return file.slice(tokens[from].start, tokens[min(to, tokens.count - 1)].end)
    }

    func dynamic(_ from: Int, _ to: Int) -> Node {
        Node.scalar(Scalar(kind: .dynamic, text: text(from, to)), range(from, to))
    }

    /// A line break before token `k` that ends a statement (automatic semicolon insertion).
    func isStatementBoundary(_ k: Int) -> Bool {
        guard k > 0, k < tokens.count, tokens[k].newlineBefore else { return false }
        let next = tokens[k], prev = tokens[k - 1]
        guard next.kind == .identifier, !["as", "satisfies", "in", "instanceof", "of"].contains(next.text) else { return false }
        switch prev.kind {
        case .punctuator: return [")", "]", "}"].contains(prev.text)
        default: return true
        }
    }

    static let openers: [String: String] = ["(": ")", "[": "]", "{": "}"]
    static let closers: Set<String> = [")", "]", "}"]

    /// Skips balanced tokens until a terminator at nesting depth 0 (not consumed).
    mutating func skip(until terminators: Set<String>, statementBoundary: Bool = true, angle: Bool = false, boundaryAtStart: Bool = false) {
        var stack: [Int] = []
        var angles = 0
        let start = i
        while i < tokens.count {
            let t = tokens[i]
            if stack.isEmpty, angles == 0 {
                if t.kind == .punctuator, terminators.contains(t.text) { return }
                if statementBoundary, i > start || boundaryAtStart, isStatementBoundary(i) { return }
            }
            if t.kind == .punctuator {
                if TSParserState.openers[t.text] != nil {
                    stack.append(i)
                } else if TSParserState.closers.contains(t.text) {
                    if let top = stack.last {
                        if TSParserState.openers[tokens[top].text] != t.text {
                            error("`\(t.text)` does not match `\(tokens[top].text)` on line \(file.line(containing: tokens[top].start)): balance the brackets", at: t.start, end: t.end)
                        }
                        stack.removeLast()
                    } else {
                        // A closer nobody opened, and not one we stop at.
                        error("unexpected `\(t.text)`: remove it or add the matching opening bracket", at: t.start, end: t.end)
                    }
                } else if angle, stack.isEmpty {
                    if t.text == "<" { angles += 1 } else if t.text == ">" { angles = max(0, angles - 1) } else if t.text == ">>" { angles = max(0, angles - 2) }
                }
            }
            i += 1
        }
        if let first = stack.first {
            reportUnclosed(first)
        }
    }

    mutating func reportUnclosed(_ opener: Int) {
        guard !reportedEOF, opener < tokens.count else { return }
        reportedEOF = true
        let t = tokens[opener]
        let close = TSParserState.openers[t.text] ?? "?"
        error("`\(t.text)` is never closed: add the matching `\(close)`", at: t.start, end: t.end)
    }

    /// Skips a type annotation (after `:`, `as`, `satisfies`).
    mutating func skipType() {
        skip(until: [",", ";", "=", ")", "]", "}"], statementBoundary: true, angle: true)
    }

    // MARK: Statements

    static let statementKeywords: Set<String> = [
        "function", "class", "if", "for", "while", "switch", "try", "return", "throw", "type", "interface", "enum",
        "declare", "namespace", "abstract", "async", "do", "break", "continue", "module",
    ]

    mutating func parseProgram() {
        while let t = tok {
            let before = i
            if t.isPunct(";") {
                i += 1
            } else if t.isIdent("import"), !(peek(1)?.isPunct("(") ?? false), !(peek(1)?.isPunct(".") ?? false) {
                skipStatement()
            } else if t.isIdent("export") {
                i += 1
                if isIdent("default") {
                    i += 1
                    let nameStart = i - 1
                    let value = parseExpression(depth: 0)
                    addBinding("default", exported: true, nameRange: range(nameStart, nameStart), value: value)
                    skipStatement(rest: true)
                } else if isIdent("const") || isIdent("let") || isIdent("var") {
                    i += 1
                    parseDeclarations(exported: true)
                } else {
                    skipStatement()
                }
            } else if t.isIdent("const") || t.isIdent("let") || t.isIdent("var") {
                i += 1
                parseDeclarations(exported: false)
            } else if t.isIdent("module"), peek(1)?.isPunct(".") ?? false, peek(2)?.isIdent("exports") ?? false, peek(3)?.isPunct("=") ?? false {
                let nameStart = i
                i += 4
                let value = parseExpression(depth: 0)
                addBinding("default", exported: true, nameRange: range(nameStart, nameStart + 2), value: value)
                skipStatement(rest: true)
            } else if t.kind == .identifier, !TSParserState.statementKeywords.contains(t.text) {
                // An expression statement such as `Sentry.init({ … })`.
                _ = parseExpression(depth: 0)
                skipStatement(rest: true)
            } else {
                skipStatement()
            }
            if i == before { i += 1 }  // always make progress
        }
    }

    /// Skips to the end of the current statement (consuming a `;`).
    /// `rest`: the statement's start was already read, so a line break before
    /// the current token may end it.
    mutating func skipStatement(rest: Bool = false) {
        skip(until: [";"], boundaryAtStart: rest)
        if isPunct(";") { i += 1 }
    }

    mutating func addBinding(_ name: String, exported: Bool, nameRange: SourceRange, value: Node) {
        bindings.append(TSBinding(name: name, exported: exported, nameRange: nameRange, value: value))
        bindingIndex[name] = value
        bindingSizes[name] = TSParserState.size(of: value, cap: TSConfigParser.maxResolvedNodes + 1)
    }

    static func size(of node: Node, cap: Int) -> Int {
        var count = 0
        var stack = [node]
        while let n = stack.popLast() {
            count += 1
            if count >= cap { return cap }
            switch n.value {
            case .scalar: break
            case .sequence(let items): stack.append(contentsOf: items)
            case .mapping(let entries): for e in entries { stack.append(e.value) }
            }
        }
        return count
    }

    mutating func parseDeclarations(exported: Bool) {
        while let t = tok {
            if t.kind == .identifier {
                let nameIndex = i
                i += 1
                if isPunct("!") { i += 1 }
                if isPunct(":") { i += 1; skipType() }
                if isPunct("=") {
                    i += 1
                    let value = parseExpression(depth: 0)
                    addBinding(t.text, exported: exported, nameRange: range(nameIndex, nameIndex), value: value)
                }
            } else if t.isPunct("{") || t.isPunct("[") {
                // Destructuring: not a config value; still read the initializer for calls.
                skip(until: [",", ";", "="])
                if isPunct(":") { i += 1; skipType() }
                if isPunct("=") { i += 1; _ = parseExpression(depth: 0) }
            } else {
                break
            }
            if isPunct(","), !isStatementBoundary(i) {
                i += 1
                continue
            }
            break
        }
        skipStatement(rest: true)
    }

    // MARK: Expressions

    static let expressionTerminators: Set<String> = [",", ";", ")", "]", "}"]

    func atExpressionEnd(orStatementBoundary: Bool = true) -> Bool {
        guard let t = tok else { return true }
        if t.kind == .punctuator, TSParserState.expressionTerminators.contains(t.text) { return true }
        return orStatementBoundary && isStatementBoundary(i)
    }

    /// Parses one value expression. Never returns without a node; unknown
    /// expressions become dynamic nodes covering their source text.
    mutating func parseExpression(depth: Int) -> Node {
        let start = i
        if depth > maxDepth {
            if !reportedDepth, let t = tok {
                reportedDepth = true
                error("value nested deeper than \(maxDepth) levels; it was not read: flatten the config", at: t.start, end: t.end)
            }
            skip(until: TSParserState.expressionTerminators)
            return dynamic(start, max(start, i - 1))
        }
        if atExpressionEnd(orStatementBoundary: false) {
            let off = tok?.start ?? file.bytes.count
            if let t = tok {
                error("expected a value before `\(t.text)`", at: t.start, end: t.end)
            } else if !reportedEOF {
                reportedEOF = true
                error("the file ends where a value is expected: complete the expression", at: off, end: off)
            }
            return Node.scalar(Scalar(kind: .dynamic, text: ""), positions.range( off, off))
        }
        var node = parseUnary(depth: depth)
        var envRef: Int? = nil
        if let n = node, n.scalar?.kind == .dynamic, n.range.start.offset == tokens[start].start,
           let k = valueRefs.indices.last, valueRefs[k].valueRange == n.range { envRef = k }
        // Type assertions do not change the value.
        while node != nil {
            if isIdent("as") || isIdent("satisfies") {
                i += 1
                skipType()
            } else if isPunct("!"), !(tok?.newlineBefore ?? true) {
                i += 1  // a non-null assertion `x!`
            } else {
                break
            }
        }
        if node != nil, let k = envRef, isPunct("||") || isPunct("??"), let op = tok?.text {
            i += 1
            let def = parseExpression(depth: depth + 1)
            let whole = range(start, max(start, i - 1))
            valueRefs[k].defaultValue = def
            valueRefs[k].defaultOperator = op
            valueRefs[k].valueRange = whole
            node = Node.scalar(Scalar(kind: .dynamic, text: "process.env.\(valueRefs[k].name)"), whole)
        }
        if let n = node, atExpressionEnd() {
            return n
        }
        // Anything more (operators, calls on the value, arrow functions…): a dynamic expression.
        if let k = envRef, valueRefs[k].defaultValue == nil { valueRefs.remove(at: k) }
        skip(until: TSParserState.expressionTerminators)
        return dynamic(start, max(start, i - 1))
    }

    mutating func parseUnary(depth: Int) -> Node? {
        guard let t = tok else { return nil }
        let start = i
        switch t.kind {
        case .string, .template:
            i += 1
            return Node.scalar(.string(t.text), range(start, start))
        case .dynamicTemplate, .regex:
            i += 1
            return dynamic(start, start)
        case .number:
            i += 1
            return Node.scalar(.number(t.text), range(start, start))
        case .punctuator:
            switch t.text {
            case "{": return parseObject(depth: depth + 1)
            case "[": return parseArray(depth: depth + 1)
            case "-", "+":
                if let n = peek(1), n.kind == .number {
                    i += 2
                    let text = t.text == "-" && n.text != "0" ? "-" + n.text : n.text
                    return Node.scalar(.number(text), range(start, start + 1))
                }
                return nil
            case "(":
                let snapshot = (diagnostics.count, calls.count, valueRefs.count, reportedEOF, reportedDepth)
                i += 1
                if isPunct(")") { i = start; return nil }
                let inner = parseExpression(depth: depth + 1)
                if isPunct(")") {
                    i += 1
                    return inner
                }
                i = start
                diagnostics.removeSubrange(snapshot.0...)
                calls.removeSubrange(snapshot.1...)
                valueRefs.removeSubrange(snapshot.2...)
                reportedEOF = snapshot.3
                reportedDepth = snapshot.4
                return nil
            default:
                return nil
            }
        case .identifier:
            switch t.text {
            case "true", "false":
                i += 1
                return Node.scalar(.bool(t.text == "true"), range(start, start))
            case "null", "undefined":
                i += 1
                return Node.scalar(.null, range(start, start))
            case "process":
                if let ref = parseEnvReference() {
                    valueRefs.append(ref)
                    return Node.scalar(Scalar(kind: .dynamic, text: "process.env.\(ref.name)"), ref.range)
                }
                return parseChain(depth: depth)
            case "new", "function", "async", "class", "typeof", "void", "delete", "await", "yield", "this", "super":
                return nil
            default:
                return parseChain(depth: depth)
            }
        }
    }

    /// `process.env.NAME`, `process.env['NAME']` (also with `?.`), at `process`.
    mutating func parseEnvReference() -> EnvReference? {
        guard let (ref, next) = TSParserState.envReference(tokens, at: i, positions: positions) else { return nil }
        i = next
        var r = ref
        r.valueRange = r.range
        return r
    }

    static func envReference(_ tokens: [TSToken], at k: Int, positions: PositionCache) -> (EnvReference, Int)? {
        func tokenAt(_ j: Int) -> TSToken? { j < tokens.count ? tokens[j] : nil }
        guard let p = tokenAt(k), p.isIdent("process"),
              let dot = tokenAt(k + 1), dot.isPunct(".") || dot.isPunct("?."),
              let env = tokenAt(k + 2), env.isIdent("env"),
              let access = tokenAt(k + 3) else { return nil }
        if access.isPunct(".") || access.isPunct("?."), let name = tokenAt(k + 4), name.kind == .identifier {
            return (EnvReference(name: name.text, range: positions.range( p.start, name.end)), k + 5)
        }
        var j = k + 3
        if access.isPunct("?."), tokenAt(k + 4)?.isPunct("[") ?? false { j = k + 4 }
        if let open = tokenAt(j), open.isPunct("["), let name = tokenAt(j + 1), name.kind == .string || name.kind == .template,
           let close = tokenAt(j + 2), close.isPunct("]") {
            return (EnvReference(name: name.text, range: positions.range( p.start, close.end)), j + 3)
        }
        return nil
    }

    /// Every `process.env` read anywhere in the file, including inside computed
    /// expressions, skipped statements and `${}` template substitutions.
    func scanAllEnvReferences() -> [EnvReference] {
        var out: [EnvReference] = []
        for k in tokens.indices {
            let t = tokens[k]
            if t.isIdent("process"), k == 0 || !(tokens[k - 1].isPunct(".") || tokens[k - 1].isPunct("?.")),
               let (ref, _) = TSParserState.envReference(tokens, at: k, positions: positions) {
                out.append(ref)
            } else if t.kind == .dynamicTemplate {
                out.append(contentsOf: templateEnvReferences(t))
            }
        }
        return out
    }

    /// `process.env.NAME` inside the substitutions of a template token.
    func templateEnvReferences(_ t: TSToken) -> [EnvReference] {
        let needle = Array("process.env.".utf8)
        var out: [EnvReference] = []
        var k = t.start
        let bytes = file.bytes
        while k + needle.count < t.end {
            if bytes[k] == needle[0], Array(bytes[k..<(k + needle.count)]) == needle,
               k == t.start || !TSTokenizer.isIdentPart(bytes[k - 1]) {
                var e = k + needle.count
                while e < t.end, TSTokenizer.isIdentPart(bytes[e]) { e += 1 }
                if e > k + needle.count {
                    out.append(EnvReference(name: file.slice(k + needle.count, e), range: positions.range( k, e)))
                }
                k = e
            } else {
                k += 1
            }
        }
        return out
    }

    /// An identifier chain `a.b.c` (a reference to an earlier const, or a call).
    mutating func parseChain(depth: Int) -> Node? {
        let start = i
        guard let first = tok, first.kind == .identifier else { return nil }
        var path: [String] = []
        i += 1
        while let t = tok {
            if (t.isPunct(".") || t.isPunct("?.")), let n = peek(1), n.kind == .identifier {
                path.append(n.text)
                i += 2
            } else if t.isPunct("["), let n = peek(1), n.kind == .string || n.kind == .number, peek(2)?.isPunct("]") ?? false {
                path.append(n.text)
                i += 3
            } else {
                break
            }
        }
        if isPunct("(") {
            // A call: read the arguments (they may hold config objects).
            let callee = text(start, i - 1).filter { !$0.isWhitespace }
            i += 1
            var args: [Node] = []
            while let t = tok, !t.isPunct(")") {
                if t.isPunct("...") { i += 1 }
                args.append(parseExpression(depth: depth + 1))
                if isPunct(",") { i += 1 } else { break }
            }
            if isPunct(")") {
                i += 1
            } else {
                skip(until: [")", ";"])
                if isPunct(")") { i += 1 }
            }
            calls.append(TSCall(callee: callee, range: range(start, i - 1), arguments: args))
            return dynamic(start, i - 1)
        }
        if let resolved = resolve(first.text, path: path) { return resolved }
        return dynamic(start, i - 1)
    }

    /// The value of an earlier const, following `path` through objects and arrays.
    mutating func resolve(_ name: String, path: [String]) -> Node? {
        guard var node = bindingIndex[name] else { return nil }
        for key in path {
            if let v = node[key] {
                node = v
            } else if let items = node.items, let k = Int(key), k >= 0, k < items.count {
                node = items[k]
            } else {
                return nil
            }
        }
        let size = path.isEmpty ? (bindingSizes[name] ?? 1) : TSParserState.size(of: node, cap: resolvedBudget + 1)
        guard size <= resolvedBudget else { return nil }
        resolvedBudget -= size
        return node
    }

    mutating func parseObject(depth: Int) -> Node {
        let open = i
        i += 1
        var entries: [MappingEntry] = []
        var index: [String: Int] = [:]
        var hasUnknownKeys = false
        func put(_ entry: MappingEntry, _ entries: inout [MappingEntry], _ index: inout [String: Int]) {
            let k = entry.keyText
            if let at = index[k] { entries[at] = entry } else { index[k] = entries.count; entries.append(entry) }
        }
        while true {
            guard let t = tok else {
                reportUnclosed(open)
                break
            }
            if t.isPunct("}") { i += 1; break }
            if t.isPunct("...") {
                i += 1
                let v = parseExpression(depth: depth + 1)
                if let es = v.entries {
                    for e in es { put(e, &entries, &index) }
                } else if !v.isNull {
                    hasUnknownKeys = true
                }
            } else {
                let keyIndex = i
                var keyText: String? = nil
                switch t.kind {
                case .identifier, .string, .template, .number: keyText = t.text
                default: keyText = nil
                }
                if t.isPunct("[") {
                    // A computed key: its name is not static.
                    hasUnknownKeys = true
                    skip(until: [",", "}"])
                } else if let key = keyText {
                    i += 1
                    let keyNode = Node.scalar(.string(key), range(keyIndex, keyIndex))
                    if isPunct(":") {
                        i += 1
                        let v = parseExpression(depth: depth + 1)
                        put(MappingEntry(key: keyNode, value: v), &entries, &index)
                    } else if isPunct(",") || isPunct("}") {
                        // Shorthand `{ name }`.
                        let v = resolve(key, path: []) ?? dynamic(keyIndex, keyIndex)
                        put(MappingEntry(key: keyNode, value: v), &entries, &index)
                    } else {
                        // A method, getter or other member: its value is not static.
                        skip(until: [",", "}"], statementBoundary: false)
                        put(MappingEntry(key: keyNode, value: dynamic(keyIndex, max(keyIndex, i - 1))), &entries, &index)
                    }
                } else {
                    error("unexpected `\(t.text)` in an object literal: expected a key", at: t.start, end: t.end)
                    skip(until: [",", "}"], statementBoundary: false)
                }
            }
            if isPunct(",") {
                i += 1
            } else if isPunct("}") {
                continue
            } else if let t = tok {
                error("expected `,` or `}` after an object member, found `\(t.text)`", at: t.start, end: t.end)
                skip(until: [",", "}"], statementBoundary: false)
                if isPunct(",") { i += 1 }
            }
        }
        let node = Node.mapping(entries, range(open, max(open, i - 1)))
        if hasUnknownKeys { openMappings.insert(node.range.start.offset) }
        return node
    }

    mutating func parseArray(depth: Int) -> Node {
        let open = i
        i += 1
        var items: [Node] = []
        while true {
            guard let t = tok else {
                reportUnclosed(open)
                break
            }
            if t.isPunct("]") { i += 1; break }
            if t.isPunct(",") { i += 1; continue }  // a hole
            if t.isPunct("...") {
                let spreadStart = i
                i += 1
                let v = parseExpression(depth: depth + 1)
                if let vs = v.items { items.append(contentsOf: vs) } else { items.append(dynamic(spreadStart, max(spreadStart, i - 1))) }
            } else {
                items.append(parseExpression(depth: depth + 1))
            }
            if isPunct(",") {
                i += 1
            } else if isPunct("]") {
                continue
            } else if let t = tok {
                error("expected `,` or `]` after an array element, found `\(t.text)`", at: t.start, end: t.end)
                skip(until: [",", "]"], statementBoundary: false)
                if isPunct(",") { i += 1 }
            }
        }
        return Node.sequence(items, range(open, max(open, i - 1)))
    }
}
