import LintCore

/// Machine-readable output, one compact line plus a newline:
///
///     {"version":1,"diagnostics":[{"file","line","column","endLine","endColumn",
///      "severity","rule","message","help"?}],"summary":{"files","errors","warnings","infos"}}
///
/// Keys appear in exactly this order; `help` is omitted when nil. Diagnostics
/// keep the input order. Escaping is described at `JSONWriter`.
public enum JSONReporter {
    public static let formatVersion = 1

    public static func render(_ input: ReportInput) -> String {
        JSONWriter.serialize(value(input)) + "\n"
    }

    public static func value(_ input: ReportInput) -> JSONValue {
        let s = input.summary
        return .object([
            JSONMember("version", .int(formatVersion)),
            JSONMember("diagnostics", .array(input.diagnostics.map(diagnostic))),
            JSONMember("summary", .object([
                JSONMember("files", .int(s.files)),
                JSONMember("errors", .int(s.errors)),
                JSONMember("warnings", .int(s.warnings)),
                JSONMember("infos", .int(s.infos)),
            ])),
        ])
    }

    static func diagnostic(_ d: Diagnostic) -> JSONValue {
        var members = [
            JSONMember("file", .string(d.file)),
            JSONMember("line", .int(d.range.start.line)),
            JSONMember("column", .int(d.range.start.column)),
            JSONMember("endLine", .int(d.range.end.line)),
            JSONMember("endColumn", .int(d.range.end.column)),
            JSONMember("severity", .string(d.severity.rawValue)),
            JSONMember("rule", .string(d.rule)),
            JSONMember("message", .string(d.message)),
        ]
        if let help = d.help { members.append(JSONMember("help", .string(help))) }
        return .object(members)
    }
}
