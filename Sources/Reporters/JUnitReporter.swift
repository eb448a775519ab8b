import CLibXML2
import LintCore

/// JUnit XML, written with libxml2's xmlTextWriter.
///
///     <testsuites name="clubos-lint" tests failures errors time timestamp>
///       <testsuite name=KIND tests failures errors skipped time timestamp>
///         <testcase classname=KIND name="PATH: RULE" file=PATH line=FIRSTLINE time="0.000">
///           <failure message="N finding(s): first message" type=SEVERITY>line:col: message …</failure>
///           <system-out>line:col: severity: message …</system-out>
///         </testcase>
///
/// One suite per checker kind (sorted by name) and one test case per
/// `CheckRecord` (sorted by file, rule), passing ones included. A diagnostic
/// belongs to the record with its file and rule; a diagnostic without a
/// record gets its own test case, under the kind of its catalog rule (or
/// `lint`). Findings at or above `ReportOptions.failOn` make the test case
/// fail: one `<failure>` whose `type` is their highest severity and whose
/// body has one `line:col: message` line per finding. Findings below it are
/// listed in `<system-out>` as `line:col: severity: message`. `line` is the
/// first finding's line and is omitted for passing test cases. `errors` and
/// `skipped` are always 0 (a lint check cannot error or be skipped). Test
/// cases are not timed individually, so their `time` is `0.000`; a suite's
/// time comes from `ReportInput.durationsByKind` and the root's from
/// `durationSeconds`. Times use three decimals (matching `SUREFIRE_TIME`).
///
/// `junitStrict` omits `testcase@file`, `testcase@line` and
/// `testsuites@timestamp`, which the Jenkins xunit-plugin `junit-10.xsd`
/// does not allow. Characters XML 1.0 forbids (C0 controls except tab, LF,
/// CR; U+FFFE; U+FFFF) are replaced by U+FFFD everywhere, so the report
/// always parses.
public enum JUnitReporter {
    public static func render(_ input: ReportInput, options: ReportOptions = ReportOptions()) throws(ReportError) -> String {
        let suites = buildSuites(input)
        let w = try XMLWriter()
        try w.startDocument()
        try w.start("testsuites")
        try w.attribute("name", "clubos-lint")
        try w.attribute("tests", String(suites.reduce(0) { $0 + $1.cases.count }))
        try w.attribute("failures", String(suites.reduce(0) { $0 + $1.failures(options.failOn) }))
        try w.attribute("errors", "0")
        try w.attribute("time", formatTime(input.durationSeconds))
        if !options.junitStrict { try w.attribute("timestamp", input.startedAt) }
        for suite in suites {
            try w.start("testsuite")
            try w.attribute("name", suite.kind.rawValue)
            try w.attribute("tests", String(suite.cases.count))
            try w.attribute("failures", String(suite.failures(options.failOn)))
            try w.attribute("errors", "0")
            try w.attribute("skipped", "0")
            try w.attribute("time", formatTime(input.durationsByKind[suite.kind] ?? 0))
            try w.attribute("timestamp", input.startedAt)
            for c in suite.cases {
                try writeCase(c, kind: suite.kind, writer: w, options: options)
            }
            try w.end()
        }
        try w.end()
        return try w.finish()
    }

    struct Case {
        var file: String
        var rule: String
        var findings: [Diagnostic]
    }

    struct Suite {
        var kind: CheckerKind
        var cases: [Case]
        func failures(_ failOn: Severity) -> Int {
            cases.reduce(0) { $0 + ($1.findings.contains { $0.severity >= failOn } ? 1 : 0) }
        }
    }

    struct CaseKey: Hashable {
        var file: String
        var rule: String
    }

    static func buildSuites(_ input: ReportInput) -> [Suite] {
        // Record keys by (file, rule); one record per key is the contract, the
        // first kind wins if the driver ever sent duplicates.
        var kindOf: [CaseKey: CheckerKind] = [:]
        for r in input.checks.sorted() where kindOf[CaseKey(file: r.file, rule: r.rule)] == nil {
            kindOf[CaseKey(file: r.file, rule: r.rule)] = r.kind
        }
        var findings: [CaseKey: [Diagnostic]] = [:]
        for d in input.diagnostics {
            let key = CaseKey(file: d.file, rule: d.rule)
            findings[key, default: []].append(d)
            if kindOf[key] == nil { kindOf[key] = input.catalog.rule(d.rule)?.kind ?? .lint }
        }
        var byKind: [CheckerKind: [Case]] = [:]
        for (key, kind) in kindOf {
            byKind[kind, default: []].append(Case(file: key.file, rule: key.rule, findings: findings[key] ?? []))
        }
        return byKind.keys.sorted().map { kind in
            let cases = (byKind[kind] ?? []).sorted { ($0.file, $0.rule) < ($1.file, $1.rule) }
            return Suite(kind: kind, cases: cases)
        }
    }

    static func writeCase(_ c: Case, kind: CheckerKind, writer w: XMLWriter, options: ReportOptions) throws(ReportError) {
        try w.start("testcase")
        try w.attribute("classname", kind.rawValue)
        try w.attribute("name", "\(c.file): \(c.rule)")
        if !options.junitStrict {
            try w.attribute("file", c.file)
            if let first = c.findings.first { try w.attribute("line", String(first.range.start.line)) }
        }
        try w.attribute("time", "0.000")
        let failing = c.findings.filter { $0.severity >= options.failOn }
        let passing = c.findings.filter { $0.severity < options.failOn }
        if let first = failing.first {
            let worst = failing.map(\.severity).max() ?? first.severity
            let count = failing.count == 1 ? "1 finding" : "\(failing.count) findings"
            try w.start("failure")
            try w.attribute("message", "\(count): \(first.message)")
            try w.attribute("type", worst.rawValue)
            try w.text(failing.map { "\($0.range.start.line):\($0.range.start.column): \($0.message)" }.joined(separator: "\n"))
            try w.end()
        }
        if !passing.isEmpty {
            try w.start("system-out")
            try w.text(passing.map {
                "\($0.range.start.line):\($0.range.start.column): \($0.severity.rawValue): \($0.message)"
            }.joined(separator: "\n"))
            try w.end()
        }
        try w.end()
    }

    /// Seconds with three decimals; negative, NaN and infinite become 0.
    static func formatTime(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds > 0 else { return "0.000" }
        let ms = seconds >= 9.0e15 ? UInt64(9.0e15) : UInt64((seconds * 1000).rounded())
        let frac = String(ms % 1000)
        return "\(ms / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
    }

    /// Replaces characters that XML 1.0 does not allow with U+FFFD.
    public static func xmlSafe(_ s: String) -> String {
        func bad(_ v: UInt32) -> Bool {
            (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF
        }
        guard s.unicodeScalars.contains(where: { bad($0.value) }) else { return s }
        var out = ""
        for u in s.unicodeScalars { out.unicodeScalars.append(bad(u.value) ? "\u{FFFD}" : u) }
        return out
    }
}

/// libxml2 must be initialised once before threads use it; Swift runs this
/// global's initialiser exactly once.
private let libxml2Initialized: Bool = {
    xmlInitParser()
    return true
}()

/// A thin wrapper over an in-memory xmlTextWriter. Not shared across threads.
final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    private var finished = false

    init() throws(ReportError) {
        _ = libxml2Initialized
        guard let buffer = xmlBufferCreate() else { throw .xmlWriter("allocate a buffer") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw .xmlWriter("create a writer")
        }
        self.buffer = buffer
        self.writer = writer
        xmlTextWriterSetIndent(writer, 1)
        _ = Self.withXMLChars("  ") { xmlTextWriterSetIndentString(writer, $0) }
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    private static func withXMLChars(_ s: String, _ body: (UnsafePointer<xmlChar>) -> Int32) -> Int32 {
        var bytes = Array(JUnitReporter.xmlSafe(s).utf8)
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return -1 }
            return body(base)
        }
    }

    private func check(_ rc: Int32, _ what: String) throws(ReportError) {
        if rc < 0 { throw .xmlWriter(what) }
    }

    func startDocument() throws(ReportError) {
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "start the document")
    }

    func start(_ name: String) throws(ReportError) {
        try check(Self.withXMLChars(name) { xmlTextWriterStartElement(writer, $0) }, "start <\(name)>")
    }

    func attribute(_ name: String, _ value: String) throws(ReportError) {
        let rc = Self.withXMLChars(name) { n in
            Self.withXMLChars(value) { v in xmlTextWriterWriteAttribute(writer, n, v) }
        }
        try check(rc, "write attribute \(name)")
    }

    func text(_ s: String) throws(ReportError) {
        try check(Self.withXMLChars(s) { xmlTextWriterWriteString(writer, $0) }, "write text")
    }

    func end() throws(ReportError) {
        try check(xmlTextWriterEndElement(writer), "end an element")
    }

    func finish() throws(ReportError) -> String {
        if !finished {
            try check(xmlTextWriterEndDocument(writer), "end the document")
            try check(xmlTextWriterFlush(writer), "flush")
            finished = true
        }
        let count = Int(xmlBufferLength(buffer))
        guard count > 0, let content = xmlBufferContent(buffer) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: content, count: count), as: UTF8.self)
    }
}
