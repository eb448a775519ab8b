import Foundation
import LintCore
import Testing
@testable import Reporters

@Suite(.serialized) struct JUnitReporterTests {
    static let schema = fixtureURL("junit-10-subset.xsd")

    @Test func parsesAndCountsTestCases() throws {
        let out = try JUnitReporter.render(Fixture.input)
        #expect(XML.rootName(out) == "testsuites")
        #expect(XML.attributes(out, element: "testsuite", attribute: "name") == ["lint", "prompt", "workflow"])
        // One test case per record, plus one for the unrecorded lint finding.
        let names = try #require(XML.attributes(out, element: "testcase", attribute: "name"))
        #expect(names.count == Fixture.checks.count + 1)
        #expect(names.contains("workflows/refund.yaml: workflow/tab-indent"))
        #expect(XML.attributes(out, element: "testsuites", attribute: "tests") == ["7"])
        #expect(XML.attributes(out, element: "testsuites", attribute: "failures") == ["1"])
        #expect(XML.attributes(out, element: "failure", attribute: "message") ==
            ["2 findings: step 'charge' has no timeout_minutes; add timeout_minutes: 5"])
        #expect(XML.attributes(out, element: "failure", attribute: "type") == ["error"])
        #expect(XML.attributes(out, element: "testcase", attribute: "line") == ["2", "3", "3", "4"])
    }

    @Test func failOnWarningFailsWarnings() throws {
        let out = try JUnitReporter.render(Fixture.input, options: ReportOptions(failOn: .warning))
        #expect(XML.attributes(out, element: "failure", attribute: "type") == ["warning", "warning", "error"])
        #expect(XML.attributes(out, element: "testsuites", attribute: "failures") == ["3"])
        #expect(out.contains("<system-out>4:1: info: line is indented with a tab; indent with spaces</system-out>"))
    }

    @Test func failOnInfoFailsEverything() throws {
        let out = try JUnitReporter.render(Fixture.input, options: ReportOptions(failOn: .info))
        #expect(XML.attributes(out, element: "testsuites", attribute: "failures") == ["4"])
        #expect(!out.contains("<system-out>"))
    }

    @Test func failureTypeIsTheHighestSeverity() throws {
        let ds = [
            Diagnostic(rule: "a/b", severity: .warning, message: "first", file: "f", range: range(1, 2, 1, 3)),
            Diagnostic(rule: "a/b", severity: .error, message: "second", file: "f", range: range(4, 5, 4, 6)),
            Diagnostic(rule: "a/b", severity: .info, message: "third", file: "f", range: range(7, 8, 7, 9)),
        ]
        let input = ReportInput(diagnostics: ds, checks: [CheckRecord(kind: .sop, file: "f", rule: "a/b")], fileCount: 1,
                                toolVersion: "v", startedAt: "t")
        let out = try JUnitReporter.render(input, options: ReportOptions(failOn: .warning))
        #expect(XML.attributes(out, element: "failure", attribute: "type") == ["error"])
        #expect(XML.attributes(out, element: "failure", attribute: "message") == ["2 findings: first"])
        #expect(out.contains(">1:2: first\n4:5: second</failure>"))
        #expect(out.contains("<system-out>7:8: info: third</system-out>"))
        #expect(XML.attributes(out, element: "testsuite", attribute: "name") == ["sop"])
    }

    @Test func concurrentRenderingAgrees() async throws {
        let expected = try JUnitReporter.render(Fixture.input)
        let outputs = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try JUnitReporter.render(Fixture.input) } }
            var all: [String] = []
            for try await o in group { all.append(o) }
            return all
        }
        #expect(outputs.count == 8)
        #expect(outputs.allSatisfy { $0 == expected })
    }

    @Test func strictOutputValidatesAgainstTheSchema() throws {
        let strict = try JUnitReporter.render(Fixture.input, options: ReportOptions(failOn: .warning, junitStrict: true))
        #expect(XML.violations(strict, schema: Self.schema) == 0)
        #expect(!strict.contains(" file=\"") && !strict.contains(" line=\""))
        let empty = try JUnitReporter.render(Fixture.empty, options: ReportOptions(junitStrict: true))
        #expect(XML.violations(empty, schema: Self.schema) == 0)
    }

    @Test func nonStrictOutputDoesNotValidate() throws {
        // Shows the schema check can fail: file/line/timestamp are outside junit-10.
        let loose = try JUnitReporter.render(Fixture.input)
        let violations = try #require(XML.violations(loose, schema: Self.schema))
        #expect(violations > 0)
    }

    @Test(arguments: [false, true])
    func hostileTextStillParses(strict: Bool) throws {
        let out = try JUnitReporter.render(Fixture.hostileInput, options: ReportOptions(failOn: .warning, junitStrict: strict))
        #expect(XML.rootName(out) == "testsuites")
        let safe = JUnitReporter.xmlSafe(Fixture.hostile)
        #expect(XML.attributes(out, element: "failure", attribute: "message") == ["1 finding: " + safe])
        #expect(XML.attributes(out, element: "testcase", attribute: "classname") == ["kind" + safe])
        if strict { #expect(XML.violations(out, schema: Self.schema) == 0) }
    }

    @Test(arguments: [
        ("ok\t\n\r", "ok\t\n\r"),
        ("\u{0}\u{1}\u{8}\u{B}\u{C}\u{E}\u{1F}", String(repeating: "\u{FFFD}", count: 7)),
        ("\u{FFFE}\u{FFFF}\u{FFFD}", "\u{FFFD}\u{FFFD}\u{FFFD}"),
        ("\u{7F}\u{85}é😀", "\u{7F}\u{85}é😀"),
    ])
    func xmlSafeReplacesForbiddenCharacters(raw: String, safe: String) {
        #expect(JUnitReporter.xmlSafe(raw) == safe)
    }

    @Test(arguments: [(0.0, "0.000"), (1.2344, "1.234"), (1.2355, "1.236"), (-1.0, "0.000"), (Double.nan, "0.000"),
                      (Double.infinity, "0.000"), (12345.5, "12345.500"), (0.0004, "0.000")])
    func times(seconds: Double, text: String) {
        #expect(JUnitReporter.formatTime(seconds) == text)
    }
}

@Suite struct TimestampTests {
    @Test(arguments: [(Int64(0), "1970-01-01T00:00:00Z"), (951_782_400, "2000-02-29T00:00:00Z"),
                      (1_795_941_296, "2026-11-29T08:34:56Z"), (-1, "1969-12-31T23:59:59Z")])
    func iso8601(seconds: Int64, text: String) {
        #expect(ReportInput.timestamp(unixSeconds: seconds) == text)
    }
}
