import Foundation
import LintCore
import Testing
@testable import WorkflowLint

/// Every rule's examples are its tests: triggering examples report the rule
/// exactly at each `↓`; non-triggering examples report nothing at all.
@Suite("Workflow rule descriptions")
struct RuleExampleTests {
    struct ExampleCase: Sendable, CustomTestStringConvertible {
        var rule: String
        var example: RuleExample
        var testDescription: String { "\(rule): \(example.code.debugDescription)" }
    }

    static let triggering = WorkflowRules.all.flatMap { r in r.triggering.map { ExampleCase(rule: r.id, example: $0) } }
    static let nonTriggering = WorkflowRules.all.flatMap { r in r.nonTriggering.map { ExampleCase(rule: r.id, example: $0) } }

    @Test func registryMetadata() {
        var ids = Set<String>()
        for rule in WorkflowRules.all {
            #expect(RuleDescription.isValidID(rule.id), "\(rule.id)")
            #expect(rule.id.hasPrefix("workflow/"))
            #expect(ids.insert(rule.id).inserted, "duplicate \(rule.id)")
            #expect(rule.kind == .workflow)
            #expect(!rule.summary.isEmpty && !rule.rationale.isEmpty)
            #expect(rule.help?.isEmpty == false)
            #expect(!rule.triggering.isEmpty, "\(rule.id) has no triggering example")
            #expect(!rule.nonTriggering.isEmpty, "\(rule.id) has no non-triggering example")
            for example in rule.triggering + rule.nonTriggering {
                #expect(example.path == ".github/workflows/ci.yml")
            }
        }
        let checker = WorkflowChecker()
        #expect(checker.kind == .workflow)
        #expect(Set(checker.rules.map(\.id)).isSuperset(of: ids))
        #expect(checker.rules.contains { $0.id == "yaml/duplicate-key" })
    }

    static func run(_ example: RuleExample, code: String) throws -> [Diagnostic] {
        let dir = try makeTree(example.context)
        defer { try? FileManager.default.removeItem(at: dir) }
        return check(code, path: example.path, root: dir.path)
    }

    @Test(arguments: triggering)
    func triggeringExampleReportsAtMarkers(_ c: ExampleCase) throws {
        let (code, markers) = c.example.stripped
        #expect(!markers.isEmpty)
        let diags = try Self.run(c.example, code: code)
        let found = diags.filter { $0.rule == c.rule }.map { SourcePosition(line: $0.range.start.line, column: $0.range.start.column) }
        #expect(found == markers, "got:\n\(render(diags))")
        for d in diags where d.rule == c.rule {
            #expect(d.file == c.example.path)
            #expect(d.help != nil)
        }
    }

    @Test(arguments: nonTriggering)
    func nonTriggeringExampleIsClean(_ c: ExampleCase) throws {
        let diags = try Self.run(c.example, code: c.example.code)
        #expect(diags.isEmpty, "got:\n\(render(diags))")
    }
}
