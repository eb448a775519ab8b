import LintCore

/// Extras when running inside GitHub Actions (`GITHUB_ACTIONS=true`):
/// workflow-command annotations capped at GitHub's limits, and a Markdown
/// step summary for `$GITHUB_STEP_SUMMARY`.
public enum GitHubActions {
    /// GitHub shows at most 10 error and 10 warning annotations per step (and 10 notices).
    public static let perTypeLimit = 10

    public static func annotations(_ input: ReportInput) -> String {
        var counts: [Severity: Int] = [:]
        var out = ""
        var omitted = 0
        for d in input.diagnostics {
            let n = counts[d.severity, default: 0]
            if n >= perTypeLimit { omitted += 1; continue }
            counts[d.severity] = n + 1
            out += GitHubReporter.command(d) + "\n"
        }
        if omitted > 0 {
            out += "clubos-lint: \(omitted) more finding(s) not annotated (GitHub shows at most \(perTypeLimit) per type per step); see the report above.\n"
        }
        return out
    }

    public static func stepSummary(_ input: ReportInput, limit: Int = 50) -> String {
        let s = input.summary
        var out = "## clubos-lint\n\n"
        out += s.total == 0 ? "No problems found in \(s.files) files.\n" : "**\(s.errors) errors, \(s.warnings) warnings, \(s.infos) infos** in \(s.files) files.\n"
        guard s.total > 0 else { return out }
        var byRule: [String: Int] = [:]
        for d in input.diagnostics { byRule[d.rule, default: 0] += 1 }
        out += "\n| Rule | Findings |\n| --- | ---: |\n"
        for r in byRule.keys.sorted() { out += "| `\(cell(r))` | \(byRule[r]!) |\n" }
        out += "\n| Location | Severity | Message |\n| --- | --- | --- |\n"
        for d in input.diagnostics.prefix(limit) {
            out += "| `\(cell(d.file)):\(d.range.start.line):\(d.range.start.column)` | \(d.severity.rawValue) | \(cell(d.message)) (`\(cell(d.rule))`) |\n"
        }
        if input.diagnostics.count > limit { out += "\n\(input.diagnostics.count - limit) more finding(s) are in the full report.\n" }
        return out
    }

    static func cell(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "|": out += "\\|"
            case "\n", "\r": out += " "
            case "`": out += "'"
            case "<": out += "&lt;"
            default: if c.value >= 0x20 { out.unicodeScalars.append(c) }
            }
        }
        return out
    }
}
