import Foundation
import LintCore
import Testing
@testable import FeedbackLint

/// Each `Tests/Fixtures/feedback/err/X/` is a small repository (feedback/,
/// optionally schemas/) checked with a fixed clock; `err/X.out` is the exact
/// report, one line per finding: `path:line:col: severity: message [rule]`.
/// `ok/X/` gives no findings. `CLUBOS_UPDATE_GOLDEN=1` rewrites the `.out` files.
@Suite("Feedback goldens")
struct GoldenTests {
    static let base = repoRoot.appendingPathComponent("Tests/Fixtures/feedback")

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
        let root = dir.appendingPathComponent(name)
        let report = render(runFeedback(root: root, files: feedbackFiles(under: root)))
        let outURL = dir.appendingPathComponent(name + ".out")
        if ProcessInfo.processInfo.environment["CLUBOS_UPDATE_GOLDEN"] == "1" { try Data(report.utf8).write(to: outURL) }
        let expected = try String(contentsOf: outURL, encoding: .utf8)
        #expect(!report.isEmpty)
        #expect(report == expected, "\(name): got\n\(report)")
    }

    @Test(arguments: cases("ok"))
    func ok(_ name: String) {
        let root = Self.base.appendingPathComponent("ok").appendingPathComponent(name)
        let files = feedbackFiles(under: root)
        #expect(!files.isEmpty)
        let diags = runFeedback(root: root, files: files)
        #expect(diags.isEmpty, "\(render(diags))")
    }
}
