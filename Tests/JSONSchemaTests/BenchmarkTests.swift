import Foundation
import Testing
import LintCore
import LintParsers
@testable import JSONSchema

/// Throughput on 200,000 feedback records (~125 MB of JSONL). Opt-in:
/// `CLUBOS_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter SchemaBenchmark`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["CLUBOS_BENCH"] != nil))
struct SchemaBenchmark {
    static func records(_ n: Int) -> String {
        let assistants = ["Booking", "Emergency", "TechSupport", "BrandTone"]
        let filler = String(repeating: "The simulator in bay 3 lost tracking after the projector reset; ", count: 4)
        var out = ""
        out.reserveCapacity(n * 640)
        for i in 0..<n {
            let bad = i % 100 == 99
            out += #"{"id":"fb_\#(i)","timestamp":"2026-11-\#(10 + i % 18)T08:\#(10 + i % 50):00\#(bad ? "" : "Z")","#
            out += #""query":"Question \#(i): \#(filler)","response":"Answer \#(i): \#(filler)","#
            out += #""assistant":"\#(assistants[i % 4])","confidence":0.\#(i % 97 + 1),"#
            out += #""feedback":{"rating":"\#(i % 3 == 0 ? "unhelpful" : "helpful")","reason":"r\#(i)"},"#
            out += #""context":{"userId":"u_\#(i % 500)","location":"Downtown","sessionId":"s_\#(i)"}}"# + "\n"
        }
        return out
    }

    /// The pure validation cost of one record (cache-hot), for profiling.
    @Test func hotLoop() throws {
        let schema = try #require(Fixtures.feedback.schema)
        let one = try #require(JSONLReader.records(SourceFile(path: "one.jsonl", text: Self.records(1))).first?.result.node)
        let n = Int(ProcessInfo.processInfo.environment["CLUBOS_BENCH_N"] ?? "") ?? 1_000_000
        let t0 = Date()
        var ok = 0
        for _ in 0..<n where schema.isValid(one) { ok += 1 }
        let t1 = Date()
        print("[bench] hot: \(Int(t1.timeIntervalSince(t0) * 1e9) / n) ns per record")
        #expect(ok == n)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["CLUBOS_BENCH"] != "hot"))
    func validate200k() throws {
        let schema = try #require(Fixtures.feedback.schema)
        let text = Self.records(200_000)
        let file = SourceFile(path: "bench.jsonl", text: text)
        let t0 = Date()
        let records = JSONLReader.records(file)
        let t1 = Date()
        let nodes = records.compactMap(\.result.node)
        var invalid = 0
        for n in nodes where !schema.isValid(n) { invalid += 1 }
        let t2 = Date()
        var errors = 0
        for n in nodes { errors += schema.validate(n).count }
        let t3 = Date()
        print("[bench] \(text.utf8.count / 1_000_000) MB, \(nodes.count) records: parse \(Int(t1.timeIntervalSince(t0) * 1000)) ms, isValid \(Int(t2.timeIntervalSince(t1) * 1000)) ms, validate (with errors) \(Int(t3.timeIntervalSince(t2) * 1000)) ms, invalid \(invalid), errors \(errors)")
        // Hot loop on one record: the pure validation cost without cache misses.
        let one = nodes[0]
        let t4 = Date()
        var ok = 0
        for _ in 0..<200_000 where schema.isValid(one) { ok += 1 }
        let t5 = Date()
        // Streaming: parse and validate each record in turn (cache-hot).
        var streamed = 0
        let t6 = Date()
        for r in JSONLReader.records(file) { if let n = r.result.node, schema.isValid(n) { streamed += 1 } }
        let t7 = Date()
        print("[bench] one record x200k: \(Int(t5.timeIntervalSince(t4) * 1000)) ms; parse+validate streamed: \(Int(t7.timeIntervalSince(t6) * 1000)) ms")
        #expect(ok == 200_000)
        #expect(invalid == 2_000)
        #expect(errors == 2_000)
    }
}
