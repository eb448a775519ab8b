import Foundation
import Testing

/// actionlint-style goldens: `Tests/Fixtures/check/ok/*` give no findings;
/// each `Tests/Fixtures/check/err/X` comes with `X.out`, the exact text report
/// of `clubos-lint check --color never X` run in that directory.
@Suite struct GoldenTests {
    static let base = repoRoot.appendingPathComponent("Tests/Fixtures/check")

    static func inputs(_ sub: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: base.appendingPathComponent(sub).path)) ?? [])
            .filter { !$0.hasSuffix(".out") && !$0.hasPrefix(".") }
            .sorted()
    }

    @Test(arguments: inputs("ok"))
    func ok(_ name: String) throws {
        let r = try runTool(["check", "--color", "never", name], cwd: Self.base.appendingPathComponent("ok"))
        #expect(r.status == 0, "\(name):\n\(r.stdout)\(r.stderr)")
        #expect(r.stdout.hasPrefix("No problems found"), "\(name):\n\(r.stdout)")
    }

    @Test(arguments: inputs("err"))
    func err(_ name: String) throws {
        let dir = Self.base.appendingPathComponent("err")
        let r = try runTool(["check", "--color", "never", "--fail-on", "warning", name], cwd: dir)
        let outURL = dir.appendingPathComponent(name + ".out")
        if ProcessInfo.processInfo.environment["CLUBOS_UPDATE_GOLDEN"] == "1" { try Data(r.stdout.utf8).write(to: outURL) }
        let expected = try String(contentsOf: outURL, encoding: .utf8)
        #expect(r.stdout == expected, "\(name): got\n\(r.stdout)")
        #expect(r.status == 1)
        #expect(r.stderr.isEmpty, "\(r.stderr)")
    }
}
