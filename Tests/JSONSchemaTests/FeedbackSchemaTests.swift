import Foundation
import Testing
import LintCore
import LintParsers
@testable import JSONSchema

enum Fixtures {
    static let feedbackDir = schemaRepoRoot.appendingPathComponent("Tests/Fixtures/schema/feedback")
    static let schemaPath = schemaRepoRoot.appendingPathComponent("schemas/feedback.schema.json").path

    static func names(_ sub: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: feedbackDir.appendingPathComponent(sub).path)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
    }

    static func parse(_ path: String) throws -> (SourceFile, Node) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let file = SourceFile(path: path, bytes: Array(data))
        let r = JSONParser.parse(file)
        guard let node = r.node else { throw FixtureError.unparseable(path, r.diagnostics.map(\.message)) }
        return (file, node)
    }

    enum FixtureError: Error { case unparseable(String, [String]) }

    /// The feedback schema, loaded the way the linter does: `schemas/` into a registry, then by `$id`.
    static let feedback: SchemaCompileResult = {
        let registry = SchemaRegistry(directory: schemaRepoRoot.appendingPathComponent("schemas").path)
        return registry.compile(uri: "https://clubos.dev/schemas/feedback.schema.json")
    }()
}

@Suite struct FeedbackSchemaTests {
    @Test func schemaCompilesCleanly() throws {
        #expect(Fixtures.feedback.errors.isEmpty, "\(Fixtures.feedback.errors)")
        #expect(Fixtures.feedback.schema?.draft == .draft2020_12)
    }

    /// Every property in the schema has a description, and objects allow no other properties.
    @Test func everyPropertyDocumentedAndClosed() throws {
        let (_, schema) = try Fixtures.parse(Fixtures.schemaPath)
        #expect(schema["$id"]?.stringValue == "https://clubos.dev/schemas/feedback.schema.json")
        var objects = [schema]
        var checked = 0
        while let o = objects.popLast() {
            #expect(o["additionalProperties"]?.boolValue == false)
            for p in o["properties"]?.entries ?? [] {
                #expect(p.value["description"]?.stringValue?.isEmpty == false, "\(p.keyText) has no description")
                checked += 1
                if p.value["properties"] != nil { objects.append(p.value) }
            }
        }
        #expect(checked == 14)
    }

    @Test(arguments: Fixtures.names("valid"))
    func validRecord(_ name: String) throws {
        let schema = try #require(Fixtures.feedback.schema)
        let (_, node) = try Fixtures.parse(Fixtures.feedbackDir.appendingPathComponent("valid/" + name).path)
        let errors = schema.validate(node)
        #expect(errors.isEmpty, "\(errors)")
    }

    struct Expected: Sendable, CustomStringConvertible {
        var file: String
        var instancePath: String
        var message: String
        var line: Int
        var column: Int
        var keywordLocation: String
        var description: String { file }
    }

    static let invalid: [Expected] = [
        Expected(file: "rating-great.json", instancePath: "/feedback/rating", message: #"expected one of "helpful", "unhelpful", found "great""#, line: 9, column: 15, keywordLocation: "/properties/feedback/properties/rating/enum"),
        Expected(file: "confidence-too-high.json", instancePath: "/confidence", message: "expected number ≤ 1, found 1.5", line: 7, column: 17, keywordLocation: "/properties/confidence/maximum"),
        Expected(file: "confidence-negative.json", instancePath: "/confidence", message: "expected number ≥ 0, found -0.1", line: 7, column: 17, keywordLocation: "/properties/confidence/minimum"),
        Expected(file: "confidence-string.json", instancePath: "/confidence", message: "expected number, found string", line: 7, column: 17, keywordLocation: "/properties/confidence/type"),
        Expected(file: "missing-session.json", instancePath: "/context", message: #"missing required property "sessionId"; add it"#, line: 11, column: 14, keywordLocation: "/properties/context/required"),
        Expected(file: "missing-id.json", instancePath: "", message: #"missing required property "id"; add it"#, line: 1, column: 1, keywordLocation: "/required"),
        Expected(file: "extra-top-level.json", instancePath: "/foo", message: #"property "foo" is not allowed (additionalProperties: false); remove it or fix its name"#, line: 15, column: 3, keywordLocation: "/additionalProperties"),
        Expected(file: "extra-in-feedback.json", instancePath: "/feedback/score", message: #"property "score" is not allowed (additionalProperties: false); remove it or fix its name"#, line: 10, column: 5, keywordLocation: "/properties/feedback/additionalProperties"),
        Expected(file: "extra-in-context.json", instancePath: "/context/club", message: #"property "club" is not allowed (additionalProperties: false); remove it or fix its name"#, line: 14, column: 5, keywordLocation: "/properties/context/additionalProperties"),
        Expected(file: "unknown-assistant.json", instancePath: "/assistant", message: #"expected one of "Booking", "Emergency", "TechSupport", "BrandTone", found "Sales""#, line: 6, column: 16, keywordLocation: "/properties/assistant/enum"),
        Expected(file: "timestamp-no-offset.json", instancePath: "/timestamp", message: "expected a string matching /^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$/, found \"2026-11-29T08:15:00\"", line: 3, column: 16, keywordLocation: "/properties/timestamp/pattern"),
        Expected(file: "feedback-not-object.json", instancePath: "/feedback", message: "expected object, found string", line: 8, column: 15, keywordLocation: "/properties/feedback/type"),
    ]

    @Test func everyInvalidFixtureHasAnExpectation() {
        #expect(Set(Fixtures.names("invalid")) == Set(Self.invalid.map(\.file)))
    }

    @Test(arguments: invalid)
    func invalidRecord(_ x: Expected) throws {
        let schema = try #require(Fixtures.feedback.schema)
        let path = Fixtures.feedbackDir.appendingPathComponent("invalid/" + x.file).path
        let (_, node) = try Fixtures.parse(path)
        #expect(!schema.isValid(node))
        let errors = schema.validate(node)
        #expect(errors.count == 1, "\(errors)")
        let e = try #require(errors.first)
        #expect(e.instancePath == x.instancePath)
        #expect(e.message == x.message)
        #expect(e.range.start.line == x.line && e.range.start.column == x.column, "at \(e.range.start)")
        #expect(e.keywordLocation == x.keywordLocation)
        #expect(e.absoluteKeywordLocation == "https://clubos.dev/schemas/feedback.schema.json#" + x.keywordLocation)
        #expect(e.schemaFile.hasSuffix("schemas/feedback.schema.json"))
        #expect(e.schemaRange.start.line > 1)

        let d = e.diagnostic(rule: "feedback/schema", file: path)
        #expect(d.rule == "feedback/schema")
        #expect(d.range == e.range)
        #expect(d.message.contains(x.message))
    }

    /// JSONL records validate the same way, with positions on their own lines.
    @Test func jsonlRecords() throws {
        let schema = try #require(Fixtures.feedback.schema)
        let good = #"{"id":"a","timestamp":"2026-01-01T00:00:00Z","query":"q","response":"r","assistant":"Booking","confidence":0.5,"feedback":{"rating":"helpful"},"context":{"userId":"u","sessionId":"s"}}"#
        let bad = good.replacingOccurrences(of: #""confidence":0.5"#, with: #""confidence":1.01"#)
        let file = SourceFile(path: "feedback.jsonl", text: good + "\n" + bad + "\n")
        let records = JSONLReader.records(file)
        #expect(records.count == 2)
        let errs = records.compactMap(\.result.node).map { schema.validate($0) }
        #expect(errs[0].isEmpty)
        #expect(errs[1].count == 1)
        #expect(errs[1].first?.range.start.line == 2)
        #expect(errs[1].first?.message == "expected number ≤ 1, found 1.01")
    }
}
