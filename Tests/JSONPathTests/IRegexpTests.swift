import Testing
@testable import JSONPath

@Suite struct IRegexpTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var pattern: String
        var input: String
        var matches: Bool
        var search: Bool
        var extended: Bool = false
        var testDescription: String { "\(pattern.debugDescription) on \(input.debugDescription)" }
    }

    static let table: [Case] = [
        .init(pattern: "a.c", input: "abc", matches: true, search: true),
        .init(pattern: "a.c", input: "a\nc", matches: false, search: false),
        .init(pattern: "a.c", input: "a\rc", matches: false, search: false),
        .init(pattern: "a.c", input: "a😀c", matches: true, search: true),
        .init(pattern: "a.c", input: "xabcx", matches: false, search: true),
        .init(pattern: "", input: "", matches: true, search: true),
        .init(pattern: "", input: "x", matches: false, search: true),
        .init(pattern: "a|", input: "", matches: true, search: true),
        .init(pattern: "[a-c]+", input: "abcab", matches: true, search: true),
        .init(pattern: "[^a-c]", input: "d", matches: true, search: true),
        .init(pattern: "[^a-c]", input: "b", matches: false, search: false),
        .init(pattern: "[-a]", input: "-", matches: true, search: true),
        .init(pattern: "[a-]", input: "-", matches: true, search: true),
        .init(pattern: "[\\]\\[]+", input: "][", matches: true, search: true),
        .init(pattern: "[.]", input: "x", matches: false, search: false),
        .init(pattern: "\\p{Lu}", input: "Ä", matches: true, search: true),
        .init(pattern: "\\p{Lu}", input: "ä", matches: false, search: false),
        .init(pattern: "\\P{Lu}", input: "ä", matches: true, search: true),
        .init(pattern: "\\p{L}+", input: "héllo", matches: true, search: true),
        .init(pattern: "\\p{Nd}{3}", input: "1٢3", matches: true, search: true),
        .init(pattern: "[\\p{Ll}\\p{Nd}]+", input: "ab12", matches: true, search: true),
        .init(pattern: "[^\\P{N}]", input: "5", matches: true, search: true),
        .init(pattern: "\\p{Sc}", input: "€", matches: true, search: true),
        .init(pattern: "\\p{Zs}", input: " ", matches: true, search: true),
        .init(pattern: "\\p{Cc}", input: "\u{07}", matches: true, search: true),
        .init(pattern: "\\p{P}", input: "!", matches: true, search: true),
        .init(pattern: "x{2,3}", input: "xxxx", matches: false, search: true),
        .init(pattern: "x{2,3}", input: "xxx", matches: true, search: true),
        .init(pattern: "x{2,}", input: "xxxxxx", matches: true, search: true),
        .init(pattern: "x{2}", input: "x", matches: false, search: false),
        .init(pattern: "x{0}", input: "", matches: true, search: true),
        .init(pattern: "(ab|cd)*", input: "abcdab", matches: true, search: true),
        .init(pattern: "colou?r", input: "color", matches: true, search: true),
        .init(pattern: "\\.\\*\\\\", input: ".*\\", matches: true, search: true),
        .init(pattern: "\\n\\t", input: "\n\t", matches: true, search: true),
        .init(pattern: "a,b-c/d>@", input: "a,b-c/d>@", matches: true, search: true),
        // Anchors, as in the RFC 9485 §5 mappings and the JSONPath CTS.
        .init(pattern: "^ab", input: "xab", matches: false, search: false),
        .init(pattern: "ab$", input: "abx", matches: false, search: false),
        .init(pattern: "^ab$", input: "ab", matches: true, search: true),
        // Catastrophic for backtracking engines; linear here.
        .init(pattern: "(a*)*b", input: String(repeating: "a", count: 100_000), matches: false, search: false),
        .init(pattern: "(a|aa)*c", input: String(repeating: "a", count: 100_000), matches: false, search: false),
        .init(pattern: "(x+x+)+y", input: String(repeating: "x", count: 100_000), matches: false, search: false),
        .init(pattern: "(a?){30}a{30}", input: String(repeating: "a", count: 30), matches: true, search: true),
        // Extended mode.
        .init(pattern: "^\\d{3}-\\w+$", input: "123-ab_c", matches: true, search: true, extended: true),
        .init(pattern: "\\d", input: "٣", matches: false, search: false, extended: true),
        .init(pattern: "[\\s\\S]+", input: "a \n", matches: true, search: true, extended: true),
        .init(pattern: "[\\D]", input: "5", matches: false, search: false, extended: true),
        .init(pattern: "\\W", input: "_", matches: false, search: false, extended: true),
        .init(pattern: "(?:ab)+\\$", input: "abab$", matches: true, search: true, extended: true),
        .init(pattern: "https?:\\/\\/", input: "see https://x", matches: false, search: true, extended: true),
    ]

    @Test(arguments: table)
    func matching(_ c: Case) throws {
        let r = try IRegexp.compile(c.pattern, options: c.extended ? .extended : [])
        #expect(r.matches(c.input) == c.matches)
        #expect(r.search(c.input) == c.search)
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        var pattern: String
        var position: Int
        var extended: Bool = false
        var testDescription: String { pattern.debugDescription }
    }

    static let invalid: [Invalid] = [
        .init(pattern: "(", position: 2),
        .init(pattern: "a)", position: 2),
        .init(pattern: "[", position: 2),
        .init(pattern: "[]", position: 2),
        .init(pattern: "[^]", position: 3),
        .init(pattern: "a**", position: 3),
        .init(pattern: "*a", position: 1),
        .init(pattern: "a{1001}", position: 3),
        .init(pattern: "a{2,1}", position: 2),
        .init(pattern: "a{", position: 3),
        .init(pattern: "a{1", position: 4),
        .init(pattern: "a{,2}", position: 3),
        .init(pattern: "}", position: 1),
        .init(pattern: "]", position: 1),
        .init(pattern: "\\d", position: 1),
        .init(pattern: "\\w", position: 1),
        .init(pattern: "\\x41", position: 1),
        .init(pattern: "ab\\", position: 3),
        .init(pattern: "\\p{Xx}", position: 1),
        .init(pattern: "\\p{Cs}", position: 1),
        .init(pattern: "\\pL", position: 3),
        .init(pattern: "(?:a)", position: 2),
        .init(pattern: "[b-a]", position: 2),
        .init(pattern: "[a-c-e]", position: 5),
        .init(pattern: "[[]", position: 2),
        .init(pattern: "^*", position: 2),
        .init(pattern: "(?=a)", position: 2, extended: true),
        .init(pattern: "[\\d-z]", position: 4, extended: true),
        .init(pattern: "\\b", position: 1, extended: true),
    ]

    @Test(arguments: invalid)
    func rejects(_ c: Invalid) {
        do {
            let r = try IRegexp.compile(c.pattern, options: c.extended ? .extended : [])
            Issue.record("accepted \(r.pattern.debugDescription)")
        } catch {
            #expect(error.position == c.position, "\(error.message)")
        }
    }

    @Test func programSizeIsBounded() throws {
        _ = try IRegexp.compile("a{1000}")
        _ = try IRegexp.compile("(a{0,1000}){10}")
        #expect(throws: IRegexpError.self) { try IRegexp.compile("(a{1000}){1000}") }
        #expect(throws: IRegexpError.self) { try IRegexp.compile("((a{100}){100}){100}") }
        let deep = String(repeating: "(", count: 5_000) + "a" + String(repeating: ")", count: 5_000)
        #expect(throws: IRegexpError.self) { try IRegexp.compile(deep) }
    }

    @Test func megabyteInputs() throws {
        let big = String(repeating: "ab", count: 512 * 1024)
        let r = try IRegexp.compile("(a|b)*c")
        #expect(!r.matches(big))
        #expect(!r.search(big))
        let s = try IRegexp.compile("[a-z]+@[a-z]+")
        #expect(!s.search(big))
        #expect(s.search(big + "@x"))
        #expect(try IRegexp.compile("(ab)*").matches(big))
    }
}
