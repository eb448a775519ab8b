import Foundation

/// The only place this module touches the file system.
enum FileManagerShim {
    /// The bytes of a regular file, or nil (missing, a directory, unreadable).
    static func contents(_ path: String) -> [UInt8]? {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return [UInt8](data)
    }

    static func isFile(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && !isDir.boolValue
    }

    /// Regular files under `dir` (recursive) whose names end with one of `suffixes`, as full paths, sorted.
    static func files(under dir: String, suffixes: [String], limit: Int = 10_000) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: dir) else { return [] }
        var out: [String] = []
        while let rel = e.nextObject() as? String {
            guard suffixes.contains(where: { rel.hasSuffix($0) }) else { continue }
            let full = dir.hasSuffix("/") ? dir + rel : dir + "/" + rel
            if isFile(full) { out.append(full) }
            if out.count >= limit { break }
        }
        return out.sorted()
    }

    /// The path with symlinks resolved and `.`/`..` removed, to compare files.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// `inRun` plus the files found under `dir`, one path per file (paths of
    /// the run win over the same file found on disk).
    static func merge(inRun: [String], under dir: String?, suffixes: [String]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for p in inRun + (dir.map { files(under: $0, suffixes: suffixes) } ?? []) where seen.insert(canonical(p)).inserted {
            out.append(p)
        }
        return out.sorted()
    }
}
