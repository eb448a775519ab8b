import LintCore

/// Cross-file checks that read the sibling files from disk under the root,
/// so a run over one file reports the same finding as a run over all.
enum DuplicatePrompts {
    static func normalizedBody(_ file: SourceFile) -> (text: String, start: Int) {
        let start = PromptFiles.bodyStart(file).body
        var i = start
        while i < file.bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(file.bytes[i]) { i += 1 }
        let words = file.slice(start, file.bytes.count).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        return (words.joined(separator: " "), i)
    }

    static func standardRoot(_ root: String) -> String {
        var r = root
        while r.count > 1, r.hasSuffix("/") { r.removeLast() }
        return r
    }

    static func relative(_ path: String, root: String) -> String {
        let r = standardRoot(root)
        if path.hasPrefix(r + "/") { return String(path.dropFirst(r.count + 1)) }
        return path
    }

    static func find(context: CheckContext) -> [Diagnostic] {
        let root = standardRoot(context.root)
        let inRun = context.filesByKind[.prompt] ?? []
        let all = FileManagerShim.merge(inRun: inRun, under: root.isEmpty ? nil : PromptFiles.join(root, "prompts"), suffixes: [".prompt", ".md"])
        var groups: [String: [(path: String, file: SourceFile, start: Int)]] = [:]
        for path in all {
            guard let bytes = FileManagerShim.contents(path) else { continue }
            let file = SourceFile(path: path, bytes: bytes)
            let (text, start) = normalizedBody(file)
            guard text.count >= 20 else { continue }
            groups[text, default: []].append((path, file, start))
        }
        let reportOn = Set(inRun.isEmpty ? all : inRun)
        var out: [Diagnostic] = []
        for (_, members) in groups where members.count > 1 {
            for m in members where reportOn.contains(m.path) {
                let others = members.filter { $0.path != m.path }.map { relative($0.path, root: root) }
                out.append(PromptRules.duplicatePrompt.diagnostic(
                    "this prompt's body is the same as \(others.joined(separator: ", ")) (ignoring whitespace); keep one copy (shared text belongs in a partial) or make them differ",
                    file: m.path, range: m.file.range(ofBytes: m.start, m.start)))
            }
        }
        return out.sorted(by: Diagnostic.sortOrder)
    }
}
