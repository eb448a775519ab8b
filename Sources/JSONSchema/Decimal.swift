/// Exact decimal arithmetic for JSON Schema numeric keywords.
///
/// Numbers in the `Node` tree keep their source text, so `0.07`, `1.0` and
/// `1e308` are compared and divided exactly, never through `Double`.
/// A value is `±0.d1d2…dn × 10^exponent` with `d1 ≠ 0` and `dn ≠ 0`
/// (no leading or trailing zeros); zero has no digits.
struct ExactDecimal: Sendable, Hashable, CustomStringConvertible {
    var negative: Bool
    /// Significant digits, each 0...9.
    var digits: [UInt8]
    /// Position of the decimal point relative to the first digit.
    var exponent: Int

    /// The value as a Double when that is exact enough to compare with: at most
    /// 15 significant digits (DBL_DIG) and well inside the normal range.
    var fastDouble: Double? {
        if digits.isEmpty { return 0 }
        guard digits.count <= 15, exponent > -270, exponent < 270 else { return nil }
        // Double(String) rounds correctly, like the instance side.
        return Double(description)
    }

    /// Parses a plain number into a Double when comparisons through Double are
    /// exact (≤ 15 digits in the text, normal range); nil otherwise.
    static func fastDouble(_ text: String) -> Double? {
        if let v = exactSmallDouble(text) { return v }
        var digits = 0
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): break
            default: return nil
            }
        }
        guard digits <= 15, let v = Double(text), v.isFinite, v != 0, abs(v) > 1e-280, abs(v) < 1e280 else { return nil }
        return v
    }

    /// Powers of ten that are exact in a Double.
    private static let exactPowers: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                                1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]

    /// `[-]digits[.digits]` with at most 15 digits in all and a nonzero value:
    /// the mantissa and the power of ten are both exact Doubles, so one
    /// division gives the correctly rounded value (as `Double(text)` would).
    /// nil for any other form (exponents, zero, longer numbers).
    static func exactSmallDouble(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { exactSmallDouble(utf8: $0) }
    }

    static func exactSmallDouble(utf8 text: UnsafeBufferPointer<UInt8>) -> Double? {
        var mantissa: UInt64 = 0
        var digits = 0, fraction = 0
        var negative = false, seenDot = false
        var first = true
        for b in text {
            if first {
                first = false
                if b == UInt8(ascii: "-") { negative = true; continue }
            }
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                mantissa = mantissa &* 10 &+ UInt64(b &- UInt8(ascii: "0"))
                digits += 1
                if seenDot { fraction += 1 }
                if digits > 15 { return nil }
            } else if b == UInt8(ascii: "."), !seenDot, digits > 0 {
                seenDot = true
            } else {
                return nil
            }
        }
        guard digits > 0, mantissa != 0, !(seenDot && fraction == 0) else { return nil }
        let v = Double(mantissa) / exactPowers[fraction]
        return negative ? -v : v
    }

    static let zero = ExactDecimal(negative: false, digits: [], exponent: 0)

    var isZero: Bool { digits.isEmpty }

    /// True when the value has no fractional part (`1.0` and `1e2` are integers).
    var isInteger: Bool { digits.count <= exponent || digits.isEmpty }

    init(negative: Bool, digits: [UInt8], exponent: Int) {
        self.negative = negative
        self.digits = digits
        self.exponent = exponent
    }

    init(_ value: Int) {
        self = ExactDecimal(String(value)) ?? .zero
    }

    /// Parses JSON numbers and the YAML 1.2 core-schema forms (`+1`, `.5`,
    /// `0x1F`, `0o17`). Returns nil for non-finite values (`.inf`, `.nan`) and
    /// for text that is not a number.
    init?(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.removeAll { $0 == UInt8(ascii: "_") }
        var i = 0
        var neg = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            neg = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        // Hexadecimal and octal integers (YAML core schema).
        if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "0"),
           bytes[i + 1] == UInt8(ascii: "x") || bytes[i + 1] == UInt8(ascii: "o") {
            let radix: UInt32 = bytes[i + 1] == UInt8(ascii: "x") ? 16 : 8
            var n = BigUInt.zero
            var any = false
            for b in bytes[(i + 2)...] {
                let v: UInt32
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(b - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): v = UInt32(b - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): v = UInt32(b - UInt8(ascii: "A") + 10)
                default: return nil
                }
                if v >= radix { return nil }
                n = n.times(radix).plus(v)
                any = true
            }
            guard any else { return nil }
            self.init(integerDigits: n.decimalDigits(), negative: neg)
            return
        }
        var intDigits: [UInt8] = []
        var fracDigits: [UInt8] = []
        var sawDigit = false
        while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
            intDigits.append(bytes[i] - UInt8(ascii: "0"))
            sawDigit = true
            i += 1
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                fracDigits.append(bytes[i] - UInt8(ascii: "0"))
                sawDigit = true
                i += 1
            }
        }
        guard sawDigit else { return nil }
        var exp = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var eneg = false
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                eneg = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var any = false
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                // Saturate: exponents beyond ±10^15 are far outside anything comparable anyway.
                if exp < 1_000_000_000_000_000 { exp = exp * 10 + Int(bytes[i] - UInt8(ascii: "0")) }
                any = true
                i += 1
            }
            guard any else { return nil }
            if eneg { exp = -exp }
        }
        guard i == bytes.count else { return nil }
        // value = 0.(intDigits fracDigits) × 10^(intDigits.count + exp), then normalise.
        var all = intDigits
        all.append(contentsOf: fracDigits)
        var point = intDigits.count + exp
        var lead = 0
        while lead < all.count, all[lead] == 0 { lead += 1 }
        if lead == all.count {
            self.init(negative: false, digits: [], exponent: 0)
            return
        }
        point -= lead
        var end = all.count
        while end > lead, all[end - 1] == 0 { end -= 1 }
        self.init(negative: neg, digits: Array(all[lead..<end]), exponent: point)
    }

    private init(integerDigits: [UInt8], negative: Bool) {
        var lead = 0
        while lead < integerDigits.count, integerDigits[lead] == 0 { lead += 1 }
        if lead == integerDigits.count {
            self.init(negative: false, digits: [], exponent: 0)
            return
        }
        var end = integerDigits.count
        while end > lead, integerDigits[end - 1] == 0 { end -= 1 }
        self.init(negative: negative, digits: Array(integerDigits[lead..<end]), exponent: integerDigits.count - lead)
    }

    /// -1, 0 or 1.
    static func compare(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        let sa = a.isZero ? 0 : (a.negative ? -1 : 1)
        let sb = b.isZero ? 0 : (b.negative ? -1 : 1)
        if sa != sb { return sa < sb ? -1 : 1 }
        if sa == 0 { return 0 }
        let mag = compareMagnitude(a, b)
        return sa < 0 ? -mag : mag
    }

    private static func compareMagnitude(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        if a.exponent != b.exponent { return a.exponent < b.exponent ? -1 : 1 }
        let n = min(a.digits.count, b.digits.count)
        for k in 0..<n where a.digits[k] != b.digits[k] {
            return a.digits[k] < b.digits[k] ? -1 : 1
        }
        if a.digits.count == b.digits.count { return 0 }
        return a.digits.count < b.digits.count ? -1 : 1
    }

    /// True when `self` is an integer multiple of `divisor` (which must be > 0).
    func isMultiple(of divisor: ExactDecimal) -> Bool {
        if isZero { return true }
        if divisor.isZero { return false }
        // self = A × 10^ea, divisor = B × 10^eb with A, B integers without trailing zeros.
        let ea = exponent - digits.count
        let eb = divisor.exponent - divisor.digits.count
        // A has no factor 10, so a divisor with more decimal places can never divide it.
        if ea < eb { return false }
        let k = ea - eb
        // Need (A × 10^k) mod B == 0.
        if divisor.digits.count <= 18 {
            var b: UInt64 = 0
            for d in divisor.digits { b = b * 10 + UInt64(d) }
            var r: UInt64 = 0
            for d in digits { r = ExactDecimal.mulMod(r, 10, b) &+ UInt64(d); r %= b }
            if r == 0 { return true }
            let p = ExactDecimal.powMod(10, k, b)
            return ExactDecimal.mulMod(r, p, b) == 0
        }
        let b = BigUInt(decimalDigits: divisor.digits)
        var r = BigUInt.zero
        for d in digits { r = r.times(10).plus(UInt32(d)).mod(b) }
        if r.isZero { return true }
        let p = BigUInt.powMod(BigUInt(10), k, b)
        return BigUInt.mulMod(r, p, b).isZero
    }

    private static func mulMod(_ a: UInt64, _ b: UInt64, _ m: UInt64) -> UInt64 {
        let (hi, lo) = a.multipliedFullWidth(by: b)
        return m.dividingFullWidth((hi % m, lo)).remainder
    }

    private static func powMod(_ base: UInt64, _ exp: Int, _ m: UInt64) -> UInt64 {
        if m == 1 { return 0 }
        var result: UInt64 = 1, b = base % m, e = exp
        while e > 0 {
            if e & 1 == 1 { result = mulMod(result, b, m) }
            b = mulMod(b, b, m)
            e >>= 1
        }
        return result
    }

    /// A short rendering for messages (the canonical exact form).
    var description: String {
        if isZero { return "0" }
        var s = negative ? "-" : ""
        let ds = digits.map { Character(Unicode.Scalar($0 + 48)) }
        if exponent > 0 && exponent <= 21 {
            if digits.count <= exponent {
                s += String(ds) + String(repeating: "0", count: exponent - digits.count)
            } else {
                s += String(ds[0..<exponent]) + "." + String(ds[exponent...])
            }
        } else if exponent <= 0 && exponent > -7 {
            s += "0." + String(repeating: "0", count: -exponent) + String(ds)
        } else {
            s += String(ds[0])
            if ds.count > 1 { s += "." + String(ds[1...]) }
            s += "e" + String(exponent - 1)
        }
        return s
    }
}

/// A minimal arbitrary-precision unsigned integer (little-endian 32-bit limbs),
/// enough for `multipleOf` on numbers with many digits.
struct BigUInt: Sendable, Equatable {
    var limbs: [UInt32]

    static let zero = BigUInt(limbs: [])

    init(limbs: [UInt32]) {
        var l = limbs
        while let last = l.last, last == 0 { l.removeLast() }
        self.limbs = l
    }

    init(_ v: UInt32) { self.init(limbs: [v]) }

    init(decimalDigits: [UInt8]) {
        var n = BigUInt.zero
        for d in decimalDigits { n = n.times(10).plus(UInt32(d)) }
        self = n
    }

    var isZero: Bool { limbs.isEmpty }

    func times(_ m: UInt32) -> BigUInt {
        var out: [UInt32] = []
        out.reserveCapacity(limbs.count + 1)
        var carry: UInt64 = 0
        for l in limbs {
            let v = UInt64(l) * UInt64(m) + carry
            out.append(UInt32(truncatingIfNeeded: v))
            carry = v >> 32
        }
        if carry > 0 { out.append(UInt32(carry)) }
        return BigUInt(limbs: out)
    }

    func plus(_ a: UInt32) -> BigUInt {
        var out = limbs
        var carry = UInt64(a)
        var i = 0
        while carry > 0 {
            if i == out.count { out.append(0) }
            let v = UInt64(out[i]) + carry
            out[i] = UInt32(truncatingIfNeeded: v)
            carry = v >> 32
            i += 1
        }
        return BigUInt(limbs: out)
    }

    static func compare(_ a: BigUInt, _ b: BigUInt) -> Int {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count ? -1 : 1 }
        var i = a.limbs.count - 1
        while i >= 0 {
            if a.limbs[i] != b.limbs[i] { return a.limbs[i] < b.limbs[i] ? -1 : 1 }
            i -= 1
        }
        return 0
    }

    /// a - b, requires a >= b.
    static func minus(_ a: BigUInt, _ b: BigUInt) -> BigUInt {
        var out = a.limbs
        var borrow: Int64 = 0
        for i in 0..<out.count {
            var v = Int64(out[i]) - borrow - (i < b.limbs.count ? Int64(b.limbs[i]) : 0)
            if v < 0 { v += 1 << 32; borrow = 1 } else { borrow = 0 }
            out[i] = UInt32(v)
        }
        return BigUInt(limbs: out)
    }

    func shiftedLeft1() -> BigUInt {
        var out: [UInt32] = []
        out.reserveCapacity(limbs.count + 1)
        var carry: UInt32 = 0
        for l in limbs {
            out.append((l << 1) | carry)
            carry = l >> 31
        }
        if carry > 0 { out.append(carry) }
        return BigUInt(limbs: out)
    }

    var bitWidth: Int {
        guard let last = limbs.last else { return 0 }
        return (limbs.count - 1) * 32 + (32 - last.leadingZeroBitCount)
    }

    func bit(_ i: Int) -> Bool { (limbs[i / 32] >> UInt32(i % 32)) & 1 == 1 }

    /// self mod m (binary long division).
    func mod(_ m: BigUInt) -> BigUInt {
        if BigUInt.compare(self, m) < 0 { return self }
        var r = BigUInt.zero
        var i = bitWidth - 1
        while i >= 0 {
            r = r.shiftedLeft1()
            if bit(i) { r = r.plus(1) }
            if BigUInt.compare(r, m) >= 0 { r = BigUInt.minus(r, m) }
            i -= 1
        }
        return r
    }

    /// (a × b) mod m for a, b < m, by shift-and-add.
    static func mulMod(_ a: BigUInt, _ b: BigUInt, _ m: BigUInt) -> BigUInt {
        var r = BigUInt.zero
        var i = b.bitWidth - 1
        while i >= 0 {
            r = r.shiftedLeft1()
            if compare(r, m) >= 0 { r = minus(r, m) }
            if b.bit(i) {
                r = add(r, a)
                if compare(r, m) >= 0 { r = minus(r, m) }
            }
            i -= 1
        }
        return r
    }

    static func add(_ a: BigUInt, _ b: BigUInt) -> BigUInt {
        var out: [UInt32] = []
        let n = max(a.limbs.count, b.limbs.count)
        out.reserveCapacity(n + 1)
        var carry: UInt64 = 0
        for i in 0..<n {
            let v = UInt64(i < a.limbs.count ? a.limbs[i] : 0) + UInt64(i < b.limbs.count ? b.limbs[i] : 0) + carry
            out.append(UInt32(truncatingIfNeeded: v))
            carry = v >> 32
        }
        if carry > 0 { out.append(UInt32(carry)) }
        return BigUInt(limbs: out)
    }

    static func powMod(_ base: BigUInt, _ exp: Int, _ m: BigUInt) -> BigUInt {
        var result = BigUInt(1).mod(m)
        var b = base.mod(m)
        var e = exp
        while e > 0 {
            if e & 1 == 1 { result = mulMod(result, b, m) }
            b = mulMod(b, b, m)
            e >>= 1
        }
        return result
    }

    /// Decimal digits, most significant first ([0] for zero).
    func decimalDigits() -> [UInt8] {
        if isZero { return [0] }
        var out: [UInt8] = []
        var cur = limbs
        while !cur.isEmpty {
            var rem: UInt64 = 0
            var i = cur.count - 1
            while i >= 0 {
                let v = (rem << 32) | UInt64(cur[i])
                cur[i] = UInt32(v / 10)
                rem = v % 10
                i -= 1
            }
            out.append(UInt8(rem))
            while let last = cur.last, last == 0 { cur.removeLast() }
        }
        return out.reversed()
    }
}
