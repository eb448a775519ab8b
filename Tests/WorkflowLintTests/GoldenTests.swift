import Foundation
import LintCore
import Testing
@testable import WorkflowLint

/// actionlint-style goldens: `Tests/Fixtures/workflows/ok/*.yml` give no
/// findings; each `Tests/Fixtures/workflows/err/X.yml` gives exactly `X.out`.
/// Local actions and reusable workflows resolve against `Tests/Fixtures/workflows`.
@Suite("Workflow goldens")
struct GoldenTests {
    static let base = repoRoot.appendingPathComponent("Tests/Fixtures/workflows")

    static func inputs(_ sub: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: base.appendingPathComponent(sub).path)) ?? [])
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
            .sorted()
    }

    static func run(_ sub: String, _ name: String) throws -> [Diagnostic] {
        let url = base.appendingPathComponent(sub).appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        return check(text, path: "Tests/Fixtures/workflows/\(sub)/\(name)", root: base.path)
    }

    @Test func fixturesExist() {
        #expect(Self.inputs("ok").count >= 5)
        #expect(Self.inputs("err").count >= 5)
    }

    @Test(arguments: inputs("ok"))
    func ok(_ name: String) throws {
        let diags = try Self.run("ok", name)
        #expect(diags.isEmpty, "\(name):\n\(render(diags))")
    }

    @Test(arguments: inputs("err"))
    func err(_ name: String) throws {
        let diags = try Self.run("err", name)
        let outURL = Self.base.appendingPathComponent("err").appendingPathComponent((name as NSString).deletingPathExtension + ".out")
        if ProcessInfo.processInfo.environment["CLUBOS_UPDATE_GOLDEN"] == "1" {
            try Data(render(diags).utf8).write(to: outURL)
        }
        let expected = try String(contentsOf: outURL, encoding: .utf8)
        #expect(!diags.isEmpty)
        #expect(render(diags) == expected, "\(name): got\n\(render(diags))")
    }

    /// The reusable workflow the fixtures call is itself a clean workflow.
    @Test func calledWorkflowIsClean() throws {
        let text = try String(contentsOf: Self.base.appendingPathComponent(".github/workflows/reusable-deploy.yml"), encoding: .utf8)
        let diags = check(text, path: "reusable-deploy.yml", root: Self.base.path)
        #expect(diags.isEmpty, "\(render(diags))")
    }

    /// The repository's own pipeline gives zero findings (with the real runtimes table).
    @Test func repositoryPipelineIsClean() throws {
        let url = repoRoot.appendingPathComponent(".github/workflows/clubos-ci.yml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let diags = WorkflowChecker().check(SourceFile(path: ".github/workflows/clubos-ci.yml", text: text), context: CheckContext(root: repoRoot.path))
        #expect(diags.isEmpty, "\(render(diags))")
    }

    /// The seed fixture is the plan's text verbatim (including trailing spaces).
    @Test func seedIsVerbatim() throws {
        let text = try String(contentsOf: Self.base.appendingPathComponent("err/seed-clubos-ci.yml"), encoding: .utf8)
        #expect(text.hasPrefix("# .github/workflows/clubos-ci.yml\nname: ClubOS V2 CI/CD\n"))
        #expect(text.contains("      - uses: actions/checkout@v3\n      \n"))
        #expect(text.hasSuffix("          railway up -e production\n"))
    }
}
