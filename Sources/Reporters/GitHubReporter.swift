import LintCore

/// GitHub Actions workflow commands, one line per diagnostic:
///
///     ::error file=PATH,line=L,endLine=EL,col=C,endColumn=EC,title=RULE::MESSAGE
///
/// `warning` → `::warning`, `info` → `::notice`. Escaping follows
/// `@actions/core` (`escapeData` / `escapeProperty`).
public enum GitHubReporter {
    public static func render(_ input: ReportInput) -> String {
        var out = ""
        for d in input.diagnostics {
            out.append(command(d))
            out.append("\n")
        }
        return out
    }

    public static func command(_ d: Diagnostic) -> String {
        let name: String
        switch d.severity {
        case .error: name = "error"
        case .warning: name = "warning"
        case .info: name = "notice"
        }
        let props = [
            "file=" + escapeProperty(d.file),
            "line=\(d.range.start.line)",
            "endLine=\(d.range.end.line)",
            "col=\(d.range.start.column)",
            "endColumn=\(d.range.end.column)",
            "title=" + escapeProperty(d.rule),
        ]
        return "::\(name) \(props.joined(separator: ","))::\(escapeData(d.message))"
    }

    /// `%` → `%25`, CR → `%0D`, LF → `%0A`.
    public static func escapeData(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "%": out.append("%25")
            case "\r": out.append("%0D")
            case "\n": out.append("%0A")
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// `escapeData` plus `:` → `%3A` and `,` → `%2C`.
    public static func escapeProperty(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "%": out.append("%25")
            case "\r": out.append("%0D")
            case "\n": out.append("%0A")
            case ":": out.append("%3A")
            case ",": out.append("%2C")
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
