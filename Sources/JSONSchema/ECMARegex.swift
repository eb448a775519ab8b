import Foundation
import LintCore

/// An ECMA-262 regular expression (as used by `pattern`, `patternProperties`
/// and `format: regex`), run on ICU through `NSRegularExpression`.
///
/// Choice: ICU (NSRegularExpression) rather than Swift `Regex`, because it is
/// markedly faster on Linux and documented thread-safe once compiled. ECMA
/// syntax is translated first so the semantics follow ECMA-262 (with the `u`
/// flag) where they differ from ICU:
/// - `\d`, `\w` (and `\D`, `\W`, inside or outside classes) are ASCII-only;
/// - `\s` is ECMA's whitespace set (including U+FEFF);
/// - `$` (no `m` flag) matches only at the very end of the input (`\z`), not
///   before a final newline;
/// - `.` matches anything but `\n`, `\r`, U+2028 and U+2029;
/// - `\u{…}` becomes ICU `\x{…}`; `[` and `&` inside a class are literal.
/// Patterns are searched (not anchored), as JSON Schema requires. Compiled
/// expressions are cached process-wide by pattern text. Common patterns
/// (literals, classes, groups, alternation, quantifiers, anchors) run on
/// `FastRegex`, a linear-time NFA matcher with the same semantics; ICU is
/// the fallback for everything else and the judge of validity.
final class ECMARegex: @unchecked Sendable {
    let pattern: String
    private let regex: NSRegularExpression
    /// The linear-time matcher, when the pattern is in its subset.
    let fast: FastRegex?

    private init(pattern: String, regex: NSRegularExpression) {
        self.pattern = pattern
        self.regex = regex
        self.fast = FastRegex.compile(pattern)
    }

    func matches(_ s: String) -> Bool {
        if let fast { return fast.matches(s) }
        return matchesICU(s)
    }

    func matchesICU(_ s: String) -> Bool {
        let ns = s as NSString
        return regex.firstMatch(in: s, options: [], range: NSRange(location: 0, length: ns.length)) != nil
    }

    private static let lock = Lock()
    nonisolated(unsafe) private static var cache: [String: ECMARegex] = [:]

    /// Compiles (or fetches from the cache) a pattern; the error string says why it is invalid.
    static func compile(_ pattern: String) -> Result<ECMARegex, RegexError> {
        if let hit = lock.withLock({ cache[pattern] }) { return .success(hit) }
        guard let translated = translate(pattern) else {
            return .failure(RegexError(message: "is not a valid ECMA-262 regular expression"))
        }
        do {
            let re = try NSRegularExpression(pattern: translated, options: [])
            let r = ECMARegex(pattern: pattern, regex: re)
            lock.withLock { if cache.count < 10_000 { cache[pattern] = r } }
            return .success(r)
        } catch {
            return .failure(RegexError(message: "is not a valid regular expression"))
        }
    }

    struct RegexError: Error, Sendable { var message: String }

    static let ecmaSpace = "\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}"

    /// ECMA-262 → ICU syntax; nil for constructs ECMA (with the `u` flag) rejects.
    static func translate(_ pattern: String) -> String? {
        let cs = Array(pattern.unicodeScalars)
        var out = ""
        var i = 0
        var inClass = false
        while i < cs.count {
            let c = cs[i]
            if c == "\\" {
                guard i + 1 < cs.count else { return nil }
                let n = cs[i + 1]
                i += 2
                switch n {
                case "d": out += inClass ? "0-9" : "[0-9]"
                case "D": out += "[^0-9]"
                case "w": out += inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]"
                case "W": out += "[^a-zA-Z0-9_]"
                case "s": out += inClass ? ecmaSpace : "[" + ecmaSpace + "]"
                case "S": out += "[^" + ecmaSpace + "]"
                case "u":
                    if i < cs.count, cs[i] == "{" {
                        var hex = ""
                        i += 1
                        while i < cs.count, cs[i] != "}" { hex.unicodeScalars.append(cs[i]); i += 1 }
                        guard i < cs.count, !hex.isEmpty, hex.allSatisfy(\.isHexDigit) else { return nil }
                        i += 1
                        out += "\\x{" + hex + "}"
                    } else {
                        var hex = ""
                        while hex.count < 4, i < cs.count, Character(cs[i]).isHexDigit { hex.unicodeScalars.append(cs[i]); i += 1 }
                        guard hex.count == 4 else { return nil }
                        out += "\\x{" + hex + "}"
                    }
                case "c":
                    guard i < cs.count, cs[i].isASCII, Character(cs[i]).isLetter else { return nil }
                    out += "\\x{" + String(cs[i].value % 32, radix: 16) + "}"
                    i += 1
                case "a", "e", "z", "Z", "A", "G", "Q", "E", "h", "H", "R", "X", "N":
                    // ICU extensions that ECMA-262 (u flag) does not have.
                    return nil
                default:
                    out.unicodeScalars.append("\\")
                    out.unicodeScalars.append(n)
                }
                continue
            }
            if inClass {
                if c == "]" {
                    inClass = false
                    out += "]"
                } else if c == "[" || c == "&" {
                    out += "\\" + String(c)
                } else {
                    out.unicodeScalars.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case "(":
                // ECMA groups: (…), (?:…), (?=…), (?!…), (?<=…), (?<!…), (?<name>…); no inline flags or comments.
                if i + 1 < cs.count, cs[i + 1] == "?" {
                    guard i + 2 < cs.count else { return nil }
                    let k = cs[i + 2]
                    if k == "<" {
                        guard i + 3 < cs.count else { return nil }
                        let l = cs[i + 3]
                        if l != "=" && l != "!" && !(Character(l).isLetter || l == "_" || l == "$") { return nil }
                    } else if k != ":" && k != "=" && k != "!" {
                        return nil
                    }
                }
                out += "("
            case "[":
                var j = i + 1
                var negated = false
                if j < cs.count, cs[j] == "^" { negated = true; j += 1 }
                if j < cs.count, cs[j] == "]" {
                    // ECMA `[]` matches nothing and `[^]` matches any character.
                    out += negated ? "[\\s\\S]" : "(?!)"
                    i = j + 1
                    continue
                }
                out += negated ? "[^" : "["
                inClass = true
                i = j
                continue
            case "$": out += "\\z"
            case ".": out += "[^\\n\\r\\x{2028}\\x{2029}]"
            default: out.unicodeScalars.append(c)
            }
            i += 1
        }
        if inClass { return nil }
        return out
    }
}
