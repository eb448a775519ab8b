import LintCore

/// A finding of a byte scanner: what was found and where (file byte offsets).
struct ByteMatch: Sendable, Hashable {
    var what: String
    var text: String
    var start: Int
    var end: Int
}

/// Secrets that must never sit in a prompt or SOP.
enum SecretScanner {
    static func isTokenByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D
    }
    static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    static func hasPrefix(_ bytes: [UInt8], _ at: Int, _ p: [UInt8]) -> Bool {
        guard at + p.count <= bytes.count else { return false }
        for k in 0..<p.count where bytes[at + k] != p[k] { return false }
        return true
    }

    static func run(_ bytes: [UInt8], from: Int, while ok: (UInt8) -> Bool) -> Int {
        var j = from
        while j < bytes.count, ok(bytes[j]) { j += 1 }
        return j
    }

    static let prefixes: [(prefix: [UInt8], what: String, minRest: Int, ok: @Sendable (UInt8) -> Bool)] = [
        (Array("sk-ant-".utf8), "Anthropic API key", 20, { isTokenByte($0) }),
        (Array("sk-".utf8), "OpenAI API key", 20, { isTokenByte($0) }),
        (Array("AKIA".utf8), "AWS access key id", 16, { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) }),
        (Array("ghp_".utf8), "GitHub personal access token", 36, { isAlnum($0) }),
        (Array("github_pat_".utf8), "GitHub fine-grained token", 22, { isAlnum($0) || $0 == 0x5F }),
        (Array("xoxa-".utf8), "Slack token", 10, { isAlnum($0) || $0 == 0x2D }),
        (Array("xoxb-".utf8), "Slack token", 10, { isAlnum($0) || $0 == 0x2D }),
        (Array("xoxp-".utf8), "Slack token", 10, { isAlnum($0) || $0 == 0x2D }),
        (Array("xoxr-".utf8), "Slack token", 10, { isAlnum($0) || $0 == 0x2D }),
    ]

    static func scan(_ bytes: [UInt8], from: Int = 0, to: Int? = nil) -> [ByteMatch] {
        let upper = min(to ?? bytes.count, bytes.count)
        var out: [ByteMatch] = []
        var i = max(0, from)
        let begin = Array("-----BEGIN ".utf8)
        let keyEnd = Array("PRIVATE KEY-----".utf8)
        outer: while i < upper {
            let b = bytes[i]
            if b == 0x2D, hasPrefix(bytes, i, begin) {
                var j = i + begin.count
                while j < upper, bytes[j] != 0x0A {
                    if hasPrefix(bytes, j, keyEnd) {
                        let end = j + keyEnd.count
                        out.append(ByteMatch(what: "private key", text: String(decoding: bytes[i..<end], as: UTF8.self), start: i, end: end))
                        i = end
                        continue outer
                    }
                    j += 1
                }
            }
            if i == 0 || !isTokenByte(bytes[i - 1]) {
                for p in prefixes where hasPrefix(bytes, i, p.prefix) {
                    let end = run(bytes, from: i + p.prefix.count, while: p.ok)
                    let restLength = end - i - p.prefix.count
                    if p.what == "AWS access key id" {
                        guard restLength == 16 else { continue }
                    } else if restLength < p.minRest {
                        continue
                    }
                    out.append(ByteMatch(what: p.what, text: String(decoding: bytes[i..<min(end, upper)], as: UTF8.self), start: i, end: min(end, upper)))
                    i = end
                    continue outer
                }
            }
            i += 1
        }
        return out
    }

    /// First four characters, then an ellipsis.
    static func mask(_ s: String) -> String { String(s.prefix(4)) + "…" }
}

/// Personal data: e-mail addresses, phone numbers, card numbers.
enum PIIScanner {
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    static func scan(_ bytes: [UInt8], from: Int = 0, to: Int? = nil) -> [ByteMatch] {
        let upper = min(to ?? bytes.count, bytes.count)
        var out: [ByteMatch] = []
        var i = max(0, from)
        while i < upper {
            let b = bytes[i]
            if b == 0x40, let m = email(bytes, at: i, lower: from, upper: upper) {
                if let last = out.last, last.end > m.start { out.removeLast() }
                out.append(m)
                i = m.end
                continue
            }
            let prev: UInt8 = i > 0 ? bytes[i - 1] : 0x20
            let startsNumber = isDigit(b) || ((b == 0x2B || b == 0x28) && i + 1 < upper && isDigit(bytes[i + 1]))
            if startsNumber, !SecretScanner.isAlnum(prev), prev != 0x2E, prev != 0x2D, prev != 0x2F, prev != 0x40 {
                let (end, digits, groups, separators) = numberRun(bytes, at: i, upper: upper)
                let next: UInt8 = end < upper ? bytes[end] : 0x20
                if !SecretScanner.isAlnum(next) {
                    let text = String(decoding: bytes[i..<end], as: UTF8.self)
                    let cardSeparators = separators.allSatisfy { $0 == 0x20 || $0 == 0x2D }
                    if (13...19).contains(digits.count), cardSeparators, b != 0x2B, b != 0x28, luhn(digits) {
                        out.append(ByteMatch(what: "card number", text: text, start: i, end: end))
                    } else if (10...15).contains(digits.count), b == 0x2B || !separators.isEmpty, (groups.last ?? 0) >= 4, groups.count <= 5 {
                        out.append(ByteMatch(what: "phone number", text: text, start: i, end: end))
                    }
                }
                i = max(end, i + 1)
                continue
            }
            i += 1
        }
        return out
    }

    /// Digits joined by single separators (space, dash, dot, parentheses).
    static func numberRun(_ bytes: [UInt8], at start: Int, upper: Int) -> (end: Int, digits: [UInt8], groups: [Int], separators: [UInt8]) {
        var digits: [UInt8] = []
        var groups: [Int] = []
        var separators: [UInt8] = []
        var j = start
        if bytes[j] == 0x2B { j += 1 }
        var lastDigitEnd = j
        var group = 0
        while j < upper, digits.count <= 20 {
            let c = bytes[j]
            if isDigit(c) {
                digits.append(c)
                group += 1
                j += 1
                lastDigitEnd = j
                continue
            }
            // Up to two separator bytes, then a digit (or `(` then digit).
            var k = j
            var seps: [UInt8] = []
            while k < upper, k - j < 2, [0x20, 0x2D, 0x2E, 0x28, 0x29].contains(bytes[k]) { seps.append(bytes[k]); k += 1 }
            guard !seps.isEmpty, k < upper, isDigit(bytes[k]) else { break }
            if group > 0 { groups.append(group) }
            group = 0
            separators.append(contentsOf: seps)
            j = k
        }
        if group > 0 { groups.append(group) }
        return (lastDigitEnd, digits, groups, separators)
    }

    static func luhn(_ digits: [UInt8]) -> Bool {
        var sum = 0
        for (n, d) in digits.reversed().enumerated() {
            var v = Int(d - 0x30)
            if n % 2 == 1 { v *= 2; if v > 9 { v -= 9 } }
            sum += v
        }
        return sum % 10 == 0
    }

    static func email(_ bytes: [UInt8], at: Int, lower: Int, upper: Int) -> ByteMatch? {
        func local(_ c: UInt8) -> Bool { SecretScanner.isAlnum(c) || [0x2E, 0x5F, 0x25, 0x2B, 0x2D].contains(c) }
        func domain(_ c: UInt8) -> Bool { SecretScanner.isAlnum(c) || c == 0x2E || c == 0x2D }
        var s = at
        while s > lower, local(bytes[s - 1]) { s -= 1 }
        var e = at + 1
        while e < upper, domain(bytes[e]) { e += 1 }
        while e > at + 1, bytes[e - 1] == 0x2E || bytes[e - 1] == 0x2D { e -= 1 }
        guard s < at, e > at + 1 else { return nil }
        let dom = bytes[(at + 1)..<e]
        guard let dot = dom.lastIndex(of: 0x2E), dot > at + 1 else { return nil }
        let tld = bytes[(dot + 1)..<e]
        guard tld.count >= 2, tld.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }) else { return nil }
        return ByteMatch(what: "e-mail address", text: String(decoding: bytes[s..<e], as: UTF8.self), start: s, end: e)
    }
}

/// Stub text that marks unfinished content.
enum StubScanner {
    static let phrases: [(text: String, caseSensitive: Bool, wholeWord: Bool)] = [
        ("[to be completed]", false, false),
        ("lorem ipsum", false, false),
        ("TODO", true, true),
        ("TBD", true, true),
    ]

    /// Matches on one line of text; returns (phrase as written, scalar column offset).
    static func scan(_ line: String) -> [(String, Int)] {
        var out: [(String, Int)] = []
        let scalars = Array(line.unicodeScalars)
        let lower = Array(line.lowercased().unicodeScalars)
        guard lower.count == scalars.count else { return out }
        for p in phrases {
            let needle = Array(p.text.unicodeScalars)
            let hay = p.caseSensitive ? scalars : lower
            var i = 0
            while i + needle.count <= hay.count {
                if Array(hay[i..<(i + needle.count)]) == needle {
                    let beforeOK = i == 0 || !isWordScalar(scalars[i - 1])
                    let afterOK = i + needle.count == scalars.count || !isWordScalar(scalars[i + needle.count])
                    if !p.wholeWord || (beforeOK && afterOK) {
                        out.append((String(String.UnicodeScalarView(scalars[i..<(i + needle.count)])), i))
                        i += needle.count
                        continue
                    }
                }
                i += 1
            }
        }
        return out.sorted { $0.1 < $1.1 }
    }

    static func isWordScalar(_ u: Unicode.Scalar) -> Bool { u.properties.isAlphabetic || ("0"..."9").contains(u) || u == "_" }
}

/// One line of a markdown body with its code-fence state.
struct BodyLine: Sendable {
    var line: Int
    var start: Int
    var end: Int
    var text: String
    /// Inside a fenced code block (fence lines themselves excluded).
    var inFence: Bool
    /// The line opens or closes a fence.
    var isFence: Bool
    /// For opening fence lines: the info string's first word (lower-cased).
    var fenceInfo: String?
}

enum Markdown {
    static func lines(_ file: SourceFile, from bodyStart: Int) -> [BodyLine] {
        var out: [BodyLine] = []
        guard !file.bytes.isEmpty, bodyStart <= file.bytes.count else { return out }
        let firstLine = file.line(containing: bodyStart)
        var fence: String?
        for line in firstLine...file.lineCount {
            let start = max(file.lineStarts[line - 1], bodyStart)
            let end = file.lineEndOffset(line)
            guard start <= end else { continue }
            let text = file.slice(start, end)
            let trimmed = text.trimmingSpaces
            if let f = fence {
                if trimmed.hasPrefix(f), trimmed.allSatisfy({ $0 == f.first }) {
                    out.append(BodyLine(line: line, start: start, end: end, text: text, inFence: false, isFence: true, fenceInfo: nil))
                    fence = nil
                } else {
                    out.append(BodyLine(line: line, start: start, end: end, text: text, inFence: true, isFence: false, fenceInfo: nil))
                }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                let ch = trimmed.first ?? "`"
                let marker = String(trimmed.prefix { $0 == ch })
                let info = trimmed.dropFirst(marker.count).trimmingSpaces.split(separator: " ").first.map { String($0).lowercased() } ?? ""
                fence = marker
                out.append(BodyLine(line: line, start: start, end: end, text: text, inFence: false, isFence: true, fenceInfo: info))
                continue
            }
            out.append(BodyLine(line: line, start: start, end: end, text: text, inFence: false, isFence: false, fenceInfo: nil))
        }
        return out
    }

    /// `#`…`######` heading level, or nil.
    static func headingLevel(_ text: String) -> Int? {
        let hashes = text.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = text.dropFirst(hashes)
        guard let f = rest.first, f == " " || f == "\t", !rest.trimmingSpaces.isEmpty else { return nil }
        return hashes
    }

    /// True when a line holds nothing but spaces and Mustache comments.
    static func isBlank(_ text: String) -> Bool {
        var t = Substring(text.trimmingSpaces)
        while t.hasPrefix("{{!"), let close = t.firstRange(of: "}}") {
            t = Substring(String(t[close.upperBound...]).trimmingSpaces)
        }
        return t.isEmpty
    }
}
