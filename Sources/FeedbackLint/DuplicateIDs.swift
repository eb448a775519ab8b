import LintCore
import LintParsers
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `feedback/duplicate-id`: ids used twice across the feedback files of the
/// run and every feedback file under `<root>/feedback` (read from disk).
/// Files are visited in canonical path order and records in file order; the
/// first occurrence wins. Findings are reported only in files of the run, so
/// checking one file gives the same findings for it as checking all of them.
enum DuplicateIDs {
    static let maxFiles = 100_000
    static let maxDepth = 32

    struct FileRef {
        var canonical: String
        var absolute: String
        var inRun: Bool
    }

    static func find(context: CheckContext) -> [Diagnostic] {
        var byCanonical: [String: FileRef] = [:]
        for p in context.filesByKind[.feedback] ?? [] {
            let abs = context.absolutePath(p)
            let canon = FileIO.realPath(abs) ?? abs
            byCanonical[canon] = FileRef(canonical: canon, absolute: abs, inRun: true)
        }
        var walked: [String] = []
        let root = context.root.hasSuffix("/") ? String(context.root.dropLast()) : context.root
        walk(root + "/feedback", depth: 0, into: &walked)
        for abs in walked {
            let canon = FileIO.realPath(abs) ?? abs
            if byCanonical[canon] == nil { byCanonical[canon] = FileRef(canonical: canon, absolute: abs, inRun: false) }
        }
        guard byCanonical.values.contains(where: \.inRun) else { return [] }
        var first: [String: (file: String, position: SourcePosition)] = [:]
        var out: [Diagnostic] = []
        for ref in byCanonical.values.sorted(by: { $0.canonical < $1.canonical }) {
            let shown = relative(ref.absolute, to: context.cwd)
            forEachID(path: ref.absolute, shown: shown) { id, node in
                if let f = first[id] {
                    guard ref.inRun else { return }
                    out.append(FeedbackRules.duplicateID.diagnostic(
                        "id \"\(RecordCheck.clip(id))\" is already used at \(f.file):\(f.position.line):\(f.position.column); give this record a unique id or drop the copy",
                        file: shown, range: node.range))
                } else {
                    first[id] = (shown, node.range.start)
                }
            }
        }
        return out
    }

    /// Calls `body` with each record's string `id` and its node, in file order.
    static func forEachID(path: String, shown: String, _ body: (String, Node) -> Void) {
        func visit(_ record: Node) {
            guard !FeedbackRecords.isLegacy(record), let idNode = record["id"], let id = idNode.stringValue else { return }
            body(id, idNode)
        }
        if FeedbackRecords.isJSONL(path) {
            try? JSONLReader.forEachRecord(path: path, displayPath: shown) { r in
                if let n = r.result.node { visit(n) }
                return true
            }
            return
        }
        guard let bytes = try? FileIO.readBytes(path) else { return }
        let (records, _) = FeedbackRecords.read(SourceFile(path: shown, bytes: bytes))
        for r in records { visit(r) }
    }

    /// `*.json` and `*.jsonl` files under `dir` (bounded depth and count; symlinked directories are not followed).
    static func walk(_ dir: String, depth: Int, into out: inout [String]) {
        guard depth < maxDepth, out.count < maxFiles else { return }
        for name in FileIO.listDirectory(dir) where !name.hasPrefix(".") {
            let path = dir + "/" + name
            var st = stat()
            guard lstat(path, &st) == 0 else { continue }
            let type = st.st_mode & S_IFMT
            if type == S_IFDIR {
                walk(path, depth: depth + 1, into: &out)
            } else if type == S_IFREG || type == S_IFLNK, name.hasSuffix(".json") || FeedbackRecords.isJSONL(name) {
                out.append(path)
                if out.count >= maxFiles { return }
            }
        }
    }

    /// `path` relative to `base` when inside it, else with `../` steps (as the driver shows paths).
    static func relative(_ path: String, to base: String) -> String {
        if base.isEmpty { return path }
        if path == base { return "." }
        let b = base.hasSuffix("/") ? base : base + "/"
        if path.hasPrefix(b) { return String(path.dropFirst(b.count)) }
        let pp = path.split(separator: "/"), bp = base.split(separator: "/")
        var i = 0
        while i < pp.count, i < bp.count, pp[i] == bp[i] { i += 1 }
        let ups = Array(repeating: "..", count: bp.count - i)
        return (ups + pp[i...].map(String.init)).joined(separator: "/")
    }
}
