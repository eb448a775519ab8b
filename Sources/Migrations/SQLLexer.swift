import LintCore

/// The kinds of PostgreSQL tokens the lexer distinguishes.
public enum SQLTokenKind: Sendable, Hashable {
    /// Unquoted identifier or keyword (`$` allowed after the first character, as in PostgreSQL).
    case word
    /// `"quoted"` or `U&"quoted"` identifier.
    case quotedIdentifier
    /// `'…'`, `E'…'`, `U&'…'`, `B'…'`, `X'…'`, `N'…'`.
    case string
    /// `$$…$$` or `$tag$…$tag$`.
    case dollarString
    case number
    /// Positional parameter `$1`.
    case parameter
    /// Operator or punctuation (one character, except `::`).
    case punct
    case semicolon
    case lineComment
    case blockComment
    /// MySQL-style `` `quoted` `` identifier (not PostgreSQL; kept so rules can explain it).
    case backtickIdentifier
    /// A psql meta-command line (`\i file`, `\set x 1`); not SQL.
    case psqlMetaCommand
}

/// One token with its byte range in the source.
public struct SQLToken: Sendable, Hashable {
    public var kind: SQLTokenKind
    /// Byte offset of the first byte.
    public var start: Int
    /// Byte offset just past the last byte.
    public var end: Int
    /// The exact source text.
    public var text: String
    /// For `.word` tokens, the ASCII-uppercased text; empty for other kinds.
    public var keyword: String

    public init(kind: SQLTokenKind, start: Int, end: Int, text: String) {
        self.kind = kind
        self.start = start
        self.end = end
        self.text = text
        self.keyword = kind == .word ? SQLToken.asciiUpper(text) : ""
    }

    public var isComment: Bool { kind == .lineComment || kind == .blockComment }

    /// True for a word token equal (case-insensitively) to `upper`, which must be uppercase.
    @inlinable public func isKeyword(_ upper: String) -> Bool { kind == .word && keyword == upper }

    /// The value of a plain or `N'…'` string literal (quotes removed, `''` unescaped);
    /// for `E'…'` strings, backslash escapes of quotes and backslashes are resolved.
    /// nil for other tokens and for bit/hex/Unicode-escape strings.
    public var stringValue: String? {
        guard kind == .string else { return nil }
        var body = Substring(text)
        var escapes = false
        if let f = body.first, f == "E" || f == "e" { escapes = true; body = body.dropFirst() }
        else if let f = body.first, f == "N" || f == "n" { body = body.dropFirst() }
        guard body.first == "'", body.count >= 2, body.last == "'" else { return nil }
        body = body.dropFirst().dropLast()
        var out = ""
        var it = body.makeIterator()
        while let c = it.next() {
            if c == "'" { _ = it.next(); out.append("'"); continue }
            if escapes, c == "\\", let n = it.next() { out.append(n); continue }
            out.append(c)
        }
        return out
    }

    /// The identifier name: unquoted words are folded to lowercase, quoted identifiers keep their case.
    public var identifierName: String? {
        switch kind {
        case .word: return SQLToken.asciiLower(text)
        case .quotedIdentifier:
            guard text.hasPrefix("\""), text.count >= 2, text.hasSuffix("\"") else { return nil }
            return String(text.dropFirst().dropLast()).replacingOccurrences("\"\"", with: "\"")
        case .backtickIdentifier:
            return String(text.dropFirst().dropLast())
        default: return nil
        }
    }

    static func asciiUpper(_ s: String) -> String {
        var needs = false
        for b in s.utf8 where b >= 0x61 && b <= 0x7A { needs = true; break }
        guard needs else { return s }
        return String(decoding: s.utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
    }

    static func asciiLower(_ s: String) -> String {
        var needs = false
        for b in s.utf8 where b >= 0x41 && b <= 0x5A { needs = true; break }
        guard needs else { return s }
        return String(decoding: s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}

extension String {
    /// Foundation-free substring replacement.
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        let t = Array(target.utf8)
        guard let first = t.first else { return nil }
        var i = startIndex
        while i < endIndex {
            if utf8[i] == first {
                var j = i, k = 0
                while k < t.count, j < endIndex, utf8[j] == t[k] { j = utf8.index(after: j); k += 1 }
                if k == t.count { return i..<j }
            }
            i = utf8.index(after: i)
        }
        return nil
    }
}

/// A lexical error: unterminated literal or comment, or a psql meta-command.
public struct SQLLexError: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case unterminated, psqlMetaCommand }
    public var kind: Kind
    public var message: String
    public var start: Int
    public var end: Int
}

/// A linear-time PostgreSQL lexer over UTF-8 bytes.
public enum SQLLexer {
    public static func tokenize(_ bytes: [UInt8]) -> (tokens: [SQLToken], errors: [SQLLexError]) {
        bytes.withUnsafeBufferPointer { tokenize(buffer: $0) }
    }

    @inline(__always) static func isIdentStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b >= 0x80
    }

    @inline(__always) static func isIdentCont(_ b: UInt8) -> Bool {
        isIdentStart(b) || (b >= 0x30 && b <= 0x39) || b == 0x24
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    static func tokenize(buffer p: UnsafeBufferPointer<UInt8>) -> (tokens: [SQLToken], errors: [SQLLexError]) {
        var tokens: [SQLToken] = []
        tokens.reserveCapacity(p.count / 4)
        var errors: [SQLLexError] = []
        let n = p.count
        var i = 0
        var atLineStart = true

        func text(_ s: Int, _ e: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: p[s..<e]), as: UTF8.self)
        }
        func add(_ kind: SQLTokenKind, _ s: Int, _ e: Int) {
            tokens.append(SQLToken(kind: kind, start: s, end: e, text: text(s, e)))
        }
        /// Scans a quoted body starting after the opening quote; returns the end (past the closing quote) or nil.
        func scanQuoted(from start: Int, quote: UInt8, backslashEscapes: Bool) -> Int? {
            var j = start
            while j < n {
                let b = p[j]
                if backslashEscapes, b == 0x5C { j += 2; continue }
                if b == quote {
                    if j + 1 < n, p[j + 1] == quote { j += 2; continue }
                    return j + 1
                }
                j += 1
            }
            return nil
        }
        func string(at s: Int, quoteAt q: Int, escapes: Bool, kind: SQLTokenKind, what: String) -> Int {
            let quote = p[q]
            if let e = scanQuoted(from: q + 1, quote: quote, backslashEscapes: escapes) {
                add(kind, s, e)
                return e
            }
            add(kind, s, n)
            errors.append(SQLLexError(kind: .unterminated,
                message: "unterminated \(what); close it with \(quote == 0x22 ? "\"" : "'") (PostgreSQL would read the rest of the file as part of it)",
                start: s, end: n))
            return n
        }

        while i < n {
            let b = p[i]
            // Whitespace.
            if b == 0x20 || b == 0x09 || b == 0x0C || b == 0x0B {
                i += 1
                continue
            }
            if b == 0x0A || b == 0x0D {
                atLineStart = true
                i += 1
                continue
            }
            let lineStart = atLineStart
            atLineStart = false
            let s = i
            // psql meta-command: a line starting with a backslash.
            if b == 0x5C, lineStart {
                var e = i
                while e < n, p[e] != 0x0A, p[e] != 0x0D { e += 1 }
                add(.psqlMetaCommand, s, e)
                var nameEnd = s + 1
                while nameEnd < e, p[nameEnd] != 0x20, p[nameEnd] != 0x09 { nameEnd += 1 }
                let name = text(s, nameEnd)
                errors.append(SQLLexError(kind: .psqlMetaCommand,
                    message: "psql meta-command '\(name)' is not SQL: the migration runner sends the file to the server, which rejects it; inline the SQL instead",
                    start: s, end: e))
                i = e
                continue
            }
            // Comments.
            if b == 0x2D, i + 1 < n, p[i + 1] == 0x2D {
                var e = i + 2
                while e < n, p[e] != 0x0A, p[e] != 0x0D { e += 1 }
                add(.lineComment, s, e)
                i = e
                continue
            }
            if b == 0x2F, i + 1 < n, p[i + 1] == 0x2A {
                var depth = 1
                var j = i + 2
                while j < n, depth > 0 {
                    if p[j] == 0x2A, j + 1 < n, p[j + 1] == 0x2F { depth -= 1; j += 2; continue }
                    if p[j] == 0x2F, j + 1 < n, p[j + 1] == 0x2A { depth += 1; j += 2; continue }
                    j += 1
                }
                add(.blockComment, s, j)
                if depth > 0 {
                    errors.append(SQLLexError(kind: .unterminated,
                        message: "unterminated /* comment; close it with */ (comments nest in PostgreSQL, so every /* needs its own */)",
                        start: s, end: n))
                }
                i = j
                continue
            }
            // Strings.
            if b == 0x27 {
                i = string(at: s, quoteAt: i, escapes: false, kind: .string, what: "string literal")
                continue
            }
            if b == 0x22 {
                i = string(at: s, quoteAt: i, escapes: false, kind: .quotedIdentifier, what: "quoted identifier")
                continue
            }
            if b == 0x60 {
                var j = i + 1
                while j < n, p[j] != 0x60, p[j] != 0x0A { j += 1 }
                if j < n, p[j] == 0x60 {
                    add(.backtickIdentifier, s, j + 1)
                    i = j + 1
                } else {
                    add(.punct, s, s + 1)
                    i += 1
                }
                continue
            }
            // Dollar: parameter or dollar-quoted string.
            if b == 0x24 {
                if i + 1 < n, isDigit(p[i + 1]) {
                    var j = i + 1
                    while j < n, isDigit(p[j]) { j += 1 }
                    add(.parameter, s, j)
                    i = j
                    continue
                }
                var j = i + 1
                if j < n, isIdentStart(p[j]) {
                    j += 1
                    while j < n, isIdentStart(p[j]) || isDigit(p[j]) { j += 1 }
                }
                if j < n, p[j] == 0x24 {
                    let delimStart = i, delimLen = j + 1 - i
                    var k = j + 1
                    var close: Int? = nil
                    while k + delimLen <= n {
                        if p[k] == 0x24 {
                            var m = 1
                            while m < delimLen, p[k + m] == p[delimStart + m] { m += 1 }
                            if m == delimLen { close = k + delimLen; break }
                        }
                        k += 1
                    }
                    if let e = close {
                        add(.dollarString, s, e)
                        i = e
                    } else {
                        add(.dollarString, s, n)
                        let delim = text(delimStart, delimStart + delimLen)
                        errors.append(SQLLexError(kind: .unterminated,
                            message: "unterminated dollar-quoted string; close it with \(delim)",
                            start: s, end: n))
                        i = n
                    }
                    continue
                }
                add(.punct, s, s + 1)
                i += 1
                continue
            }
            // Words (with string prefixes E'', B'', X'', N'', U&'' and U&"").
            if isIdentStart(b) {
                var j = i + 1
                while j < n, isIdentCont(p[j]) { j += 1 }
                if j - i == 1, j < n {
                    let c = b | 0x20
                    if p[j] == 0x27, c == 0x65 || c == 0x62 || c == 0x78 || c == 0x6E {
                        i = string(at: s, quoteAt: j, escapes: c == 0x65, kind: .string, what: "string literal")
                        continue
                    }
                    if c == 0x75, p[j] == 0x26, j + 1 < n, p[j + 1] == 0x27 || p[j + 1] == 0x22 {
                        let isIdent = p[j + 1] == 0x22
                        i = string(at: s, quoteAt: j + 1, escapes: false,
                                   kind: isIdent ? .quotedIdentifier : .string,
                                   what: isIdent ? "quoted identifier" : "string literal")
                        continue
                    }
                }
                add(.word, s, j)
                i = j
                continue
            }
            // Numbers.
            if isDigit(b) || (b == 0x2E && i + 1 < n && isDigit(p[i + 1])) {
                var j = i
                while j < n, isDigit(p[j]) || p[j] == 0x5F { j += 1 }
                if j < n, p[j] == 0x2E, !(j + 1 < n && p[j + 1] == 0x2E) {
                    j += 1
                    while j < n, isDigit(p[j]) || p[j] == 0x5F { j += 1 }
                }
                if j < n, p[j] | 0x20 == 0x65 {
                    var k = j + 1
                    if k < n, p[k] == 0x2B || p[k] == 0x2D { k += 1 }
                    if k < n, isDigit(p[k]) {
                        while k < n, isDigit(p[k]) { k += 1 }
                        j = k
                    }
                }
                add(.number, s, j)
                i = j
                continue
            }
            if b == 0x3B {
                add(.semicolon, s, s + 1)
                i += 1
                continue
            }
            if b == 0x3A, i + 1 < n, p[i + 1] == 0x3A {
                add(.punct, s, s + 2)
                i += 2
                continue
            }
            // Any other byte: one punctuation token (a whole UTF-8 sequence is never reached here:
            // bytes >= 0x80 start words).
            add(.punct, s, s + 1)
            i += 1
        }
        return (tokens, errors)
    }
}
