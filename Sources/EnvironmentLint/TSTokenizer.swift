import LintCore

/// One token of the TypeScript subset that config files use. Offsets are
/// UTF-8 byte offsets into the source file (half-open).
public struct TSToken: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case identifier
        /// A quoted string; `text` holds the decoded value.
        case string
        /// A template string without `${}`; `text` holds the decoded value.
        case template
        /// A template string with `${}` substitutions (its value is not static).
        case dynamicTemplate
        /// A number; `text` holds the normalised decimal text.
        case number
        /// A regular expression literal (kept only so it does not derail the tokenizer).
        case regex
        case punctuator
    }

    public var kind: Kind
    public var text: String
    public var start: Int
    public var end: Int
    /// True when a line break separates this token from the previous one.
    public var newlineBefore: Bool

    public init(kind: Kind, text: String, start: Int, end: Int, newlineBefore: Bool) {
        self.kind = kind
        self.text = text
        self.start = start
        self.end = end
        self.newlineBefore = newlineBefore
    }

    func isPunct(_ p: String) -> Bool { kind == .punctuator && text == p }
    func isIdent(_ name: String) -> Bool { kind == .identifier && text == name }
}

/// A tokenizer error: an unterminated string, template or comment, or a
/// template nested too deeply.
public struct TSTokenError: Sendable, Hashable {
    public var offset: Int
    public var message: String
}

/// Tokenizes the subset of TypeScript/JavaScript used by config files:
/// comments, identifiers, strings, templates, numbers, regex literals and
/// punctuators. It never recurses and never traps on any input.
public enum TSTokenizer {
    /// Template strings nested inside `${}` deeper than this are an error.
    public static let maxTemplateDepth = 64

    public static func tokenize(_ bytes: [UInt8]) -> (tokens: [TSToken], errors: [TSTokenError]) {
        var tokens: [TSToken] = []
        var errors: [TSTokenError] = []
        let n = bytes.count
        var i = 0
        var newline = false
        // Skip a byte order mark and a shebang line.
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        if i + 1 < n, bytes[i] == UInt8(ascii: "#"), bytes[i + 1] == UInt8(ascii: "!") {
            while i < n, bytes[i] != 0x0A, bytes[i] != 0x0D { i += 1 }
        }
        while i < n {
            let c = bytes[i]
            // Whitespace and line breaks.
            if c == 0x0A || c == 0x0D { newline = true; i += 1; continue }
            if c == 0x20 || c == 0x09 || c == 0x0B || c == 0x0C { i += 1; continue }
            if c == 0xC2, i + 1 < n, bytes[i + 1] == 0xA0 { i += 2; continue }  // NBSP
            if c == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                newline = true; i += 3; continue  // LS, PS
            }
            if c == 0xEF, i + 2 < n, bytes[i + 1] == 0xBB, bytes[i + 2] == 0xBF { i += 3; continue }  // BOM
            // Comments.
            if c == UInt8(ascii: "/"), i + 1 < n {
                if bytes[i + 1] == UInt8(ascii: "/") {
                    while i < n, bytes[i] != 0x0A, bytes[i] != 0x0D { i += 1 }
                    continue
                }
                if bytes[i + 1] == UInt8(ascii: "*") {
                    let start = i
                    i += 2
                    var closed = false
                    while i < n {
                        if bytes[i] == UInt8(ascii: "*"), i + 1 < n, bytes[i + 1] == UInt8(ascii: "/") { i += 2; closed = true; break }
                        if bytes[i] == 0x0A || bytes[i] == 0x0D { newline = true }
                        i += 1
                    }
                    if !closed {
                        errors.append(TSTokenError(offset: start, message: "unterminated block comment: add the closing `*/`"))
                    }
                    continue
                }
            }
            let start = i
            if isIdentStart(c) {
                i += 1
                while i < n, isIdentPart(bytes[i]) { i += 1 }
                tokens.append(TSToken(kind: .identifier, text: String(decoding: bytes[start..<i], as: UTF8.self), start: start, end: i, newlineBefore: newline))
            } else if isDigit(c) || (c == UInt8(ascii: ".") && i + 1 < n && isDigit(bytes[i + 1])) {
                i += 1
                while i < n {
                    let d = bytes[i]
                    if isIdentPart(d) || d == UInt8(ascii: ".") {
                        i += 1
                    } else if (d == UInt8(ascii: "+") || d == UInt8(ascii: "-")), i > start,
                              bytes[i - 1] == UInt8(ascii: "e") || bytes[i - 1] == UInt8(ascii: "E"),
                              !(bytes[start] == UInt8(ascii: "0") && i > start + 1 && (bytes[start + 1] | 0x20) == UInt8(ascii: "x")) {
                        i += 1
                    } else {
                        break
                    }
                }
                let raw = String(decoding: bytes[start..<i], as: UTF8.self)
                if let normalised = NumberText.normalise(raw) {
                    tokens.append(TSToken(kind: .number, text: normalised, start: start, end: i, newlineBefore: newline))
                } else {
                    // Not a number we understand (e.g. `1.2.3`): keep it as an opaque identifier-like token.
                    tokens.append(TSToken(kind: .identifier, text: raw, start: start, end: i, newlineBefore: newline))
                }
            } else if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                let (end, value, ok) = scanString(bytes, from: i)
                i = end
                if ok {
                    tokens.append(TSToken(kind: .string, text: value, start: start, end: i, newlineBefore: newline))
                } else {
                    errors.append(TSTokenError(offset: start, message: "unterminated string: close it with \(c == UInt8(ascii: "'") ? "`'`" : "`\"`") before the end of the line"))
                    tokens.append(TSToken(kind: .string, text: value, start: start, end: i, newlineBefore: newline))
                }
            } else if c == UInt8(ascii: "`") {
                let scan = scanTemplate(bytes, from: i)
                i = scan.end
                if let message = scan.error {
                    errors.append(TSTokenError(offset: start, message: message))
                }
                if scan.error == nil && scan.sawNewline { /* a multi-line template is fine */ }
                tokens.append(TSToken(kind: scan.dynamic ? .dynamicTemplate : .template, text: scan.value, start: start, end: i, newlineBefore: newline))
            } else if c == UInt8(ascii: "/"), regexAllowed(after: tokens.last), let end = scanRegex(bytes, from: i) {
                i = end
                tokens.append(TSToken(kind: .regex, text: String(decoding: bytes[start..<i], as: UTF8.self), start: start, end: i, newlineBefore: newline))
            } else {
                let len = punctuatorLength(bytes, at: i)
                i += len
                tokens.append(TSToken(kind: .punctuator, text: String(decoding: bytes[start..<i], as: UTF8.self), start: start, end: i, newlineBefore: newline))
            }
            newline = false
        }
        return (tokens, errors)
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    static func isIdentStart(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == UInt8(ascii: "_") || c == UInt8(ascii: "$") || c >= 0x80
    }
    static func isIdentPart(_ c: UInt8) -> Bool { isIdentStart(c) || isDigit(c) }

    static let punctuators3: Set<String> = ["...", "===", "!==", "??=", "||=", "&&=", "**=", "<<=", ">>="]
    static let punctuators2: Set<String> = ["?.", "??", "||", "&&", "=>", "==", "!=", "<=", ">=", "++", "--", "+=", "-=", "*=", "/=", "%=", "**", "<<", ">>", "&=", "|=", "^="]

    static func punctuatorLength(_ bytes: [UInt8], at i: Int) -> Int {
        let n = bytes.count
        // A multi-byte UTF-8 character that is not an identifier start cannot occur (>= 0x80 is an identifier byte).
        if i + 3 <= n, bytes[i..<i + 3].allSatisfy({ $0 < 0x80 }),
           punctuators3.contains(String(decoding: bytes[i..<i + 3], as: UTF8.self)) { return 3 }
        if i + 2 <= n, bytes[i..<i + 2].allSatisfy({ $0 < 0x80 }),
           punctuators2.contains(String(decoding: bytes[i..<i + 2], as: UTF8.self)) {
            // `?.5` is `?` followed by `.5`.
            if bytes[i] == UInt8(ascii: "?"), bytes[i + 1] == UInt8(ascii: "."), i + 2 < n, isDigit(bytes[i + 2]) { return 1 }
            return 2
        }
        return 1
    }

    /// Whether a `/` after `previous` starts a regular expression (not a division).
    static func regexAllowed(after previous: TSToken?) -> Bool {
        guard let p = previous else { return true }
        switch p.kind {
        case .identifier:
            return ["return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "yield", "await"].contains(p.text)
        case .punctuator:
            return ![")", "]", "}"].contains(p.text)
        default:
            return false
        }
    }

    /// The end of a regex literal starting at `from` (on one line), or nil.
    static func scanRegex(_ bytes: [UInt8], from: Int) -> Int? {
        let n = bytes.count
        var i = from + 1
        var inClass = false
        while i < n {
            let c = bytes[i]
            if c == 0x0A || c == 0x0D { return nil }
            if c == UInt8(ascii: "\\") { i += 2; continue }
            if c == UInt8(ascii: "[") { inClass = true } else if c == UInt8(ascii: "]") { inClass = false } else if c == UInt8(ascii: "/"), !inClass {
                i += 1
                while i < n, isIdentPart(bytes[i]) { i += 1 }  // flags
                return i
            }
            i += 1
        }
        return nil
    }

    /// Scans a single- or double-quoted string: (end offset, decoded value, terminated).
    static func scanString(_ bytes: [UInt8], from: Int) -> (Int, String, Bool) {
        let n = bytes.count
        let quote = bytes[from]
        var i = from + 1
        var out: [UInt8] = []
        var scalars = String.UnicodeScalarView()
        func flush() {
            if !out.isEmpty {
                scalars.append(contentsOf: String(decoding: out, as: UTF8.self).unicodeScalars)
                out.removeAll(keepingCapacity: true)
            }
        }
        while i < n {
            let c = bytes[i]
            if c == quote {
                flush()
                return (i + 1, String(scalars), true)
            }
            if c == 0x0A || c == 0x0D {
                flush()
                return (i, String(scalars), false)
            }
            if c == UInt8(ascii: "\\") {
                flush()
                let (next, decoded) = decodeEscape(bytes, at: i)
                scalars.append(contentsOf: decoded.unicodeScalars)
                i = next
                continue
            }
            out.append(c)
            i += 1
        }
        flush()
        return (n, String(scalars), false)
    }

    /// Decodes the escape sequence at `at` (which holds the backslash).
    static func decodeEscape(_ bytes: [UInt8], at: Int) -> (Int, String) {
        let n = bytes.count
        guard at + 1 < n else { return (n, "") }
        let e = bytes[at + 1]
        switch e {
        case UInt8(ascii: "n"): return (at + 2, "\n")
        case UInt8(ascii: "t"): return (at + 2, "\t")
        case UInt8(ascii: "r"): return (at + 2, "\r")
        case UInt8(ascii: "b"): return (at + 2, "\u{08}")
        case UInt8(ascii: "f"): return (at + 2, "\u{0C}")
        case UInt8(ascii: "v"): return (at + 2, "\u{0B}")
        case UInt8(ascii: "0") where !(at + 2 < n && isDigit(bytes[at + 2])): return (at + 2, "\u{0}")
        case 0x0D:
            // Line continuation (CRLF or CR).
            if at + 2 < n, bytes[at + 2] == 0x0A { return (at + 3, "") }
            return (at + 2, "")
        case 0x0A: return (at + 2, "")
        case UInt8(ascii: "x"):
            if at + 3 < n, let v = hexValue(bytes[(at + 2)..<(at + 4)]), let u = Unicode.Scalar(v) {
                return (at + 4, String(Character(u)))
            }
            return (at + 2, "x")
        case UInt8(ascii: "u"):
            if at + 2 < n, bytes[at + 2] == UInt8(ascii: "{") {
                var j = at + 3
                while j < n, j - at < 12, bytes[j] != UInt8(ascii: "}") { j += 1 }
                if j < n, bytes[j] == UInt8(ascii: "}"), let v = hexValue(bytes[(at + 3)..<j]), let u = Unicode.Scalar(v) {
                    return (j + 1, String(Character(u)))
                }
                return (at + 2, "u")
            }
            if at + 5 < n, let v = hexValue(bytes[(at + 2)..<(at + 6)]) {
                // A surrogate pair written as two escapes.
                if v >= 0xD800, v < 0xDC00, at + 11 < n, bytes[at + 6] == UInt8(ascii: "\\"), bytes[at + 7] == UInt8(ascii: "u"),
                   let lo = hexValue(bytes[(at + 8)..<(at + 12)]), lo >= 0xDC00, lo < 0xE000,
                   let u = Unicode.Scalar(0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00)) {
                    return (at + 12, String(Character(u)))
                }
                if let u = Unicode.Scalar(v) { return (at + 6, String(Character(u))) }
                return (at + 6, "\u{FFFD}")
            }
            return (at + 2, "u")
        default:
            // Any other escaped character stands for itself (`\'`, `\"`, `\\`, `\``, `\$`...).
            var j = at + 2
            while j < n, bytes[j] & 0xC0 == 0x80 { j += 1 }
            return (j, String(decoding: bytes[(at + 1)..<j], as: UTF8.self))
        }
    }

    static func hexValue(_ digits: ArraySlice<UInt8>) -> UInt32? {
        guard !digits.isEmpty, digits.count <= 8 else { return nil }
        var v: UInt32 = 0
        for d in digits {
            let x: UInt32
            switch d {
            case 0x30...0x39: x = UInt32(d - 0x30)
            case 0x41...0x46: x = UInt32(d - 0x41 + 10)
            case 0x61...0x66: x = UInt32(d - 0x61 + 10)
            default: return nil
            }
            v = v &* 16 &+ x
        }
        return v
    }

    struct TemplateScan {
        var end: Int
        var value: String
        var dynamic: Bool
        var sawNewline: Bool
        var error: String?
    }

    /// Scans a template string, including any `${}` substitutions (which may
    /// hold nested strings, templates and braces), with an explicit stack.
    static func scanTemplate(_ bytes: [UInt8], from: Int) -> TemplateScan {
        enum Mode { case template, expression }
        let n = bytes.count
        var stack: [Mode] = [.template]
        var i = from + 1
        var value = String.UnicodeScalarView()
        var pending: [UInt8] = []
        var dynamic = false
        var sawNewline = false
        func flush() {
            if !pending.isEmpty {
                value.append(contentsOf: String(decoding: pending, as: UTF8.self).unicodeScalars)
                pending.removeAll(keepingCapacity: true)
            }
        }
        while i < n {
            let c = bytes[i]
            guard let mode = stack.last else { break }
            switch mode {
            case .template:
                if c == UInt8(ascii: "`") {
                    stack.removeLast()
                    i += 1
                    if stack.isEmpty {
                        flush()
                        return TemplateScan(end: i, value: String(value), dynamic: dynamic, sawNewline: sawNewline, error: nil)
                    }
                    continue
                }
                if c == UInt8(ascii: "\\") {
                    if stack.count == 1 {
                        flush()
                        let (next, decoded) = decodeEscape(bytes, at: i)
                        value.append(contentsOf: decoded.unicodeScalars)
                        i = next
                    } else {
                        i += 2
                    }
                    continue
                }
                if c == UInt8(ascii: "$"), i + 1 < n, bytes[i + 1] == UInt8(ascii: "{") {
                    dynamic = true
                    stack.append(.expression)
                    if stack.count > maxTemplateDepth {
                        return TemplateScan(end: n, value: String(value), dynamic: true, sawNewline: sawNewline, error: "template string nested deeper than \(maxTemplateDepth) levels: simplify it")
                    }
                    i += 2
                    continue
                }
                if c == 0x0A || c == 0x0D { sawNewline = true }
                // Template values normalise CRLF and CR to LF.
                if stack.count == 1 {
                    if c == 0x0D {
                        pending.append(0x0A)
                        if i + 1 < n, bytes[i + 1] == 0x0A { i += 1 }
                    } else {
                        pending.append(c)
                    }
                }
                i += 1
            case .expression:
                if c == UInt8(ascii: "}") {
                    stack.removeLast()
                    i += 1
                } else if c == UInt8(ascii: "{") {
                    stack.append(.expression)
                    if stack.count > maxTemplateDepth {
                        return TemplateScan(end: n, value: String(value), dynamic: true, sawNewline: sawNewline, error: "template string nested deeper than \(maxTemplateDepth) levels: simplify it")
                    }
                    i += 1
                } else if c == UInt8(ascii: "`") {
                    stack.append(.template)
                    if stack.count > maxTemplateDepth {
                        return TemplateScan(end: n, value: String(value), dynamic: true, sawNewline: sawNewline, error: "template string nested deeper than \(maxTemplateDepth) levels: simplify it")
                    }
                    i += 1
                } else if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                    let (end, _, _) = scanString(bytes, from: i)
                    i = max(end, i + 1)
                } else if c == UInt8(ascii: "/"), i + 1 < n, bytes[i + 1] == UInt8(ascii: "/") {
                    while i < n, bytes[i] != 0x0A, bytes[i] != 0x0D { i += 1 }
                } else if c == UInt8(ascii: "/"), i + 1 < n, bytes[i + 1] == UInt8(ascii: "*") {
                    i += 2
                    while i < n, !(bytes[i] == UInt8(ascii: "*") && i + 1 < n && bytes[i + 1] == UInt8(ascii: "/")) { i += 1 }
                    i = min(n, i + 2)
                } else {
                    i += 1
                }
            }
        }
        flush()
        return TemplateScan(end: n, value: String(value), dynamic: dynamic, sawNewline: sawNewline, error: "unterminated template string: close it with a backtick")
    }
}

/// Normalises JavaScript numeric literal text to plain decimal text.
public enum NumberText {
    /// `1_000` → `1000`, `0xFF` → `255`, `1.50` → `1.5`, `1e3` → `1000`,
    /// `.5` → `0.5`, `10n` → `10`. Nil when the text is not a number literal.
    public static func normalise(_ raw: String) -> String? {
        var s = Array(raw.utf8)
        if s.last == UInt8(ascii: "n") { s.removeLast() }  // BigInt
        // Separators: only between digits.
        for (k, c) in s.enumerated() where c == UInt8(ascii: "_") {
            guard k > 0, k + 1 < s.count, isHexDigit(s[k - 1]), isHexDigit(s[k + 1]) else { return nil }
        }
        s.removeAll { $0 == UInt8(ascii: "_") }
        guard !s.isEmpty else { return nil }
        if s.count > 2, s[0] == UInt8(ascii: "0") {
            let radix: Int?
            switch s[1] | 0x20 {
            case UInt8(ascii: "x"): radix = 16
            case UInt8(ascii: "o"): radix = 8
            case UInt8(ascii: "b"): radix = 2
            default: radix = nil
            }
            if let radix { return radixToDecimal(Array(s[2...]), radix: radix) }
        }
        // Decimal: digits [. digits] [e [+-] digits]
        var intPart: [UInt8] = [], fracPart: [UInt8] = []
        var i = 0
        while i < s.count, TSTokenizer.isDigit(s[i]) { intPart.append(s[i]); i += 1 }
        if i < s.count, s[i] == UInt8(ascii: ".") {
            i += 1
            while i < s.count, TSTokenizer.isDigit(s[i]) { fracPart.append(s[i]); i += 1 }
        }
        guard !intPart.isEmpty || !fracPart.isEmpty else { return nil }
        var exponent = 0
        if i < s.count, s[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var negative = false
            if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { negative = s[i] == UInt8(ascii: "-"); i += 1 }
            var digits = 0
            while i < s.count, TSTokenizer.isDigit(s[i]) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(s[i] - 0x30) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            if negative { exponent = -exponent }
        }
        guard i == s.count else { return nil }
        // Too large an exponent to spell out: keep the source form without separators.
        if abs(exponent) > 400 { return String(decoding: s, as: UTF8.self) }
        // Shift the decimal point by `exponent`.
        var digits = intPart + fracPart
        var point = intPart.count + exponent
        if point < 0 {
            digits = [UInt8](repeating: UInt8(ascii: "0"), count: -point) + digits
            point = 0
        }
        if point > digits.count {
            digits += [UInt8](repeating: UInt8(ascii: "0"), count: point - digits.count)
        }
        var ip = Array(digits[0..<point]), fp = Array(digits[point...])
        while ip.count > 1, ip.first == UInt8(ascii: "0") { ip.removeFirst() }
        if ip.isEmpty { ip = [UInt8(ascii: "0")] }
        while fp.last == UInt8(ascii: "0") { fp.removeLast() }
        return fp.isEmpty ? String(decoding: ip, as: UTF8.self) : String(decoding: ip, as: UTF8.self) + "." + String(decoding: fp, as: UTF8.self)
    }

    static func isHexDigit(_ c: UInt8) -> Bool {
        TSTokenizer.isDigit(c) || (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "f"))
    }

    /// Converts digits in `radix` to decimal text (arbitrary length).
    static func radixToDecimal(_ digits: [UInt8], radix: Int) -> String? {
        guard !digits.isEmpty, digits.count <= 1_000 else { return nil }
        var decimal: [Int] = [0]  // little-endian base-10 digits
        for d in digits {
            let v: Int
            switch d {
            case 0x30...0x39: v = Int(d - 0x30)
            case 0x41...0x46: v = Int(d - 0x41 + 10)
            case 0x61...0x66: v = Int(d - 0x61 + 10)
            default: return nil
            }
            guard v < radix else { return nil }
            var carry = v
            for k in decimal.indices {
                let x = decimal[k] * radix + carry
                decimal[k] = x % 10
                carry = x / 10
            }
            while carry > 0 { decimal.append(carry % 10); carry /= 10 }
        }
        return String(decimal.reversed().map { Character(Unicode.Scalar(UInt8(0x30 + $0))) })
    }
}

/// Maps byte offsets to positions in time proportional to the distance from
/// the previous request on the same line, so a parser asking for positions
/// in source order stays linear even on a single very long line.
final class PositionCache {
    let file: SourceFile
    private var lastOffset = 0
    private var last = SourcePosition.start

    init(file: SourceFile) { self.file = file }

    func position(_ offset: Int) -> SourcePosition {
        let off = max(0, min(offset, file.bytes.count))
        let line = file.line(containing: off)
        var column = 1
        var i = file.lineStarts[line - 1]
        if last.line == line, lastOffset <= off, lastOffset >= i {
            column = last.column
            i = lastOffset
        }
        let bytes = file.bytes
        while i < off {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        let p = SourcePosition(line: line, column: column, offset: off)
        lastOffset = off
        last = p
        return p
    }

    func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(start: position(start), end: position(end))
    }
}
