import Foundation
import Testing
import LintConfig
import LintCore
import RuleEngine
import PostgresDryRun
@testable import LintDriver

/// The built-in rules plus the repository's declarative rules, as `rules docs` sees them.
let catalog: RuleCatalog = {
    let config = Configuration(root: repoRoot.path)
    let sets = RulesetDirectories.load(configuration: config, cwd: repoRoot.path).rulesets
    return CheckerRegistry.catalog(configuration: config, rulesets: sets)
}()

/// Every rule's description is its test: triggering examples must produce the
/// rule at each `↓`, non-triggering examples must not produce it.
@Suite struct RuleCatalogTests {
    @Test func everyRuleIsDocumented() {
        for r in catalog.rules {
            #expect(RuleDescription.isValidID(r.id), "\(r.id) is not domain/name kebab-case")
            #expect(!r.summary.isEmpty && !r.rationale.isEmpty, "\(r.id) lacks a summary or rationale")
        }
    }

    /// Dry-run rules need a live server: PostgresDryRunTests/RuleExampleTests runs their examples.
    static var exampleRules: [String] {
        catalog.sortedRules.filter { !$0.triggering.isEmpty || !$0.nonTriggering.isEmpty }
            .filter { !DryRunRules.liveExampleRuleIDs.contains($0.id) }
            .filter { $0.origin == "builtin" } // declarative rules: RuleEngineTests.repositoryRuleExamples
            .map(\.id)
    }

    static func run(_ ex: RuleExample, rule: RuleDescription) throws -> (diags: [Diagnostic], markers: [SourcePosition]) {
        let (code, markers) = ex.stripped
        if rule.id.hasPrefix("config/") {
            let (_, diags) = ConfigurationLoader.parse(SourceFile(path: ex.path, text: code), root: "/")
            return (diags, markers)
        }
        if rule.id.hasPrefix("rules/") {
            let (_, diags) = RulesetLoader().parse(SourceFile(path: ex.path, text: code), absolutePath: "/nonexistent/" + ex.path)
            return (diags, markers)
        }
        var files = ex.context
        files[ex.path] = code
        return (try runEngine(files: files, target: ex.path), markers)
    }

    @Test(arguments: exampleRules)
    func examples(_ id: String) throws {
        let rule = try #require(catalog.rule(id))
        for ex in rule.triggering {
            let (diags, markers) = try Self.run(ex, rule: rule)
            let mine = diags.filter { $0.rule == id }
            #expect(!mine.isEmpty, "\(id): triggering example produced no finding:\n\(ex.code)\n\(goldenLines(diags))")
            for m in markers {
                #expect(mine.contains { $0.range.start.line == m.line && $0.range.start.column == m.column },
                        "\(id): expected a finding at \(m.line):\(m.column) in:\n\(ex.code)\ngot:\n\(goldenLines(mine))")
            }
        }
        for ex in rule.nonTriggering {
            let (diags, _) = try Self.run(ex, rule: rule)
            let mine = diags.filter { $0.rule == id }
            #expect(mine.isEmpty, "\(id): non-triggering example produced:\n\(goldenLines(mine))\nin:\n\(ex.code)")
        }
    }

    @Test func rulesDocIsCurrent() throws {
        let expected = RuleDocs.markdown(catalog)
        let actual = (try? String(contentsOf: repoRoot.appendingPathComponent("docs/rules.md"), encoding: .utf8)) ?? ""
        #expect(actual == expected, "docs/rules.md is stale: run `make docs` (clubos-lint rules docs --output docs/rules.md)")
    }
}
