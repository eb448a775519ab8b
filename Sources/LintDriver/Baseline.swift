import LintCore

/// A baseline records the findings a repository already has, so that a run
/// with `--baseline FILE` reports only new ones. Entries match by rule, file
/// and a fingerprint of the flagged line's text (not its number), so they
/// survive line shifts. The file is JSON with one entry per line.
public struct BaselineEntry: Sendable, Hashable {
    public var rule: String
    public var file: String
    public var fingerprint: String
    public var message: String
    /// Line of this entry in the baseline file (for stale-entry reports).
    public var line: Int
}

public enum Baseline {
    public static let staleRule = RuleDescription(
        id: "lint/stale-baseline-entry", kind: .lint, severity: .info,
        summary: "Reports a baseline entry that no longer matches any finding.",
        rationale: "A fixed finding left in the baseline would hide the same problem if it came back; keeping the baseline minimal keeps it honest.",
        help: "Run `clubos-lint baseline write FILE` again to drop fixed entries.")

    public static let invalidRule = RuleDescription(
        id: "lint/invalid-baseline", kind: .lint, severity: .error,
        summary: "Reports a baseline file that is not the JSON written by `clubos-lint baseline write`.",
        rationale: "A baseline that cannot be read would silently stop filtering, or hide everything.",
        help: "Regenerate it with `clubos-lint baseline write FILE`.")

    /// FNV-1a 64 of the trimmed text of the diagnostic's first line (or of the message when the source is unknown).
    public static func fingerprint(_ d: Diagnostic, sources: [String: SourceFile]) -> String {
        var text = d.message
        if let f = sources[d.file], d.range.start.line >= 1, d.range.start.line <= f.lineCount {
            text = trimmed(f.lineText(d.range.start.line))
        }
        var h: UInt64 = 0xcbf29ce484222325
        for b in (d.rule + "\u{0}" + text).utf8 {
            h ^= UInt64(b)
            h = h &* 0x100000001b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func trimmed(_ s: String) -> String {
        var sub = Substring(s)
        while let f = sub.first, f == " " || f == "\t" { sub.removeFirst() }
        while let l = sub.last, l == " " || l == "\t" { sub.removeLast() }
        return String(sub)
    }

    /// The baseline file for `diagnostics`.
    public static func render(_ diagnostics: [Diagnostic], sources: [String: SourceFile]) -> String {
        var out = "{\"version\":1,\"entries\":[\n"
        let lines = diagnostics.map { d in
            "{\"rule\":\(Node.jsonEscape(d.rule)),\"file\":\(Node.jsonEscape(d.file)),\"fingerprint\":\"\(fingerprint(d, sources: sources))\",\"message\":\(Node.jsonEscape(d.message))}"
        }
        out += lines.joined(separator: ",\n")
        out += lines.isEmpty ? "]}\n" : "\n]}\n"
        return out
    }

    /// Reads a baseline file written by `render`.
    public static func parse(_ file: SourceFile, parse json: (SourceFile) -> Node?) -> ([BaselineEntry], [Diagnostic]) {
        guard let root = json(file), let version = root["version"], version.scalarText == "1", let entries = root["entries"]?.items else {
            return ([], [invalidRule.diagnostic("\(file.path) is not a clubos-lint baseline (expected {\"version\":1,\"entries\":[…]})", file: file.path, range: .fileStart)])
        }
        var out: [BaselineEntry] = []
        var diags: [Diagnostic] = []
        for e in entries {
            guard let rule = e["rule"]?.stringValue, let f = e["file"]?.stringValue, let fp = e["fingerprint"]?.stringValue else {
                diags.append(invalidRule.diagnostic("baseline entry needs rule, file and fingerprint", file: file.path, range: e.range))
                continue
            }
            out.append(BaselineEntry(rule: rule, file: f, fingerprint: fp, message: e["message"]?.stringValue ?? "", line: e.range.start.line))
        }
        return (out, diags)
    }

    /// Drops diagnostics recorded in the baseline; unmatched entries become info findings.
    public static func apply(_ entries: [BaselineEntry], to diagnostics: [Diagnostic], sources: [String: SourceFile], baselinePath: String, checkedFiles: Set<String>) -> [Diagnostic] {
        struct Key: Hashable { var rule, file, fp: String }
        var remaining: [Key: [BaselineEntry]] = [:]
        for e in entries { remaining[Key(rule: e.rule, file: e.file, fp: e.fingerprint), default: []].append(e) }
        var out: [Diagnostic] = []
        for d in diagnostics {
            let k = Key(rule: d.rule, file: d.file, fp: fingerprint(d, sources: sources))
            if var list = remaining[k], !list.isEmpty {
                list.removeFirst()
                remaining[k] = list
                continue
            }
            out.append(d)
        }
        // Only entries for files this run checked can be judged stale.
        for (_, list) in remaining {
            for e in list where checkedFiles.contains(e.file) {
                let p = SourcePosition(line: e.line, column: 1)
                out.append(staleRule.diagnostic("baseline entry for \(e.rule) in \(e.file) (\"\(e.message)\") matches no finding any more",
                                                file: baselinePath, range: SourceRange(start: p, end: p)))
            }
        }
        return out.sorted(by: Diagnostic.sortOrder)
    }
}
