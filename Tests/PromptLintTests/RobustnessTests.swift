import Foundation
import LintCore
import Testing
@testable import PromptLint

/// Hostile input never crashes or hangs; it becomes diagnostics.
@Suite("Prompt checker robustness")
struct RobustnessTests {
    static let inputs: [(String, [UInt8])] = [
        ("empty", []),
        ("only-dashes", Array("---".utf8)),
        ("empty-front-matter", Array("---\n---\n".utf8)),
        ("unclosed-front-matter", Array("---\nname: x\n".utf8)),
        ("invalid-utf8", [0x2D, 0x2D, 0x2D, 0x0A, 0xFF, 0xFE, 0x0A, 0x2D, 0x2D, 0x2D, 0x0A, 0x7B, 0x7B, 0xC3]),
        ("deep-sections", Array((String(repeating: "{{#A}}", count: 3000) + "x").utf8)),
        ("deep-yaml", Array(("---\nname: x\ndescription: y\nsamples: " + String(repeating: "[", count: 5000) + "\n---\n").utf8)),
        ("brace-soup", Array(String(repeating: "{{{{}}}}{{/}}{{#}}{{=}}{{=a b=}}a b", count: 200).utf8)),
        ("tags-at-eof", Array("x {{".utf8)),
        ("scanners-at-eof", Array("sk-ant-\nAKIA\n@\n+1\n4111 1111\n<\n</\n# \n```json".utf8)),
        ("json-at-eof", Array("```json\n{\"a\": ".utf8)),
        ("self-partial", Array("{{> self}}".utf8)),
        ("crlf", Array("---\r\nname: crlf\r\ndescription: d\r\n---\r\n## A\r\n## B\r\nText\r\n".utf8)),
    ]

    @Test(arguments: inputs.map(\.0))
    func noCrash(_ name: String) throws {
        let bytes = try #require(Self.inputs.first { $0.0 == name }).1
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("prompts/_self.prompt")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        let context = CheckContext(root: dir.path, filesByKind: [.prompt: [url.path], .sop: [url.path]])
        let file = SourceFile(path: url.path, bytes: bytes)
        let diags = PromptChecker(validator: FakeValidator()).check(file, context: context)
            + PromptChecker().finish(context: context)
            + SOPChecker().check(file, context: context) + SOPChecker().finish(context: context)
        for d in diags {
            #expect(d.range.start.line >= 1 && d.range.start.column >= 1)
            #expect(d.range.start.line <= file.lineCount)
        }
    }

    @Test func partialFanOutIsBounded() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // p0 includes p1 ten times, p1 includes p2 ten times, … (10^12 expansions unbounded).
        for k in 0..<12 {
            try write(String(repeating: "x{{> p\(k + 1)}}", count: 10), to: dir.appendingPathComponent("prompts/_p\(k).prompt"))
        }
        try write("end", to: dir.appendingPathComponent("prompts/_p12.prompt"))
        let text = "---\nname: fan\ndescription: d\nsamples:\n  - {}\n---\n{{> p0}}\n"
        let url = dir.appendingPathComponent("prompts/fan.prompt")
        try write(text, to: url)
        let started = ContinuousClock.now
        let diags = PromptChecker().check(SourceFile(path: url.path, text: text), context: CheckContext(root: dir.path))
        #expect(ContinuousClock.now - started < .seconds(60))
        #expect(diags.contains { $0.rule == "prompt/sample-render" })
    }
}
