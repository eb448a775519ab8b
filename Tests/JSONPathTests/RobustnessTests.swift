import Testing
import LintCore
@testable import JSONPath

/// Hostile or truncated input never crashes or hangs: it parses or throws.
@Suite struct RobustnessTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let seeds = [
        "$.store.book[?@.price < 10 && match(@.title, '[A-Z].*')].author",
        "$..[?(@.a == 'x' || !@.b) && count(@.*) >= 2][-1:0:-2]",
        "$['a\\'b', \"c\\uD83D\\uDE00\", 0, *][?value(@..id) != null]",
        "$[?search(@, '\\\\p{Lu}{2,3}') || length(@) == 1.5e-3]",
    ]

    @Test(arguments: seeds)
    func everyPrefixParsesOrThrows(_ seed: String) {
        let doc = Node.sequence([.scalar(.string("Ab"), .fileStart), .mapping([], .fileStart)], .fileStart)
        let scalars = Array(seed.unicodeScalars)
        for n in 0...scalars.count {
            var prefix = ""
            prefix.unicodeScalars.append(contentsOf: scalars[0..<n])
            do {
                let q = try JSONPathQuery.parse(prefix)
                _ = q.evaluate(doc)
            } catch {
                #expect(error.position >= 1 && error.position <= n + 1, "\(prefix): \(error)")
            }
        }
    }

    @Test func randomSelectorsParseOrThrow() {
        var rng = SplitMix(state: 42)
        let alphabet = Array("$@.[]()?*,:'\"\\-019aéz_ =!<>&|\t".unicodeScalars) + ["length(", "match(", "count(", "..", "&&", "||", "==", "true", "null"].flatMap { Array($0.unicodeScalars) }
        let doc = Node.mapping([MappingEntry(key: .scalar(.string("a"), .fileStart), value: .sequence([.scalar(.number("1"), .fileStart)], .fileStart))], .fileStart)
        for _ in 0..<3_000 {
            var text = "$"
            for _ in 0..<Int.random(in: 0...24, using: &rng) {
                text.unicodeScalars.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)])
            }
            do {
                _ = try JSONPathQuery.parse(text).evaluate(doc)
            } catch {
                #expect(error.position >= 1 && error.position <= text.unicodeScalars.count + 1)
            }
        }
    }

    @Test func randomPatternsCompileOrThrow() {
        var rng = SplitMix(state: 7)
        let alphabet = Array("ab.()[]{}^$|*+?,-\\pPLu{}0123dws:".unicodeScalars)
        let inputs = ["", "a", "ab", "ba", "aaaa", "a-b", "{1}", String(repeating: "ab", count: 200)]
        for _ in 0..<3_000 {
            var pattern = ""
            for _ in 0..<Int.random(in: 0...16, using: &rng) {
                pattern.unicodeScalars.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)])
            }
            for options: IRegexp.Options in [[], .extended] {
                do {
                    let r = try IRegexp.compile(pattern, options: options)
                    for s in inputs {
                        // A whole-string match is also a substring match.
                        if r.matches(s) { #expect(r.search(s), "\(pattern) on \(s)") }
                    }
                } catch {
                    #expect(error.position >= 1 && error.position <= pattern.unicodeScalars.count + 1, "\(pattern): \(error)")
                }
            }
        }
    }
}

import Foundation

/// Differential check against ICU (NSRegularExpression) on the ASCII subset
/// where I-Regexp and ICU agree: same answers for whole-string and substring matching.
@Suite struct RegexDifferentialTests {
    struct Config: Sendable, CustomTestStringConvertible {
        var name: String
        var atoms: [String]
        var letters: [String]
        var options: IRegexp.Options
        var testDescription: String { name }
    }

    static let configs: [Config] = [
        .init(name: "I-Regexp, ASCII",
              atoms: ["a", "b", "-", ".", "[ab]", "[^a]", "[a-b]", "(", ")", "|", "*", "+", "?", "{2}", "{0,2}", "{1,}", "^", "$", "\\.", "\\-"],
              letters: ["a", "b", "-", "."], options: []),
        .init(name: "I-Regexp, Unicode categories",
              atoms: ["a", "é", ".", "\\p{Lu}", "\\P{L}", "\\p{Nd}", "[\\p{Ll}1]", "[^\\p{L}]", "[à-ê]", "(", ")", "|", "*", "+", "?", "{1,2}"],
              letters: ["a", "é", "É", "1", "٣", "😀", " "], options: []),
        .init(name: "extended, ASCII",
              atoms: ["a", "1", " ", "\\d", "\\w", "\\s", "\\D", "\\W", "\\S", "[\\d_]", "(?:", "(", ")", "|", "*", "+", "?", "{2}", "^", "$"],
              letters: ["a", "1", " ", "_", "-", "\t"], options: .extended),
    ]

    @Test(arguments: configs)
    func agreesWithICUOnRandomPatterns(_ config: Config) throws {
        var rng = RobustnessTests.SplitMix(state: 2026)
        let atoms = config.atoms
        var inputs = [""] + config.letters
        for _ in 0..<40 {
            var s = ""
            for _ in 0..<Int.random(in: 0...7, using: &rng) { s += config.letters[Int.random(in: 0..<config.letters.count, using: &rng)] }
            inputs.append(s)
        }
        var compared = 0
        for _ in 0..<2_000 {
            var pattern = ""
            for _ in 0..<Int.random(in: 1...8, using: &rng) { pattern += atoms[Int.random(in: 0..<atoms.count, using: &rng)] }
            guard let ours = try? IRegexp.compile(pattern, options: config.options),
                  let whole = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$"),
                  let sub = try? NSRegularExpression(pattern: pattern) else { continue }
            compared += 1
            for s in inputs {
                let range = NSRange(location: 0, length: (s as NSString).length)
                let icuWhole = whole.firstMatch(in: s, range: range) != nil
                let icuSub = sub.firstMatch(in: s, range: range) != nil
                #expect(ours.matches(s) == icuWhole, "match \(pattern.debugDescription) on \(s.debugDescription)")
                #expect(ours.search(s) == icuSub, "search \(pattern.debugDescription) on \(s.debugDescription)")
            }
        }
        #expect(compared > 200)
    }
}
