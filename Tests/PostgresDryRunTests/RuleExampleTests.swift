import LintCore
import Testing
@testable import PostgresDryRun

/// Runs every rule example against the live test server.
@Suite("dry-run rule examples (live)", .timeLimit(.minutes(3)))
struct RuleExampleTests {
    static let triggering: [(String, RuleExample)] = DryRunRules.all.flatMap { r in r.triggering.map { (r.id, $0) } }
    static let nonTriggering: [(String, RuleExample)] = DryRunRules.all.flatMap { r in r.nonTriggering.map { (r.id, $0) } }

    func run(_ rule: String, _ code: String, path: String) throws -> [Diagnostic] {
        try DryRunRules.exampleDiagnostics(rule: rule, code: code, path: path, options: try Fixtures.options())
    }

    @Test(arguments: triggering)
    func triggeringExampleFindsAtMarkers(_ rule: String, _ example: RuleExample) throws {
        let (code, markers) = example.stripped
        let found = try run(rule, code, path: example.path)
        #expect(found.map { SourcePosition(line: $0.range.start.line, column: $0.range.start.column) } == markers,
                "\(rule): \(found.map(\.message))")
    }

    @Test(arguments: nonTriggering)
    func nonTriggeringExampleIsClean(_ rule: String, _ example: RuleExample) throws {
        let found = try run(rule, example.code, path: example.path)
        #expect(found == [], "\(rule): \(found.map(\.message))")
    }
}
