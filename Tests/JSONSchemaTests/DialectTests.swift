import Testing
import LintCore
import LintParsers
@testable import JSONSchema

/// Dialects without a folder in the shared test suite: 2019-09, draft-06, draft-04.
@Suite struct DialectTests {
    static func recursiveSchema(rootAnchor: Bool) -> String {
        """
        {"$schema": "https://json-schema.org/draft/2019-09/schema", "$id": "http://localhost:4242/recursive/schema.json",
         \(rootAnchor ? "\"$recursiveAnchor\": true," : "")
         "$defs": {"myobject": {"$id": "myobject.json", "$recursiveAnchor": true,
           "anyOf": [{"type": "string"}, {"type": "object", "additionalProperties": {"$recursiveRef": "#"}}]}},
         "anyOf": [{"type": "integer"}, {"$ref": "#/$defs/myobject"}]}
        """
    }

    @Test func recursiveRefStaysInResourceWithoutOuterAnchor() throws {
        let s = try #require(compile(Self.recursiveSchema(rootAnchor: false)).schema)
        #expect(s.draft == .draft2019_09)
        #expect(s.isValid(node(##"{"foo": "bar"}"##)))
        #expect(!s.isValid(node(##"{"foo": 1}"##)))
    }

    @Test func recursiveRefJumpsToOutermostAnchor() throws {
        let s = try #require(compile(Self.recursiveSchema(rootAnchor: true)).schema)
        #expect(s.isValid(node(##"{"foo": 1}"##)))
        #expect(s.isValid(node(##"{"foo": {"bar": 2}}"##)))
        #expect(!s.isValid(node(##"{"foo": true}"##)))
    }

    @Test func draft2019TupleItems() throws {
        let s = try #require(compile(##"{"$schema": "https://json-schema.org/draft/2019-09/schema", "items": [{"type": "integer"}], "additionalItems": false, "prefixItems": [{"type": "string"}]}"##).schema)
        #expect(s.isValid(node("[1]")))
        let e = s.validate(node("[1, 2]"))
        #expect(e.first?.message == "item 1 is not allowed (additionalItems: false after 1 items); remove it")
        #expect(e.first?.instancePath == "/1")
    }

    @Test func draft2019UnevaluatedProperties() throws {
        let s = try #require(compile(##"{"$schema": "https://json-schema.org/draft/2019-09/schema", "allOf": [{"properties": {"a": true}}], "unevaluatedProperties": false}"##).schema)
        #expect(s.isValid(node(##"{"a": 1}"##)))
        #expect(s.validate(node(##"{"a": 1, "b": 2}"##)).first?.message == ##"property "b" is not allowed (unevaluatedProperties: false); remove it or fix its name"##)
    }

    @Test func draft4BooleanExclusiveBounds() throws {
        let s = try #require(compile(##"{"$schema": "http://json-schema.org/draft-04/schema#", "maximum": 3, "exclusiveMaximum": true, "minimum": 1}"##).schema)
        #expect(s.draft == .draft4)
        #expect(s.isValid(node("2.9")))
        #expect(s.validate(node("3")).first?.message == "expected number < 3, found 3")
        #expect(s.validate(node("0")).first?.message == "expected number ≥ 1, found 0")
    }

    @Test func draft4IdAndDefinitions() throws {
        let s = try #require(compile(##"{"$schema": "http://json-schema.org/draft-04/schema#", "id": "http://example.com/root.json", "definitions": {"a": {"id": "#foo", "type": "integer"}}, "properties": {"x": {"$ref": "#foo"}}}"##).schema)
        #expect(s.isValid(node(##"{"x": 1}"##)))
        #expect(!s.isValid(node(##"{"x": "1"}"##)))
    }

    @Test func draft6ConstContainsPropertyNames() throws {
        let s = try #require(compile(##"{"$schema": "http://json-schema.org/draft-06/schema#", "contains": {"const": 2}, "propertyNames": {"maxLength": 1}}"##).schema)
        #expect(s.draft == .draft6)
        #expect(s.isValid(node("[1, 2.0]")))
        #expect(!s.isValid(node("[1, 3]")))
        #expect(s.isValid(node(##"{"a": 1}"##)))
        let e = s.validate(node(##"{"ab": 1}"##))
        #expect(e.first?.instancePath == "/ab")
        #expect(e.first?.message == "expected at most 1 characters, found 2")
    }

    @Test func draftOverrideOption() throws {
        // Without $schema, the option picks the dialect: draft-07 ignores siblings of $ref.
        let text = ##"{"$ref": "#/definitions/s", "maxLength": 1, "definitions": {"s": {"type": "string"}}}"##
        let d7 = try #require(compile(text, options: SchemaOptions(defaultDraft: .draft7)).schema)
        #expect(d7.isValid(node(#""long""#)))
        let d2020 = try #require(compile(text).schema)
        #expect(!d2020.isValid(node(#""long""#)))
    }
}
