import Foundation
import LintCore
import Testing
@testable import EnvironmentLint

/// One documented example of one rule.
struct ExampleCase: Sendable, CustomTestStringConvertible {
    var rule: RuleDescription
    var example: RuleExample
    var triggering: Bool
    var index: Int

    var testDescription: String { "\(rule.id) \(triggering ? "triggering" : "non-triggering") #\(index + 1)" }

    static let all: [ExampleCase] = EnvironmentRules.all.flatMap { r in
        r.description.triggering.enumerated().map { ExampleCase(rule: r.description, example: $1, triggering: true, index: $0) }
            + r.description.nonTriggering.enumerated().map { ExampleCase(rule: r.description, example: $1, triggering: false, index: $0) }
    }
}

@Suite struct RuleExampleTests {
    /// Triggering examples produce the rule exactly at each `↓`; non-triggering ones produce none.
    @Test(arguments: ExampleCase.all)
    func example(_ c: ExampleCase) throws {
        let (code, markers) = c.example.stripped
        var files = c.example.context
        files[c.example.path] = code
        let found = try runChecker(files: files).filter { $0.rule == c.rule.id }
        let positions = found.filter { $0.file == c.example.path }.map { "\($0.range.start.line):\($0.range.start.column)" }
        if c.triggering {
            #expect(!markers.isEmpty, "a triggering example needs a ↓ marker")
            #expect(positions.sorted() == markers.map { "\($0.line):\($0.column)" }.sorted(), "\(found.map(format))")
            #expect(found.allSatisfy { $0.file == c.example.path }, "\(found.map(format))")
        } else {
            #expect(found.isEmpty, "\(found.map(format))")
        }
    }

    @Test func registryIsWellFormed() {
        var ids = Set<String>()
        for r in EnvironmentRules.all.map(\.description) {
            #expect(RuleDescription.isValidID(r.id), "\(r.id)")
            #expect(r.id.hasPrefix("environment/"))
            #expect(r.kind == .environment)
            #expect(ids.insert(r.id).inserted, "duplicate \(r.id)")
            #expect(!r.summary.isEmpty && !r.rationale.isEmpty && !(r.help ?? "").isEmpty)
            #expect(!r.triggering.isEmpty && !r.nonTriggering.isEmpty, "\(r.id) needs examples")
            for e in r.triggering + r.nonTriggering {
                #expect(e.path == "config/environments.ts" || e.path == "config/environments.json" || e.path.hasPrefix(".env"), "\(r.id): \(e.path)")
            }
        }
        #expect(EnvironmentChecker().kind == .environment)
        #expect(Set(EnvironmentChecker().rules.map(\.id)).isSuperset(of: ids))
    }
}
