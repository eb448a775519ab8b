import Foundation
import LintCore
import Reporters

/// The repository root, found from this file's path.
func repoRoot(_ file: String = #filePath) -> URL {
    URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

func fixtureURL(_ name: String) -> URL {
    repoRoot().appendingPathComponent("Tests/Fixtures/reporters").appendingPathComponent(name)
}

func pos(_ line: Int, _ column: Int) -> SourcePosition { SourcePosition(line: line, column: column) }
func range(_ l1: Int, _ c1: Int, _ l2: Int, _ c2: Int) -> SourceRange { SourceRange(start: pos(l1, c1), end: pos(l2, c2)) }

enum Fixture {
    static let workflowPath = "workflows/booking.yaml"
    static let promptPath = "prompts/front desk/concierge.md"
    static let configPath = ".clubos-lint.yaml"

    static let workflowText = """
        name: booking
        steps:
          - id: charge
        \tcall: stripe.charge
          - id: refund
        """
    static let promptText = """
        # Concierge

        Réservez « Bay 3 » — guaranteed tee time!
        """

    static let catalog = RuleCatalog([
        RuleDescription(
            id: "workflow/missing-timeout", kind: .workflow, severity: .error,
            summary: "Flags workflow steps without timeout_minutes.",
            rationale: "A step without a timeout can hang a booking forever.",
            help: "Add timeout_minutes to the step."),
        RuleDescription(
            id: "workflow/tab-indent", kind: .workflow, severity: .info,
            summary: "Flags tab characters in indentation.",
            rationale: "Tabs render differently across editors."),
        RuleDescription(
            id: "prompt/banned-phrase", kind: .prompt, severity: .warning,
            summary: "Flags promises the club cannot keep.",
            rationale: "Customers hold the club to what the assistant says.",
            help: "Rephrase without the banned phrase."),
        RuleDescription(
            id: "prompt/missing-role", kind: .prompt, severity: .error,
            summary: "Requires a role section in every prompt.",
            rationale: "Prompts without a role drift."),
        RuleDescription(
            id: "lint/unknown-setting", kind: .lint, severity: .warning,
            summary: "Flags unknown keys in .clubos-lint.yaml.",
            rationale: "A misspelt setting is silently ignored."),
    ])

    static var diagnostics: [Diagnostic] {
        [
            Diagnostic(rule: "workflow/missing-timeout", severity: .error,
                       message: "step 'charge' has no timeout_minutes; add timeout_minutes: 5",
                       file: workflowPath, range: range(3, 5, 3, 15),
                       help: "Steps that call external systems must time out."),
            Diagnostic(rule: "workflow/tab-indent", severity: .info,
                       message: "line is indented with a tab; indent with spaces",
                       file: workflowPath, range: range(4, 1, 4, 2)),
            Diagnostic(rule: "workflow/missing-timeout", severity: .error,
                       message: "step 'refund' has no timeout_minutes; add timeout_minutes: 5",
                       file: workflowPath, range: range(5, 5, 5, 15)),
            Diagnostic(rule: "prompt/banned-phrase", severity: .warning,
                       message: "« guaranteed » promises a tee time; say “we'll do our best” instead",
                       file: promptPath, range: range(3, 22, 3, 32)),
            Diagnostic(rule: "lint/unknown-setting", severity: .warning,
                       message: "unknown setting 'workflw'; did you mean 'workflow'?",
                       file: configPath, range: range(2, 3, 2, 10)),
        ].sorted(by: Diagnostic.sortOrder)
    }

    static var checks: [CheckRecord] {
        [
            CheckRecord(kind: .workflow, file: workflowPath, rule: "workflow/missing-timeout"),
            CheckRecord(kind: .workflow, file: workflowPath, rule: "workflow/tab-indent"),
            CheckRecord(kind: .workflow, file: "workflows/refund.yaml", rule: "workflow/missing-timeout"),
            CheckRecord(kind: .workflow, file: "workflows/refund.yaml", rule: "workflow/tab-indent"),
            CheckRecord(kind: .prompt, file: promptPath, rule: "prompt/banned-phrase"),
            CheckRecord(kind: .prompt, file: promptPath, rule: "prompt/missing-role"),
        ]
    }

    static var input: ReportInput {
        ReportInput(
            diagnostics: diagnostics, checks: checks, catalog: catalog,
            files: [
                workflowPath: SourceFile(path: workflowPath, text: workflowText),
                promptPath: SourceFile(path: promptPath, text: promptText),
            ],
            fileCount: 4, durationSeconds: 1.2345,
            durationsByKind: [.workflow: 0.5, .prompt: 0.25],
            toolVersion: "0.1.0", startedAt: "2026-11-29T08:00:00Z")
    }

    static var empty: ReportInput {
        ReportInput(diagnostics: [], checks: [], catalog: catalog, fileCount: 12, toolVersion: "0.1.0",
                    startedAt: "2026-11-29T08:00:00Z")
    }

    /// Every string field full of characters that break naive writers.
    static let hostile = "a\u{0}b\u{1}\u{8}\t\n\r\u{B}\u{C}\u{1B}[31m\u{7F}\u{85}\u{2028}\u{FFFE}\u{FFFF}\"'<>&]]>%:,\\ é😀"

    static var hostileInput: ReportInput {
        let kind = CheckerKind("kind" + hostile)
        let file = "dir/" + hostile + ".yaml"
        let rule = "x/" + hostile
        let d = Diagnostic(rule: rule, severity: .error, message: hostile, file: file, range: range(1, 1, 1, 3), help: hostile)
        let d2 = Diagnostic(rule: rule, severity: .info, message: hostile, file: file, range: range(2, 1, 9, 1), help: nil)
        var catalog = RuleCatalog()
        catalog.add(RuleDescription(id: rule, kind: kind, severity: .error, summary: hostile, rationale: hostile, help: hostile))
        return ReportInput(
            diagnostics: [d, d2], checks: [CheckRecord(kind: kind, file: file, rule: rule)], catalog: catalog,
            files: [file: SourceFile(path: file, text: hostile + "\n" + hostile)], fileCount: 1,
            durationSeconds: .nan, durationsByKind: [kind: -3], toolVersion: hostile, startedAt: hostile)
    }
}
