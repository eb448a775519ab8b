import LintCore

/// One `KEY=value` line of a dotenv file.
public struct DotenvEntry: Sendable, Hashable {
    public var key: String
    /// The decoded value (quotes removed, escapes in double quotes applied).
    public var value: String
    public var keyRange: SourceRange
    /// The value as written, quotes included (empty at the `=` end for an empty value).
    public var valueRange: SourceRange
    /// The quote character used (`"`, `'` or `` ` ``), or nil when unquoted.
    public var quote: Character?
    /// True when the line starts with `export `.
    public var exported: Bool

    public var quoted: Bool { quote != nil }

    public init(key: String, value: String, keyRange: SourceRange, valueRange: SourceRange, quote: Character?, exported: Bool = false) {
        self.key = key
        self.value = value
        self.keyRange = keyRange
        self.valueRange = valueRange
        self.quote = quote
        self.exported = exported
    }
}

public struct DotenvDocument: Sendable {
    public var entries: [DotenvEntry]
    /// `environment/syntax` errors (unterminated quotes, lines without `=`).
    public var diagnostics: [Diagnostic]
}

/// Parses dotenv files (`.env`, `.env.example`, `.env.<environment>`):
/// `export ` prefixes, single/double/backtick quotes, multi-line double-quoted
/// values, `#` comments (inline after unquoted values only when preceded by
/// whitespace), empty values, and LF, CRLF or CR line ends.
public enum DotenvParser {
    public static func parse(_ file: SourceFile) -> DotenvDocument {
        let b = file.bytes
        let n = b.count
        var entries: [DotenvEntry] = []
        var diags: [Diagnostic] = []
        var i = 0
        let positions = PositionCache(file: file)
        if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }

        func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
        func isEOL(_ c: UInt8) -> Bool { c == 0x0A || c == 0x0D }
        func lineEnd(_ from: Int) -> Int {
            var k = from
            while k < n, !isEOL(b[k]) { k += 1 }
            return k
        }
        func skipEOL(_ k: inout Int) {
            if k < n, b[k] == 0x0D { k += 1 }
            if k < n, b[k] == 0x0A { k += 1 }
        }
        func syntax(_ message: String, _ s: Int, _ e: Int) {
            diags.append(EnvironmentRules.syntax.diagnostic(message, file: file.path, range: positions.range( s, e)))
        }

        while i < n {
            // Leading whitespace.
            while i < n, isBlank(b[i]) { i += 1 }
            guard i < n else { break }
            if isEOL(b[i]) { skipEOL(&i); continue }
            if b[i] == UInt8(ascii: "#") { i = lineEnd(i); skipEOL(&i); continue }
            var exported = false
            if i + 7 <= n, Array(b[i..<(i + 6)]) == Array("export".utf8), isBlank(b[i + 6]) {
                exported = true
                i += 7
                while i < n, isBlank(b[i]) { i += 1 }
            }
            let keyStart = i
            let eol = lineEnd(i)
            var eq = i
            while eq < eol, b[eq] != UInt8(ascii: "=") { eq += 1 }
            if eq >= eol {
                syntax("line has no `=`: write `KEY=value`, or start the line with `#` to make it a comment", keyStart, eol)
                i = eol
                skipEOL(&i)
                continue
            }
            var keyEnd = eq
            while keyEnd > keyStart, isBlank(b[keyEnd - 1]) { keyEnd -= 1 }
            let key = file.slice(keyStart, keyEnd)
            let keyRange = positions.range( keyStart, keyEnd)
            var v = eq + 1
            while v < eol, isBlank(b[v]) { v += 1 }
            let q = v < n ? b[v] : 0
            if q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") || q == UInt8(ascii: "`") {
                let multiline = q == UInt8(ascii: "\"")
                var k = v + 1
                var out: [UInt8] = []
                var closed = false
                while k < n {
                    let c = b[k]
                    if c == q { closed = true; break }
                    if isEOL(c), !multiline { break }
                    if c == UInt8(ascii: "\\"), q == UInt8(ascii: "\""), k + 1 < n {
                        let e = b[k + 1]
                        switch e {
                        case UInt8(ascii: "n"): out.append(0x0A); k += 2; continue
                        case UInt8(ascii: "r"): out.append(0x0D); k += 2; continue
                        case UInt8(ascii: "t"): out.append(0x09); k += 2; continue
                        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "$"): out.append(e); k += 2; continue
                        default: break
                        }
                    }
                    if c == 0x0D {
                        out.append(0x0A)
                        if k + 1 < n, b[k + 1] == 0x0A { k += 1 }
                        k += 1
                        continue
                    }
                    out.append(c)
                    k += 1
                }
                let quoteChar = Character(Unicode.Scalar(q))
                if !closed {
                    syntax("unterminated \(quoteChar) quote: close the value with \(quoteChar)", v, v + 1)
                    i = multiline ? n : eol
                    skipEOL(&i)
                    continue
                }
                let valueEnd = k + 1
                entries.append(DotenvEntry(key: key, value: String(decoding: out, as: UTF8.self), keyRange: keyRange,
                                           valueRange: positions.range( v, valueEnd), quote: quoteChar, exported: exported))
                // After the closing quote: only whitespace and a comment.
                var r = valueEnd
                let restEnd = lineEnd(r)
                while r < restEnd, isBlank(b[r]) { r += 1 }
                if r < restEnd, b[r] != UInt8(ascii: "#") {
                    syntax("unexpected text after the closing quote: put it inside the quotes or after a ` #`", r, restEnd)
                }
                i = restEnd
                skipEOL(&i)
            } else {
                // Unquoted: up to the end of line or a `#` preceded by whitespace.
                var e = v
                while e < eol {
                    if b[e] == UInt8(ascii: "#"), e > v, isBlank(b[e - 1]) { break }
                    e += 1
                }
                while e > v, isBlank(b[e - 1]) { e -= 1 }
                entries.append(DotenvEntry(key: key, value: file.slice(v, e), keyRange: keyRange,
                                           valueRange: positions.range( v, e), quote: nil, exported: exported))
                i = eol
                skipEOL(&i)
            }
        }
        return DotenvDocument(entries: entries, diagnostics: diags)
    }

    /// True when `key` matches `[A-Za-z_][A-Za-z0-9_]*`.
    public static func isValidKey(_ key: String) -> Bool {
        guard let first = key.utf8.first else { return false }
        func letter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == UInt8(ascii: "_") }
        guard letter(first) else { return false }
        return key.utf8.allSatisfy { letter($0) || ($0 >= 0x30 && $0 <= 0x39) }
    }
}
