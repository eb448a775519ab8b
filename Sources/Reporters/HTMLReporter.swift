import LintCore

/// A self-contained HTML report for reviewers: no scripts, no network assets,
/// inline CSS only. A summary by kind and rule, then every finding with its
/// source excerpt. Every piece of text is HTML-escaped (and control
/// characters replaced), so injected markup in files or messages is inert.
public enum HTMLReporter {
    public static func render(_ input: ReportInput) -> String {
        let s = input.summary
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>clubos-lint report</title>
        <style>
        body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2327}
        h1{font-size:1.5rem;margin:0 0 .25rem} h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.25rem}
        .meta{color:#666;margin-bottom:1rem} table{border-collapse:collapse;margin:.5rem 0 1rem}
        th,td{border:1px solid #ddd;padding:.25rem .6rem;text-align:left;vertical-align:top} th{background:#f6f7f7}
        td.n{text-align:right;font-variant-numeric:tabular-nums}
        .error{color:#b32d2e;font-weight:600} .warning{color:#996800;font-weight:600} .info{color:#2271b1;font-weight:600}
        .finding{border:1px solid #ddd;border-left:4px solid #ccc;border-radius:4px;margin:.75rem 0;padding:.5rem .75rem}
        .finding.sev-error{border-left-color:#b32d2e} .finding.sev-warning{border-left-color:#dba617} .finding.sev-info{border-left-color:#2271b1}
        .loc{font-family:ui-monospace,SFMono-Regular,Menlo,monospace} code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
        pre{background:#f6f7f7;padding:.5rem;overflow-x:auto;margin:.4rem 0} .rule{color:#666} .help{color:#444}
        mark{background:#ffe08a}
        </style>
        </head>
        <body>
        <h1>clubos-lint report</h1>

        """
        out += "<p class=\"meta\">\(esc(s.total == 0 ? "No problems found" : "\(s.errors) errors, \(s.warnings) warnings, \(s.infos) infos")) in \(s.files) file\(s.files == 1 ? "" : "s") · clubos-lint \(esc(input.toolVersion))\(input.startedAt.isEmpty ? "" : " · " + esc(input.startedAt))</p>\n"

        // Summary by kind.
        var kindOf: [String: String] = [:]
        for c in input.checks { kindOf[c.file] = c.kind.rawValue }
        var byKind: [String: (files: Set<String>, e: Int, w: Int, i: Int)] = [:]
        for c in input.checks { byKind[c.kind.rawValue, default: ([], 0, 0, 0)].files.insert(c.file) }
        for d in input.diagnostics {
            let k = kindOf[d.file] ?? input.catalog.rule(d.rule)?.kind.rawValue ?? "lint"
            var entry = byKind[k, default: ([], 0, 0, 0)]
            entry.files.insert(d.file)
            switch d.severity { case .error: entry.e += 1; case .warning: entry.w += 1; case .info: entry.i += 1 }
            byKind[k] = entry
        }
        out += "<h2>By kind</h2>\n<table><thead><tr><th>Kind</th><th>Files</th><th>Errors</th><th>Warnings</th><th>Infos</th></tr></thead><tbody>\n"
        for k in byKind.keys.sorted() {
            let v = byKind[k]!
            out += "<tr><td>\(esc(k))</td><td class=\"n\">\(v.files.count)</td><td class=\"n\">\(v.e)</td><td class=\"n\">\(v.w)</td><td class=\"n\">\(v.i)</td></tr>\n"
        }
        out += "</tbody></table>\n"

        // Summary by rule.
        var byRule: [String: (Severity, Int)] = [:]
        for d in input.diagnostics {
            let cur = byRule[d.rule]
            byRule[d.rule] = (max(cur?.0 ?? d.severity, d.severity), (cur?.1 ?? 0) + 1)
        }
        if !byRule.isEmpty {
            out += "<h2>By rule</h2>\n<table><thead><tr><th>Rule</th><th>Severity</th><th>Findings</th><th>What it does</th></tr></thead><tbody>\n"
            for r in byRule.keys.sorted() {
                let (sev, n) = byRule[r]!
                out += "<tr><td><code>\(esc(r))</code></td><td class=\"\(sev.rawValue)\">\(sev.rawValue)</td><td class=\"n\">\(n)</td><td>\(esc(input.catalog.rule(r)?.summary ?? ""))</td></tr>\n"
            }
            out += "</tbody></table>\n"
        }

        out += "<h2>Findings</h2>\n"
        if input.diagnostics.isEmpty { out += "<p>No findings.</p>\n" }
        for d in input.diagnostics {
            let p = d.range.start
            out += "<div class=\"finding sev-\(d.severity.rawValue)\">\n"
            out += "<div><span class=\"loc\">\(esc(d.file)):\(p.line):\(p.column)</span> <span class=\"\(d.severity.rawValue)\">\(d.severity.rawValue)</span> \(esc(d.message)) <span class=\"rule\">[\(esc(d.rule))]</span></div>\n"
            if let f = input.files[d.file], p.line >= 1, p.line <= f.lineCount {
                out += "<pre>" + excerpt(f, d.range) + "</pre>\n"
            }
            if let help = d.help, !help.isEmpty { out += "<div class=\"help\">Help: \(esc(help))</div>\n" }
            out += "</div>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }

    /// Up to one line of context before and after, with the flagged span
    /// marked and secret-looking tokens masked (`SecretMasking`); long lines
    /// are cut around the flagged column (`ExcerptWindow`).
    static func excerpt(_ f: SourceFile, _ r: SourceRange) -> String {
        var out = ""
        let line = r.start.line
        for l in max(1, line - 1)...min(f.lineCount, line + 1) {
            let window = ExcerptWindow(file: f, line: l, around: l == line ? r.start.column : 1)
            let text = Array(window.text.unicodeScalars)
            let num = String(l)
            out += String(repeating: " ", count: max(0, 5 - num.count)) + num + " │ "
            if l == line {
                let start = max(0, min(text.count, window.column(r.start.column) - 1))
                let end = r.end.line == line ? max(start, min(text.count, window.column(r.end.column) - 1)) : text.count
                let markEnd = end == start ? min(text.count, start + 1) : end
                out += esc(String(String.UnicodeScalarView(text[0..<start])))
                out += "<mark>" + esc(String(String.UnicodeScalarView(text[start..<markEnd]))) + "</mark>"
                out += esc(String(String.UnicodeScalarView(text[markEnd...])))
            } else {
                out += esc(String(String.UnicodeScalarView(text[...])))
            }
            out += "\n"
        }
        return out
    }

    /// HTML-escapes text and replaces characters that are not allowed in HTML.
    public static func esc(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0xFFFE || u.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }
}
