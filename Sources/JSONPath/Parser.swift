/// A query that is not valid RFC 9535 JSONPath.
public struct JSONPathSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based position in the query text, counted in Unicode scalars.
    /// One past the last character when the query ends too early.
    public var position: Int
    /// What is wrong and, where possible, how to write it instead.
    public var message: String

    public init(position: Int, message: String) {
        self.position = position
        self.message = message
    }

    public var description: String { "invalid JSONPath at position \(position): \(message)" }
}

/// A `match`/`search` pattern literal that is not a valid I-Regexp. The query
/// is still valid (RFC 9535 makes such a call evaluate to false), but the
/// filter can never match, which is almost certainly a mistake.
public struct JSONPathPatternProblem: Sendable, Hashable, CustomStringConvertible {
    /// 1-based scalar position of the pattern literal in the query.
    public var position: Int
    public var pattern: String
    public var error: IRegexpError

    public init(position: Int, pattern: String, error: IRegexpError) {
        self.position = position
        self.pattern = pattern
        self.error = error
    }

    public var description: String {
        "pattern '\(pattern)' at position \(position) is not a valid I-Regexp (\(error.message) at pattern position \(error.position)); the filter never matches — write it in I-Regexp (RFC 9485) syntax"
    }
}

/// Recursive-descent parser for the RFC 9535 ABNF, with the well-typedness
/// rules of §2.4.3 checked as it goes. Nesting is bounded by `maxDepth`.
struct JSONPathParser {
    typealias E = JSONPathSyntaxError

    /// Deepest nesting of filters, parentheses and function calls accepted.
    static let maxDepth = 64
    /// I-JSON exact integer range (RFC 7493), required for indices and slice bounds.
    static let maxExactInteger: Int64 = 9_007_199_254_740_991

    let s: [Unicode.Scalar]
    var i = 0
    var depth = 0
    /// String-literal patterns of match()/search() that are not valid I-Regexps.
    var patternProblems: [JSONPathPatternProblem] = []

    init(_ text: String) {
        s = Array(text.unicodeScalars)
    }

    // MARK: helpers

    var peek: Unicode.Scalar? { i < s.count ? s[i] : nil }

    func peek(_ offset: Int) -> Unicode.Scalar? { i + offset < s.count ? s[i + offset] : nil }

    func error(_ message: String, at index: Int? = nil) -> E {
        E(position: (index ?? i) + 1, message: message)
    }

    func describeCurrent() -> String {
        guard let c = peek else { return "end of query" }
        if isBlank(c) { return "whitespace" }
        return "'\(c)'"
    }

    func isBlank(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" }

    mutating func skipBlank() {
        while let c = peek, isBlank(c) { i += 1 }
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
    static func isAlpha(_ c: Unicode.Scalar) -> Bool { (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A) }
    static func isNameFirst(_ c: Unicode.Scalar) -> Bool {
        isAlpha(c) || c == "_" || (c.value >= 0x80 && c.value <= 0xD7FF) || c.value >= 0xE000
    }
    static func isNameChar(_ c: Unicode.Scalar) -> Bool { isNameFirst(c) || isDigit(c) }

    mutating func enter(at index: Int) throws(E) {
        depth += 1
        if depth > JSONPathParser.maxDepth {
            throw error("expression nested more than \(JSONPathParser.maxDepth) levels deep; simplify the filter", at: index)
        }
    }

    mutating func leave() { depth -= 1 }

    // MARK: queries

    mutating func parseQuery() throws(E) -> PathQuery {
        guard let c = peek else { throw error("empty query; a JSONPath query starts with '$'") }
        guard c == "$" else {
            if isBlank(c) { throw error("leading whitespace is not allowed; start the query with '$'") }
            throw error("a JSONPath query must start with '$', found '\(c)'")
        }
        i += 1
        let segments = try parseSegments()
        if i < s.count {
            if let c = peek, isBlank(c) {
                var j = i
                while j < s.count, isBlank(s[j]) { j += 1 }
                if j == s.count { throw error("trailing whitespace is not allowed; remove it") }
                throw error("unexpected '\(s[j])' after the query; expected a segment such as '.name', '[…]' or '..name'", at: j)
            }
            throw error("unexpected \(describeCurrent()); expected a segment such as '.name', '[…]' or '..name'")
        }
        return PathQuery(relative: false, segments: segments)
    }

    /// `*(S segment)`: whitespace is consumed only when a segment follows.
    mutating func parseSegments() throws(E) -> [PathSegment] {
        var segments: [PathSegment] = []
        while true {
            let save = i
            skipBlank()
            guard let c = peek, c == "[" || c == "." else {
                i = save
                return segments
            }
            segments.append(try parseSegment())
        }
    }

    mutating func parseSegment() throws(E) -> PathSegment {
        if peek == "[" {
            return PathSegment(descendant: false, selectors: try parseBracketed())
        }
        // "."
        i += 1
        if peek == "." {
            i += 1
            guard let c = peek else { throw error("query ends after '..'; add a name, '*' or '[…]'") }
            if c == "[" { return PathSegment(descendant: true, selectors: try parseBracketed()) }
            if c == "*" { i += 1; return PathSegment(descendant: true, selectors: [.wildcard]) }
            if JSONPathParser.isNameFirst(c) { return PathSegment(descendant: true, selectors: [.name(parseShorthand())]) }
            throw error("expected a name, '*' or '[' after '..', found \(describeCurrent())")
        }
        guard let c = peek else { throw error("query ends after '.'; add a member name or '*'") }
        if c == "*" { i += 1; return PathSegment(descendant: false, selectors: [.wildcard]) }
        if JSONPathParser.isNameFirst(c) { return PathSegment(descendant: false, selectors: [.name(parseShorthand())]) }
        if isBlank(c) { throw error("whitespace is not allowed after '.'") }
        if JSONPathParser.isDigit(c) || c == "-" {
            throw error("a member name after '.' cannot start with \(describeCurrent()); use a bracketed selector such as ['\(c)…'] or [\(c)…]")
        }
        throw error("expected a member name or '*' after '.', found \(describeCurrent()); use ['…'] for other names")
    }

    mutating func parseShorthand() -> String {
        var name = ""
        while let c = peek, JSONPathParser.isNameChar(c) {
            name.unicodeScalars.append(c)
            i += 1
        }
        return name
    }

    mutating func parseBracketed() throws(E) -> [Selector] {
        let open = i
        i += 1
        skipBlank()
        var selectors: [Selector] = []
        while true {
            selectors.append(try parseSelector())
            skipBlank()
            guard let c = peek else { throw error("missing ']' for the '[' at position \(open + 1)") }
            if c == "]" { i += 1; return selectors }
            if c == "," { i += 1; skipBlank(); continue }
            throw error("expected ',' or ']' in the bracketed selection, found \(describeCurrent())")
        }
    }

    mutating func parseSelector() throws(E) -> Selector {
        guard let c = peek else { throw error("query ends inside '[…]'; add a selector and ']'") }
        switch c {
        case "'", "\"":
            return .name(try parseStringLiteral())
        case "*":
            i += 1
            return .wildcard
        case "?":
            let q = i
            i += 1
            skipBlank()
            try enter(at: q)
            let expr = try parseLogicalOr(first: nil)
            leave()
            return .filter(expr)
        case ":", "-", "0"..."9":
            return try parseIndexOrSlice()
        case "]":
            throw error("empty selector; put a name, index, slice, '*' or filter between the brackets")
        default:
            throw error("expected a selector (a quoted name, index, slice, '*' or '?filter'), found \(describeCurrent())")
        }
    }

    mutating func parseIndexOrSlice() throws(E) -> Selector {
        var start: Int64?
        if peek != ":" { start = try parseInteger() }
        let afterStart = i
        skipBlank()
        guard peek == ":" else {
            i = afterStart
            guard let start else { throw error("expected an index") }
            return .index(start)
        }
        i += 1
        skipBlank()
        var end: Int64?
        if let c = peek, c == "-" || JSONPathParser.isDigit(c) { end = try parseInteger() }
        let afterEnd = i
        skipBlank()
        var step: Int64?
        if peek == ":" {
            i += 1
            skipBlank()
            if let c = peek, c == "-" || JSONPathParser.isDigit(c) { step = try parseInteger() }
        } else {
            i = afterEnd
        }
        return .slice(start: start, end: end, step: step)
    }

    /// `int = "0" / (["-"] DIGIT1 *DIGIT)` within the I-JSON range.
    mutating func parseInteger() throws(E) -> Int64 {
        let start = i
        var negative = false
        if peek == "-" { negative = true; i += 1 }
        guard let first = peek, JSONPathParser.isDigit(first) else {
            throw error("expected a digit after '-'")
        }
        if first == "0" {
            if negative { throw error("'-0' is not a valid index; use 0", at: start) }
            if let next = peek(1), JSONPathParser.isDigit(next) { throw error("integers cannot have leading zeros", at: start) }
            i += 1
            return 0
        }
        var value: Int64 = 0
        var overflow = false
        while let c = peek, JSONPathParser.isDigit(c) {
            if value > JSONPathParser.maxExactInteger { overflow = true } else { value = value * 10 + Int64(c.value - 0x30) }
            i += 1
        }
        if overflow || value > JSONPathParser.maxExactInteger {
            throw error("integer out of the I-JSON range ±(2^53-1)", at: start)
        }
        return negative ? -value : value
    }

    // MARK: string literals

    mutating func parseStringLiteral() throws(E) -> String {
        let open = i
        guard let quote = peek else { throw error("expected a string") }
        i += 1
        var out = ""
        while true {
            guard let c = peek else { throw error("unterminated string literal; add the closing \(quote)", at: open) }
            if c == quote { i += 1; return out }
            if c == "\\" {
                let escStart = i
                i += 1
                guard let e = peek else { throw error("unterminated escape sequence", at: escStart) }
                i += 1
                switch e {
                case "b": out.unicodeScalars.append("\u{08}")
                case "f": out.unicodeScalars.append("\u{0C}")
                case "n": out.unicodeScalars.append("\n")
                case "r": out.unicodeScalars.append("\r")
                case "t": out.unicodeScalars.append("\t")
                case "/": out.unicodeScalars.append("/")
                case "\\": out.unicodeScalars.append("\\")
                case "u": out.unicodeScalars.append(try parseUnicodeEscape(escStart))
                default:
                    if e == quote { out.unicodeScalars.append(e); continue }
                    throw error("invalid escape '\\\(e)'; valid escapes are \\b \\f \\n \\r \\t \\/ \\\\ \\\(quote) and \\uXXXX", at: escStart)
                }
                continue
            }
            if c.value < 0x20 {
                throw error("control character U+\(hex4(c.value)) must be escaped in a string literal (e.g. \\u\(hex4(c.value)))")
            }
            out.unicodeScalars.append(c)
            i += 1
        }
    }

    func hex4(_ v: UInt32) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - h.count)) + h
    }

    mutating func parseHex4() -> UInt32? {
        guard i + 4 <= s.count else { return nil }
        var v: UInt32 = 0
        for k in 0..<4 {
            let c = s[i + k]
            let d: UInt32
            switch c.value {
            case 0x30...0x39: d = c.value - 0x30
            case 0x41...0x46: d = c.value - 0x41 + 10
            case 0x61...0x66: d = c.value - 0x61 + 10
            default: return nil
            }
            v = v * 16 + d
        }
        i += 4
        return v
    }

    /// After `\u`: four hex digits, with surrogate pairs written as two escapes.
    mutating func parseUnicodeEscape(_ escStart: Int) throws(E) -> Unicode.Scalar {
        guard let v = parseHex4() else { throw error("'\\u' must be followed by four hex digits", at: escStart) }
        if v >= 0xDC00 && v <= 0xDFFF {
            throw error("lone low surrogate \\u\(hex4(v)); a low surrogate must follow a high surrogate (\\uD800–\\uDBFF)", at: escStart)
        }
        if v >= 0xD800 && v <= 0xDBFF {
            let lowStart = i
            guard peek == "\\", peek(1) == "u" else {
                throw error("high surrogate \\u\(hex4(v)) must be followed by a low surrogate escape \\uDC00–\\uDFFF", at: escStart)
            }
            i += 2
            guard let lo = parseHex4() else { throw error("'\\u' must be followed by four hex digits", at: lowStart) }
            guard lo >= 0xDC00 && lo <= 0xDFFF else {
                throw error("high surrogate \\u\(hex4(v)) must be followed by a low surrogate escape \\uDC00–\\uDFFF", at: lowStart)
            }
            let combined = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00)
            guard let u = Unicode.Scalar(combined) else { throw error("invalid surrogate pair", at: escStart) }
            return u
        }
        guard let u = Unicode.Scalar(v) else { throw error("invalid code point", at: escStart) }
        return u
    }

    // MARK: filter expressions

    /// A literal, query or function call before it is known where it is used.
    enum Primary {
        case literal(Literal)
        case query(PathQuery)
        case function(FunctionCall)
    }

    mutating func parseLogicalOr(first: (Primary, Int)?) throws(E) -> LogicalExpr {
        var items = [try parseLogicalAnd(first: first)]
        while true {
            let save = i
            skipBlank()
            guard peek == "|", peek(1) == "|" else { i = save; break }
            i += 2
            skipBlank()
            items.append(try parseLogicalAnd(first: nil))
        }
        return items.count == 1 ? items[0] : .or(items)
    }

    mutating func parseLogicalAnd(first: (Primary, Int)?) throws(E) -> LogicalExpr {
        var items = [try parseBasic(first: first)]
        while true {
            let save = i
            skipBlank()
            guard peek == "&", peek(1) == "&" else { i = save; break }
            i += 2
            skipBlank()
            items.append(try parseBasic(first: nil))
        }
        return items.count == 1 ? items[0] : .and(items)
    }

    mutating func parseParen() throws(E) -> LogicalExpr {
        let open = i
        try enter(at: open)
        i += 1
        skipBlank()
        let inner = try parseLogicalOr(first: nil)
        skipBlank()
        guard peek == ")" else {
            throw error("expected ')' to close the '(' at position \(open + 1), found \(describeCurrent())")
        }
        i += 1
        leave()
        return inner
    }

    mutating func parseBasic(first: (Primary, Int)?) throws(E) -> LogicalExpr {
        let primary: Primary
        let primaryStart: Int
        if let first {
            (primary, primaryStart) = first
        } else {
            guard let c = peek else { throw error("query ends where a filter expression is expected") }
            if c == "!" {
                i += 1
                skipBlank()
                if peek == "(" { return .not(try parseParen()) }
                let start = i
                let p = try parsePrimary()
                let save = i
                skipBlank()
                if comparisonOperatorAhead() {
                    throw error("'!' cannot negate a comparison directly; wrap it in parentheses: !(… \(describeOperator()) …)", at: i)
                }
                i = save
                return .not(try testExpression(p, at: start))
            }
            if c == "(" { return try parseParen() }
            primaryStart = i
            primary = try parsePrimary()
        }
        let save = i
        skipBlank()
        if let op = try parseComparisonOperator() {
            let lhs = try comparand(primary, at: primaryStart, side: "left")
            skipBlank()
            let rhsStart = i
            guard peek != nil else { throw error("query ends after '\(op.rawValue)'; add the right-hand side of the comparison") }
            let rhsPrimary = try parsePrimary()
            let rhs = try comparand(rhsPrimary, at: rhsStart, side: "right")
            return .comparison(lhs, op, rhs)
        }
        i = save
        return try testExpression(primary, at: primaryStart)
    }

    func comparisonOperatorAhead() -> Bool {
        guard let c = peek else { return false }
        return c == "<" || c == ">" || c == "=" || (c == "!" && peek(1) == "=")
    }

    func describeOperator() -> String {
        guard let c = peek else { return "" }
        if let n = peek(1), n == "=" { return "\(c)=" }
        return "\(c)"
    }

    mutating func parseComparisonOperator() throws(E) -> ComparisonOp? {
        guard let c = peek else { return nil }
        let next = peek(1)
        switch c {
        case "=":
            guard next == "=" else { throw error("'=' is not an operator; use '==' to compare") }
            i += 2
            return .eq
        case "!":
            guard next == "=" else { return nil }
            i += 2
            return .ne
        case "<":
            if next == "=" { i += 2; return .le }
            i += 1
            return .lt
        case ">":
            if next == "=" { i += 2; return .ge }
            i += 1
            return .gt
        default:
            return nil
        }
    }

    func comparand(_ p: Primary, at start: Int, side: String) throws(E) -> Comparand {
        switch p {
        case .literal(let l):
            return .literal(l)
        case .query(let q):
            guard q.isSingular else {
                throw error("the \(side) side of a comparison must be a singular query (only names and indices, no wildcards, slices, filters or '..'); this query can select several nodes", at: start)
            }
            return .query(q)
        case .function(let f):
            guard f.name.result == .value else {
                throw error("\(f.name.rawValue)() returns \(f.name.result), which cannot be compared; use it on its own as a test", at: start)
            }
            return .function(f)
        }
    }

    func testExpression(_ p: Primary, at start: Int) throws(E) -> LogicalExpr {
        switch p {
        case .literal:
            throw error("a literal cannot be used as a test on its own; compare it with a query, e.g. @.x == …", at: start)
        case .query(let q):
            return .exists(q)
        case .function(let f):
            guard f.name.result != .value else {
                throw error("\(f.name.rawValue)() returns ValueType, which cannot be used as a test; compare its result, e.g. \(f.name.rawValue)(…) > 0", at: start)
            }
            return .function(f)
        }
    }

    mutating func parsePrimary() throws(E) -> Primary {
        guard let c = peek else { throw error("query ends where a query, literal or function call is expected") }
        switch c {
        case "@", "$":
            i += 1
            let segments = try parseSegments()
            return .query(PathQuery(relative: c == "@", segments: segments))
        case "'", "\"":
            return .literal(.string(try parseStringLiteral()))
        case "-", "0"..."9":
            return .literal(.number(try parseNumber()))
        case "a"..."z":
            let start = i
            var name = ""
            while let n = peek, (n.value >= 0x61 && n.value <= 0x7A) || n == "_" || JSONPathParser.isDigit(n) {
                name.unicodeScalars.append(n)
                i += 1
            }
            if peek == "(" { return .function(try parseFunctionCall(name, at: start)) }
            switch name {
            case "true": return .literal(.bool(true))
            case "false": return .literal(.bool(false))
            case "null": return .literal(.null)
            default:
                if let n = peek, isBlank(n) {
                    var j = i
                    while j < s.count, isBlank(s[j]) { j += 1 }
                    if j < s.count, s[j] == "(" {
                        throw error("no whitespace is allowed between a function name and '('", at: i)
                    }
                }
                if let n = peek, JSONPathParser.isNameChar(n) {
                    throw error("unexpected \(describeCurrent()) in '\(name)…'; literals are true, false and null, function names are lowercase", at: i)
                }
                throw error("unknown name '\(name)'; expected true, false, null, a function call, or a query starting with '@' or '$'", at: start)
            }
        default:
            throw error("expected a query ('@…' or '$…'), a literal, or a function call, found \(describeCurrent())")
        }
    }

    /// `number = (int / "-0") [ frac ] [ exp ]`; returns the source text.
    mutating func parseNumber() throws(E) -> String {
        let start = i
        var text = ""
        if peek == "-" { text += "-"; i += 1 }
        guard let first = peek, JSONPathParser.isDigit(first) else { throw error("expected a digit after '-'") }
        if first == "0" {
            text += "0"
            i += 1
            if let n = peek, JSONPathParser.isDigit(n) { throw error("numbers cannot have leading zeros", at: start) }
        } else {
            while let c = peek, JSONPathParser.isDigit(c) { text.unicodeScalars.append(c); i += 1 }
        }
        if peek == "." {
            text += "."
            i += 1
            guard let d = peek, JSONPathParser.isDigit(d) else { throw error("expected a digit after the decimal point") }
            while let c = peek, JSONPathParser.isDigit(c) { text.unicodeScalars.append(c); i += 1 }
        }
        if peek == "e" || peek == "E" {
            text += "e"
            i += 1
            if let sign = peek, sign == "+" || sign == "-" { text.unicodeScalars.append(sign); i += 1 }
            guard let d = peek, JSONPathParser.isDigit(d) else { throw error("expected a digit in the exponent") }
            while let c = peek, JSONPathParser.isDigit(c) { text.unicodeScalars.append(c); i += 1 }
        }
        return text
    }

    // MARK: function calls

    mutating func parseFunctionCall(_ name: String, at start: Int) throws(E) -> FunctionCall {
        guard let fn = FunctionName(rawValue: name) else {
            throw error("unknown function '\(name)'; available functions are length, count, match, search and value", at: start)
        }
        try enter(at: start)
        i += 1 // "("
        skipBlank()
        let params = fn.parameters
        var args: [FunctionArgument] = []
        var argStarts: [Int] = []
        if peek == ")" {
            i += 1
        } else {
            while true {
                let argStart = i
                if args.count >= params.count {
                    throw error("\(name)() takes \(params.count) argument\(params.count == 1 ? "" : "s"); remove the extra ones", at: argStart)
                }
                argStarts.append(argStart)
                args.append(try parseArgument(params[args.count], function: name, number: args.count + 1))
                skipBlank()
                guard let c = peek else { throw error("missing ')' for the call to \(name)() at position \(start + 1)") }
                if c == ")" { i += 1; break }
                if c == "," { i += 1; skipBlank(); continue }
                throw error("expected ',' or ')' in the arguments of \(name)(), found \(describeCurrent())")
            }
        }
        leave()
        if args.count != params.count {
            throw error("\(name)() takes \(params.count) argument\(params.count == 1 ? "" : "s") (\(params.map(\.description).joined(separator: ", "))) but was given \(args.count)", at: start)
        }
        var call = FunctionCall(name: fn, arguments: args, literalRegex: nil)
        if fn == .match || fn == .search, case .value(.literal(.string(let pattern))) = args[1] {
            do {
                call.literalRegex = try IRegexp.compile(pattern)
            } catch {
                patternProblems.append(JSONPathPatternProblem(position: argStarts[1] + 1, pattern: pattern, error: error))
            }
        }
        return call
    }

    mutating func parseArgument(_ type: FunctionType, function: String, number: Int) throws(E) -> FunctionArgument {
        let start = i
        guard let c = peek else { throw error("query ends inside the arguments of \(function)()") }
        var primary: Primary?
        var logical: LogicalExpr?
        if c == "!" || c == "(" {
            logical = try parseLogicalOr(first: nil)
        } else {
            let p = try parsePrimary()
            let save = i
            skipBlank()
            if peek == "," || peek == ")" {
                i = save
                primary = p
            } else {
                i = save
                logical = try parseLogicalOr(first: (p, start))
            }
        }
        let what = "argument \(number) of \(function)()"
        switch type {
        case .value:
            guard let primary else {
                throw error("\(what) must be a value (ValueType), not a logical expression", at: start)
            }
            switch primary {
            case .literal(let l): return .value(.literal(l))
            case .query(let q):
                guard q.isSingular else {
                    throw error("\(what) must be a value, but this query can select several nodes; use a singular query (names and indices only)", at: start)
                }
                return .value(.query(q))
            case .function(let f):
                guard f.name.result == .value else {
                    throw error("\(what) must be a value, but \(f.name.rawValue)() returns \(f.name.result)", at: start)
                }
                return .value(.function(f))
            }
        case .logical:
            if let logical { return .logical(logical) }
            switch primary {
            case .query(let q): return .logical(.exists(q))
            case .function(let f) where f.name.result != .value: return .logical(.function(f))
            case .function(let f):
                throw error("\(what) must be a logical expression, but \(f.name.rawValue)() returns ValueType", at: start)
            case .literal, .none:
                throw error("\(what) must be a logical expression, not a literal", at: start)
            }
        case .nodes:
            guard let primary, case .query(let q) = primary else {
                throw error("\(what) must be a query (NodesType) such as @.items[*]", at: start)
            }
            return .nodes(q)
        }
    }
}
