/// Path globs as used in `.clubos-lint.yaml` and rulesets.
///
/// - `*` matches any run of characters except `/`; `?` one character except `/`;
/// - `**` as a whole segment matches zero or more segments (`a/**/b`, `**/x`, `dir/**`);
/// - `[abc]`, `[a-z]`, `[!a]` character classes; `{a,b}` alternatives (nestable, may be empty: `y{a,}ml`);
/// - a pattern without `/` matches the file name in any directory (`*.sql`);
///   a pattern with `/` matches the whole path relative to the root.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    private let alternatives: [[Segment]]
    private let basenameOnly: Bool

    private enum Segment: Sendable, Hashable {
        case globstar
        case pattern([Character])
    }

    public init(_ pattern: String) {
        self.pattern = pattern
        var p = pattern
        if p.hasPrefix("./") { p.removeFirst(2) }
        let expanded = Glob.expandBraces(p)
        basenameOnly = !p.contains("/")
        alternatives = expanded.map { alt in
            alt.split(separator: "/", omittingEmptySubsequences: true).map { seg in
                seg == "**" ? .globstar : .pattern(Array(seg))
            }
        }
    }

    public var description: String { pattern }

    /// True when the relative path (with `/` separators) matches.
    public func matches(_ path: String) -> Bool {
        var rel = path
        if rel.hasPrefix("./") { rel.removeFirst(2) }
        let parts = rel.split(separator: "/", omittingEmptySubsequences: true).map { Array($0) }
        if basenameOnly {
            guard let last = parts.last else { return false }
            return alternatives.contains { alt in
                if alt.count == 1, case .pattern(let p) = alt[0] { return Glob.matchSegment(p, last) }
                return Glob.matchSegments(alt[...], parts[...])
            }
        }
        return alternatives.contains { Glob.matchSegments($0[...], parts[...]) }
    }

    /// True when some file below the relative `directory` could match: used
    /// to tell whether an unreadable directory hides files that would be
    /// checked. A pattern without `/` (`.env*`) matches in every directory, so
    /// it would make every directory suspect: it counts as no match here.
    public func mayMatch(under directory: String) -> Bool {
        if basenameOnly { return false }
        var rel = directory
        if rel.hasPrefix("./") { rel.removeFirst(2) }
        let parts = rel.split(separator: "/", omittingEmptySubsequences: true).map { Array($0) }
        return alternatives.contains { Glob.prefixCompatible($0[...], parts[...]) }
    }

    private static func prefixCompatible(_ pat: ArraySlice<Segment>, _ dir: ArraySlice<[Character]>) -> Bool {
        guard let first = pat.first else { return false }  // the file itself needs one more segment
        guard let part = dir.first else { return true }
        switch first {
        case .globstar: return true
        case .pattern(let seg): return matchSegment(seg, part) && prefixCompatible(pat.dropFirst(), dir.dropFirst())
        }
    }

    private static func matchSegments(_ pat: ArraySlice<Segment>, _ parts: ArraySlice<[Character]>) -> Bool {
        guard let first = pat.first else { return parts.isEmpty }
        switch first {
        case .globstar:
            let rest = pat.dropFirst()
            if rest.isEmpty { return true }
            var p = parts
            while true {
                if matchSegments(rest, p) { return true }
                if p.isEmpty { return false }
                p = p.dropFirst()
            }
        case .pattern(let seg):
            guard let part = parts.first, matchSegment(seg, part) else { return false }
            return matchSegments(pat.dropFirst(), parts.dropFirst())
        }
    }

    /// Iterative wildcard match with single-star backtracking (linear in practice).
    static func matchSegment(_ p: [Character], _ s: [Character]) -> Bool {
        var pi = 0, si = 0
        var starP = -1, starS = 0
        while si < s.count {
            if pi < p.count {
                let c = p[pi]
                if c == "*" {
                    starP = pi
                    starS = si
                    pi += 1
                    continue
                }
                if c == "?" {
                    pi += 1
                    si += 1
                    continue
                }
                if c == "[", let (ok, next) = matchClass(p, pi, s[si]) {
                    if ok {
                        pi = next
                        si += 1
                        continue
                    }
                } else if c == "\\", pi + 1 < p.count, p[pi + 1] == s[si] {
                    pi += 2
                    si += 1
                    continue
                } else if c == s[si] {
                    pi += 1
                    si += 1
                    continue
                }
            }
            if starP >= 0 {
                pi = starP + 1
                starS += 1
                si = starS
                continue
            }
            return false
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// Matches a `[...]` class at `p[start]`; returns (matched, index after the class), or nil if unterminated.
    private static func matchClass(_ p: [Character], _ start: Int, _ ch: Character) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < p.count, p[i] == "!" || p[i] == "^" {
            negate = true
            i += 1
        }
        var matched = false
        var first = true
        while i < p.count {
            if p[i] == "]", !first { return (matched != negate, i + 1) }
            first = false
            if i + 2 < p.count, p[i + 1] == "-", p[i + 2] != "]" {
                if p[i] <= ch && ch <= p[i + 2] { matched = true }
                i += 3
            } else {
                if p[i] == ch { matched = true }
                i += 1
            }
        }
        return nil
    }

    /// Expands `{a,b}` alternatives (nested allowed). Unbalanced braces are literal.
    static func expandBraces(_ s: String) -> [String] {
        let chars = Array(s)
        var depth = 0
        var open = -1
        for (i, c) in chars.enumerated() {
            if c == "{" {
                if depth == 0 { open = i }
                depth += 1
            } else if c == "}", depth > 0 {
                depth -= 1
                if depth == 0 {
                    // Split the body on top-level commas.
                    let body = Array(chars[(open + 1)..<i])
                    var options: [String] = []
                    var cur = ""
                    var d = 0
                    for b in body {
                        if b == "{" { d += 1 }
                        if b == "}" { d -= 1 }
                        if b == ",", d == 0 {
                            options.append(cur)
                            cur = ""
                        } else {
                            cur.append(b)
                        }
                    }
                    options.append(cur)
                    if options.count < 2 { continue }
                    let prefix = String(chars[0..<open])
                    let suffix = String(chars[(i + 1)...])
                    var out: [String] = []
                    for o in options {
                        out.append(contentsOf: expandBraces(prefix + o + suffix))
                        if out.count > 1_000 { break }
                    }
                    return out
                }
            }
        }
        return [s]
    }
}
