@testable import JSONSchema
import Testing

/// The short-number fast path must agree exactly with `Double(String)`.
@Suite("Fast number conversion")
struct FastNumberTests {
    @Test(arguments: ["0.001", "0.399", "1", "-1", "0.1", "0.7", "123456789012345", "-0.000000000000001", "99.99",
                      "0.30000000000000004", "1e2", "0", "-0", "0.0", "1.5E3", "12345678901234567", "3.141592653589793"])
    func agreesWithDoubleParsing(text: String) {
        if let fast = ExactDecimal.exactSmallDouble(text) {
            #expect(fast == Double(text), "\(text)")
        }
        let general = ExactDecimal.fastDouble(text)
        if let general { #expect(general == Double(text), "\(text)") }
    }

    @Test func randomDecimalsAgree() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let whole = UInt64.random(in: 0..<1_000_000, using: &rng)
            let frac = UInt64.random(in: 0..<1_000_000_000, using: &rng)
            let places = Int.random(in: 1...9, using: &rng)
            var f = String(frac)
            if f.count < places { f = String(repeating: "0", count: places - f.count) + f } else { f = String(f.prefix(places)) }
            let text = "\(Bool.random(using: &rng) ? "-" : "")\(whole).\(f)"
            if let fast = ExactDecimal.exactSmallDouble(text) {
                #expect(fast == Double(text), "\(text)")
            }
        }
    }

    @Test func rejectsOtherForms() {
        for t in ["1e5", "+1", "", "-", ".5", "1.", "0", "0.000", "1234567890123456", "1x"] {
            #expect(ExactDecimal.exactSmallDouble(t) == nil, "\(t)")
        }
    }
}
