import Foundation
import Testing
import LintCore
import LintParsers
@testable import JSONSchema

func node(_ json: String, path: String = "instance.json") -> Node {
    JSONParser.parse(SourceFile(path: path, text: json)).node ?? .scalar(.null, .fileStart)
}

func compile(_ schema: String, options: SchemaOptions = .init(), registry: SchemaRegistry = SchemaRegistry()) -> SchemaCompileResult {
    registry.compile(node(schema, path: "schema.json"), file: "schema.json", options: options)
}

@Suite struct ExactDecimalTests {
    @Test(arguments: [
        ("1", "1.0", 0), ("0.1", "0.10", 0), ("1e2", "100", 0), ("-0", "0", 0), ("1.5", "1", 1), ("-2", "-1", -1),
        ("1e308", "1e309", -1), ("123456789012345678901234567890", "123456789012345678901234567891", -1), ("0.000001", "1e-6", 0),
    ])
    func compare(_ a: String, _ b: String, _ expected: Int) throws {
        let x = try #require(ExactDecimal(a)), y = try #require(ExactDecimal(b))
        #expect(ExactDecimal.compare(x, y) == expected)
    }

    @Test(arguments: [
        ("0.07", "0.01", true), ("0.075", "0.01", false), ("4.5", "1.5", true), ("35", "1.5", false), ("1e308", "3", false),
        ("12345678901234567890123456789012345678901234567890", "5", true), ("1e400", "1e-5", true), ("0.0075", "0.0001", true),
        ("10", "123456789012345678901234567890", false), ("246913578024691357802469135780", "123456789012345678901234567890", true),
        ("1e1000000000", "7", false),
    ])
    func multipleOf(_ a: String, _ b: String, _ expected: Bool) throws {
        let x = try #require(ExactDecimal(a)), y = try #require(ExactDecimal(b))
        #expect(x.isMultiple(of: y) == expected)
    }

    @Test(arguments: [("1.0", true), ("1e2", true), ("1.5", false), ("1e-1", false), ("-0.0", true), ("1E400", true)])
    func integer(_ s: String, _ expected: Bool) throws {
        #expect(try #require(ExactDecimal(s)).isInteger == expected)
    }

    @Test func yamlForms() {
        #expect(ExactDecimal("0x1F").map { ExactDecimal.compare($0, ExactDecimal(31)) } == 0)
        #expect(ExactDecimal("+.5").map { ExactDecimal.compare($0, ExactDecimal("0.5")!) } == 0)
        #expect(ExactDecimal(".inf") == nil)
        #expect(ExactDecimal("1e") == nil)
    }
}

@Suite struct ECMARegexTests {
    @Test(arguments: [
        (#"^\d+$"#, "123", true), (#"^\d+$"#, "١٢٣", false), (#"^\w+$"#, "abc_9", true), (#"^\w+$"#, "é", false),
        ("^abc$", "abc\n", false), ("^.$", "🐲", true), (#"[\d]"#, "٣", false), (#"^\s$"#, "\u{FEFF}", true),
        (#"\p{Letter}"#, "é", true), ("a[]b", "ab", false), (#"^\u{1F432}$"#, "🐲", true),
    ])
    func semantics(_ pattern: String, _ input: String, _ expected: Bool) throws {
        let re = try ECMARegex.compile(pattern).get()
        #expect(re.matches(input) == expected, "/\(pattern)/ on \(input.debugDescription)")
    }

    /// The linear-time matcher agrees with ICU on every pattern it accepts.
    @Test func fastMatcherAgreesWithICU() throws {
        let patterns = [
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$",
            "^a*$", "a+b?c{2,3}", "^(ab|cd)+$", "^[^a-c]+$", "x|y|z", "^$", "^\\d{3}-\\w+\\s?$", "(a|)*b", "^(a*)*$",
            "^[\\-.]+$", "^.{2,}$", "^\\.$", "[\\d\\s]", "^\\D\\W\\S$", "^(?:foo|bar)baz$", "^\\$", "a{0}b", "^.$", "^[a-]+$",
            "^[\\]\\[]$", "🐲+", "^é$", "a.c", "^\\/x$", "ab*?c", "^(a{1,2}){2}$", "^\\t\\n$",
        ]
        let inputs = ["", "a", "aaa", "abcc", "abccc", "abab", "cdab", "abd", "xyz", "123-abc", "123-abc ", "123-abc\n", "b", "ab",
                      "--..", "é", "e\u{301}", "🐲🐲", "a\nc", "abc", "$", "a-a", "foobaz", "barbaz", "][", "\t\n", "1 _",
                      "2026-11-29T08:15:00Z", "2026-11-29T08:15:00.5+01:00", "2026-11-29T08:15:00", "x/x", "/x", "aaaa", "aaaaa", "abbbbc", "٣"]
        var compared = 0
        for p in patterns {
            let re = try ECMARegex.compile(p).get()
            let fast = try #require(re.fast, "no fast matcher for /\(p)/")
            for i in inputs {
                #expect(fast.matches(i) == re.matchesICU(i), "/\(p)/ on \(i.debugDescription)")
                compared += 1
            }
        }
        #expect(compared > 500)
        // Outside the subset: ICU only.
        for p in ["(?=a)", "\\bword", "(a)\\1", "\\p{L}", "[]"] {
            #expect(try ECMARegex.compile(p).get().fast == nil, "/\(p)/")
        }
    }

    @Test(arguments: ["(", "[a-", #"\a"#, "(?<=a"])
    func invalid(_ pattern: String) {
        if case .success = ECMARegex.compile(pattern) { Issue.record("/\(pattern)/ accepted") }
    }
}

@Suite struct ErrorReportingTests {
    @Test func anyOfReportsDeepestBranch() throws {
        let schema = try #require(compile(#"""
        {"anyOf": [
          {"type": "string"},
          {"type": "object", "properties": {"rating": {"enum": ["helpful", "unhelpful"]}}, "required": ["rating"]}
        ]}
        """#).schema)
        let errors = schema.validate(node(#"{"rating": "great"}"#))
        #expect(errors.count == 1)
        #expect(errors.first?.instancePath == "/rating")
        #expect(errors.first?.keywordLocation == "/anyOf/1/properties/rating/enum")
        #expect(errors.first?.message == #"expected one of "helpful", "unhelpful", found "great""#)
        #expect(errors.first?.range.start == SourcePosition(line: 1, column: 12, offset: 11))
    }

    @Test func anyOfOfTypesIsOneMessage() throws {
        let schema = try #require(compile(#"{"anyOf": [{"type": "string"}, {"type": "null"}]}"#).schema)
        let errors = schema.validate(node("12"))
        #expect(errors.count == 1)
        #expect(errors.first?.message == "expected string or null, found number (no `anyOf` branch matched)")
        #expect(errors.first?.keywordLocation == "/anyOf")
    }

    @Test func oneOfReportsMultipleMatches() throws {
        let schema = try #require(compile(#"{"oneOf": [{"type": "integer"}, {"minimum": 0}]}"#).schema)
        #expect(schema.isValid(node("-1")))
        let errors = schema.validate(node("3"))
        #expect(errors.first?.message.contains("found 2 (branches 0, 1)") == true)
    }

    @Test func keywordLocationGoesThroughRefs() throws {
        let schema = try #require(compile(#"""
        {"$id": "https://example.com/root.json", "properties": {"a": {"$ref": "#/$defs/pos"}}, "$defs": {"pos": {"minimum": 0}}}
        """#).schema)
        let e = try #require(schema.validate(node(#"{"a": -5}"#)).first)
        #expect(e.instancePath == "/a")
        #expect(e.keywordLocation == "/properties/a/$ref/minimum")
        #expect(e.absoluteKeywordLocation == "https://example.com/root.json#/$defs/pos/minimum")
        #expect(e.message == "expected number ≥ 0, found -5")
        #expect(e.schemaRange.start.line == 1)
    }

    @Test func exactNumbers() throws {
        let schema = try #require(compile(#"{"multipleOf": 0.01, "maximum": 1e308}"#).schema)
        #expect(schema.isValid(node("0.07")))
        #expect(!schema.isValid(node("0.075")))
        #expect(!schema.isValid(node("1e309")))
        let ints = try #require(compile(#"{"type": "integer", "const": 1}"#).schema)
        #expect(ints.isValid(node("1.0")))
        #expect(ints.validate(node("2")).first?.message == "expected 1, found 2")
        let eq = try #require(compile(#"{"enum": [{"a": 1, "b": [1.0]}]}"#).schema)
        #expect(eq.isValid(node(#"{"b": [1], "a": 1.00}"#)))
    }

    @Test func draft7RefOverridesSiblings() throws {
        let d7 = try #require(compile(##"{"$schema": "http://json-schema.org/draft-07/schema#", "$ref": "#/definitions/s", "maxLength": 1, "definitions": {"s": {"type": "string"}}}"##).schema)
        #expect(d7.draft == .draft7)
        #expect(d7.isValid(node(#""long""#)))
        let d2020 = try #require(compile(##"{"$ref": "#/$defs/s", "maxLength": 1, "$defs": {"s": {"type": "string"}}}"##).schema)
        #expect(!d2020.isValid(node(#""long""#)))
    }

    @Test func formatAssertionIsAnOption() throws {
        let annot = try #require(compile(#"{"format": "date-time"}"#).schema)
        #expect(annot.isValid(node(#""2026-11-29T08:00:00""#)))
        let assert = try #require(compile(#"{"format": "date-time"}"#, options: SchemaOptions(formatAssertion: true)).schema)
        #expect(!assert.isValid(node(#""2026-11-29T08:00:00""#)))
        #expect(assert.isValid(node(#""2026-11-29T08:00:00+01:00""#)))
        #expect(assert.isValid(node(#""1998-12-31T23:59:60Z""#)))
        #expect(!assert.isValid(node(#""1998-12-31T22:59:60Z""#)))
        #expect(assert.validate(node(#""x""#)).first?.message == #"expected a valid date-time (format), found "x""#)
    }

    @Test func diagnosticsCarryRuleAndPosition() throws {
        let schema = try #require(compile(#"{"required": ["sessionId"]}"#).schema)
        let d = schema.validate(node("{}")).diagnostics(rule: "schema/violation", file: "x.json")
        #expect(d.count == 1)
        #expect(d.first?.rule == "schema/violation")
        #expect(d.first?.message.contains(#"missing required property "sessionId""#) == true)
        #expect(d.first?.range.start.line == 1)
    }
}

@Suite struct SchemaErrorTests {
    @Test func badRegexIsPositioned() {
        let r = compile("{\n  \"pattern\": \"([a-z\"\n}")
        let e = r.errors.first { $0.message.contains("regular expression") }
        #expect(e?.range.start.line == 2)
        #expect(e?.range.start.column == 14)
        #expect(e?.keywordLocation == "/pattern")
    }

    @Test func unresolvableRefIsPositioned() throws {
        let r = compile("{\"properties\": {\n  \"a\": {\"$ref\": \"https://nowhere.example/x.json\"}}}")
        let e = try #require(r.errors.first { $0.message.contains("cannot resolve reference") })
        #expect(e.range.start.line == 2)
        #expect(e.range.start.column == 17)
        #expect(e.message.contains("offline"))
        // Validation through the broken reference fails with a message, never crashes.
        let schema = try #require(r.schema)
        #expect(!schema.isValid(node(#"{"a": 1}"#)))
        #expect(schema.isValid(node(#"{"b": 1}"#)))
    }

    @Test func wrongKeywordTypesAreReported() {
        let r = compile("{\"minimum\": \"zero\", \"required\": \"id\", \"type\": \"text\"}")
        let keywords = Set(r.errors.map(\.keywordLocation))
        #expect(keywords.contains("/minimum"))
        #expect(keywords.contains("/required"))
        #expect(keywords.contains("/type"))
        #expect(r.errors.allSatisfy { $0.file == "schema.json" && $0.range.start.line == 1 })
    }

    @Test func metaSchemaValidationFindsNestedProblems() {
        let r = compile(#"{"properties": {"a": {"minItems": -1}}}"#)
        #expect(r.errors.contains { $0.range.start.column == 35 })
    }

    @Test func cyclicRefsTerminate() throws {
        let schema = try #require(compile(##"{"$ref": "#"}"##).schema)
        #expect(!schema.isValid(node("1")))
        let loop = try #require(compile(##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}"##).schema)
        #expect(!loop.isValid(node("1")))
    }
}

@Suite struct DepthTests {
    final class Box: @unchecked Sendable { var valid: Bool?; var errors = 0 }

    /// A recursive schema on a 900-deep value, on a thread with a 256 KiB stack: no crash, an answer.
    @Test func deepValueOnSmallStack() throws {
        let schema = try #require(compile(##"{"anyOf": [{"type": "integer"}, {"type": "array", "items": {"$ref": "#"}}]}"##).schema)
        let deep = node(String(repeating: "[", count: 900) + "1" + String(repeating: "]", count: 900))
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let t = Thread {
            box.valid = schema.isValid(deep)
            box.errors = schema.validate(deep).count
            done.signal()
        }
        t.stackSize = 256 * 1024
        t.start()
        done.wait()
        #expect(box.valid != nil)
        #expect(box.valid == true || box.errors > 0)
    }
}

@Suite struct RegistryTests {
    @Test func prefixMapResolvesLocalDirectory() throws {
        let registry = SchemaRegistry()
        registry.mapPrefix("https://clubos.dev/schemas/", toDirectory: schemaRepoRoot.appendingPathComponent("schemas").path)
        let r = compile(#"{"type": "array", "items": {"$ref": "https://clubos.dev/schemas/feedback.schema.json"}}"#, registry: registry)
        #expect(r.errors.isEmpty, "\(r.errors)")
        let schema = try #require(r.schema)
        let errs = schema.validate(node(#"[{"id": 1}]"#))
        #expect(errs.contains { $0.instancePath == "/0/id" && $0.keywordLocation == "/items/$ref/properties/id/type" })
    }

    @Test func standardRegistryFindsFeedbackByIDAndPrefix() throws {
        let registry = SchemaRegistry.standard(root: schemaRepoRoot.path)
        let schema = try #require(registry.compile(uri: "https://clubos.dev/schemas/feedback.schema.json").schema)
        let d = schema.diagnostics(for: node(#"{"id": "x"}"#), file: "feedback.jsonl", rule: "feedback/schema")
        #expect(d.count == 7)
        #expect(d.allSatisfy { $0.rule == "feedback/schema" && $0.file == "feedback.jsonl" && $0.severity == .error })
        #expect(registry.compile(uri: "https://clubos.dev/schemas/missing.json").schema == nil)
    }

    @Test func metaSchemasResolveOffline() throws {
        for d in Draft.allCases {
            let r = compile(#"{"$schema": "\#(d.metaSchemaURI)", "$ref": "\#(d.metaSchemaURI)"}"#)
            #expect(r.errors.isEmpty, "\(d): \(r.errors)")
            let schema = try #require(r.schema)
            #expect(schema.draft == d)
            #expect(schema.isValid(node(#"{"type": "string"}"#)))
            #expect(!schema.isValid(node(#"{"type": 12}"#)))
        }
    }

    @Test func concurrentValidationIsSafe() async throws {
        let schema = try #require(Fixtures.feedback.schema)
        let good = node(#"{"id":"a","timestamp":"2026-01-01T00:00:00Z","query":"q","response":"r","assistant":"Booking","confidence":0.5,"feedback":{"rating":"helpful"},"context":{"userId":"u","sessionId":"s"}}"#)
        let bad = node(#"{"id":"a","timestamp":"2026-01-01T00:00:00","query":"q","response":"r","assistant":"X","confidence":2,"feedback":{"rating":"helpful"},"context":{"userId":"u"}}"#)
        let counts = await withTaskGroup(of: (Int, Int).self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var ok = 0, errs = 0
                    for _ in 0..<500 {
                        if schema.isValid(good) { ok += 1 }
                        errs += schema.validate(bad).count
                    }
                    return (ok, errs)
                }
            }
            var all: [(Int, Int)] = []
            for await c in group { all.append(c) }
            return all
        }
        #expect(counts.allSatisfy { $0.0 == 500 && $0.1 == 500 * 4 })
    }
}
