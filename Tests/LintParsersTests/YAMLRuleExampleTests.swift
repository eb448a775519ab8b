import LintCore
import Testing
@testable import LintParsers

@Suite("YAML rule descriptions")
struct YAMLRuleExampleTests {
    struct ExampleCase: Sendable, CustomTestStringConvertible {
        var rule: String
        var example: RuleExample
        var testDescription: String { "\(rule): \(example.code.debugDescription)" }
    }

    static let triggering = YAMLLoader.rules.flatMap { r in r.triggering.map { ExampleCase(rule: r.id, example: $0) } }
    static let nonTriggering = YAMLLoader.rules.flatMap { r in r.nonTriggering.map { ExampleCase(rule: r.id, example: $0) } }

    @Test func ruleMetadata() {
        #expect(YAMLLoader.rules.map(\.id) == ["yaml/syntax", "yaml/duplicate-key", "yaml/alias-budget"])
        for rule in YAMLLoader.rules {
            #expect(RuleDescription.isValidID(rule.id))
            #expect(rule.kind == .yaml)
            #expect(rule.defaultSeverity == .error)
            #expect(!rule.summary.isEmpty)
            #expect(!rule.rationale.isEmpty)
            #expect(rule.help?.isEmpty == false)
            #expect(!rule.triggering.isEmpty)
            #expect(!rule.nonTriggering.isEmpty)
            for example in rule.triggering + rule.nonTriggering {
                #expect(example.path == "example.yaml")
            }
        }
    }

    @Test(arguments: triggering)
    func triggeringExampleReportsAtMarkers(_ c: ExampleCase) {
        let (code, markers) = c.example.stripped
        #expect(!markers.isEmpty)
        let result = YAMLLoader.load(SourceFile(path: c.example.path, text: code))
        let found = result.diagnostics.filter { $0.rule == c.rule }
            .map { SourcePosition(line: $0.range.start.line, column: $0.range.start.column) }
        #expect(found == markers)
        for d in result.diagnostics where d.rule == c.rule {
            #expect(d.file == c.example.path)
            #expect(d.help != nil)
        }
    }

    @Test(arguments: nonTriggering)
    func nonTriggeringExampleIsClean(_ c: ExampleCase) {
        let result = YAMLLoader.load(SourceFile(path: c.example.path, text: c.example.code))
        #expect(result.diagnostics.filter { $0.rule == c.rule }.isEmpty)
        #expect(result.diagnostics.isEmpty)
    }
}
