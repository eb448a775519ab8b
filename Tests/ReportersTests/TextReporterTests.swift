import LintCore
import Testing
@testable import Reporters

@Suite struct TextReporterTests {
    @Test(arguments: [
        (ReportSummary(files: 12, errors: 3, warnings: 1, infos: 0), "3 errors, 1 warning, 0 infos in 12 files"),
        (ReportSummary(files: 1, errors: 1, warnings: 2, infos: 1), "1 error, 2 warnings, 1 info in 1 file"),
        (ReportSummary(files: 12, errors: 0, warnings: 0, infos: 0), "No problems found in 12 files."),
        (ReportSummary(files: 1, errors: 0, warnings: 0, infos: 0), "No problems found in 1 file."),
    ])
    func summaryLine(summary: ReportSummary, expected: String) {
        #expect(TextReporter.summaryLine(summary) == expected)
    }

    @Test func cleanRunPrintsOnlySummary() {
        #expect(TextReporter.render(Fixture.empty) == "No problems found in 12 files.\n")
        #expect(TextReporter.render(Fixture.empty, options: ReportOptions(quiet: true)) == "")
    }

    @Test func caretKeepsTabsAndCountsScalars() {
        let file = SourceFile(path: "a.yaml", text: "\tkey: «é😀» x\n")
        let d = Diagnostic(rule: "a/b", severity: .warning, message: "m", file: "a.yaml", range: range(1, 7, 1, 11))
        let out = TextReporter.render(ReportInput(diagnostics: [d], files: ["a.yaml": file], fileCount: 1, toolVersion: "v", startedAt: "t"))
        #expect(out == "a.yaml:1:7: warning: m [a/b]\n\tkey: «é😀» x\n\t     ^~~~\n0 errors, 1 warning, 0 infos in 1 file\n")
    }

    @Test(arguments: [
        (range(1, 3, 1, 3), "  ^"),          // empty range: one caret
        (range(1, 3, 4, 1), "  ^~"),         // multi-line: to the end of the line
        (range(1, 99, 1, 120), "    ^"),     // past the end: clamped after the last character
        (range(1, 0, 1, -5), "^"),           // nonsense columns: clamped to column 1
        (range(1, 2, 1, 1_000_000), " ^~~"), // huge end: clamped to the line
    ])
    func caretClamping(r: SourceRange, caret: String) {
        let file = SourceFile(path: "f", text: "abcd\nnext")
        let d = Diagnostic(rule: "a/b", severity: .error, message: "m", file: "f", range: r)
        let lines = TextReporter.render(ReportInput(diagnostics: [d], files: ["f": file], fileCount: 1, toolVersion: "v", startedAt: "t"))
            .split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == "abcd")
        #expect(lines[2] == Substring(caret))
    }

    @Test func noExcerptWhenFileOrLineMissing() {
        let d1 = Diagnostic(rule: "a/b", severity: .error, message: "m", file: "missing", range: range(1, 1, 1, 2))
        let d2 = Diagnostic(rule: "a/b", severity: .error, message: "m", file: "f", range: range(7, 1, 7, 2), help: "do x\nthen y")
        let out = TextReporter.render(ReportInput(diagnostics: [d1, d2], files: ["f": SourceFile(path: "f", text: "one")],
                                                  fileCount: 2, toolVersion: "v", startedAt: "t"))
        #expect(out == "missing:1:1: error: m [a/b]\nf:7:1: error: m [a/b]\n  help: do x\n        then y\n2 errors, 0 warnings, 0 infos in 2 files\n")
    }

    @Test func quietPrintsOnlyErrorHeaders() {
        let out = TextReporter.render(Fixture.input, options: ReportOptions(quiet: true))
        #expect(out == """
            workflows/booking.yaml:3:5: error: step 'charge' has no timeout_minutes; add timeout_minutes: 5 [workflow/missing-timeout]
            workflows/booking.yaml:5:5: error: step 'refund' has no timeout_minutes; add timeout_minutes: 5 [workflow/missing-timeout]

            """)
    }

    @Test func colorOnlyWhenAsked() {
        let plain = TextReporter.render(Fixture.input)
        #expect(!plain.contains("\u{1B}"))
        let colored = TextReporter.render(Fixture.input, options: ReportOptions(color: true))
        #expect(colored.contains("\u{1B}[1;31merror\u{1B}[0m: "))
        #expect(colored.contains("\u{1B}[1;33mwarning\u{1B}[0m: "))
        #expect(colored.contains("\u{1B}[1;36minfo\u{1B}[0m: "))
        #expect(colored.contains(" \u{1B}[2m[workflow/missing-timeout]\u{1B}[0m\n"))
        #expect(colored.contains("    \u{1B}[1;31m^" + String(repeating: "~", count: 9) + "\u{1B}[0m\n"))
    }

    @Test func controlCharactersCannotReachTheTerminal() {
        let out = TextReporter.render(Fixture.hostileInput)
        #expect(!out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0 || $0.value == 0x85 || $0.value == 0x7F })
    }
}
