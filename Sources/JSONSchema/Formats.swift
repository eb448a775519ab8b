/// `format` checks, used when format assertion is on. Unknown formats are
/// always valid (annotations only), as the specification requires.
enum FormatKind: String, Sendable, CaseIterable {
    case dateTime = "date-time"
    case date
    case time
    case duration
    case email
    case hostname
    case ipv4
    case ipv6
    case uri
    case uriReference = "uri-reference"
    case iri
    case iriReference = "iri-reference"
    case uuid
    case regex
    case jsonPointer = "json-pointer"
    case relativeJSONPointer = "relative-json-pointer"
    case uriTemplate = "uri-template"

    /// Only strings are checked; other types pass.
    func check(_ s: String) -> Bool {
        switch self {
        case .dateTime: Formats.dateTime(s)
        case .date: Formats.date(Array(s.utf8)[...])
        case .time: Formats.time(Array(s.utf8)[...])
        case .duration: Formats.duration(s)
        case .email: Formats.email(s)
        case .hostname: Formats.hostname(s)
        case .ipv4: Formats.ipv4(s)
        case .ipv6: Formats.ipv6(s)
        case .uri: Formats.uri(s, requireScheme: true, allowNonASCII: false)
        case .uriReference: Formats.uri(s, requireScheme: false, allowNonASCII: false)
        case .iri: Formats.uri(s, requireScheme: true, allowNonASCII: true)
        case .iriReference: Formats.uri(s, requireScheme: false, allowNonASCII: true)
        case .uuid: Formats.uuid(s)
        case .regex: if case .success = ECMARegex.compile(s) { true } else { false }
        case .jsonPointer: JSONPointer.tokens(s) != nil
        case .relativeJSONPointer: Formats.relativeJSONPointer(s)
        case .uriTemplate: Formats.uriTemplate(s)
        }
    }
}

/// draft-07 `contentEncoding: base64` / `contentMediaType: application/json` checks.
enum Content {
    /// Strict RFC 4648 base64 (padding required); nil when invalid.
    static func base64Decode(_ s: String) -> [UInt8]? {
        let b = Array(s.utf8)
        guard b.count % 4 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(b.count / 4 * 3)
        var i = 0
        while i < b.count {
            var v: UInt32 = 0
            var pad = 0
            for k in 0..<4 {
                let c = b[i + k]
                let d: UInt32
                switch c {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): d = UInt32(c - UInt8(ascii: "A"))
                case UInt8(ascii: "a")...UInt8(ascii: "z"): d = UInt32(c - UInt8(ascii: "a") + 26)
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0") + 52)
                case UInt8(ascii: "+"): d = 62
                case UInt8(ascii: "/"): d = 63
                case UInt8(ascii: "="):
                    guard i + 4 == b.count, k >= 2 else { return nil }
                    pad += 1
                    d = 0
                default: return nil
                }
                if pad > 0 && c != UInt8(ascii: "=") { return nil }
                v = v << 6 | d
            }
            out.append(UInt8(v >> 16 & 0xFF))
            if pad < 2 { out.append(UInt8(v >> 8 & 0xFF)) }
            if pad < 1 { out.append(UInt8(v & 0xFF)) }
            i += 4
        }
        return out
    }
}

enum Formats {
    typealias Bytes = ArraySlice<UInt8>

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66) }
    static func isAlpha(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }

    /// Reads exactly `n` ASCII digits.
    static func number(_ b: Bytes, _ at: Int, _ n: Int) -> Int? {
        guard at + n <= b.endIndex else { return nil }
        var v = 0
        for i in at..<(at + n) {
            guard isDigit(b[i]) else { return nil }
            v = v * 10 + Int(b[i] - 0x30)
        }
        return v
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// RFC 3339 full-date.
    static func date(_ b: Bytes) -> Bool {
        let s = b.startIndex
        guard b.count == 10, b[s + 4] == UInt8(ascii: "-"), b[s + 7] == UInt8(ascii: "-"),
              let y = number(b, s, 4), let m = number(b, s + 5, 2), let d = number(b, s + 8, 2) else { return false }
        return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(month: m, year: y)
    }

    /// RFC 3339 full-time (offset required); leap seconds only at 23:59:60 UTC.
    static func time(_ b: Bytes) -> Bool {
        let s = b.startIndex
        guard b.count >= 9, b[s + 2] == UInt8(ascii: ":"), b[s + 5] == UInt8(ascii: ":"),
              let h = number(b, s, 2), let mi = number(b, s + 3, 2), let se = number(b, s + 6, 2) else { return false }
        guard h <= 23, mi <= 59, se <= 60 else { return false }
        var i = s + 8
        if i < b.endIndex, b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.endIndex, isDigit(b[i]) { i += 1 }
            guard i > start else { return false }
        }
        guard i < b.endIndex else { return false }
        var offsetMinutes = 0
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            guard i + 1 == b.endIndex else { return false }
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            guard b.endIndex - i == 6, b[i + 3] == UInt8(ascii: ":"),
                  let oh = number(b, i + 1, 2), let om = number(b, i + 4, 2), oh <= 23, om <= 59 else { return false }
            offsetMinutes = (oh * 60 + om) * (b[i] == UInt8(ascii: "+") ? 1 : -1)
        } else {
            return false
        }
        if se == 60 {
            // Leap second: the UTC time must be 23:59.
            var utc = h * 60 + mi - offsetMinutes
            utc = ((utc % 1440) + 1440) % 1440
            return utc == 23 * 60 + 59
        }
        return true
    }

    static func dateTime(_ s: String) -> Bool {
        let b = Array(s.utf8)[...]
        guard b.count > 11 else { return false }
        let t = b[10]
        guard t == UInt8(ascii: "T") || t == UInt8(ascii: "t") else { return false }
        return date(b[0..<10]) && time(b[11...])
    }

    /// ISO 8601 duration as in RFC 3339 appendix A.
    static func duration(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.first == UInt8(ascii: "P"), b.count > 1 else { return false }
        var i = 1
        func component(_ allowed: [UInt8]) -> [UInt8]? {
            var units: [UInt8] = []
            while i < b.count, isDigit(b[i]) {
                let start = i
                while i < b.count, isDigit(b[i]) { i += 1 }
                guard i > start, i < b.count, let idx = allowed.firstIndex(of: b[i]) else { return nil }
                if let last = units.last, let li = allowed.firstIndex(of: last), li >= idx { return nil }
                units.append(b[i])
                i += 1
            }
            return units
        }
        guard let dateUnits = component([UInt8(ascii: "Y"), UInt8(ascii: "M"), UInt8(ascii: "W"), UInt8(ascii: "D")]) else { return false }
        if dateUnits.contains(UInt8(ascii: "W")) && dateUnits.count > 1 { return false }
        var timeUnits: [UInt8] = []
        if i < b.count {
            guard b[i] == UInt8(ascii: "T") else { return false }
            if dateUnits.contains(UInt8(ascii: "W")) { return false }
            i += 1
            guard let t = component([UInt8(ascii: "H"), UInt8(ascii: "M"), UInt8(ascii: "S")]), !t.isEmpty else { return false }
            timeUnits = t
        }
        guard i == b.count else { return false }
        // RFC 3339 allows no gaps (e.g. "P1Y2D" lacks M), except the week form.
        func contiguous(_ units: [UInt8], _ order: [UInt8]) -> Bool {
            guard let f = units.first, let start = order.firstIndex(of: f) else { return true }
            for (k, u) in units.enumerated() where start + k >= order.count || order[start + k] != u { return false }
            return true
        }
        if !contiguous(dateUnits.filter { $0 != UInt8(ascii: "W") }, [UInt8(ascii: "Y"), UInt8(ascii: "M"), UInt8(ascii: "D")]) { return false }
        if !contiguous(timeUnits, [UInt8(ascii: "H"), UInt8(ascii: "M"), UInt8(ascii: "S")]) { return false }
        return !dateUnits.isEmpty || !timeUnits.isEmpty
    }

    static func hostname(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard !b.isEmpty, b.count <= 253 else { return false }
        let labels = b.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        for l in labels {
            if l.isEmpty { return false }
            guard l.count <= 63, l.first != UInt8(ascii: "-"), l.last != UInt8(ascii: "-") else { return false }
            guard l.allSatisfy({ isAlpha($0) || isDigit($0) || $0 == UInt8(ascii: "-") }) else { return false }
            // "--" in the 3rd and 4th positions is reserved for IDNA ("xn--").
            if l.count >= 4, l[l.startIndex + 2] == UInt8(ascii: "-"), l[l.startIndex + 3] == UInt8(ascii: "-") {
                let p = l.prefix(2).map { $0 | 0x20 }
                guard p == [UInt8(ascii: "x"), UInt8(ascii: "n")] else { return false }
            }
        }
        return true
    }

    static func ipv4(_ s: String) -> Bool {
        let parts = s.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.allSatisfy(isDigit) else { return false }
            if p.count > 1, p.first == UInt8(ascii: "0") { return false }
            var v = 0
            for d in p { v = v * 10 + Int(d - 0x30) }
            if v > 255 { return false }
        }
        return true
    }

    static func ipv6(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.allSatisfy({ isHex($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }) else { return false }
        var text = Substring(s)
        var groupsNeeded = 8
        // Trailing IPv4 part.
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard ipv4(String(text[text.index(after: lastColon)...])) else { return false }
            text = text[...lastColon]
            if text.hasSuffix(":") && !text.hasSuffix("::") { text = text.dropLast() }
            groupsNeeded = 6
        }
        let halves = text.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
        guard halves.count <= 2 else { return false }
        func groups(_ h: String) -> Int? {
            if h.isEmpty { return 0 }
            let gs = h.split(separator: ":", omittingEmptySubsequences: false)
            for g in gs { guard !g.isEmpty, g.count <= 4, g.utf8.allSatisfy(isHex) else { return nil } }
            return gs.count
        }
        if halves.count == 1 {
            return groups(halves[0]) == groupsNeeded
        }
        guard let a = groups(halves[0]), let b = groups(halves[1]) else { return false }
        return a + b < groupsNeeded
    }

    static func uuid(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 36 else { return false }
        for (i, c) in b.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                guard c == UInt8(ascii: "-") else { return false }
            } else if !isHex(c) {
                return false
            }
        }
        return true
    }

    /// RFC 6570 URI Template syntax (level 4).
    static func uriTemplate(_ s: String) -> Bool {
        let b = Array(s.unicodeScalars)
        var i = 0
        func pct() -> Bool {
            guard i + 2 < b.count, b[i] == "%", b[i + 1].isASCII, b[i + 2].isASCII,
                  isHex(UInt8(b[i + 1].value)), isHex(UInt8(b[i + 2].value)) else { return false }
            i += 3
            return true
        }
        while i < b.count {
            let c = b[i]
            if c == "{" {
                i += 1
                if i < b.count, "+#./;?&=,!@|".unicodeScalars.contains(b[i]) { i += 1 }
                // varspec *( "," varspec )
                while true {
                    // varname = varchar *( ["."] varchar )
                    var sawChar = false
                    while i < b.count {
                        let v = b[i]
                        if v.isASCII && (isAlpha(UInt8(v.value)) || isDigit(UInt8(v.value)) || v == "_") {
                            i += 1; sawChar = true
                        } else if v == "%" {
                            guard pct() else { return false }
                            sawChar = true
                        } else if v == "." && sawChar && i + 1 < b.count && b[i + 1] != "." && b[i + 1] != "}" && b[i + 1] != "," && b[i + 1] != ":" && b[i + 1] != "*" {
                            i += 1
                        } else {
                            break
                        }
                    }
                    guard sawChar, i < b.count else { return false }
                    if b[i] == ":" {
                        i += 1
                        guard i < b.count, b[i] != "0" else { return false }
                        var n = 0
                        while i < b.count, b[i].isASCII, isDigit(UInt8(b[i].value)) { n += 1; i += 1 }
                        guard n >= 1 && n <= 4 else { return false }
                    } else if b[i] == "*" {
                        i += 1
                    }
                    guard i < b.count else { return false }
                    if b[i] == "," { i += 1; continue }
                    if b[i] == "}" { i += 1; break }
                    return false
                }
                continue
            }
            if c == "%" {
                guard pct() else { return false }
                continue
            }
            if c.value <= 0x20 || c.value == 0x7F || "\"<>\\^`{|}".unicodeScalars.contains(c) { return false }
            i += 1
        }
        return true
    }

    static func relativeJSONPointer(_ s: String) -> Bool {
        let b = Array(s.utf8)
        var i = 0
        while i < b.count, isDigit(b[i]) { i += 1 }
        guard i > 0, !(i > 1 && b[0] == UInt8(ascii: "0")) else { return false }
        let rest = String(decoding: b[i...], as: UTF8.self)
        return rest == "#" || JSONPointer.tokens(rest) != nil
    }

    static func email(_ s: String) -> Bool {
        guard let at = s.lastIndex(of: "@") else { return false }
        let local = s[..<at], domain = s[s.index(after: at)...]
        guard !local.isEmpty, !domain.isEmpty else { return false }
        if local.hasPrefix("\"") {
            guard local.count >= 2, local.hasSuffix("\"") else { return false }
        } else {
            guard !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { return false }
            let specials = Set("!#$%&'*+-/=?^_`{|}~.".utf8)
            guard local.utf8.allSatisfy({ isAlpha($0) || isDigit($0) || specials.contains($0) }) else { return false }
        }
        if domain.hasPrefix("[") {
            guard domain.hasSuffix("]") else { return false }
            let inner = String(domain.dropFirst().dropLast())
            if inner.hasPrefix("IPv6:") { return ipv6(String(inner.dropFirst(5))) }
            return ipv4(inner)
        }
        return hostname(String(domain))
    }

    /// RFC 3986 URI / URI-reference (RFC 3987 IRI when non-ASCII is allowed).
    static func uri(_ s: String, requireScheme: Bool, allowNonASCII: Bool) -> Bool {
        let allowed = Set("-._~:/?#[]@!$&'()*+,;=".utf8)
        var i = s.utf8.startIndex
        let u = s.utf8
        while i < u.endIndex {
            let c = u[i]
            if c == UInt8(ascii: "%") {
                let a = u.index(after: i)
                guard a < u.endIndex, u.index(after: a) < u.endIndex, isHex(u[a]), isHex(u[u.index(after: a)]) else { return false }
                i = u.index(i, offsetBy: 3)
                continue
            }
            if c >= 0x80 {
                guard allowNonASCII else { return false }
            } else if !(isAlpha(c) || isDigit(c) || allowed.contains(c)) {
                return false
            }
            i = u.index(after: i)
        }
        let r = URIReference(s)
        if requireScheme && r.scheme == nil { return false }
        if r.scheme == nil, let c = s.firstIndex(of: ":") {
            // A relative reference's first segment cannot contain ":".
            let firstSeg = s[..<c]
            if !firstSeg.contains("/") && !firstSeg.contains("?") && !firstSeg.contains("#") { return false }
        }
        if let auth = r.authority {
            // host: IP literal or reg-name; port digits only.
            if auth.filter({ $0 == "@" }).count > 1 { return false }
            var hostPort = Substring(auth)
            if let atIdx = hostPort.lastIndex(of: "@") {
                if hostPort[..<atIdx].contains(where: { $0 == "[" || $0 == "]" }) { return false }
                hostPort = hostPort[hostPort.index(after: atIdx)...]
            }
            if hostPort.hasPrefix("[") {
                guard let close = hostPort.firstIndex(of: "]") else { return false }
                let inner = hostPort[hostPort.index(after: hostPort.startIndex)..<close]
                guard ipv6(String(inner)) || inner.hasPrefix("v") || inner.hasPrefix("V") else { return false }
                let after = hostPort[hostPort.index(after: close)...]
                if !after.isEmpty { guard after.hasPrefix(":"), after.dropFirst().utf8.allSatisfy(isDigit) else { return false } }
            } else {
                if hostPort.contains("[") || hostPort.contains("]") { return false }
                if let colon = hostPort.firstIndex(of: ":") {
                    guard hostPort[hostPort.index(after: colon)...].utf8.allSatisfy(isDigit) else { return false }
                }
            }
        }
        if r.path.contains("[") || r.path.contains("]") || (r.query?.contains("[") ?? false) { return false }
        if let f = r.fragment, f.contains("#") { return false }
        return true
    }
}
