import Foundation
import LintCore
import Testing
@testable import FeedbackLint

@Suite("Feedback rule examples")
struct RuleExampleTests {
    struct ExampleCase: Sendable, CustomTestStringConvertible {
        var rule: RuleDescription
        var example: RuleExample
        var testDescription: String { "\(rule.id): \(example.path) \(example.code.prefix(60).debugDescription)" }
    }

    static let triggering = FeedbackRules.all.flatMap { r in r.triggering.map { ExampleCase(rule: r, example: $0) } }
    static let nonTriggering = FeedbackRules.all.flatMap { r in r.nonTriggering.map { ExampleCase(rule: r, example: $0) } }

    /// Writes the example and its context into a fresh root (without a
    /// `schemas/` directory, so the built-in schema is used), checks it and runs finish.
    static func run(_ c: ExampleCase, code: String) throws -> [Diagnostic] {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (path, text) in c.example.context { try write(text, to: dir.appendingPathComponent(path)) }
        try write(code, to: dir.appendingPathComponent(c.example.path))
        return runFeedback(root: dir, files: [c.example.path])
    }

    @Test func registry() {
        let checker = FeedbackChecker()
        #expect(checker.kind == .feedback)
        #expect(checker.rules.map(\.id) == FeedbackRules.all.map(\.id))
        #expect(Set(FeedbackRules.all.map(\.id)).count == FeedbackRules.all.count)
        for rule in FeedbackRules.all {
            #expect(RuleDescription.isValidID(rule.id), "\(rule.id)")
            #expect(rule.id.hasPrefix("feedback/") && rule.kind == .feedback)
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
        let found = diags.filter { $0.rule == c.rule.id && $0.file == c.example.path }
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
