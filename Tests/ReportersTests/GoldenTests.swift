import Foundation
import LintCore
import Testing
@testable import Reporters

/// Byte-for-byte comparison with the files under Tests/Fixtures/reporters.
/// Run with CLUBOS_UPDATE_GOLDEN=1 to rewrite them after an intended change.
@Suite struct GoldenTests {
    static let cases: [(ReportFormat, String)] = [
        (.text, "expected.txt"),
        (.json, "expected.json"),
        (.junit, "expected.junit.xml"),
        (.sarif, "expected.sarif"),
        (.github, "expected.github"),
    ]

    static let options = ReportOptions(informationURI: "https://github.com/clubos/clubos-lint")

    @Test(arguments: cases)
    func matchesGoldenFile(format: ReportFormat, name: String) throws {
        let actual = try renderReport(format, Fixture.input, options: Self.options)
        let url = fixtureURL(name)
        if ProcessInfo.processInfo.environment["CLUBOS_UPDATE_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: url)
        }
        let expected = try Data(contentsOf: url)
        #expect(Array(actual.utf8) == [UInt8](expected), "\(format) output differs from \(name)")
    }

    @Test(arguments: ReportFormat.allCases)
    func renderingIsDeterministic(format: ReportFormat) throws {
        let a = try renderReport(format, Fixture.input, options: Self.options)
        let b = try renderReport(format, Fixture.input, options: Self.options)
        #expect(a == b)
    }
}
