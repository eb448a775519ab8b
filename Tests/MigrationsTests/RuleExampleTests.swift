import Testing
import LintCore
@testable import Migrations

@Suite struct RuleExampleTests {
    static let ids = MigrationRules.fileRules.map(\.id)
    static func rule(_ id: String) -> RuleDescription {
        MigrationRules.fileRules.first { $0.id == id } ?? RuleDescription(id: id, kind: .migration, severity: .info, summary: "", rationale: "")
    }

    /// Runs an example through the checker exactly as the driver would (check one file).
    static func lint(_ example: RuleExample, code: String) -> [Diagnostic] {
        MigrationChecker().check(SourceFile(path: example.path, text: code), context: CheckContext(root: "/nonexistent"))
    }

    @Test(arguments: ids)
    func triggeringExamplesFireAtMarkers(id: String) {
        let rule = Self.rule(id)
        #expect(!rule.triggering.isEmpty, "\(rule.id) needs triggering examples")
        for example in rule.triggering {
            let (code, markers) = example.stripped
            #expect(!markers.isEmpty, "\(rule.id): triggering example without ↓ marker")
            let diags = Self.lint(example, code: code).filter { $0.rule == rule.id }
            #expect(diags.allSatisfy { $0.severity == rule.defaultSeverity && $0.file == example.path })
            let got = diags.map { "\($0.range.start.line):\($0.range.start.column)" }.sorted()
            let want = markers.map { "\($0.line):\($0.column)" }.sorted()
            #expect(got == want, "\(rule.id) on:\n\(code)\nmessages: \(diags.map(\.message))")
        }
    }

    @Test(arguments: ids)
    func nonTriggeringExamplesAreClean(id: String) {
        let rule = Self.rule(id)
        #expect(!rule.nonTriggering.isEmpty, "\(rule.id) needs non-triggering examples")
        for example in rule.nonTriggering {
            let diags = Self.lint(example, code: example.code).filter { $0.rule == rule.id }
            #expect(diags.isEmpty, "\(rule.id) fired on:\n\(example.code)\n\(diags.map(\.message))")
        }
    }

    @Test func registryIsWellFormed() {
        let ids = MigrationRules.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for r in MigrationRules.all {
            #expect(RuleDescription.isValidID(r.id), "\(r.id)")
            #expect(r.id.hasPrefix("migration/"))
            #expect(r.kind == .migration)
            #expect(!r.summary.isEmpty && !r.rationale.isEmpty && r.help?.isEmpty == false, "\(r.id)")
        }
        #expect(MigrationChecker().rules.count == ids.count)
    }
}
