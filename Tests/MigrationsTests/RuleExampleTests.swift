import Testing
import LintCore
@testable import Migrations

@Suite struct RuleExampleTests {
    @Test(arguments: MigrationRules.fileRules)
    func triggeringExamplesFireAtMarkers(rule: RuleDescription) {
        #expect(!rule.triggering.isEmpty, "\(rule.id) needs triggering examples")
        for example in rule.triggering {
            let (code, markers) = example.stripped
            #expect(!markers.isEmpty, "\(rule.id): triggering example without ↓ marker")
            let diags = MigrationLinter.lint(SourceFile(path: example.path, text: code)).filter { $0.rule == rule.id }
            let got = diags.map { "\($0.range.start.line):\($0.range.start.column)" }.sorted()
            let want = markers.map { "\($0.line):\($0.column)" }.sorted()
            #expect(got == want, "\(rule.id) on:\n\(code)\nmessages: \(diags.map(\.message))")
        }
    }

    @Test(arguments: MigrationRules.fileRules)
    func nonTriggeringExamplesAreClean(rule: RuleDescription) {
        #expect(!rule.nonTriggering.isEmpty, "\(rule.id) needs non-triggering examples")
        for example in rule.nonTriggering {
            let diags = MigrationLinter.lint(SourceFile(path: example.path, text: example.code)).filter { $0.rule == rule.id }
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
