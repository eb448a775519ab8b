import Foundation
import LintCore
import LintParsers
import Testing
@testable import FeedbackLint

@Suite("SHA-1 and UUIDv5")
struct HashTests {
    @Test(arguments: [
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
        ("The quick brown fox jumps over the lazy dog", "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"),
        // 55, 56 and 64 bytes: the padding boundaries.
        (String(repeating: "a", count: 55), "c1c8bbdc22796e28c0e15163d20899b65621d65a"),
        (String(repeating: "a", count: 56), "c2db330f6083854c99d4b5bfb6e8f29f201be699"),
        (String(repeating: "a", count: 64), "0098ba824b5c16427bd7a1122a5a442a25ec644d"),
    ])
    func sha1Vectors(_ input: String, _ hex: String) {
        #expect(SHA1.hex(SHA1.hash(Array(input.utf8))) == hex)
    }

    @Test func sha1MillionA() {
        var s = SHA1()
        let chunk = [UInt8](repeating: 0x61, count: 1000)
        for _ in 0..<1000 { s.update(chunk) }
        #expect(SHA1.hex(s.finalize()) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    @Test func uuidV5Vectors() {
        // RFC 9562 Appendix A.4, and Python's uuid.uuid5(NAMESPACE_DNS, "python.org").
        #expect(UUIDv5.make(namespace: UUIDv5.dnsNamespace, name: Array("www.example.com".utf8)) == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
        #expect(UUIDv5.make(namespace: UUIDv5.dnsNamespace, name: Array("python.org".utf8)) == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
        // The feedback namespace (checked with Python's uuid module).
        #expect(UUIDv5.format(UUIDv5.feedbackNamespace) == "6f1c9a52-3e0b-5d47-9c1e-2b8a4d7f0e13")
        #expect(UUIDv5.make(namespace: UUIDv5.feedbackNamespace, name: Array(#"{"query": "Is bay 3 free?", "response": "Yes.", "rating": 1}"#.utf8))
                == "1e27c18d-3a69-5093-9e74-dccd475ce05f")
        #expect(UUIDv5.parse("not-a-uuid") == nil)
    }
}

@Suite("Legacy converter")
struct ConverterTests {
    static let full = LegacyConversionOptions(assistant: "Booking", confidence: "0.5", userId: "u_legacy", sessionId: "s_legacy")

    func convert(_ line: String, _ options: LegacyConversionOptions = ConverterTests.full) -> LineConversion {
        LegacyConverter(options: options).convert(line: Array(line.utf8))
    }

    func record(_ line: String, _ options: LegacyConversionOptions = ConverterTests.full) throws -> Node {
        guard case .converted(_, let json) = convert(line, options) else {
            Issue.record("not converted: \(convert(line, options))")
            throw CancellationError()
        }
        return try #require(JSONParser.parse(SourceFile(path: "x", text: json)).node)
    }

    static let ratings: [(String, String?)] = [
        ("1", "helpful"), ("1.0", "helpful"), ("true", "helpful"), (#""up""#, "helpful"), (#""UP""#, "helpful"),
        (#""helpful""#, "helpful"), (#""👍""#, "helpful"), (#""👍🏽""#, "helpful"), (#"" 👍\uFE0F ""#, "helpful"),
        ("0", "unhelpful"), ("-1", "unhelpful"), ("false", "unhelpful"), (#""down""#, "unhelpful"),
        (#""unhelpful""#, "unhelpful"), (#""👎""#, "unhelpful"),
        ("2", nil), ("0.5", nil), (#""meh""#, nil), ("null", nil), (#""1""#, nil), ("[1]", nil),
    ]

    @Test(arguments: ratings)
    func ratingTable(_ raw: String, _ expected: String?) throws {
        let line = #"{"query":"q","response":"r","rating":\#(raw),"timestamp":"2026-11-03T10:15:00Z"}"#
        if let expected {
            #expect(try record(line)["feedback"]?["rating"]?.stringValue == expected)
        } else {
            guard case .skipped(let reason) = convert(line) else { Issue.record("converted \(raw)"); return }
            #expect(reason.contains("is not a known rating"), "\(reason)")
        }
    }

    @Test func fieldsFromOtherNames() throws {
        let line = #"{"query":"Is bay 3 free?","response":"Yes.","rating":1,"route":"TechSupport","created_at":"2026-11-03T10:15:00+01:00","user_id":"u_9","session_id":"s_9","confidence":0.7,"location":"Downtown","reason":"fast"}"#
        let r = try record(line, LegacyConversionOptions())
        #expect(r["assistant"]?.stringValue == "TechSupport")
        #expect(r["timestamp"]?.stringValue == "2026-11-03T10:15:00+01:00")
        #expect(r["confidence"]?.scalarText == "0.7")
        #expect(r["context"]?["userId"]?.stringValue == "u_9")
        #expect(r["context"]?["sessionId"]?.stringValue == "s_9")
        #expect(r["context"]?["location"]?.stringValue == "Downtown")
        #expect(r["feedback"]?["reason"]?.stringValue == "fast")
        #expect(r.entries?.map(\.keyText) == ["id", "timestamp", "query", "response", "assistant", "confidence", "feedback", "context"])
    }

    @Test func recordFieldsWinOverFlags() throws {
        let line = #"{"query":"q","response":"r","rating":1,"assistant":"Emergency","timestamp":"2026-11-03T10:15:00Z","userId":"u_1","sessionId":"s_1","confidence":1}"#
        let r = try record(line)
        #expect(r["assistant"]?.stringValue == "Emergency")
        #expect(r["context"]?["userId"]?.stringValue == "u_1")
        #expect(r["confidence"]?.scalarText == "1")
        let flags = try record(#"{"query":"q","response":"r","rating":0,"timestamp":"2026-11-03T10:15:00Z"}"#)
        #expect(flags["assistant"]?.stringValue == "Booking")
        #expect(flags["confidence"]?.scalarText == "0.5")
        #expect(flags["context"]?["sessionId"]?.stringValue == "s_legacy")
    }

    @Test func epochTimestamps() throws {
        let secs = try record(#"{"query":"q","response":"r","rating":1,"timestamp":1762164900}"#)
        #expect(secs["timestamp"]?.stringValue == "2025-11-03T10:15:00Z")
        let millis = try record(#"{"query":"q","response":"r","rating":1,"created_at":1762164900123}"#)
        #expect(millis["timestamp"]?.stringValue == "2025-11-03T10:15:00Z")
    }

    static let skips: [(String, LegacyConversionOptions, String)] = [
        ("{not json", full, "not valid JSON"),
        ("[1,2]", full, "not a JSON object"),
        (#"{"query":"q","response":"r"}"#, full, "no rating field"),
        (#"{"response":"r","rating":1,"timestamp":"2026-11-03T10:15:00Z"}"#, full, "no query field"),
        (#"{"query":5,"response":"r","rating":1,"timestamp":"2026-11-03T10:15:00Z"}"#, full, "query is not a string"),
        (#"{"query":"q","rating":1,"timestamp":"2026-11-03T10:15:00Z"}"#, full, "no response field"),
        (#"{"query":"q","response":"r","rating":1}"#, full, "no timestamp"),
        (#"{"query":"q","response":"r","rating":1,"timestamp":"yesterday"}"#, full, "the converted record is invalid: /timestamp"),
        (#"{"query":"q","response":"r","rating":1,"timestamp":"2026-11-03T10:15:00Z"}"#, LegacyConversionOptions(confidence: "0.5", userId: "u", sessionId: "s"), "pass --assistant"),
        (#"{"query":"q","response":"r","rating":1,"timestamp":"2026-11-03T10:15:00Z"}"#, LegacyConversionOptions(assistant: "Booking", userId: "u", sessionId: "s"), "pass --confidence"),
        (#"{"query":"q","response":"r","rating":1,"timestamp":"2026-11-03T10:15:00Z"}"#, LegacyConversionOptions(assistant: "Booking", confidence: "1", sessionId: "s"), "pass --user-id"),
        (#"{"query":"q","response":"r","rating":1,"timestamp":"2026-11-03T10:15:00Z"}"#, LegacyConversionOptions(assistant: "Booking", confidence: "1", userId: "u"), "pass --session-id"),
        (#"{"query":"q","response":"r","rating":1,"timestamp":"2026-11-03T10:15:00Z","route":"Router"}"#, full, "the converted record is invalid: /assistant"),
        (#"{"query":"q","response":"r","rating":1,"timestamp":"2026-11-03T10:15:00Z","confidence":3}"#, full, "the converted record is invalid: /confidence"),
        (#"{"query":"q","response":"r","rating":1,"timestamp":"2026-11-03T10:15:00Z","confidence":"high"}"#, full, "is not a number"),
        (#"{"id":"x","feedback":{"rating":"great"}}"#, full, "already a FeedbackData record, but invalid"),
    ]

    @Test(arguments: skips)
    func skipReasons(_ line: String, _ options: LegacyConversionOptions, _ expected: String) {
        guard case .skipped(let reason) = convert(line, options) else { Issue.record("converted: \(line)"); return }
        #expect(reason.contains(expected), "\(reason)")
    }

    @Test func structuredRecordPassesThrough() {
        #expect(convert(okLine) == .converted(id: "fb_1", json: okLine))
    }

    @Test func deterministicIDsAndDuplicates() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = #"{"query":"Is bay 3 free?","response":"Yes.","rating":1,"timestamp":"2026-11-03T10:15:00Z"}"#
        let b = #"{"query":"Is bay 4 free?","response":"No.","rating":"down","timestamp":"2026-11-03T10:16:00Z","comment":"x"}"#
        try write(a + "\n\n" + b + "\r\n" + a + "\n", to: dir.appendingPathComponent("in.jsonl"))
        let conv = LegacyConverter(options: Self.full)
        let input = [(path: dir.appendingPathComponent("in.jsonl").path, shown: "in.jsonl")]
        let r1 = try conv.convert(files: input)
        let r2 = try conv.convert(files: input)
        #expect(r1.records == r2.records)
        #expect(r1.records.count == 2)
        #expect(r1.skipped.map(\.line) == [4])
        #expect(r1.skipped.first?.reason.contains("same record as in.jsonl:1") == true)
        #expect(r1.droppedFields == ["comment": 1])
        let expectedID = UUIDv5.make(namespace: UUIDv5.feedbackNamespace, name: Array(a.utf8))
        #expect(r1.records[0].hasPrefix(#"{"id":"\#(expectedID)""#))
        #expect(String(decoding: r1.rejects, as: UTF8.self) == a + "\n")
    }

    @Test func outputFormats() throws {
        var r = ConversionResult()
        r.records = [#"{"a":1}"#, #"{"b":2}"#]
        #expect(String(decoding: r.output(.jsonLines), as: UTF8.self) == "{\"a\":1}\n{\"b\":2}\n")
        #expect(String(decoding: r.output(.jsonArray), as: UTF8.self) == "[\n  {\"a\":1},\n  {\"b\":2}\n]\n")
        #expect(String(decoding: ConversionResult().output(.jsonArray), as: UTF8.self) == "[]\n")
        #expect(ConvertedFormat(outputPath: "x/out.jsonl") == .jsonLines)
        #expect(ConvertedFormat(outputPath: "out.json") == .jsonArray)
        #expect(ConvertedFormat(outputPath: "out.txt") == nil)
    }

    /// The files command: JSON vs JSONL output, every written record valid,
    /// refusing to overwrite, never writing an input.
    @Test func runWritesValidatedOutputAndRefusesUnsafeTargets() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("legacy.jsonl")
        try write(#"{"query":"Is bay 3 free?","response":"Yes.","rating":1,"timestamp":"2026-11-03T10:15:00Z"}"# + "\n" + #"{"query":"?","response":"r","rating":"meh"}"# + "\n", to: input)
        let inputs = [(path: input.path, shown: "legacy.jsonl")]
        let conv = LegacyConverter(options: Self.full)
        let outJSONL = dir.appendingPathComponent("out.jsonl").path
        let outJSON = dir.appendingPathComponent("out.json").path
        let rejects = dir.appendingPathComponent("rejects.jsonl").path
        let r = try FeedbackConversion.run(inputs: inputs, output: outJSONL, rejects: rejects, force: false, converter: conv)
        #expect(r.records.count == 1 && r.skipped.count == 1)
        #expect(read(URL(fileURLWithPath: rejects)) == #"{"query":"?","response":"r","rating":"meh"}"# + "\n")
        // The written JSONL is clean under the checker.
        let jsonl = read(URL(fileURLWithPath: outJSONL))
        for rec in JSONLReader.records(SourceFile(path: "o", text: jsonl)) {
            #expect(FeedbackSchema.builtin.validate(try #require(rec.result.node)).isEmpty)
        }
        _ = try FeedbackConversion.run(inputs: inputs, output: outJSON, rejects: nil, force: false, converter: conv)
        let array = try #require(JSONParser.parse(SourceFile(path: "o", text: read(URL(fileURLWithPath: outJSON)))).node)
        #expect(array.items?.count == 1)
        #expect(FeedbackSchema.builtin.validate(try #require(array.items?.first)).isEmpty)

        // Existing output without --force.
        #expect(throws: FeedbackConversion.Failure.self) { try FeedbackConversion.run(inputs: inputs, output: outJSONL, rejects: nil, force: false, converter: conv) }
        // With --force it is replaced.
        _ = try FeedbackConversion.run(inputs: inputs, output: outJSONL, rejects: nil, force: true, converter: conv)
        // Never an input, even with --force, through another spelling or a symlink.
        let before = read(input)
        let spellings = [input.path, dir.path + "/./sub/../legacy.jsonl", dir.appendingPathComponent("link.jsonl").path]
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.jsonl").path, withDestinationPath: input.path)
        for target in spellings {
            #expect(throws: FeedbackConversion.Failure.self) { try FeedbackConversion.run(inputs: inputs, output: target, rejects: nil, force: true, converter: conv) }
            #expect(throws: FeedbackConversion.Failure.self) { try FeedbackConversion.run(inputs: inputs, output: outJSON, rejects: target, force: true, converter: conv) }
        }
        #expect(read(input) == before)
        // Unknown extension; rejects equal to output; missing input.
        #expect(throws: FeedbackConversion.Failure.self) { try FeedbackConversion.run(inputs: inputs, output: dir.path + "/out.txt", rejects: nil, force: true, converter: conv) }
        #expect(throws: FeedbackConversion.Failure.self) { try FeedbackConversion.run(inputs: inputs, output: outJSONL, rejects: outJSONL, force: true, converter: conv) }
        #expect(throws: FeedbackConversion.Failure.self) { try FeedbackConversion.run(inputs: [(path: dir.path + "/missing.jsonl", shown: "missing.jsonl")], output: dir.path + "/new.jsonl", rejects: nil, force: false, converter: conv) }
        // No temporary files are left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".clubos-lint-tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func summaryListsEverySkippedLine() {
        var r = ConversionResult()
        r.records = ["{}"]
        r.skipped = [SkippedLine(file: "in.jsonl", line: 7, reason: "no rating field", raw: [])]
        r.droppedFields = ["comment": 2]
        let s = FeedbackConversion.summary(r, output: "out.jsonl")
        #expect(s == "converted 1 record to out.jsonl; skipped 1 line\n  in.jsonl:7: no rating field\n  note: field \"comment\" has no place in FeedbackData and was dropped from 2 records\n")
    }
}
