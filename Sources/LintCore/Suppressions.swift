/// Inline suppressions, written in each format's comment syntax:
///
///     # clubos-lint-disable-next-line workflow/timeout-minutes, workflow/permissions
///     -- clubos-lint-disable-file migration/drop-table
///     {{! clubos-lint-disable-next-line prompt/unused-input }}
///
/// `disable-next-line` applies to the line after the comment; `disable-file`
/// to the whole file. A rule may be written as `domain/*`. A suppression that
/// matches no finding is itself reported (`lint/unused-suppression`).
public struct Suppression: Sendable, Hashable {
    public enum Scope: Sendable, Hashable {
        case nextLine(Int)
        case file
    }

    public var rules: [String]
    public var scope: Scope
    /// Where the directive is written (for unused-suppression reports).
    public var range: SourceRange

    public func covers(_ d: Diagnostic) -> Bool {
        if case .nextLine(let line) = scope, d.range.start.line != line { return false }
        return rules.contains { r in
            r == d.rule || (r.hasSuffix("/*") && d.rule.hasPrefix(String(r.dropLast())))
        }
    }
}

public enum Suppressions {
    public static let nextLineDirective = "clubos-lint-disable-next-line"
    public static let fileDirective = "clubos-lint-disable-file"

    public static let unusedRule = RuleDescription(
        id: "lint/unused-suppression", kind: .lint, severity: .warning,
        summary: "Reports an inline suppression comment that suppresses no finding.",
        rationale: "A stale suppression hides the next real problem on that line and tells readers a finding exists where none does.",
        help: "Remove the comment, or correct the rule id it names.",
        triggering: [RuleExample("name: ci\n↓# clubos-lint-disable-next-line workflow/no-such-finding\non: push\n", path: "example.yaml")],
        nonTriggering: [RuleExample("name: ci\non: push\n", path: "example.yaml")])

    public static let malformedRule = RuleDescription(
        id: "lint/malformed-suppression", kind: .lint, severity: .warning,
        summary: "Reports a suppression comment that names no rule, or a rule id that is not `domain/name`.",
        rationale: "A suppression without a valid rule id suppresses nothing, so the finding it was meant for still fails the build, or it silently never matched.",
        help: "Write the rule id(s) after the directive, e.g. `# clubos-lint-disable-next-line workflow/timeout-minutes`.",
        triggering: [RuleExample("↓# clubos-lint-disable-next-line\nname: ci\n", path: "example.yaml")],
        nonTriggering: [RuleExample("name: ci # a normal comment\n", path: "example.yaml")])

    /// Finds suppression directives in comments introduced by `markers`
    /// (e.g. `#`, `--`, `//`, `{{!`, `<!--`). Returns suppressions and
    /// diagnostics for malformed directives.
    public static func parse(_ file: SourceFile, commentMarkers markers: [String]) -> ([Suppression], [Diagnostic]) {
        guard !markers.isEmpty else { return ([], []) }
        var out: [Suppression] = []
        var diags: [Diagnostic] = []
        // Cheap pre-check: most files contain no directive at all.
        let needle = Array("clubos-lint-disable-".utf8)
        guard containsBytes(file.bytes, needle) else { return ([], []) }
        for line in 1...file.lineCount {
            let text = file.lineText(line)
            guard text.contains("clubos-lint-disable-") else { continue }
            for directive in [nextLineDirective, fileDirective] {
                guard let r = text.firstRange(of: directive) else { continue }
                let before = text[text.startIndex..<r.lowerBound].trimmingTrailingSpaces
                guard let marker = markers.first(where: { before.hasSuffix($0) }) else { continue }
                let markerStart = before.count - marker.count
                let col = text[text.startIndex..<text.index(text.startIndex, offsetBy: markerStart)].unicodeScalars.count + 1
                var rest = String(text[r.upperBound...])
                for closer in ["}}", "-->", "*/"] {
                    if let c = rest.firstRange(of: closer) { rest = String(rest[rest.startIndex..<c.lowerBound]) }
                }
                // Anything after ` -- ` is a free-text reason.
                if let reason = rest.firstRange(of: " -- ") { rest = String(rest[rest.startIndex..<reason.lowerBound]) }
                let ids = rest.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map(String.init)
                let endCol = text.unicodeScalars.count + 1
                let startPos = SourcePosition(line: line, column: col, offset: file.offset(line: line, column: col))
                let endPos = SourcePosition(line: line, column: endCol, offset: file.lineEndOffset(line))
                let range = SourceRange(start: startPos, end: endPos)
                let bad = ids.filter { !RuleDescription.isValidID($0) && !isDomainWildcard($0) }
                if ids.isEmpty || !bad.isEmpty {
                    let what = ids.isEmpty ? "names no rule" : "has an invalid rule id \"\(bad[0])\""
                    diags.append(malformedRule.diagnostic("suppression comment \(what); it suppresses nothing", file: file.path, range: range))
                    continue
                }
                let scope: Suppression.Scope = directive == fileDirective ? .file : .nextLine(line + 1)
                out.append(Suppression(rules: ids, scope: scope, range: range))
            }
        }
        return (out, diags)
    }

    static func isDomainWildcard(_ s: String) -> Bool {
        s.hasSuffix("/*") && RuleDescription.isValidID(String(s.dropLast()) + "x")
    }

    /// Removes suppressed diagnostics and reports unused suppressions.
    public static func apply(_ suppressions: [Suppression], to diagnostics: [Diagnostic], file: String) -> [Diagnostic] {
        guard !suppressions.isEmpty else { return diagnostics }
        var used = Array(repeating: false, count: suppressions.count)
        var kept: [Diagnostic] = []
        for d in diagnostics {
            var suppressed = false
            for (i, s) in suppressions.enumerated() where s.covers(d) {
                used[i] = true
                suppressed = true
            }
            if !suppressed { kept.append(d) }
        }
        for (i, s) in suppressions.enumerated() where !used[i] {
            kept.append(unusedRule.diagnostic(
                "suppression of \(s.rules.joined(separator: ", ")) matches no finding\(s.scope == .file ? " in this file" : " on the next line")",
                file: file, range: s.range))
        }
        return kept
    }

    static func containsBytes(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let f = needle.first, hay.count >= needle.count else { return false }
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == f {
                var k = 1
                while k < needle.count, hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}

extension StringProtocol {
    var trimmingTrailingSpaces: String {
        var s = String(self)
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
