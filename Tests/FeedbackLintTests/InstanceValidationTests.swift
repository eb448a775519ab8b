import Foundation
import LintCore
import LintParsers
import Testing
@testable import FeedbackLint

@Suite("Instance validation (schema validate)")
struct InstanceValidationTests {
    static let schema = FeedbackSchema.builtin

    func collect(_ v: InstanceValidator, _ path: String, shown: String) throws -> [InstanceResult] {
        var out: [InstanceResult] = []
        try v.validate(path: path, shown: shown) { out.append($0) }
        return out
    }

    /// Parallel, batched validation gives the same results, in input order, as the sequential path.
    @Test(arguments: [(1, 1), (2, 64), (4, 300), (2, 4096), (3, 1 << 20)])
    func jsonlStreamingKeepsOrderAndPositions(_ workers: Int, _ batchBytes: Int) throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var lines: [String] = []
        for i in 0..<500 {
            var l = FeedbackRules.line(#""fb_1""#, "\"fb_\(i)\"")
            if i % 7 == 3 { l = l.replacingOccurrences(of: "0.92", with: "7") }
            if i % 50 == 10 { l = "{\"id\": " }
            lines.append(l)
            if i % 13 == 0 { lines.append("   ") }
        }
        // Mixed LF, CRLF and CR terminators; no terminator after the last line.
        let terminators = ["\n", "\r\n", "\r", "\n"]
        let text = lines.enumerated().map { $0.element + ($0.offset == lines.count - 1 ? "" : terminators[$0.offset % 4]) }.joined()
        let path = dir.appendingPathComponent("in.jsonl").path
        try write(text, to: URL(fileURLWithPath: path))
        let sequential = InstanceValidator(schema: Self.schema).validateLines(SourceFile(path: "in.jsonl", text: text))
        var v = InstanceValidator(schema: Self.schema, workers: workers, batchBytes: batchBytes)
        v.maxInFlight = workers + 1
        let streamed = try collect(v, path, shown: "in.jsonl")
        #expect(streamed == sequential)
        #expect(streamed.count == 500)
        #expect(streamed.map(\.line) == streamed.map(\.line).sorted())
        let invalid = streamed.filter { !$0.errors.isEmpty }
        #expect(invalid.count == (0..<500).filter { $0 % 7 == 3 && $0 % 50 != 10 }.count)
        let first = try #require(invalid.first)
        #expect(first.errors.first?.instancePath == "/confidence")
        #expect(first.errors.first?.keywordLocation == "/properties/confidence/maximum")
        #expect(first.errors.first?.line == first.line)
        let bad = FeedbackRules.line(#""fb_1""#, "\"fb_3\"").replacingOccurrences(of: "0.92", with: "7")
        #expect(first.errors.first?.column == (Array(bad.unicodeScalars).firstIndex(of: "7") ?? 0) + 1)
        #expect(streamed.filter { !$0.syntaxErrors.isEmpty }.count == 10)
    }

    @Test func jsonAndYAMLFiles() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write(okLine, to: dir.appendingPathComponent("one.json"))
        try write("{\"id\": 1", to: dir.appendingPathComponent("bad.json"))
        let yaml = """
        id: fb_1
        timestamp: "2026-11-03T10:15:00Z"
        query: q
        response: r
        assistant: Booking
        confidence: 0.5
        feedback: {rating: helpful}
        context: {userId: u, sessionId: s}
        ---
        id: fb_2
        confidence: 2

        """
        try write(yaml, to: dir.appendingPathComponent("docs.yaml"))
        let v = InstanceValidator(schema: Self.schema)
        let one = try collect(v, dir.appendingPathComponent("one.json").path, shown: "one.json")
        #expect(one == [InstanceResult(file: "one.json", line: 1)])
        let bad = try collect(v, dir.appendingPathComponent("bad.json").path, shown: "bad.json")
        #expect(bad.count == 1 && !bad[0].syntaxErrors.isEmpty && !bad[0].valid)
        let docs = try collect(v, dir.appendingPathComponent("docs.yaml").path, shown: "docs.yaml")
        #expect(docs.map(\.valid) == [true, false])
        #expect(docs.map(\.line) == [1, 10])
        #expect(docs[1].errors.contains { $0.instancePath == "/confidence" && $0.line == 11 && $0.column == 13 })
        #expect(throws: InstanceFileError.self) { try collect(v, dir.appendingPathComponent("missing.jsonl").path, shown: "missing.jsonl") }
        #expect(throws: InstanceFileError.self) { try collect(v, dir.appendingPathComponent("missing.json").path, shown: "missing.json") }
    }
}
