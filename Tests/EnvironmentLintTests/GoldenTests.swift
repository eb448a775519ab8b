import Foundation
import LintCore
import Testing
@testable import EnvironmentLint

/// Each directory under Tests/Fixtures/environment is a small repository;
/// `expected.out` lists the findings of check + finish, one per line:
/// `path:line:col: severity: message [rule]`.
@Suite struct GoldenTests {
    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixturesRoot.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }()

    @Test func fixturesExist() {
        #expect(Set(GoldenTests.cases).isSuperset(of: ["seed", "production-approvals", "literal-production-url", "missing-staging", "type-drift", "undeclared-env-var"]))
    }

    @Test(arguments: cases)
    func golden(_ name: String) throws {
        let dir = fixturesRoot.appendingPathComponent(name)
        let actual = try runChecker(on: dir).map(format).joined(separator: "\n") + "\n"
        let expectedURL = dir.appendingPathComponent("expected.out")
        if ProcessInfo.processInfo.environment["CLUBOS_UPDATE_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: expectedURL)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(actual == expected, "\n--- actual ---\n\(actual)")
    }
}
