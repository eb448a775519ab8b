import Foundation
import LintCore
import Testing
@testable import PromptLint

@Suite("Prompt and SOP rule examples")
struct RuleExampleTests {
    struct ExampleCase: Sendable, CustomTestStringConvertible {
        var rule: RuleDescription
        var example: RuleExample
        var testDescription: String { "\(rule.id): \(example.path) \(example.code.prefix(60).debugDescription)" }
    }

    static let allRules = PromptRules.all + SOPRules.all
    static let triggering = allRules.flatMap { r in r.triggering.map { ExampleCase(rule: r, example: $0) } }
    static let nonTriggering = allRules.flatMap { r in r.nonTriggering.map { ExampleCase(rule: r, example: $0) } }

    /// Writes the example and its context into a fresh root, checks it and runs finish.
    static func run(_ c: ExampleCase, code: String) throws -> [Diagnostic] {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (path, text) in c.example.context { try write(text, to: dir.appendingPathComponent(path)) }
        let url = dir.appendingPathComponent(c.example.path)
        try write(code, to: url)
        let context = CheckContext(root: dir.path, filesByKind: [c.rule.kind: [url.path]])
        let file = SourceFile(path: url.path, text: code)
        if c.rule.kind == .sop {
            let checker = SOPChecker()
            return checker.check(file, context: context) + checker.finish(context: context)
        }
        let checker = PromptChecker(validator: FakeValidator())
        return checker.check(file, context: context) + checker.finish(context: context)
    }

    @Test func registry() {
        #expect(PromptChecker().kind == .prompt)
        #expect(SOPChecker().kind == .sop)
        #expect(PromptChecker().rules.map(\.id) == PromptRules.all.map(\.id))
        #expect(SOPChecker().rules.map(\.id) == SOPRules.all.map(\.id))
        #expect(Set(Self.allRules.map(\.id)).count == Self.allRules.count)
        for rule in Self.allRules {
            #expect(RuleDescription.isValidID(rule.id), "\(rule.id)")
            #expect(rule.id.hasPrefix(rule.kind == .prompt ? "prompt/" : "sop/"))
            #expect(!rule.summary.isEmpty && !rule.rationale.isEmpty && rule.help?.isEmpty == false)
            #expect(!rule.triggering.isEmpty, "\(rule.id) has no triggering example")
            #expect(!rule.nonTriggering.isEmpty, "\(rule.id) has no non-triggering example")
        }
    }

    @Test(arguments: triggering)
    func triggeringExampleReportsAtMarkers(_ c: ExampleCase) throws {
        let (code, markers) = c.example.stripped
        #expect(!markers.isEmpty)
        let diags = try Self.run(c, code: code)
        let found = diags.filter { $0.rule == c.rule.id }
            .map { SourcePosition(line: $0.range.start.line, column: $0.range.start.column) }
            .sorted()
        #expect(found == markers, "\(diags.map { "\($0.range.start) \($0.rule) \($0.message)" })")
        for d in diags where d.rule == c.rule.id {
            #expect(d.severity == c.rule.defaultSeverity)
            #expect(d.help != nil)
        }
    }

    @Test(arguments: nonTriggering)
    func nonTriggeringExampleIsClean(_ c: ExampleCase) throws {
        let diags = try Self.run(c, code: c.example.code)
        #expect(diags.isEmpty, "\(diags.map { "\($0.range.start) \($0.rule) \($0.message)" })")
    }
}
