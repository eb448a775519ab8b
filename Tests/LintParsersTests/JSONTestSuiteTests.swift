import Foundation
import Testing
import LintCore
@testable import LintParsers

/// nst/JSONTestSuite, read from ../shared/testsuites when present.
@Suite struct JSONTestSuiteTests {
    static let dir = sharedTestsuites.appendingPathComponent("json-test-suite/test_parsing")
    static let present = FileManager.default.fileExists(atPath: dir.path)

    static func parse(_ name: String) throws -> JSONParseResult {
        let data = try Data(contentsOf: dir.appendingPathComponent(name))
        return JSONParser.parse(SourceFile(path: name, bytes: Array(data)))
    }

    static func syntaxErrors(_ r: JSONParseResult) -> [Diagnostic] {
        r.diagnostics.filter { $0.rule == "json/syntax" || ($0.rule == "json/encoding" && r.node == nil) }
    }

    @Test func suiteCounts() {
        guard Self.present else {
            withKnownIssue("skipped: JSONTestSuite not found at \(Self.dir.path)", isIntermittent: true) { Issue.record("skipped") }
            return
        }
        #expect(listFiles(Self.dir, prefix: "y_").count == 95)
        #expect(listFiles(Self.dir, prefix: "n_").count == 188)
    }

    @Test(arguments: listFiles(dir, prefix: "y_"))
    func accepts(_ name: String) throws {
        let r = try Self.parse(name)
        #expect(r.node != nil, "\(name): \(r.diagnostics.map(\.message))")
        #expect(Self.syntaxErrors(r).isEmpty)
    }

    @Test(arguments: listFiles(dir, prefix: "n_"))
    func rejects(_ name: String) throws {
        let r = try Self.parse(name)
        #expect(r.node == nil, "\(name) was accepted")
        let errors = r.diagnostics.filter { $0.severity == .error }
        #expect(!errors.isEmpty)
        for d in errors {
            #expect(d.range.start.line >= 1 && d.range.start.column >= 1)
        }
    }

    /// The policy for each implementation-defined (`i_`) group:
    /// - numbers that overflow a double are accepted and kept exactly as written;
    /// - lone UTF-16 surrogates in `\u` escapes are accepted, read as U+FFFD, with a `json/encoding` error;
    /// - invalid UTF-8 bytes, overlong forms and UTF-16 files are rejected with a positioned diagnostic;
    /// - a UTF-8 BOM is reported (`json/encoding`) and the document is still read;
    /// - 500 nested arrays are within the depth limit (1,000) and accepted.
    enum Policy: Sendable { case accept, acceptWithDiagnostic, reject }

    static func policy(_ name: String) -> Policy {
        if name.hasPrefix("i_number_") { return .accept }
        if name == "i_structure_500_nested_arrays.json" { return .accept }
        if name == "i_structure_UTF-8_BOM_empty_object.json" { return .acceptWithDiagnostic }
        let surrogates = ["i_object_key_lone_2nd_surrogate", "i_string_1st_surrogate_but_2nd_missing", "i_string_1st_valid_surrogate_2nd_invalid",
                          "i_string_incomplete_surrogate_and_escape_valid", "i_string_incomplete_surrogate_pair", "i_string_incomplete_surrogates_escape_valid",
                          "i_string_invalid_lonely_surrogate", "i_string_invalid_surrogate", "i_string_inverted_surrogates_U+1D11E", "i_string_lone_second_surrogate"]
        if surrogates.contains(where: { name.hasPrefix($0 + ".") }) { return .acceptWithDiagnostic }
        return .reject
    }

    @Test(arguments: listFiles(dir, prefix: "i_"))
    func implementationDefined(_ name: String) throws {
        let r = try Self.parse(name)
        switch Self.policy(name) {
        case .accept:
            #expect(r.node != nil, "\(name): \(r.diagnostics.map(\.message))")
            #expect(r.diagnostics.isEmpty)
        case .acceptWithDiagnostic:
            #expect(r.node != nil, "\(name): \(r.diagnostics.map(\.message))")
            #expect(r.diagnostics.contains { $0.rule == "json/encoding" })
        case .reject:
            #expect(r.node == nil, "\(name) was accepted")
            #expect(!r.diagnostics.isEmpty)
        }
    }
}

@Suite struct JSONParserPositionTests {
    @Test(arguments: [
        ("[1,\n]", 1, 3),
        ("{\"a\": 1,\r\n\r\n}", 1, 8),
        ("{\"é\": tru}", 1, 7),
        ("\n\n  {\"a\" 1}", 3, 8),
        ("\"ab\u{01}\"", 1, 4),
        ("[\"x\"", 1, 5),
        ("01", 1, 1),
    ])
    func errorPositions(text: String, line: Int, column: Int) {
        let r = JSONParser.parse(SourceFile(path: "t.json", text: text))
        #expect(r.node == nil)
        let d = r.diagnostics.first { $0.rule == "json/syntax" }
        #expect(d?.range.start.line == line && d?.range.start.column == column, "\(text.debugDescription): \(String(describing: d))")
    }

    @Test func nodeRangesAndExactNumbers() throws {
        let r = JSONParser.parse(SourceFile(path: "t.json", text: "{\n  \"ñame\": [1.10, 1e400, -0]\n}"))
        let root = try #require(r.node)
        let entry = try #require(root.entry("ñame"))
        #expect(entry.key.range.start == SourcePosition(line: 2, column: 3, offset: 4))
        let items = try #require(entry.value.items)
        #expect(items.map { $0.scalarText } == ["1.10", "1e400", "-0"])
        #expect(items[1].range.start.column == 18)
        #expect(root.range.end.line == 3)
    }

    @Test func depthLimit() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let r = JSONParser.parse(SourceFile(path: "t.json", text: deep))
        #expect(r.node == nil)
        #expect(r.diagnostics.first?.message.contains("deeper than") == true)
    }

    @Test func duplicateKeysKept() throws {
        let r = JSONParser.parse(SourceFile(path: "t.json", text: "{\"a\":1,\"a\":2}"))
        #expect(r.node?.entries?.count == 2)
        #expect(r.diagnostics.map(\.rule) == ["json/duplicate-key"])
    }

    @Test func jsonlPositionsPointIntoTheRightLine() {
        let f = SourceFile(path: "t.jsonl", text: "{\"a\":1}\r\n\n{\"b\":}\n")
        let recs = JSONLReader.records(f)
        #expect(recs.count == 2)
        #expect(recs[1].line == 3)
        #expect(recs[1].result.diagnostics.first?.range.start == SourcePosition(line: 3, column: 6, offset: 15))
    }
}
