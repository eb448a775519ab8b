import LintCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Path helpers (Foundation-free, `/` separators).
public enum Paths {
    public static func currentDirectory() -> String {
        guard let p = getcwd(nil, 0) else { return "." }
        defer { free(p) }
        return String(cString: p)
    }

    public static func join(_ a: String, _ b: String) -> String {
        if b.hasPrefix("/") { return b }
        if a.isEmpty || a == "." { return b }
        return a.hasSuffix("/") ? a + b : a + "/" + b
    }

    /// Lexically normalised absolute path.
    public static func absolute(_ path: String, cwd: String = currentDirectory()) -> String {
        normalize(path.hasPrefix("/") ? path : join(cwd, path))
    }

    public static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for p in path.split(separator: "/", omittingEmptySubsequences: true) {
            if p == "." { continue }
            if p == "..", !parts.isEmpty { parts.removeLast(); continue }
            parts.append(p)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `path` relative to `base` when inside it, else `path` unchanged.
    public static func relative(_ path: String, to base: String) -> String {
        if path == base { return "." }
        let b = base.hasSuffix("/") ? base : base + "/"
        if path.hasPrefix(b) { return String(path.dropFirst(b.count)) }
        // Outside: walk up with ../
        let pp = path.split(separator: "/"), bp = base.split(separator: "/")
        var i = 0
        while i < pp.count, i < bp.count, pp[i] == bp[i] { i += 1 }
        let ups = Array(repeating: "..", count: bp.count - i)
        return (ups + pp[i...].map(String.init)).joined(separator: "/")
    }

    public static func basename(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    public static func dirname(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[path.startIndex..<slash])
    }

    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    public static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    /// Directory entries (names), sorted; empty on error.
    public static func list(_ dir: String) -> [String] { FileIO.listDirectory(dir) }
}

/// Walks directories: skips `.git`, `.build`, `.build-*`, `node_modules`,
/// never follows symlinked directories (no loops), yields regular files.
public enum FileWalker {
    public static let skippedDirectories: Set<String> = [".git", ".build", "node_modules", ".swiftpm"]

    public static func isSkipped(_ name: String) -> Bool {
        skippedDirectories.contains(name) || name.hasPrefix(".build-") || name.hasPrefix(".build_")
    }

    /// Calls `visit` for each file; `unreadable(directory, reason)` for each
    /// directory that exists but cannot be listed (e.g. no permission).
    public static func walk(_ root: String, unreadable: (String, String) -> Void = { _, _ in }, _ visit: (String) -> Void) {
        var stack = [root]
        while let dir = stack.popLast() {
            let names: [String]
            do { names = try FileIO.listDirectoryOrThrow(dir) } catch {
                if case FileError.cannotRead(_, let reason) = error { unreadable(dir, reason) }
                continue
            }
            for name in names.reversed() {
                let path = Paths.join(dir, name)
                var st = stat()
                guard lstat(path, &st) == 0 else { continue }
                let type = st.st_mode & S_IFMT
                if type == S_IFDIR {
                    if !isSkipped(name) { stack.append(path) }
                } else if type == S_IFREG {
                    visit(path)
                } else if type == S_IFLNK {
                    // Follow links to files, never to directories.
                    var target = stat()
                    if stat(path, &target) == 0, (target.st_mode & S_IFMT) == S_IFREG { visit(path) }
                }
            }
        }
    }
}
