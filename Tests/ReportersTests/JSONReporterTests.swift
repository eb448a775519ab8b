import Foundation
import LintCore
import Testing
@testable import Reporters

func parseJSON(_ text: String) -> Any? {
    try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}

@Suite struct JSONWriterTests {
    @Test(arguments: [
        ("plain", "\"plain\""),
        ("q\"b\\s/", "\"q\\\"b\\\\s/\""),
        ("\n\r\t\u{0}\u{1F}", "\"\\u000a\\u000d\\u0009\\u0000\\u001f\""),
        ("\u{7F}\u{85}\u{9F}", "\"\\u007f\\u0085\\u009f\""),
        ("\u{2028}\u{2029}", "\"\\u2028\\u2029\""),
        ("é😀«»", "\"é😀«»\""),
    ])
    func escaping(raw: String, escaped: String) {
        #expect(JSONWriter.escape(raw) == escaped)
        #expect(parseJSON(escaped) as? String == raw)
    }

    @Test func keepsMemberOrderAndIndents() {
        let v: JSONValue = .object([JSONMember("z", 1), JSONMember("a", .array([true, .null])), JSONMember("e", .object([])), JSONMember("f", .array([]))])
        #expect(JSONWriter.serialize(v) == "{\"z\":1,\"a\":[true,null],\"e\":{},\"f\":[]}")
        #expect(JSONWriter.serialize(v, pretty: true) == "{\n  \"z\": 1,\n  \"a\": [\n    true,\n    null\n  ],\n  \"e\": {},\n  \"f\": []\n}")
    }
}

@Suite struct JSONReporterTests {
    @Test func hasTheDocumentedShape() throws {
        let out = JSONReporter.render(Fixture.input)
        #expect(out.hasSuffix("}\n"))
        let root = try #require(parseJSON(out) as? [String: Any])
        #expect(Set(root.keys) == ["version", "diagnostics", "summary"])
        #expect(root["version"] as? Int == 1)
        let diagnostics = try #require(root["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == Fixture.diagnostics.count)
        for (d, expected) in zip(diagnostics, Fixture.diagnostics) {
            #expect(d["file"] as? String == expected.file)
            #expect(d["line"] as? Int == expected.range.start.line)
            #expect(d["column"] as? Int == expected.range.start.column)
            #expect(d["endLine"] as? Int == expected.range.end.line)
            #expect(d["endColumn"] as? Int == expected.range.end.column)
            #expect(d["severity"] as? String == expected.severity.rawValue)
            #expect(d["rule"] as? String == expected.rule)
            #expect(d["message"] as? String == expected.message)
            #expect(d["help"] as? String == expected.help)
            #expect(d.keys.contains("help") == (expected.help != nil))
        }
        let summary = try #require(root["summary"] as? [String: Int])
        #expect(summary == ["files": 4, "errors": 2, "warnings": 2, "infos": 1])
    }

    @Test func keyOrderIsFixed() {
        let d = Diagnostic(rule: "a/b", severity: .info, message: "m", file: "f", range: range(1, 2, 3, 4), help: "h")
        let out = JSONReporter.render(ReportInput(diagnostics: [d], fileCount: 1, toolVersion: "v", startedAt: "t"))
        #expect(out == #"{"version":1,"diagnostics":[{"file":"f","line":1,"column":2,"endLine":3,"endColumn":4,"severity":"info","rule":"a/b","message":"m","help":"h"}],"summary":{"files":1,"errors":0,"warnings":0,"infos":1}}"# + "\n")
    }

    @Test func hostileTextRoundTrips() throws {
        let out = JSONReporter.render(Fixture.hostileInput)
        #expect(!out.dropLast().contains("\n"))
        #expect(!out.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let root = try #require(parseJSON(out) as? [String: Any])
        let diagnostics = try #require(root["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.first?["message"] as? String == Fixture.hostile)
        #expect(diagnostics.first?["help"] as? String == Fixture.hostile)
    }
}
