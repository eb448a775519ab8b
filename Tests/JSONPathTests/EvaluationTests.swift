import Foundation
import Testing
import LintCore
import LintParsers
@testable import JSONPath

@Suite struct EvaluationTests {
    static func evaluate(_ selector: String, _ json: String) throws -> [JSONPathMatch] {
        let doc = try #require(parseJSON(json))
        return try JSONPathQuery.parse(selector).evaluate(doc)
    }

    struct PathCase: Sendable, CustomTestStringConvertible {
        var key: String
        var normalized: String
        var testDescription: String { key.debugDescription }
    }

    /// RFC 9535 §2.7 normative escaping of names in normalized paths.
    static let escaping: [PathCase] = [
        .init(key: "a", normalized: "$['a']"),
        .init(key: "it's", normalized: "$['it\\'s']"),
        .init(key: "back\\slash", normalized: "$['back\\\\slash']"),
        .init(key: "dq\"", normalized: "$['dq\"']"),
        .init(key: "\u{08}\u{0C}\n\r\t", normalized: "$['\\b\\f\\n\\r\\t']"),
        .init(key: "\u{00}\u{01}\u{1F}", normalized: "$['\\u0000\\u0001\\u001f']"),
        .init(key: "\u{0B}", normalized: "$['\\u000b']"),
        .init(key: "\u{7F}", normalized: "$['\u{7F}']"),
        .init(key: "/", normalized: "$['/']"),
        .init(key: "grüße😀", normalized: "$['grüße😀']"),
        .init(key: "", normalized: "$['']"),
    ]

    @Test(arguments: escaping)
    func normalizedPathEscaping(_ c: PathCase) throws {
        let path = NormalizedPath([.name(c.key)])
        #expect(path.description == c.normalized)
        // A normalized path is itself a valid query selecting the same member.
        let doc = Node.mapping([MappingEntry(key: .scalar(.string(c.key), .fileStart), value: .scalar(.number("1"), .fileStart))], .fileStart)
        let matches = try JSONPathQuery.parse(c.normalized).evaluate(doc)
        #expect(matches.map(\.path) == [c.normalized])
        #expect(matches.first?.elements == [.name(c.key)])
    }

    @Test func normalizedPathsParseBack() throws {
        let text = "$['a\\'b'][3]['\\u0001']"
        let path = try #require(NormalizedPath(parsing: text))
        #expect(path.elements == [.name("a'b"), .index(3), .name("\u{01}")])
        #expect(path.description == text)
        #expect(NormalizedPath(parsing: "$.a[0]")?.description == "$['a'][0]")
        #expect(NormalizedPath(parsing: "$[-1]") == nil)
        #expect(NormalizedPath(parsing: "$[*]") == nil)
        #expect(NormalizedPath(parsing: "$..a") == nil)
        #expect(NormalizedPath(parsing: "a") == nil)
    }

    @Test func invalidPatternLiteralsAreReported() throws {
        let q = try JSONPathQuery.parse("$[?match(@.a, '\\\\d+') || search(@.b, 'ok')]")
        #expect(q.patternProblems.count == 1)
        #expect(q.patternProblems.first?.position == 15)
        #expect(q.patternProblems.first?.pattern == "\\d+")
        #expect(try JSONPathQuery.parse("$[?match(@.a, '[0-9]+')]").patternProblems.isEmpty)
        let doc = try #require(parseJSON(#"[{"a": "12"}]"#))
        #expect(q.select(doc).isEmpty)
    }

    @Test func pathsHaveElements() throws {
        let m = try Self.evaluate("$..b", #"{"a": [{"b": 1}, {"c": {"b": 2}}]}"#)
        #expect(m.map(\.path) == ["$['a'][0]['b']", "$['a'][1]['c']['b']"])
        #expect(m.map(\.elements) == [[.name("a"), .index(0), .name("b")], [.name("a"), .index(1), .name("c"), .name("b")]])
        #expect(m.map { $0.key?.stringValue } == ["b", "b"])
        let root = try Self.evaluate("$", "[1]")
        #expect(root.map(\.path) == ["$"])
        #expect(root.first?.key == nil)
    }

    @Test func negativeIndexPathIsNormalized() throws {
        let m = try Self.evaluate("$[-1, ::-2]", "[10, 20, 30]")
        #expect(m.map(\.path) == ["$[2]", "$[2]", "$[0]"])
    }

    struct FilterCase: Sendable, CustomTestStringConvertible {
        var selector: String
        var document: String
        var expected: [String]
        var testDescription: String { selector }
    }

    static let filters: [FilterCase] = [
        // Numbers compare exactly, by value, whatever their spelling.
        .init(selector: "$[?@ == 1]", document: "[1, 1.0, 10e-1, 0.1e1, 2, \"1\"]", expected: ["1", "1.0", "10e-1", "0.1e1"]),
        .init(selector: "$[?@ > 9007199254740992]", document: "[9007199254740992, 9007199254740993]", expected: ["9007199254740993"]),
        .init(selector: "$[?@ == 0.30000000000000001]", document: "[0.3, 0.30000000000000001]", expected: ["0.30000000000000001"]),
        .init(selector: "$[?@ < 1e400]", document: "[1e399, 1e400, 1e401, -1e500]", expected: ["1e399", "-1e500"]),
        .init(selector: "$[?@ == -0]", document: "[0, -0, 0.0, 1]", expected: ["0", "-0", "0.0"]),
        .init(selector: "$[?@ >= -1.5]", document: "[-2, -1.5, -1.25, 3]", expected: ["-1.5", "-1.25", "3"]),
        // Strings compare by Unicode scalar values, not canonical equivalence.
        .init(selector: "$[?@ == 'é']", document: "[\"é\", \"e\\u0301\"]", expected: ["\"é\""]),
        .init(selector: "$[?@ < 'b']", document: "[\"a\", \"b\", \"B\", \"ab\", \"\\u00e9\"]", expected: ["\"a\"", "\"B\"", "\"ab\""]),
        // Structured equality: arrays in order, objects unordered.
        .init(selector: "$[?@.x == $.ref]", document: "{\"ref\": {\"a\": 1, \"b\": [1, 2]}, \"v\": {\"x\": {\"b\": [1, 2.0], \"a\": 1}}, \"w\": {\"x\": {\"a\": 1, \"b\": [2, 1]}}}", expected: ["{\"x\":{\"b\":[1,2.0],\"a\":1}}"]),
        // Nothing: a missing member equals only Nothing.
        .init(selector: "$[?@.a == @.b]", document: "[{}, {\"a\": 1}, {\"a\": 1, \"b\": 1}, {\"a\": null}]", expected: ["{}", "{\"a\":1,\"b\":1}"]),
        .init(selector: "$[?@.a != 1]", document: "[{}, {\"a\": 1}, {\"a\": 2}]", expected: ["{}", "{\"a\":2}"]),
        .init(selector: "$[?@.a <= 1]", document: "[{}, {\"a\": 1}, {\"a\": \"1\"}, {\"a\": 0}]", expected: ["{\"a\":1}", "{\"a\":0}"]),
        // Functions.
        .init(selector: "$[?length(@) == 2]", document: "[\"ab\", \"😀😀\", [1, 2], {\"a\": 1, \"b\": 2}, 22, \"abc\"]", expected: ["\"ab\"", "\"😀😀\"", "[1,2]", "{\"a\":1,\"b\":2}"]),
        .init(selector: "$[?count(@.*) == 1]", document: "[[1], {\"a\": [1, 2]}, [], 5]", expected: ["[1]", "{\"a\":[1,2]}"]),
        .init(selector: "$[?value(@..id) == 'x']", document: "[{\"id\": \"x\"}, {\"a\": {\"id\": \"x\"}}, {\"id\": \"x\", \"b\": {\"id\": \"y\"}}]", expected: ["{\"id\":\"x\"}", "{\"a\":{\"id\":\"x\"}}"]),
        .init(selector: "$[?match(@, '[a-z]+-\\\\p{Nd}+')]", document: "[\"bay-1\", \"bay-12x\", \"Bay-1\", \"bay-١\"]", expected: ["\"bay-1\"", "\"bay-١\""]),
        .init(selector: "$[?search(@, 'vip')]", document: "[\"a-vip-b\", \"VIP\", 3]", expected: ["\"a-vip-b\""]),
        .init(selector: "$[?match(@, '(')]", document: "[\"(\"]", expected: []),
        .init(selector: "$[?match(@.s, @.p)]", document: "[{\"s\": \"abc\", \"p\": \"a.c\"}, {\"s\": \"abc\", \"p\": \"a(\"}, {\"s\": \"abc\", \"p\": 1}]", expected: ["{\"s\":\"abc\",\"p\":\"a.c\"}"]),
        // Logical operators and precedence: && binds tighter than ||.
        .init(selector: "$[?@.a || @.b && @.c]", document: "[{\"a\": 1}, {\"b\": 1}, {\"b\": 1, \"c\": 1}]", expected: ["{\"a\":1}", "{\"b\":1,\"c\":1}"]),
        .init(selector: "$[?!(@.a || @.b)]", document: "[{\"a\": 1}, {\"c\": 1}]", expected: ["{\"c\":1}"]),
        // Existence of a null-valued member is true.
        .init(selector: "$[?@.a]", document: "[{\"a\": null}, {\"a\": false}, {}]", expected: ["{\"a\":null}", "{\"a\":false}"]),
        // Filters apply to object member values too.
        .init(selector: "$[?@ > 1]", document: "{\"x\": 1, \"y\": 2, \"z\": 3}", expected: ["2", "3"]),
    ]

    @Test(arguments: filters)
    func filterSemantics(_ c: FilterCase) throws {
        let m = try Self.evaluate(c.selector, c.document)
        #expect(m.map(\.node.description) == c.expected)
    }

    @Test func slices() throws {
        let doc = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]"
        func values(_ s: String) throws -> [String] { try Self.evaluate(s, doc).map(\.node.description) }
        #expect(try values("$[1:3]") == ["1", "2"])
        #expect(try values("$[::3]") == ["0", "3", "6", "9"])
        #expect(try values("$[::-3]") == ["9", "6", "3", "0"])
        #expect(try values("$[-2:]") == ["8", "9"])
        #expect(try values("$[5:1:-2]") == ["5", "3"])
        #expect(try values("$[::0]") == [])
        #expect(try values("$[-9007199254740991:9007199254740991:9007199254740991]") == ["0"])
        #expect(try values("$[9007199254740991::-9007199254740991]") == ["9"])
    }

    @Test func descendantOrderIsDocumentOrder() throws {
        let m = try Self.evaluate("$..*", #"{"a": {"b": [1, 2]}, "c": 3}"#)
        #expect(m.map(\.path) == ["$['a']", "$['c']", "$['a']['b']", "$['a']['b'][0]", "$['a']['b'][1]"])
    }

    @Test func deepDocumentsDoNotOverflow() throws {
        let depth = 900
        let json = String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
        let doc = try #require(parseJSON(json))
        let q = try JSONPathQuery.parse("$..a")
        #expect(q.evaluate(doc).count == depth)
        let eq = try JSONPathQuery.parse("$[?@ == $.a]")
        #expect(eq.select(doc).count == 1)
    }

    @Test func selectMatchesEvaluate() throws {
        let doc = try #require(parseJSON(#"{"a": [1, {"b": 2}], "b": 3}"#))
        let q = try JSONPathQuery.parse("$..b")
        #expect(q.select(doc) == q.evaluate(doc).map(\.node))
    }
}
