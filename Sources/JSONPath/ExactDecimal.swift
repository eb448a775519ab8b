/// A decimal number parsed from its source text, compared exactly:
/// value = ±0.d₁d₂…dₙ × 10^exponent with d₁ ≠ 0 and dₙ ≠ 0 (zero has no digits).
struct ExactDecimal: Sendable, Hashable {
    var negative: Bool
    var digits: [UInt8]
    var exponent: Int

    /// Exponents are clamped here; beyond it every number is "huge" or "tiny" alike.
    static let exponentLimit = 1_000_000_000_000

    /// Parses `[+-]digits[.digits][(e|E)[+-]digits]` (also `.5` and `5.`).
    /// Returns nil for anything else (hex, infinity, underscores…).
    init?(_ text: String) {
        var it = Array(text.utf8)[...]
        var negative = false
        if let f = it.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") {
            negative = f == UInt8(ascii: "-")
            it = it.dropFirst()
        }
        var all: [UInt8] = []
        var intCount = 0
        var sawDigit = false
        while let c = it.first, c >= 0x30, c <= 0x39 { all.append(c - 0x30); intCount += 1; sawDigit = true; it = it.dropFirst() }
        if it.first == UInt8(ascii: ".") {
            it = it.dropFirst()
            while let c = it.first, c >= 0x30, c <= 0x39 { all.append(c - 0x30); sawDigit = true; it = it.dropFirst() }
        }
        guard sawDigit else { return nil }
        var exp = 0
        if let e = it.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            it = it.dropFirst()
            var expNegative = false
            if let s = it.first, s == UInt8(ascii: "-") || s == UInt8(ascii: "+") {
                expNegative = s == UInt8(ascii: "-")
                it = it.dropFirst()
            }
            var sawExpDigit = false
            while let c = it.first, c >= 0x30, c <= 0x39 {
                exp = min(exp * 10 + Int(c - 0x30), ExactDecimal.exponentLimit)
                sawExpDigit = true
                it = it.dropFirst()
            }
            guard sawExpDigit else { return nil }
            if expNegative { exp = -exp }
        }
        guard it.isEmpty else { return nil }
        var lead = 0
        while lead < all.count, all[lead] == 0 { lead += 1 }
        var trail = all.count
        while trail > lead, all[trail - 1] == 0 { trail -= 1 }
        let digits = Array(all[lead..<trail])
        self.digits = digits
        self.negative = digits.isEmpty ? false : negative
        self.exponent = digits.isEmpty ? 0 : intCount - lead + exp
    }

    /// -1, 0 or 1.
    static func compare(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        if a.digits.isEmpty && b.digits.isEmpty { return 0 }
        if a.digits.isEmpty { return b.negative ? 1 : -1 }
        if b.digits.isEmpty { return a.negative ? -1 : 1 }
        if a.negative != b.negative { return a.negative ? -1 : 1 }
        let sign = a.negative ? -1 : 1
        if a.exponent != b.exponent { return (a.exponent < b.exponent ? -1 : 1) * sign }
        for k in 0..<min(a.digits.count, b.digits.count) where a.digits[k] != b.digits[k] {
            return (a.digits[k] < b.digits[k] ? -1 : 1) * sign
        }
        if a.digits.count == b.digits.count { return 0 }
        return (a.digits.count < b.digits.count ? -1 : 1) * sign
    }
}

/// Compares two number texts: exactly when both are decimal literals, else as
/// Doubles. Returns nil when the numbers are unordered (NaN, unparseable).
func compareNumberTexts(_ a: String, _ b: String) -> Int? {
    if let x = ExactDecimal(a), let y = ExactDecimal(b) { return ExactDecimal.compare(x, y) }
    guard let x = numberAsDouble(a), let y = numberAsDouble(b) else { return a == b ? 0 : nil }
    if x < y { return -1 }
    if x > y { return 1 }
    if x == y { return 0 }
    return nil
}

/// Double value of a number text, also for YAML forms (`0x1F`, `0o17`, `.inf`, `1_000`).
private func numberAsDouble(_ text: String) -> Double? {
    var t = text.replacingUnderscores()
    var sign = 1.0
    if t.hasPrefix("-") { sign = -1; t.removeFirst() } else if t.hasPrefix("+") { t.removeFirst() }
    switch t.lowercased() {
    case ".inf", "inf", "infinity": return sign * .infinity
    case ".nan", "nan": return .nan
    default: break
    }
    if t.hasPrefix("0x") || t.hasPrefix("0X"), let v = UInt64(t.dropFirst(2), radix: 16) { return sign * Double(v) }
    if t.hasPrefix("0o") || t.hasPrefix("0O"), let v = UInt64(t.dropFirst(2), radix: 8) { return sign * Double(v) }
    if let d = Double(t) { return sign * d }
    return nil
}

private extension String {
    func replacingUnderscores() -> String {
        var out = ""
        for u in unicodeScalars where u != "_" { out.unicodeScalars.append(u) }
        return out
    }
}
