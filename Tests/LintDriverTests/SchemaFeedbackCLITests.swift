import Foundation
import Testing

/// The `schema validate` and `feedback convert` command contracts, end to end.
@Suite struct SchemaFeedbackCLITests {
    static let schema = """
    {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
     "properties": {"rating": {"enum": ["helpful", "unhelpful"]}, "confidence": {"type": "number", "maximum": 1}},
     "required": ["rating"]}
    """

    @Test func validateJSONOutputShapeAndExitCodes() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write(Self.schema, to: dir.appendingPathComponent("s.json"))
        try write("{\"rating\": \"helpful\"}\n{\"rating\": \"great\",\n \"confidence\": 2}\n".replacingOccurrences(of: ",\n ", with: ", "), to: dir.appendingPathComponent("a.jsonl"))
        try write("rating: unhelpful\n---\nconfidence: 0.5\n", to: dir.appendingPathComponent("b.yaml"))
        try write("{\"rating\": \"helpful\"}", to: dir.appendingPathComponent("c.json"))
        let r = try runTool(["schema", "validate", "--schema", "s.json", "--format", "json", "a.jsonl", "b.yaml", "c.json"], cwd: dir)
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let instances = try #require(obj["instances"] as? [[String: Any]])
        #expect(instances.map { $0["file"] as? String } == ["a.jsonl", "a.jsonl", "b.yaml", "b.yaml", "c.json"])
        #expect(instances.map { $0["line"] as? Int } == [1, 2, 1, 3, 1])
        #expect(instances.map { $0["valid"] as? Bool } == [true, false, true, false, true])
        let errors = try #require(instances[1]["errors"] as? [[String: Any]])
        #expect(Set(errors.compactMap { $0["instancePath"] as? String }) == ["/rating", "/confidence"])
        for e in errors {
            #expect(e["keywordLocation"] is String && e["line"] as? Int == 2 && e["column"] is Int && e["message"] is String)
        }
        #expect(try runTool(["schema", "validate", "--schema", "s.json", "c.json"], cwd: dir).status == 0)
        try write("{\"type\": \"objekt\"}", to: dir.appendingPathComponent("bad-schema.json"))
        let bad = try runTool(["schema", "validate", "--schema", "bad-schema.json", "c.json"], cwd: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad-schema.json:1:"), "\(bad.stderr)")
    }

    @Test func convertLegacyFeedback() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write("""
        {"query": "Can I book bay 2?", "response": "Yes, booked.", "rating": 1, "route": "Booking", "user_id": "u1", "session_id": "s1", "timestamp": "2026-10-01T10:00:00Z"}
        {"query": "Projector is dark", "response": "Restart it.", "rating": "👎", "route": "TechSupport", "user_id": "u2", "session_id": "s2", "timestamp": "2026-10-01T11:00:00Z"}
        {"query": "?", "response": "?", "rating": "meh", "route": "Booking", "user_id": "u3", "session_id": "s3", "timestamp": "2026-10-01T12:00:00Z"}

        """, to: dir.appendingPathComponent("legacy.jsonl"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("feedback"), withIntermediateDirectories: true)
        let r = try runTool(["feedback", "convert", "legacy.jsonl", "--out", "feedback/converted.jsonl", "--confidence", "0.9", "--rejects", "rejects.jsonl"], cwd: dir)
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)") // one line skipped
        #expect((r.stdout + r.stderr).contains("2 converted") || (r.stdout + r.stderr).contains("converted 2"), "\(r.stdout)\(r.stderr)")
        #expect((r.stdout + r.stderr).contains("legacy.jsonl:3: rating \"meh\""), "\(r.stderr)")
        let out = try String(contentsOf: dir.appendingPathComponent("feedback/converted.jsonl"), encoding: .utf8)
        #expect(out.split(separator: "\n").count == 2)
        #expect(try String(contentsOf: dir.appendingPathComponent("rejects.jsonl"), encoding: .utf8).contains("\"meh\""))
        // The converted file is clean FeedbackData.
        #expect(try runTool(["check", "feedback/converted.jsonl"], cwd: dir).status == 0)
        // Deterministic, and no silent overwrite.
        let again = try runTool(["feedback", "convert", "legacy.jsonl", "--out", "feedback/converted.jsonl", "--confidence", "0.9"], cwd: dir)
        #expect(again.status == 2)
        let forced = try runTool(["feedback", "convert", "legacy.jsonl", "--out", "feedback/converted.jsonl", "--confidence", "0.9", "--force"], cwd: dir)
        #expect(forced.status == 1)
        #expect(try String(contentsOf: dir.appendingPathComponent("feedback/converted.jsonl"), encoding: .utf8) == out)
        // Never over an input.
        #expect(try runTool(["feedback", "convert", "legacy.jsonl", "--out", "legacy.jsonl", "--force"], cwd: dir).status == 2)
    }
}
