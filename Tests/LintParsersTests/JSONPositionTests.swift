import LintCore
import LintParsers
import Testing

/// The parser computes positions incrementally; these tests check every node
/// range against `SourceFile.position(ofByte:)`, the reference mapping.
@Suite("JSON positions agree with SourceFile")
struct JSONPositionTests {
    static func collect(_ n: Node, into out: inout [SourceRange], depth: Int = 0) {
        guard depth < 100 else { return }
        out.append(n.range)
        switch n.value {
        case .scalar: break
        case .sequence(let items): for item in items { collect(item, into: &out, depth: depth + 1) }
        case .mapping(let entries):
            for e in entries {
                out.append(e.key.range)
                collect(e.value, into: &out, depth: depth + 1)
            }
        }
    }

    static func expectRangesMatch(_ node: Node, _ file: SourceFile, _ text: String) {
        var ranges: [SourceRange] = []
        collect(node, into: &ranges)
        for r in ranges {
            #expect(r.start == file.position(ofByte: r.start.offset), "\(text.debugDescription): start \(r.start)")
            #expect(r.end == file.position(ofByte: r.end.offset), "\(text.debugDescription): end \(r.end)")
        }
    }

    @Test(arguments: [
        "{\"ñame\": [1.10, \"日本語\", {\"k\": \"😀x\"}], \"b\": true}",
        "{\n  \"é\": \"ü\",\r\n  \"x\": [null, \"a\\u00e9b\", \"\\ud83d\\ude00\"],\r  \"y\": \"😀😀\"  \n}",
        "[\"\\\"quoted\\\" and \\\\ back\", \"a long plain ASCII string that spans several words\", -0.5e+3]",
        "  \n\t [ \"\u{7F}\", \"\\/\", {}, [], {\"z\": {}}]  ",
        "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9,\"j\":10,\"k\":11,\"l\":12,\"m\":13,\"n\":14,\"o\":15,\"p\":16,\"q\":17,\"é\":\"ñ\"}",
    ])
    func documentRanges(text: String) throws {
        let file = SourceFile(path: "t.json", text: text)
        let r = JSONParser.parse(file)
        let node = try #require(r.node)
        Self.expectRangesMatch(node, file, text)
    }

    @Test func jsonlRecordRanges() throws {
        let text = "{\"a\": \"é\"}\r\n\n{\"b\": [\"日本\", 2]}\r{\"c\": \"😀\", \"d\": null}\n"
        let file = SourceFile(path: "t.jsonl", text: text)
        let recs = JSONLReader.records(file)
        #expect(recs.map(\.line) == [1, 3, 4])
        for rec in recs {
            let node = try #require(rec.result.node)
            Self.expectRangesMatch(node, file, text)
        }
    }

    @Test func duplicateKeyInLargeAndSmallObjects() {
        var members = (0..<20).map { "\"k\($0)\": \($0)" }
        members.append("\"k3\": 0")
        let large = JSONParser.parse(SourceFile(path: "t.json", text: "{" + members.joined(separator: ", ") + "}"))
        #expect(large.diagnostics.map(\.rule) == ["json/duplicate-key"])
        #expect(large.diagnostics.first?.message.contains("first defined at 1:") == true)
        #expect(large.node?.entries?.count == 21)
        let small = JSONParser.parse(SourceFile(path: "t.json", text: "{\"é\": 1, \"x\": {\"é\": 2}, \"\\u00e9\": 3}"))
        #expect(small.diagnostics.map(\.message) == ["duplicate key \"é\"; first defined at 1:2"])
    }

    @Test(arguments: ["{\"é😀\": \"日本\" x}", "[\"日本語", "{\"ü\": [1, \"ß\",]}", "{\"a\":\n \"é\" \"b\"}"])
    func errorPositionAfterMultibyteText(text: String) throws {
        let file = SourceFile(path: "t.json", text: text)
        let r = JSONParser.parse(file)
        let d = try #require(r.diagnostics.first { $0.rule == "json/syntax" })
        #expect(d.range.start == file.position(ofByte: d.range.start.offset), "\(text.debugDescription)")
    }

    /// Parsing with a reused scratch (JSONL workers) gives exactly the result of a fresh parse,
    /// also after documents that failed half-way and with keys that collide in the key cache.
    @Test func scratchReuseMatchesFreshParse() {
        var docs = [
            "{\"id\": \"a\", \"k\": {\"x\": [1, {\"y\": null}]}}",
            "{\"id\": \"b\", \"k\": {\"x\": [1, {\"y\": ",
            "{\"é\": 1, \"e\\u0301\": 2, \"\\u00e9\": 3, \"a_very_long_key_name_here\": 4}",
            "[[[[{\"a\": 1, \"a\": 2}]]]]",
            "{\"id\": \"c\",}",
            "{\"\": 0, \"0123456789abcde\": 1, \"0123456789abcdef\": 2}",
        ]
        for n in 0..<300 { docs.append("{\"key\(n % 97)\": \(n), \"id\": \"v\(n)\", \"key\((n + 1) % 97)\": [true]}") }
        let scratch = JSONParseScratch()
        for (k, doc) in docs.enumerated() {
            let bytes = Array(doc.utf8)
            bytes.withUnsafeBufferPointer { b in
                let fresh = JSONParser.parse(bytes: b, path: "t.jsonl", line: k + 1, offset: 0)
                let reused = JSONParser.parse(bytes: b, path: "t.jsonl", line: k + 1, offset: 0, scratch: scratch)
                #expect(fresh.node == reused.node, "\(doc)")
                #expect(fresh.diagnostics == reused.diagnostics, "\(doc)")
            }
        }
    }
}
