/// A set of Node.js major versions, from an npm-style semver range reduced to
/// majors: `>=22`, `>18.1`, `<23`, `<=22`, `^20.11`, `~22.3`, `22.x`, `22`,
/// `v22.3.0`, `*`, alternatives joined by `||` and comparators joined by
/// spaces (AND). A comparator allows a major when some version with that
/// major satisfies it, so the reduction never rejects a version the range
/// accepts.
struct NodeMajorRange: Sendable, Hashable {
    /// Inclusive major intervals; `hi == nil` is unbounded.
    struct Interval: Sendable, Hashable {
        var lo: Int
        var hi: Int?

        func contains(_ major: Int) -> Bool { major >= lo && (hi.map { major <= $0 } ?? true) }
        var isEmpty: Bool { hi.map { $0 < lo } ?? false }

        func intersect(_ o: Interval) -> Interval {
            let hi: Int?
            switch (self.hi, o.hi) {
            case (nil, nil): hi = nil
            case (let a?, nil): hi = a
            case (nil, let b?): hi = b
            case (let a?, let b?): hi = min(a, b)
            }
            return Interval(lo: max(lo, o.lo), hi: hi)
        }
    }

    var alternatives: [Interval]

    func contains(_ major: Int) -> Bool { alternatives.contains { $0.contains(major) } }

    /// The one major the range allows, if it allows exactly one.
    var singleMajor: Int? {
        let nonEmpty = alternatives.filter { !$0.isEmpty }
        guard let first = nonEmpty.first, let hi = first.hi, hi == first.lo else { return nil }
        return nonEmpty.allSatisfy({ $0 == first }) ? first.lo : nil
    }

    /// Parses a range; nil when any part is not understood (the caller skips it).
    static func parse(_ text: String) -> NodeMajorRange? {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty, trimmed.utf8.count <= 256 else { return nil }
        var alternatives: [Interval] = []
        for alt in trimmed.splitOnOr() {
            guard let interval = parseAlternative(alt) else { return nil }
            alternatives.append(interval)
        }
        return alternatives.isEmpty ? nil : NodeMajorRange(alternatives: alternatives)
    }

    /// Space-separated comparators (an operator may be followed by spaces).
    static func parseAlternative(_ text: String) -> Interval? {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard !words.isEmpty else { return Interval(lo: 0, hi: nil) }  // `||` with an empty side: any
        if words.contains("-") { return nil }  // hyphen ranges: not supported
        // Join a bare operator with the version after it (`>= 22`).
        var joined: [String] = []
        var i = 0
        while i < words.count {
            let w = words[i]
            if ["<", "<=", ">", ">=", "=", "^", "~", "~>"].contains(w) {
                guard i + 1 < words.count else { return nil }
                joined.append(w + words[i + 1])
                i += 2
            } else {
                joined.append(w)
                i += 1
            }
        }
        words = joined
        var result = Interval(lo: 0, hi: nil)
        for w in words {
            guard let c = parseComparator(w) else { return nil }
            result = result.intersect(c)
        }
        return result
    }

    /// One comparator reduced to an interval of majors.
    static func parseComparator(_ word: String) -> Interval? {
        var s = Substring(word)
        var op = ""
        for candidate in [">=", "<=", "~>", ">", "<", "=", "^", "~"] where s.hasPrefix(candidate) {
            op = candidate
            s = s.dropFirst(candidate.count)
            break
        }
        guard let v = PartialVersion.parse(String(s)) else { return nil }
        guard let major = v.major else {
            // `*`, `x`: any version; `<*` and `>*` match nothing useful.
            return op == "" || op == "=" || op == ">=" || op == "<=" || op == "^" || op == "~" ? Interval(lo: 0, hi: nil) : nil
        }
        let hasLowerParts = (v.minor ?? 0) > 0 || (v.patch ?? 0) > 0
        switch op {
        case ">=": return Interval(lo: major, hi: nil)
        case ">": return Interval(lo: v.minor == nil ? major + 1 : major, hi: nil)
        case "<=": return Interval(lo: 0, hi: major)
        case "<": return Interval(lo: 0, hi: hasLowerParts ? major : major - 1)
        default: return Interval(lo: major, hi: major)  // =, ^, ~, ~>, exact and x-ranges
        }
    }
}

/// `22`, `v22`, `22.x`, `22.3`, `22.3.1`, `22.3.1-rc.1`, `*`.
struct PartialVersion: Sendable, Hashable {
    var major: Int?
    var minor: Int?
    var patch: Int?

    static func parse(_ text: String) -> PartialVersion? {
        var t = Substring(text)
        if t.first == "v" || t.first == "V" { t = t.dropFirst() }
        let core = t.prefix { $0 != "-" && $0 != "+" }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var numbers: [Int?] = []
        var wildcard = false
        for part in parts {
            if part == "x" || part == "X" || part == "*" {
                wildcard = true
                numbers.append(nil)
                continue
            }
            // Digits after a wildcard (`22.x.3`) are not a valid range.
            guard !wildcard, !part.isEmpty, part.count <= 9, part.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(part) else { return nil }
            numbers.append(n)
        }
        func at(_ i: Int) -> Int? { i < numbers.count ? numbers[i] : nil }
        return PartialVersion(major: at(0), minor: at(1), patch: at(2))
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" || f == "\r\n" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" || l == "\r\n" { s = s.dropLast() }
        return String(s)
    }

    /// Splits on `||`.
    func splitOnOr() -> [String] {
        var out: [String] = []
        var cur = ""
        var it = makeIterator()
        var pending: Character?
        while let c = pending ?? it.next() {
            pending = nil
            if c == "|" {
                if let n = it.next() {
                    if n == "|" {
                        out.append(cur)
                        cur = ""
                        continue
                    }
                    cur.append(c)
                    pending = n
                    continue
                }
            }
            cur.append(c)
        }
        out.append(cur)
        return out.map(\.trimmingSpaces)
    }
}
