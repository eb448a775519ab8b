import Dispatch
import Foundation
import LintCore
import LintParsers
import Testing
@testable import FeedbackLint

@Suite("Feedback checker")
struct CheckerTests {
    func check(_ text: String, path: String = "feedback/x.jsonl", settings: Node? = nil, root: String = "/nonexistent-root") -> [Diagnostic] {
        let context = CheckContext(root: root, settings: settings, filesByKind: [:])
        return FeedbackChecker(now: { fixedNow }).check(SourceFile(path: path, text: text), context: context).sorted(by: Diagnostic.sortOrder)
    }

    func line(_ a: String, _ b: String) -> String { FeedbackRules.line(a, b) }

    @Test func embeddedSchemaMatchesRepository() throws {
        let file = try String(contentsOf: repoRoot.appendingPathComponent("schemas/feedback.schema.json"), encoding: .utf8)
        #expect(FeedbackSchema.embeddedText + "\n" == file || FeedbackSchema.embeddedText == file)
        let loaded = FeedbackSchema.load(root: repoRoot.path)
        #expect(loaded.problems.isEmpty)
        #expect(loaded.file.hasSuffix("schemas/feedback.schema.json"))
        #expect(FeedbackSchema.load(root: "/nonexistent").file == "<built-in>")
    }

    @Test func jsonlPositionsPointIntoTheRightLine() {
        let text = okLine + "\n\n" + line(#""confidence":0.92"#, #""confidence":"high""#) + "\n" + "{\"id\": 1,}\n"
        let d = check(text)
        #expect(d.map(\.rule) == ["feedback/schema", "json/syntax"])
        #expect(d[0].range.start.line == 3)
        let bad = line(#""confidence":0.92"#, #""confidence":"high""#)
        #expect(d[0].range.start.column == (Array(bad.unicodeScalars).firstIndex(of: "h") ?? 0) + 0)
        #expect(d[0].message == "/confidence: expected number, found string; change it to match schemas/feedback.schema.json (/properties/confidence/type)")
        #expect(d[1].range.start.line == 4)
    }

    @Test func jsonFileWithOneRecordOrAnArray() {
        #expect(check(okLine, path: "feedback/one.json").isEmpty)
        let arr = "[\n" + okLine + ",\n" + line(#""Booking""#, #""Router""#).replacingOccurrences(of: "fb_1", with: "fb_2") + "\n]"
        let d = check(arr, path: "feedback/seed.json")
        #expect(d.map(\.rule) == ["feedback/unknown-assistant"])
        #expect(d.first?.range.start.line == 3)
        let scalar = check("42", path: "feedback/bad.json")
        #expect(scalar.map(\.rule) == ["feedback/schema"])
        #expect(scalar.first?.message.contains("found number") == true)
    }

    @Test func legacyRecordGetsOneFinding() {
        let d = check(#"{"query": "q", "response": "r", "rating": "up", "extra": 1}"# + "\n")
        #expect(d.count == 1)
        #expect(d.first?.rule == "feedback/legacy-record")
        #expect(d.first?.message.contains("clubos-lint feedback convert feedback/x.jsonl --out feedback/converted.jsonl") == true)
    }

    @Test func clockSkewSetting() {
        let soon = RFC3339.format(epochSeconds: Int(fixedNow) + 600)
        let text = line(#""2026-11-03T10:15:00Z""#, "\"\(soon)\"")
        #expect(check(text).map(\.rule) == ["feedback/future-timestamp"])
        #expect(check(text).first?.message.contains("10 min in the future (allowed clock skew: 5 min)") == true)
        #expect(check(text, settings: settingsNode("feedback:\n  max-clock-skew-seconds: 900\n")).isEmpty)
        let offset = line(#""2026-11-03T10:15:00Z""#, "\"2026-11-29T13:04:00+01:00\"")
        #expect(check(offset).isEmpty)
    }

    @Test func assistantsSetting() {
        let events = line(#""Booking""#, #""Events""#)
        // Not in the default list (and not in the schema's enum): one finding, not two.
        #expect(check(events).map(\.rule) == ["feedback/unknown-assistant"])
        #expect(check(events, settings: settingsNode("feedback:\n  assistants: [Booking, Events]\n")).isEmpty)
        let lower = check(line(#""Booking""#, #""booking""#))
        #expect(lower.first?.message.contains("did you mean \"Booking\"?") == true)
        // A non-string assistant is a schema error.
        #expect(check(line(#""Booking""#, "7")).map(\.rule) == ["feedback/schema"])
    }

    @Test func piiIsMaskedAndPositionedThroughEscapes() {
        let text = line(#""Can I book bay 2 at 6pm?""#, #""caf\u00e9 \"x\" mail jo.manager@clubos.dev or +44 20 7946 0958""#)
        let d = check(text)
        #expect(d.map(\.rule) == ["feedback/pii", "feedback/pii"])
        #expect(d[0].message == "query contains an e-mail address (jo.m…); remove or mask it before the record is stored")
        #expect(d[1].message.contains("a phone number (+44 …)"))
        // The source column of `j`, after `\u00e9` (6 chars for 1) and `\"` (2 for 1).
        let col = Array(text.unicodeScalars).firstIndex(of: "j").map { $0 + 1 }
        #expect(d[0].range.start.column == col)
        #expect(d[0].range.end.column == (col ?? 0) + "jo.manager@clubos.dev".count)
        // Ids, dates, times and Unix timestamps are not phone numbers.
        #expect(check(line(#""Can I book bay 2 at 6pm?""#, #""order 1700000000123 on 2026-11-03 at 18:00:00, bay 12345678901""#)).isEmpty)
        #expect(PIIScanner.scan("call (415) 555-0100 now").map(\.what) == ["phone number"])
        #expect(PIIScanner.scan("a@b.c user@localhost").isEmpty)
    }

    @Test func helpfulWithCorrectionAndReason() {
        let text = line(#""rating":"helpful"}"#, #""rating":"helpful","reason":"x","correction":"y"}"#)
        #expect(check(text).map(\.rule) == ["feedback/helpful-with-correction", "feedback/helpful-with-correction"])
        #expect(check(text).allSatisfy { $0.severity == .warning })
    }

    @Test func brokenRepositorySchemaFallsBackToBuiltin() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write(#"{"type": "object", "minProperties": "x"}"#, to: dir.appendingPathComponent("schemas/feedback.schema.json"))
        let d = check(line(#""confidence":0.92"#, #""confidence":2"#), root: dir.path)
        #expect(d.map(\.rule) == ["feedback/schema", "feedback/schema"])
        #expect(d[0].range.start == .start)
        #expect(d[0].message.contains("schemas/feedback.schema.json does not compile"))
        #expect(d[1].message.hasPrefix("/confidence: expected number ≤ 1"))
    }

    @Test func repositorySchemaIsUsed() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let schema = FeedbackSchema.embeddedText.replacingOccurrences(of: #""maximum": 1"#, with: #""maximum": 100"#)
        try write(schema, to: dir.appendingPathComponent("schemas/feedback.schema.json"))
        #expect(check(line(#""confidence":0.92"#, #""confidence":42"#), root: dir.path).isEmpty)
    }

    @Test func duplicateIDsAcrossFilesAndPartialRuns() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write(okLine + "\n", to: dir.appendingPathComponent("feedback/2026-10.jsonl"))
        try write("[\n" + line(#""fb_1""#, #""fb_2""#) + ",\n" + okLine + "\n]\n", to: dir.appendingPathComponent("feedback/archive/seed.json"))
        try write(line(#""fb_1""#, #""fb_2""#) + "\n", to: dir.appendingPathComponent("feedback/2026-11.jsonl"))
        let all = runFeedback(root: dir, files: feedbackFiles(under: dir))
        // Files in path order: 2026-10.jsonl (fb_1), 2026-11.jsonl (fb_2), archive/seed.json (fb_2, fb_1).
        let dups = all.filter { $0.rule == "feedback/duplicate-id" }
        #expect(dups.map { "\($0.file):\($0.range.start)" } == ["feedback/archive/seed.json:2:7", "feedback/archive/seed.json:3:7"])
        #expect(dups[0].message == #"id "fb_2" is already used at feedback/2026-11.jsonl:1:7; give this record a unique id or drop the copy"#)
        #expect(dups[1].message.contains("feedback/2026-10.jsonl:1:7"))
        #expect(all.count == dups.count)
        // Checking one file gives the same findings for it.
        let partial = runFeedback(root: dir, files: ["feedback/archive/seed.json"])
        #expect(partial == dups)
        #expect(runFeedback(root: dir, files: ["feedback/2026-11.jsonl"]).isEmpty)
        #expect(runFeedback(root: dir, files: ["feedback/2026-10.jsonl"]).isEmpty)
    }

    @Test func concurrentChecksAgree() {
        let checker = FeedbackChecker(now: { fixedNow })
        let text = (0..<50).map { i in line(#""fb_1""#, "\"fb_\(i)\"").replacingOccurrences(of: "0.92", with: i % 5 == 0 ? "2" : "0.5") }.joined(separator: "\n")
        let file = SourceFile(path: "feedback/x.jsonl", text: text)
        let context = CheckContext(root: "/nonexistent-root-\(UUID().uuidString)")
        let expected = checker.check(file, context: context)
        #expect(expected.count == 10)
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in results.add(checker.check(file, context: context)) }
        #expect(results.all.allSatisfy { $0 == expected })
    }

    final class Results: @unchecked Sendable {
        let lock = Lock()
        var items: [[Diagnostic]] = []
        func add(_ d: [Diagnostic]) { lock.withLock { items.append(d) } }
        var all: [[Diagnostic]] { lock.withLock { items } }
    }

    @Test func hostileInputDoesNotCrash() {
        let deep = String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
        #expect(!check(deep, path: "feedback/deep.json").isEmpty)
        #expect(!check(deep + "\n" + deep, path: "feedback/deep.jsonl").isEmpty)
        let nested = "{\"id\":\"a\",\"feedback\":" + String(repeating: "{\"a\":", count: 900) + "1" + String(repeating: "}", count: 900) + "}"
        #expect(!check(nested).isEmpty)
        #expect(check("\u{FEFF}" + okLine).contains { $0.rule == "json/encoding" })
        #expect(check("", path: "feedback/empty.jsonl").isEmpty)
        let bad = [UInt8](okLine.utf8).map { $0 == UInt8(ascii: "C") ? 0xFF : $0 }
        let d = FeedbackChecker(now: { fixedNow }).check(SourceFile(path: "feedback/x.jsonl", bytes: bad), context: CheckContext(root: "/nonexistent-root"))
        #expect(!d.isEmpty)
    }

    @Test func rfc3339() {
        #expect(RFC3339.epochSeconds("1970-01-01T00:00:00Z") == 0)
        #expect(RFC3339.epochSeconds("2026-11-29T13:00:00+01:00") == fixedNow)
        #expect(RFC3339.epochSeconds("2026-11-29T12:00:00.5z") == fixedNow + 0.5)
        #expect(RFC3339.epochSeconds("2024-02-29T00:00:00Z") != nil)
        for bad in ["2026-02-29T00:00:00Z", "2026-11-29T12:00:00", "2026-11-29 12:00:00Z", "2026-13-01T00:00:00Z", "2026-11-29T24:00:00Z", "2026-11-29T12:00:00.Z", ""] {
            #expect(RFC3339.epochSeconds(bad) == nil, "\(bad)")
        }
        #expect(RFC3339.format(epochSeconds: Int(fixedNow)) == "2026-11-29T12:00:00Z")
        #expect(RFC3339.format(epochSeconds: -1) == "1969-12-31T23:59:59Z")
    }
}
