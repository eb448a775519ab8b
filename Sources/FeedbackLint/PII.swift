/// Personal data in free text: e-mail addresses and phone numbers.
///
/// Phone numbers are 10–15 digits written with a leading `+` or with
/// separators (space, dash, dot, parentheses) and ending in a group of at
/// least four digits, so plain ids, dates and Unix timestamps are not reported.
public enum PIIScanner {
    public struct Match: Sendable, Hashable {
        /// "e-mail address" or "phone number".
        public var what: String
        public var text: String
        /// Offset of the first Unicode scalar of the match in the scanned text.
        public var scalarOffset: Int

        /// The first four characters then `…`, so reports do not repeat the data.
        public var masked: String {
            let scalars = Array(text.unicodeScalars)
            var out = String.UnicodeScalarView()
            out.append(contentsOf: scalars.prefix(4))
            return String(out) + "…"
        }
    }

    static func isDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }
    static func isAlnum(_ c: UInt32) -> Bool { isDigit(c) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }

    public static func scan(_ text: String) -> [Match] {
        let s = text.unicodeScalars.map(\.value)
        var out: [Match] = []
        var i = 0
        let n = s.count
        func str(_ a: Int, _ b: Int) -> String {
            var v = String.UnicodeScalarView()
            for c in s[a..<b] { if let u = Unicode.Scalar(c) { v.append(u) } }
            return String(v)
        }
        while i < n {
            let c = s[i]
            if c == 0x40, let (a, b) = email(s, at: i) {
                if let last = out.last, last.scalarOffset + last.text.unicodeScalars.count > a { out.removeLast() }
                out.append(Match(what: "e-mail address", text: str(a, b), scalarOffset: a))
                i = b
                continue
            }
            let prev: UInt32 = i > 0 ? s[i - 1] : 0x20
            let startsNumber = isDigit(c) || ((c == 0x2B || c == 0x28) && i + 1 < n && isDigit(s[i + 1]))
            if startsNumber, !isAlnum(prev), prev != 0x2E, prev != 0x2D, prev != 0x2F, prev != 0x40, prev != 0x5F {
                let (end, digits, groups, separators) = numberRun(s, at: i)
                let next: UInt32 = end < n ? s[end] : 0x20
                if !isAlnum(next), next != 0x40, next != 0x5F,
                   (10...15).contains(digits), c == 0x2B || separators > 0, (groups.last ?? 0) >= 4, groups.count <= 5 {
                    out.append(Match(what: "phone number", text: str(i, end), scalarOffset: i))
                }
                i = max(end, i + 1)
                continue
            }
            i += 1
        }
        return out
    }

    /// Digits joined by at most two separators (space, dash, dot, parentheses).
    static func numberRun(_ s: [UInt32], at start: Int) -> (end: Int, digits: Int, groups: [Int], separators: Int) {
        var digits = 0, separators = 0, group = 0
        var groups: [Int] = []
        var j = start
        if s[j] == 0x2B { j += 1 }
        var lastDigitEnd = j
        let seps: Set<UInt32> = [0x20, 0x2D, 0x2E, 0x28, 0x29]
        while j < s.count, digits <= 20 {
            if isDigit(s[j]) {
                digits += 1
                group += 1
                j += 1
                lastDigitEnd = j
                continue
            }
            var k = j
            while k < s.count, k - j < 2, seps.contains(s[k]) { k += 1 }
            guard k > j, k < s.count, isDigit(s[k]) else { break }
            if group > 0 { groups.append(group) }
            group = 0
            separators += k - j
            j = k
        }
        if group > 0 { groups.append(group) }
        return (lastDigitEnd, digits, groups, separators)
    }

    static func email(_ s: [UInt32], at: Int) -> (Int, Int)? {
        func local(_ c: UInt32) -> Bool { isAlnum(c) || c == 0x2E || c == 0x5F || c == 0x25 || c == 0x2B || c == 0x2D }
        func domain(_ c: UInt32) -> Bool { isAlnum(c) || c == 0x2E || c == 0x2D }
        var a = at
        while a > 0, local(s[a - 1]) { a -= 1 }
        var b = at + 1
        while b < s.count, domain(s[b]) { b += 1 }
        while b > at + 1, s[b - 1] == 0x2E || s[b - 1] == 0x2D { b -= 1 }
        guard a < at, b > at + 1 else { return nil }
        guard let dot = s[(at + 1)..<b].lastIndex(of: 0x2E), dot > at + 1 else { return nil }
        let tld = s[(dot + 1)..<b]
        guard tld.count >= 2, tld.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }) else { return nil }
        return (a, b)
    }
}
