import LintCore

/// Human-readable output:
///
///     path:line:col: severity: message [rule]
///     <source line>
///     <gutter>^~~~
///       help: text
///     ...
///     3 errors, 1 warning, 0 infos in 12 files
///
/// The excerpt is shown when the file is in `ReportInput.files` and the line
/// exists. The gutter repeats the tabs of the source line (other characters
/// become one space each, since columns count Unicode scalars) so the caret
/// lines up (a line over 1,000 bytes is cut to 200 characters around the
/// start column, `…` marking the cuts); `^` marks the start column and `~` the rest of the range on that
/// line (to the end of the line for multi-line ranges). Control characters in
/// paths, messages and source lines are shown as U+FFFD so a report cannot
/// drive the terminal. Secret-looking tokens in source lines are masked
/// (`SecretMasking`), so the report never repeats a key a finding points at. With `color`, the severity and caret are coloured and
/// the rule is dim (ANSI SGR codes). With `quiet`, only the header lines of
/// errors are printed, with no summary; a run without errors prints nothing.
public enum TextReporter {
    public static func render(_ input: ReportInput, options: ReportOptions = ReportOptions()) -> String {
        var out = ""
        for d in input.diagnostics {
            if options.quiet && d.severity != .error { continue }
            out.append(header(d, color: options.color))
            out.append("\n")
            if options.quiet { continue }
            if let file = input.files[d.file], d.range.start.line >= 1, d.range.start.line <= file.lineCount {
                let (source, caret) = excerpt(file: file, range: d.range)
                out.append(source)
                out.append("\n")
                if options.color {
                    out.append(caret.gutter)
                    out.append(color(d.severity))
                    out.append(caret.marks)
                    out.append(reset)
                } else {
                    out.append(caret.gutter)
                    out.append(caret.marks)
                }
                out.append("\n")
            }
            if let help = d.help, !help.isEmpty {
                out.append("  help: ")
                out.append(sanitize(help, keepNewlines: true).replacing("\n", with: "\n        "))
                out.append("\n")
            }
        }
        if !options.quiet {
            out.append(summaryLine(input.summary))
            out.append("\n")
        }
        return out
    }

    /// `3 errors, 1 warning, 0 infos in 12 files` or `No problems found in 12 files.`
    public static func summaryLine(_ s: ReportSummary) -> String {
        let files = plural(s.files, "file")
        if s.total == 0 { return "No problems found in \(files)." }
        return "\(plural(s.errors, "error")), \(plural(s.warnings, "warning")), \(plural(s.infos, "info")) in \(files)"
    }

    static func plural(_ n: Int, _ word: String) -> String { n == 1 ? "1 \(word)" : "\(n) \(word)s" }

    static func header(_ d: Diagnostic, color useColor: Bool) -> String {
        let location = "\(sanitize(d.file, keepNewlines: false)):\(d.range.start.line):\(d.range.start.column): "
        let message = sanitize(d.message, keepNewlines: true)
        let rule = sanitize(d.rule, keepNewlines: false)
        if useColor {
            return location + color(d.severity) + d.severity.rawValue + reset + ": " + message + " " + dim + "[\(rule)]" + reset
        }
        return location + d.severity.rawValue + ": " + message + " [\(rule)]"
    }

    /// The sanitized source line and the caret line (gutter, marks) for the
    /// start line of `range`. Columns outside the line are clamped to just past
    /// its last character, so bogus ranges cannot produce huge output.
    static func excerpt(file: SourceFile, range: SourceRange) -> (String, (gutter: String, marks: String)) {
        let window = ExcerptWindow(file: file, line: range.start.line, around: range.start.column)
        let line = Array(sanitize(window.text, keepNewlines: false).unicodeScalars)
        let pastEnd = line.count + 1
        let start = min(window.column(range.start.column), pastEnd)
        let end: Int
        if range.end.line == range.start.line {
            end = min(max(window.column(range.end.column), start), pastEnd)
        } else {
            end = range.end.line > range.start.line ? pastEnd : start
        }
        var gutter = ""
        for i in 0..<(start - 1) { gutter.append(line[i] == "\t" ? "\t" : " ") }
        let width = max(1, end - start)
        let marks = "^" + String(repeating: "~", count: width - 1)
        var source = ""
        source.unicodeScalars.append(contentsOf: line)
        return (source, (gutter, marks))
    }

    /// Replaces control characters (C0 except tab and, when kept, LF; DEL; C1)
    /// with U+FFFD, one for one, so column counts are preserved.
    static func sanitize(_ s: String, keepNewlines: Bool) -> String {
        var needs = false
        for u in s.unicodeScalars where isControl(u, keepNewlines: keepNewlines) { needs = true; break }
        guard needs else { return s }
        var out = ""
        for u in s.unicodeScalars {
            out.unicodeScalars.append(isControl(u, keepNewlines: keepNewlines) ? "\u{FFFD}" : u)
        }
        return out
    }

    private static func isControl(_ u: Unicode.Scalar, keepNewlines: Bool) -> Bool {
        switch u.value {
        case 0x09: false
        case 0x0A: !keepNewlines
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }

    static let reset = "\u{1B}[0m"
    static let dim = "\u{1B}[2m"
    static func color(_ s: Severity) -> String {
        switch s {
        case .error: "\u{1B}[1;31m"
        case .warning: "\u{1B}[1;33m"
        case .info: "\u{1B}[1;36m"
        }
    }
}
