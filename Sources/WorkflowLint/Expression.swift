// Lexer and parser for GitHub Actions expressions (the text inside `${{ }}`).

/// A token of the expression language. `offset` is the index of its first
/// Unicode scalar in the expression text.
struct ExprToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case identifier(String)
        case string(String)
        case number(Double)
        case keyword(String)  // null, true, false
        case op(String)  // ( ) [ ] . ! < <= > >= == != && || , *
        case end
    }

    var kind: Kind
    var offset: Int
    var length: Int
}

/// A syntax error in an expression, at a scalar offset of the expression text.
struct ExprError: Error, Sendable, Hashable {
    var message: String
    var offset: Int
}

/// The syntax tree of an expression. Every node keeps the scalar offset of
/// its first token.
indirect enum Expr: Sendable, Hashable {
    case null(at: Int)
    case bool(Bool, at: Int)
    case number(Double, at: Int)
    case string(String, at: Int)
    /// A context name such as `github` or `matrix`.
    case variable(String, at: Int)
    /// `base.name`; `at` is the offset of `name`.
    case property(Expr, String, at: Int)
    /// `base[index]`; `at` is the offset of `[`.
    case index(Expr, Expr, at: Int)
    /// `base.*`; `at` is the offset of `*`.
    case filter(Expr, at: Int)
    /// `name(args)`; `at` is the offset of `name`.
    case call(String, [Expr], at: Int)
    case not(Expr, at: Int)
    case binary(String, Expr, Expr, at: Int)

    /// Offset of the first token of the expression.
    var start: Int {
        switch self {
        case .null(let at), .bool(_, let at), .number(_, let at), .string(_, let at), .variable(_, let at),
             .call(_, _, let at), .not(_, let at):
            return at
        case .property(let b, _, _), .index(let b, _, _), .filter(let b, _), .binary(_, let b, _, _):
            return b.start
        }
    }
}

enum ExpressionLexer {
    static func isIdentStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
    }

    static func isIdentPart(_ c: Unicode.Scalar) -> Bool {
        isIdentStart(c) || (c >= "0" && c <= "9") || c == "-"
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    /// Tokenizes `text` (the scalars between `${{` and `}}`).
    static func tokenize(_ s: [Unicode.Scalar]) -> Result<[ExprToken], ExprError> {
        var tokens: [ExprToken] = []
        var i = 0
        let n = s.count
        while i < n {
            let c = s[i]
            if c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1; continue }
            let start = i
            if isIdentStart(c) {
                var name = ""
                while i < n, isIdentPart(s[i]) { name.unicodeScalars.append(s[i]); i += 1 }
                switch name {
                case "null", "true", "false":
                    tokens.append(ExprToken(kind: .keyword(name), offset: start, length: i - start))
                default:
                    tokens.append(ExprToken(kind: .identifier(name), offset: start, length: i - start))
                }
                continue
            }
            if c == "'" {
                var value = ""
                i += 1
                var closed = false
                while i < n {
                    if s[i] == "'" {
                        if i + 1 < n, s[i + 1] == "'" { value.append("'"); i += 2; continue }
                        i += 1
                        closed = true
                        break
                    }
                    value.unicodeScalars.append(s[i])
                    i += 1
                }
                if !closed { return .failure(ExprError(message: "string literal is not closed with `'`", offset: start)) }
                tokens.append(ExprToken(kind: .string(value), offset: start, length: i - start))
                continue
            }
            if isDigit(c) || (c == "-" && i + 1 < n && (isDigit(s[i + 1]) || s[i + 1] == ".")) || (c == "." && i + 1 < n && isDigit(s[i + 1]) && !(tokens.last.map(endsOperand) ?? false)) {
                var text = ""
                while i < n, isIdentPart(s[i]) || s[i] == "." || ((s[i] == "+" || s[i] == "-") && (text.hasSuffix("e") || text.hasSuffix("E")) && !text.lowercased().hasPrefix("0x") && !text.lowercased().hasPrefix("-0x")) || (i == start && s[i] == "-") {
                    text.unicodeScalars.append(s[i])
                    i += 1
                }
                guard let v = parseNumber(text) else {
                    return .failure(ExprError(message: "invalid number literal `\(text)`", offset: start))
                }
                tokens.append(ExprToken(kind: .number(v), offset: start, length: i - start))
                continue
            }
            let two: String? = i + 1 < n ? String(String.UnicodeScalarView([c, s[i + 1]])) : nil
            if let two, ["<=", ">=", "==", "!=", "&&", "||"].contains(two) {
                tokens.append(ExprToken(kind: .op(two), offset: start, length: 2))
                i += 2
                continue
            }
            switch c {
            case "(", ")", "[", "]", ".", "!", "<", ">", ",", "*":
                tokens.append(ExprToken(kind: .op(String(c)), offset: start, length: 1))
                i += 1
            case "=":
                return .failure(ExprError(message: "unexpected `=`: use `==` to compare", offset: start))
            case "&":
                return .failure(ExprError(message: "unexpected `&`: use `&&` for a logical and", offset: start))
            case "|":
                return .failure(ExprError(message: "unexpected `|`: use `||` for a logical or", offset: start))
            case "\"":
                return .failure(ExprError(message: "unexpected `\"`: string literals use single quotes", offset: start))
            default:
                return .failure(ExprError(message: "unexpected character `\(c)`", offset: start))
            }
        }
        tokens.append(ExprToken(kind: .end, offset: n, length: 0))
        return .success(tokens)
    }

    static func endsOperand(_ t: ExprToken) -> Bool {
        switch t.kind {
        case .identifier, .string, .number, .keyword: return true
        case .op(let o): return o == ")" || o == "]" || o == "*"
        case .end: return false
        }
    }

    /// Parses a number literal: decimal, exponent, hexadecimal `0x..`, octal `0o..`, optional leading `-`.
    static func parseNumber(_ text: String) -> Double? {
        var t = Substring(text)
        var negative = false
        if t.hasPrefix("-") { negative = true; t = t.dropFirst() }
        guard !t.isEmpty else { return nil }
        let lower = t.lowercased()
        var value: Double?
        if lower.hasPrefix("0x") {
            let digits = lower.dropFirst(2)
            guard !digits.isEmpty, digits.count <= 16, let v = UInt64(digits, radix: 16) else { return nil }
            value = Double(v)
        } else if lower.hasPrefix("0o") {
            let digits = lower.dropFirst(2)
            guard !digits.isEmpty, digits.count <= 22, let v = UInt64(digits, radix: 8) else { return nil }
            value = Double(v)
        } else {
            guard t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "e" || $0 == "E" || $0 == "+" || $0 == "-") }) else { return nil }
            guard let first = t.first, first.isNumber || first == "." else { return nil }
            value = Double(t)
        }
        guard let v = value else { return nil }
        return negative ? -v : v
    }
}

/// Recursive-descent parser with an explicit nesting limit.
struct ExpressionParser {
    static let maxDepth = 64
    static let maxTokens = 1_000

    var tokens: [ExprToken]
    var pos = 0
    var depth = 0

    static func parse(_ scalars: [Unicode.Scalar]) -> Result<Expr, ExprError> {
        switch ExpressionLexer.tokenize(scalars) {
        case .failure(let e): return .failure(e)
        case .success(let tokens):
            // Bounds the size (and so the depth) of the tree: deep trees are
            // costly to walk and to destroy.
            if tokens.count > maxTokens {
                return .failure(ExprError(message: "expression has more than \(maxTokens) tokens; split it into smaller expressions", offset: tokens[maxTokens].offset))
            }
            var p = ExpressionParser(tokens: tokens)
            do {
                guard p.tokens.count > 1 else { throw ExprError(message: "expression is empty", offset: 0) }
                let e = try p.parseOr()
                if case .end = p.peek.kind { return .success(e) }
                throw ExprError(message: "unexpected \(p.describe(p.peek)) after the end of the expression", offset: p.peek.offset)
            } catch let e as ExprError {
                return .failure(e)
            } catch {
                return .failure(ExprError(message: "invalid expression", offset: 0))
            }
        }
    }

    var peek: ExprToken { tokens[min(pos, tokens.count - 1)] }

    func describe(_ t: ExprToken) -> String {
        switch t.kind {
        case .identifier(let s): return "identifier `\(s)`"
        case .string: return "string literal"
        case .number: return "number literal"
        case .keyword(let k): return "`\(k)`"
        case .op(let o): return "`\(o)`"
        case .end: return "end of expression"
        }
    }

    func isOp(_ o: String) -> Bool {
        if case .op(let x) = peek.kind { return x == o }
        return false
    }

    mutating func expectOp(_ o: String) throws -> ExprToken {
        guard isOp(o) else {
            throw ExprError(message: "expected `\(o)` but found \(describe(peek))", offset: peek.offset)
        }
        let t = peek
        pos += 1
        return t
    }

    mutating func enter() throws {
        depth += 1
        if depth > Self.maxDepth {
            throw ExprError(message: "expression is nested more than \(Self.maxDepth) levels deep", offset: peek.offset)
        }
    }

    mutating func parseOr() throws -> Expr {
        try enter()
        defer { depth -= 1 }
        var lhs = try parseAnd()
        while isOp("||") {
            let t = peek
            pos += 1
            lhs = .binary("||", lhs, try parseAnd(), at: t.offset)
        }
        return lhs
    }

    mutating func parseAnd() throws -> Expr {
        var lhs = try parseEquality()
        while isOp("&&") {
            let t = peek
            pos += 1
            lhs = .binary("&&", lhs, try parseEquality(), at: t.offset)
        }
        return lhs
    }

    mutating func parseEquality() throws -> Expr {
        var lhs = try parseComparison()
        while isOp("==") || isOp("!=") {
            let t = peek
            pos += 1
            guard case .op(let o) = t.kind else { break }
            lhs = .binary(o, lhs, try parseComparison(), at: t.offset)
        }
        return lhs
    }

    mutating func parseComparison() throws -> Expr {
        var lhs = try parseUnary()
        while isOp("<") || isOp("<=") || isOp(">") || isOp(">=") {
            let t = peek
            pos += 1
            guard case .op(let o) = t.kind else { break }
            lhs = .binary(o, lhs, try parseUnary(), at: t.offset)
        }
        return lhs
    }

    mutating func parseUnary() throws -> Expr {
        if isOp("!") {
            let t = peek
            pos += 1
            try enter()
            defer { depth -= 1 }
            return .not(try parseUnary(), at: t.offset)
        }
        return try parsePostfix()
    }

    mutating func parsePostfix() throws -> Expr {
        var e = try parsePrimary()
        while true {
            if isOp(".") {
                pos += 1
                let t = peek
                switch t.kind {
                case .identifier(let name):
                    pos += 1
                    e = .property(e, name, at: t.offset)
                case .keyword(let name):
                    pos += 1
                    e = .property(e, name, at: t.offset)
                case .op("*"):
                    pos += 1
                    e = .filter(e, at: t.offset)
                default:
                    throw ExprError(message: "expected a property name or `*` after `.` but found \(describe(t))", offset: t.offset)
                }
            } else if isOp("[") {
                let t = peek
                pos += 1
                if isOp("*") {
                    let star = peek
                    pos += 1
                    _ = try expectOp("]")
                    e = .filter(e, at: star.offset)
                    continue
                }
                let index = try parseOr()
                _ = try expectOp("]")
                e = .index(e, index, at: t.offset)
            } else {
                return e
            }
        }
    }

    mutating func parsePrimary() throws -> Expr {
        let t = peek
        switch t.kind {
        case .keyword(let k):
            pos += 1
            switch k {
            case "null": return .null(at: t.offset)
            default: return .bool(k == "true", at: t.offset)
            }
        case .number(let v):
            pos += 1
            return .number(v, at: t.offset)
        case .string(let s):
            pos += 1
            return .string(s, at: t.offset)
        case .identifier(let name):
            pos += 1
            if isOp("(") {
                pos += 1
                var args: [Expr] = []
                if !isOp(")") {
                    while true {
                        args.append(try parseOr())
                        if isOp(",") { pos += 1; continue }
                        break
                    }
                }
                _ = try expectOp(")")
                return .call(name, args, at: t.offset)
            }
            return .variable(name, at: t.offset)
        case .op("("):
            pos += 1
            let e = try parseOr()
            _ = try expectOp(")")
            return e
        default:
            throw ExprError(message: "unexpected \(describe(t)) where a value was expected", offset: t.offset)
        }
    }
}
