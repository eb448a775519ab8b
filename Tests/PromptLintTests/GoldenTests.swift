import Foundation
import LintCore
import Testing
@testable import PromptLint

/// Each `Tests/Fixtures/prompts/err/X/` is a small repository (prompts/, sops/,
/// schemas/) checked with the test validator; `err/X.out` is the exact report,
/// one line per finding: `path:line:col: severity: message [rule]`.
/// `ok/X/` gives no findings. `CLUBOS_UPDATE_GOLDEN=1` rewrites the `.out` files.
@Suite("Prompt goldens")
struct GoldenTests {
    static let base = repoRoot.appendingPathComponent("Tests/Fixtures/prompts")

    static func cases(_ sub: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: base.appendingPathComponent(sub).path)) ?? [])
            .filter { !$0.hasSuffix(".out") && !$0.hasPrefix(".") }
            .sorted()
    }

    @Test func fixturesExist() {
        #expect(Self.cases("err").count >= 4)
        #expect(Self.cases("ok").count >= 2)
    }

    @Test(arguments: cases("err"))
    func err(_ name: String) throws {
        let dir = Self.base.appendingPathComponent("err")
        let report = render(runTree(root: dir.appendingPathComponent(name), validator: FakeValidator()))
        let outURL = dir.appendingPathComponent(name + ".out")
        if ProcessInfo.processInfo.environment["CLUBOS_UPDATE_GOLDEN"] == "1" { try Data(report.utf8).write(to: outURL) }
        let expected = try String(contentsOf: outURL, encoding: .utf8)
        #expect(!report.isEmpty)
        #expect(report == expected, "\(name): got\n\(report)")
    }

    @Test(arguments: cases("ok"))
    func ok(_ name: String) {
        let diags = runTree(root: Self.base.appendingPathComponent("ok").appendingPathComponent(name), validator: FakeValidator())
        #expect(diags.isEmpty, "\(render(diags))")
    }
}
