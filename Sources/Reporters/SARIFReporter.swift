import LintCore

/// SARIF 2.1.0 output (pretty-printed, deterministic).
///
/// One run; `tool.driver.rules` holds every rule that ran (from
/// `ReportInput.checks`) or was reported, sorted by id, and `ruleIndex`
/// points into it. Rule metadata comes from the catalog: `name` is the part
/// of the id after `/` in UpperCamelCase, `shortDescription` the summary,
/// `fullDescription` the summary and rationale, `help` the help text (or the
/// summary). A reported rule missing from the catalog gets its id as the
/// short description. Columns are Unicode scalars, so the run sets
/// `columnKind: unicodeCodePoints`; regions are half-open like ours
/// (`endColumn` is the column after the last character).
///
/// Artifact URIs are relative to `%SRCROOT%`: backslashes become `/`, a
/// leading `./` is dropped, an absolute path under `ReportOptions.sourceRoot`
/// is made relative, and every byte outside `A–Z a–z 0–9 - . _ ~ /` is
/// percent-encoded (UTF-8). An absolute path outside the root becomes a
/// `file://` URI without `uriBaseId`.
///
/// `partialFingerprints.primaryLocationLineHash` is `HEX:N`: HEX is the
/// 64-bit FNV-1a hash (16 lowercase hex digits) of the UTF-8 text of the
/// diagnostic's start line with leading and trailing whitespace removed (or,
/// when the source is not available, of the message); N counts, from 1, the
/// diagnostics of the same file with the same HEX, in report order. It stays
/// stable when lines are inserted above the finding.
public enum SARIFReporter {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    public static func render(_ input: ReportInput, options: ReportOptions = ReportOptions()) -> String {
        JSONWriter.serialize(value(input, options: options), pretty: true) + "\n"
    }

    public static func value(_ input: ReportInput, options: ReportOptions = ReportOptions()) -> JSONValue {
        var ruleIDs = Set(input.checks.map(\.rule))
        for d in input.diagnostics { ruleIDs.insert(d.rule) }
        let sortedIDs = ruleIDs.sorted()
        var index: [String: Int] = [:]
        for (i, id) in sortedIDs.enumerated() { index[id] = i }

        var driver = [
            JSONMember("name", "clubos-lint"),
            JSONMember("version", .string(input.toolVersion)),
        ]
        if let uri = options.informationURI { driver.append(JSONMember("informationUri", .string(uri))) }
        driver.append(JSONMember("rules", .array(sortedIDs.map { rule($0, catalog: input.catalog) })))

        var counters: [String: Int] = [:]
        var results: [JSONValue] = []
        results.reserveCapacity(input.diagnostics.count)
        for d in input.diagnostics {
            let hash = lineHash(d, file: input.files[d.file])
            let key = d.file + "\u{0}" + hash
            let n = (counters[key] ?? 0) + 1
            counters[key] = n
            results.append(result(d, ruleIndex: index[d.rule] ?? 0, fingerprint: "\(hash):\(n)", options: options))
        }

        var run = [JSONMember("tool", .object([JSONMember("driver", .object(driver))]))]
        if let root = options.sourceRoot {
            var uri = fileURI(absolutePath: root)
            if !uri.hasSuffix("/") { uri.append("/") }
            run.append(JSONMember("originalUriBaseIds", .object([
                JSONMember("%SRCROOT%", .object([JSONMember("uri", .string(uri))])),
            ])))
        }
        run.append(JSONMember("columnKind", "unicodeCodePoints"))
        run.append(JSONMember("results", .array(results)))

        return .object([
            JSONMember("$schema", .string(schemaURI)),
            JSONMember("version", "2.1.0"),
            JSONMember("runs", .array([.object(run)])),
        ])
    }

    static func level(_ s: Severity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    static func rule(_ id: String, catalog: RuleCatalog) -> JSONValue {
        let name = ruleName(id)
        guard let r = catalog.rule(id) else {
            return .object([
                JSONMember("id", .string(id)),
                JSONMember("name", .string(name)),
                JSONMember("shortDescription", .object([JSONMember("text", .string(id))])),
            ])
        }
        let full = r.rationale.isEmpty ? r.summary : r.summary + " " + r.rationale
        return .object([
            JSONMember("id", .string(id)),
            JSONMember("name", .string(name)),
            JSONMember("shortDescription", .object([JSONMember("text", .string(r.summary))])),
            JSONMember("fullDescription", .object([JSONMember("text", .string(full))])),
            JSONMember("help", .object([JSONMember("text", .string(r.help ?? r.summary))])),
            JSONMember("defaultConfiguration", .object([JSONMember("level", .string(level(r.defaultSeverity)))])),
        ])
    }

    /// `workflow/missing-timeout` → `MissingTimeout`.
    static func ruleName(_ id: String) -> String {
        let last = id.split(separator: "/").last.map(String.init) ?? id
        var out = ""
        for part in last.split(separator: "-") {
            guard let first = part.first else { continue }
            out.append(first.uppercased())
            out.append(contentsOf: part.dropFirst())
        }
        return out.isEmpty ? id : out
    }

    static func result(_ d: Diagnostic, ruleIndex: Int, fingerprint: String, options: ReportOptions) -> JSONValue {
        let startLine = max(1, d.range.start.line)
        let startColumn = max(1, d.range.start.column)
        var endLine = max(startLine, d.range.end.line)
        var endColumn = max(1, d.range.end.column)
        if endLine == startLine && endColumn < startColumn { endColumn = startColumn }
        if d.range.end.line < d.range.start.line { endLine = startLine; endColumn = startColumn }

        var artifact: [JSONMember]
        let (uri, relative) = artifactURI(d.file, sourceRoot: options.sourceRoot)
        artifact = [JSONMember("uri", .string(uri))]
        if relative { artifact.append(JSONMember("uriBaseId", "%SRCROOT%")) }

        let location: JSONValue = .object([
            JSONMember("physicalLocation", .object([
                JSONMember("artifactLocation", .object(artifact)),
                JSONMember("region", .object([
                    JSONMember("startLine", .int(startLine)),
                    JSONMember("startColumn", .int(startColumn)),
                    JSONMember("endLine", .int(endLine)),
                    JSONMember("endColumn", .int(endColumn)),
                ])),
            ])),
        ])
        return .object([
            JSONMember("ruleId", .string(d.rule)),
            JSONMember("ruleIndex", .int(ruleIndex)),
            JSONMember("level", .string(level(d.severity))),
            JSONMember("message", .object([JSONMember("text", .string(d.message))])),
            JSONMember("locations", .array([location])),
            JSONMember("partialFingerprints", .object([JSONMember("primaryLocationLineHash", .string(fingerprint))])),
        ])
    }

    /// The artifact URI of a diagnostic path and whether it is relative to `%SRCROOT%`.
    static func artifactURI(_ path: String, sourceRoot: String?) -> (String, Bool) {
        var p = path.replacing("\\", with: "/")
        if var root = sourceRoot?.replacing("\\", with: "/"), p.hasPrefix("/") {
            if !root.hasSuffix("/") { root.append("/") }
            if p.hasPrefix(root) { p = String(p.dropFirst(root.count)) }
        }
        if p.hasPrefix("/") { return (fileURI(absolutePath: p), false) }
        while p.hasPrefix("./") { p = String(p.dropFirst(2)) }
        return (percentEncode(p), true)
    }

    static func fileURI(absolutePath: String) -> String {
        let p = absolutePath.replacing("\\", with: "/")
        return "file://" + (p.hasPrefix("/") ? "" : "/") + percentEncode(p)
    }

    /// Percent-encodes every UTF-8 byte except unreserved characters and `/`.
    static func percentEncode(_ s: String) -> String {
        let hex: [Character] = Array("0123456789ABCDEF")
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out.append("%")
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            }
        }
        return out
    }

    /// FNV-1a 64 of the trimmed start line (or the message when the line is unavailable).
    static func lineHash(_ d: Diagnostic, file: SourceFile?) -> String {
        let text: String
        if let file, d.range.start.line >= 1, d.range.start.line <= file.lineCount {
            text = trimmed(file.lineText(d.range.start.line))
        } else {
            text = d.message
        }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func trimmed(_ s: String) -> String {
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
