import Testing
@testable import JSONPath

/// Invalid selectors are rejected with the 1-based scalar position of the problem.
@Suite struct SyntaxErrorTests {
    struct BadSelector: Sendable, CustomTestStringConvertible {
        var selector: String
        var position: Int
        var messageContains: String
        var testDescription: String { selector.debugDescription }
    }

    static let table: [BadSelector] = [
        .init(selector: "", position: 1, messageContains: "empty"),
        .init(selector: " $", position: 1, messageContains: "leading whitespace"),
        .init(selector: "$ ", position: 2, messageContains: "trailing whitespace"),
        .init(selector: "a.b", position: 1, messageContains: "must start with '$'"),
        .init(selector: "$.", position: 3, messageContains: "ends after '.'"),
        .init(selector: "$. a", position: 3, messageContains: "whitespace"),
        .init(selector: "$.1a", position: 3, messageContains: "cannot start with"),
        .init(selector: "$..", position: 4, messageContains: "after '..'"),
        .init(selector: "$[", position: 3, messageContains: "ends inside"),
        .init(selector: "$[1", position: 4, messageContains: "missing ']'"),
        .init(selector: "$[]", position: 3, messageContains: "empty selector"),
        .init(selector: "$['a", position: 3, messageContains: "unterminated"),
        .init(selector: "$[01]", position: 3, messageContains: "leading zeros"),
        .init(selector: "$[-0]", position: 3, messageContains: "-0"),
        .init(selector: "$[9007199254740992]", position: 3, messageContains: "I-JSON"),
        .init(selector: "$[-9007199254740992:]", position: 3, messageContains: "I-JSON"),
        .init(selector: "$[::9007199254740992]", position: 5, messageContains: "I-JSON"),
        .init(selector: "$[1.5]", position: 4, messageContains: "expected ',' or ']'"),
        .init(selector: "$['\\q']", position: 4, messageContains: "invalid escape"),
        .init(selector: "$['\\\"']", position: 4, messageContains: "invalid escape"),
        .init(selector: "$[\"\\uD800\"]", position: 4, messageContains: "high surrogate"),
        .init(selector: "$[\"\\uDC00\"]", position: 4, messageContains: "low surrogate"),
        .init(selector: "$[\"\\uD800\\u0041\"]", position: 10, messageContains: "low surrogate"),
        .init(selector: "$[\"\\u12G4\"]", position: 4, messageContains: "four hex digits"),
        .init(selector: "$[\"a\u{01}\"]", position: 5, messageContains: "control character"),
        .init(selector: "$[?@.a==]", position: 9, messageContains: "expected a query"),
        .init(selector: "$[?@.* == 1]", position: 4, messageContains: "singular query"),
        .init(selector: "$[?1 == @..a]", position: 9, messageContains: "singular query"),
        .init(selector: "$[?length(@.*) > 1]", position: 11, messageContains: "several nodes"),
        .init(selector: "$[?length(@.a)]", position: 4, messageContains: "cannot be used as a test"),
        .init(selector: "$[?count(@.a)]", position: 4, messageContains: "cannot be used as a test"),
        .init(selector: "$[?match(@.a, 'x') == true]", position: 4, messageContains: "cannot be compared"),
        .init(selector: "$[?foo(@.a)]", position: 4, messageContains: "unknown function"),
        .init(selector: "$[?count(@.a, @.b) == 1]", position: 15, messageContains: "takes 1 argument"),
        .init(selector: "$[?match(@.a) == 1]", position: 4, messageContains: "takes 2 arguments"),
        .init(selector: "$[?count(1) == 1]", position: 10, messageContains: "NodesType"),
        .init(selector: "$[?length(@.a == 1) == 1]", position: 11, messageContains: "not a logical expression"),
        .init(selector: "$[?value(@.a)]", position: 4, messageContains: "cannot be used as a test"),
        .init(selector: "$[?length (@.a) == 1]", position: 10, messageContains: "no whitespace"),
        .init(selector: "$[?@.a = 1]", position: 8, messageContains: "'=='"),
        .init(selector: "$[?!@.a == 1]", position: 9, messageContains: "parentheses"),
        .init(selector: "$[?'a']", position: 4, messageContains: "literal cannot be used as a test"),
        .init(selector: "$[?@.a == True]", position: 11, messageContains: "expected a query"),
        .init(selector: "$[?@.a == 01]", position: 11, messageContains: "leading zeros"),
        .init(selector: "$[?@.a == 1.]", position: 13, messageContains: "decimal point"),
        .init(selector: "$[?@.a == 1e]", position: 13, messageContains: "exponent"),
        .init(selector: "$[?(@.a]", position: 8, messageContains: "expected ')'"),
        .init(selector: "$[?@.a==1]]", position: 11, messageContains: "unexpected"),
        .init(selector: "$[?@.a || ]", position: 11, messageContains: "expected a query"),
        .init(selector: "$[::0", position: 6, messageContains: "missing ']'"),
        .init(selector: "$[0 1]", position: 5, messageContains: "expected ',' or ']'"),
        // Columns count Unicode scalars, not bytes or UTF-16 units.
        .init(selector: "$.ä€ x", position: 6, messageContains: "unexpected 'x'"),
        .init(selector: "$['😀'] ]", position: 8, messageContains: "unexpected ']'"),
        .init(selector: "$['😀'][?@ == 😀]", position: 14, messageContains: "expected a query"),
    ]

    @Test(arguments: table)
    func rejectsWithPosition(_ bad: BadSelector) {
        do {
            let q = try JSONPathQuery.parse(bad.selector)
            Issue.record("accepted \(bad.selector.debugDescription) as \(q)")
        } catch {
            #expect(error.position == bad.position, "\(error.message)")
            #expect(error.message.contains(bad.messageContains), "message: \(error.message)")
        }
    }

    @Test func deepNestingIsRejectedNotCrashing() {
        let parens = String(repeating: "(", count: 10_000)
        let selector = "$[?" + parens + "@" + String(repeating: ")", count: 10_000) + "]"
        #expect(throws: JSONPathSyntaxError.self) { try JSONPathQuery.parse(selector) }
        // The 64th '(' is the 65th nesting level (the filter itself is the first).
        do { _ = try JSONPathQuery.parse(selector) } catch { #expect(error.position == 3 + 63 + 1) }

        let nestedFilters = "$" + String(repeating: "[?@", count: 5_000) + String(repeating: "]", count: 5_000)
        #expect(throws: JSONPathSyntaxError.self) { try JSONPathQuery.parse(nestedFilters) }

        let nestedCalls = "$[?" + String(repeating: "length(", count: 5_000) + "@" + String(repeating: ")", count: 5_000) + " > 0]"
        #expect(throws: JSONPathSyntaxError.self) { try JSONPathQuery.parse(nestedCalls) }
    }

    @Test func moderateNestingIsAccepted() throws {
        let selector = "$[?" + String(repeating: "(", count: 60) + "@.a" + String(repeating: ")", count: 60) + "]"
        _ = try JSONPathQuery.parse(selector)
        let longChain = "$" + String(repeating: ".a", count: 100_000)
        let q = try JSONPathQuery.parse(longChain)
        #expect(q.isSingular)
    }

    @Test(arguments: [
        "$", "$.a", "$['a']", "$.*", "$[*]", "$..a", "$..*", "$..[0]", "$[0, -1, 1:3, ::-1, 'x', *]",
        "$[?@.a]", "$[?!@.a]", "$[?@.a == 1 && (@.b < 2 || !(@.c >= 'x'))]",
        "$[?match(@.a, 'x')]", "$[?search(@.a, $.pattern)]", "$[?length(@.a) > 2]", "$[?count(@.*) == 2]",
        "$[?value(@..a) == 1]", "$[?length(value(@..a)) == 1]", "$[?count(@[?@.b]) > 0]",
        "$[?match(@.a, 'x') || search(@.b, 'y')]", "$[?!match(@.a, 'x')]", "$[?1 == 1]", "$[?@ == null]",
        "$[?@.a == -0.5e+3]", "$[?@.a == 1E2]", "$.ä.€", "$ .a [0]", "$[ 0 , 1 ]", "$[?@.a\n==\t1]",
        "$[?count(@.a) == length(@.b)]", "$[?@.a != $.b]",
    ])
    func acceptsWellTypedSelectors(_ selector: String) throws {
        _ = try JSONPathQuery.parse(selector)
    }
}
