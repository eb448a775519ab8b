import LintCore

/// One check that ran: a rule of a checker kind applied to a file. Reports
/// list every check, including the ones that produced no finding (JUnit
/// shows them as passing test cases; SARIF lists their rules).
public struct CheckRecord: Sendable, Hashable, Comparable {
    public var kind: CheckerKind
    public var file: String
    public var rule: String

    public init(kind: CheckerKind, file: String, rule: String) {
        self.kind = kind
        self.file = file
        self.rule = rule
    }

    public static func < (a: CheckRecord, b: CheckRecord) -> Bool {
        if a.kind != b.kind { return a.kind < b.kind }
        if a.file != b.file { return a.file < b.file }
        return a.rule < b.rule
    }
}

/// Everything a reporter needs. Reporters are pure functions of this value.
public struct ReportInput: Sendable {
    /// Findings, already sorted with `Diagnostic.sortOrder`.
    public var diagnostics: [Diagnostic]
    /// One record per (kind, file, rule) that ran, including passing ones.
    public var checks: [CheckRecord]
    /// Rule documentation (SARIF rule metadata, JUnit kinds of unrecorded findings).
    public var catalog: RuleCatalog
    /// Sources by diagnostic path, for excerpts and SARIF fingerprints. May be incomplete.
    public var files: [String: SourceFile]
    /// Number of files checked.
    public var fileCount: Int
    /// Wall-clock duration of the whole run.
    public var durationSeconds: Double
    /// Per-kind durations (JUnit `testsuite@time`); kinds without an entry report 0.
    public var durationsByKind: [CheckerKind: Double]
    public var toolVersion: String
    /// Start of the run as ISO-8601 text, e.g. `2026-11-29T08:00:00Z`
    /// (see `ReportInput.timestamp(unixSeconds:)`).
    public var startedAt: String

    public init(
        diagnostics: [Diagnostic], checks: [CheckRecord] = [], catalog: RuleCatalog = RuleCatalog(),
        files: [String: SourceFile] = [:], fileCount: Int, durationSeconds: Double = 0,
        durationsByKind: [CheckerKind: Double] = [:], toolVersion: String, startedAt: String
    ) {
        self.diagnostics = diagnostics
        self.checks = checks
        self.catalog = catalog
        self.files = files
        self.fileCount = fileCount
        self.durationSeconds = durationSeconds
        self.durationsByKind = durationsByKind
        self.toolVersion = toolVersion
        self.startedAt = startedAt
    }

    /// Counts by severity.
    public var summary: ReportSummary {
        var s = ReportSummary(files: fileCount, errors: 0, warnings: 0, infos: 0)
        for d in diagnostics {
            switch d.severity {
            case .error: s.errors += 1
            case .warning: s.warnings += 1
            case .info: s.infos += 1
            }
        }
        return s
    }

    /// UTC ISO-8601 text (`YYYY-MM-DDTHH:MM:SSZ`) for seconds since 1970, without Foundation.
    public static func timestamp(unixSeconds: Int64) -> String {
        let secsPerDay: Int64 = 86_400
        var days = unixSeconds / secsPerDay
        var rem = unixSeconds % secsPerDay
        if rem < 0 { rem += secsPerDay; days -= 1 }
        // Civil-from-days (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(rem / 3600, 2)):\(pad(rem % 3600 / 60, 2)):\(pad(rem % 60, 2))Z"
    }
}

/// Finding counts of a run.
public struct ReportSummary: Sendable, Hashable {
    public var files: Int
    public var errors: Int
    public var warnings: Int
    public var infos: Int

    public init(files: Int, errors: Int, warnings: Int, infos: Int) {
        self.files = files
        self.errors = errors
        self.warnings = warnings
        self.infos = infos
    }

    public var total: Int { errors + warnings + infos }
}

/// Output formats. Each is a contract parsed by other tools.
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    case text, json, junit, sarif, github
}

/// Options shared by the reporters; each reporter reads the ones it uses.
public struct ReportOptions: Sendable, Hashable {
    /// text: ANSI colours (severity, rule, caret).
    public var color: Bool
    /// text: print only the header line of each error (no warnings/infos,
    /// no excerpt, no help, no summary); prints nothing when there are no errors.
    public var quiet: Bool
    /// junit: findings at or above this severity become `<failure>`; lower
    /// ones go to the test case's `<system-out>`.
    public var failOn: Severity
    /// junit: omit attributes the Jenkins xunit-plugin `junit-10.xsd` does not
    /// allow (`testcase@file`, `testcase@line`, `testsuites@timestamp`).
    public var junitStrict: Bool
    /// sarif: `tool.driver.informationUri`.
    public var informationURI: String?
    /// sarif: absolute directory that `%SRCROOT%` stands for. Absolute
    /// diagnostic paths under it are made relative; when set, the run gets
    /// `originalUriBaseIds`.
    public var sourceRoot: String?

    public init(
        color: Bool = false, quiet: Bool = false, failOn: Severity = .error, junitStrict: Bool = false,
        informationURI: String? = nil, sourceRoot: String? = nil
    ) {
        self.color = color
        self.quiet = quiet
        self.failOn = failOn
        self.junitStrict = junitStrict
        self.informationURI = informationURI
        self.sourceRoot = sourceRoot
    }
}

/// A reporter could not produce its output (only the libxml2 writer can fail).
public enum ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    case xmlWriter(String)

    public var description: String {
        switch self {
        case .xmlWriter(let what): "could not write the JUnit report: libxml2 failed to \(what)"
        }
    }
}

/// Renders `input` in `format`.
public func renderReport(_ format: ReportFormat, _ input: ReportInput, options: ReportOptions = ReportOptions()) throws(ReportError) -> String {
    switch format {
    case .text: TextReporter.render(input, options: options)
    case .json: JSONReporter.render(input)
    case .junit: try JUnitReporter.render(input, options: options)
    case .sarif: SARIFReporter.render(input, options: options)
    case .github: GitHubReporter.render(input)
    }
}
