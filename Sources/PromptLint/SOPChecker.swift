import LintCore

/// Checks SOP documents (`sops/<category>/<section>.md`), the files Claude's
/// git-backed SOP changes write.
public struct SOPChecker: Checker {
    public let kind: CheckerKind = .sop

    public init() {}

    public var rules: [RuleDescription] { SOPRules.all }

    public func check(_ file: SourceFile, context: CheckContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let start = SourceRange(file.position(ofByte: 0))
        if SOPChecker.pathParts(file.path, root: context.root) == nil {
            out.append(SOPRules.pathShape.diagnostic(
                "SOP path `\(DuplicatePrompts.relative(file.path, root: context.root))` is not `sops/<kebab-category>/<kebab-section>.md`; move or rename the file",
                file: file.path, range: start))
        }
        let body = PromptFiles.bodyStart(file).body
        let lines = Markdown.lines(file, from: body)
        let content = lines.filter { !Markdown.isBlank($0.text) || $0.inFence || $0.isFence }
        if let first = content.first {
            if Markdown.headingLevel(first.text) != 1 {
                out.append(SOPRules.title.diagnostic(
                    "SOP does not start with a `# ` title; add one line such as `# Bay reset procedure` first",
                    file: file.path, range: file.range(ofBytes: first.start, first.end)))
            } else if content.count == 1 {
                out.append(SOPRules.title.diagnostic(
                    "SOP has a title but no procedure; write the steps under the title",
                    file: file.path, range: file.range(ofBytes: first.start, first.end)))
            }
        } else {
            out.append(SOPRules.title.diagnostic(
                "SOP is empty; write a `# ` title and the procedure, or delete the file",
                file: file.path, range: start))
        }
        for l in lines {
            for (phrase, col) in StubScanner.scan(l.text) {
                let s = l.start + String(String.UnicodeScalarView(Array(l.text.unicodeScalars)[0..<col])).utf8.count
                out.append(SOPRules.stubText.diagnostic(
                    "stub text `\(phrase)` marks an unfinished SOP that Claude would follow; write the real step or remove the placeholder",
                    file: file.path, range: file.range(ofBytes: s, s + phrase.utf8.count)))
            }
        }
        for s in SecretScanner.scan(file.bytes) {
            out.append(SOPRules.secret.diagnostic(
                "\(s.what) `\(SecretScanner.mask(s.text))` in an SOP is read by Claude and kept in git; remove it, rotate it, and keep secrets in the environment",
                file: file.path, range: file.range(ofBytes: s.start, s.end)))
        }
        return out
    }

    public func finish(context: CheckContext) -> [Diagnostic] {
        let root = DuplicatePrompts.standardRoot(context.root)
        let inRun = context.filesByKind[.sop] ?? []
        let all = FileManagerShim.merge(inRun: inRun, under: root.isEmpty ? nil : PromptFiles.join(root, "sops"), suffixes: [".md"])
        var bySection: [String: [(path: String, category: String)]] = [:]
        for p in all {
            guard let parts = SOPChecker.pathParts(p, root: root) else { continue }
            bySection[parts.section, default: []].append((p, parts.category))
        }
        let reportOn = Set(inRun.isEmpty ? all : inRun)
        var out: [Diagnostic] = []
        for (section, members) in bySection where Set(members.map(\.category)).count > 1 {
            for m in members where reportOn.contains(m.path) {
                let others = members.filter { $0.path != m.path }.map { DuplicatePrompts.relative($0.path, root: root) }
                out.append(SOPRules.duplicateSection.diagnostic(
                    "section `\(section)` also exists as \(others.joined(separator: ", ")); Claude cannot tell which one applies, so merge them or give each a distinct name",
                    file: m.path, range: .fileStart))
            }
        }
        return out.sorted(by: Diagnostic.sortOrder)
    }

    /// Category and section of `sops/<category>/<section>.md`, or nil when the shape is wrong.
    static func pathParts(_ path: String, root: String) -> (category: String, section: String)? {
        let rel = DuplicatePrompts.relative(path, root: root)
        let parts = rel.split(separator: "/").map(String.init)
        guard let idx = parts.lastIndex(of: "sops"), parts.count - idx == 3 else { return nil }
        let category = parts[idx + 1]
        let fileName = parts[idx + 2]
        guard fileName.hasSuffix(".md") else { return nil }
        let section = String(fileName.dropLast(3))
        guard isKebabCase(category), isKebabCase(section) else { return nil }
        return (category, section)
    }
}
