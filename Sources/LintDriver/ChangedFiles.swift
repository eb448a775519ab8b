import Foundation
import LintCore
import Migrations

/// Files changed in a git work tree: committed since a base, staged, unstaged and untracked.
public enum ChangedFiles {
    public struct GitError: Error, CustomStringConvertible {
        public var description: String
    }

    static func git(_ args: [String], in dir: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git"] + args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { throw GitError(description: "cannot run git: \(error)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let msg = String(decoding: errData, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "failed"
            throw GitError(description: "git \(args.joined(separator: " ")): \(msg)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Absolute paths of files changed against `ref` (default: the merge-base
    /// of HEAD with `main`, else `origin/main`), plus staged, unstaged and
    /// untracked files. Deleted files are left out.
    public static func list(in directory: String, ref: String?) throws -> [String] {
        let top = try git(["rev-parse", "--show-toplevel"], in: directory).trimmingCharacters(in: .whitespacesAndNewlines)
        let base: String
        if let ref {
            base = ref
        } else {
            var found: String? = nil
            for candidate in ["main", "origin/main"] {
                if let b = try? git(["merge-base", "HEAD", candidate], in: directory).trimmingCharacters(in: .whitespacesAndNewlines), !b.isEmpty {
                    found = b
                    break
                }
            }
            guard let f = found else { throw GitError(description: "no merge-base with main or origin/main; name a base with --changed=REF") }
            base = f
        }
        var names = Set<String>()
        for line in try git(["diff", "--name-only", "--diff-filter=d", "-z", base], in: top).split(separator: "\0") { names.insert(String(line)) }
        for line in try git(["diff", "--name-only", "--diff-filter=d", "-z", "--cached"], in: top).split(separator: "\0") { names.insert(String(line)) }
        for line in try git(["ls-files", "--others", "--exclude-standard", "-z"], in: top).split(separator: "\0") { names.insert(String(line)) }
        return names.sorted().map { top + "/" + $0 }.filter { FileIO.exists($0) }
    }

    /// Versions of the migration files that exist at `ref` anywhere under the
    /// repository (for the out-of-order rule: a new file must not sort below them).
    public static func migrationVersions(at ref: String, in directory: String) throws -> [String] {
        let top = try git(["rev-parse", "--show-toplevel"], in: directory).trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try git(["rev-parse", "--verify", "--quiet", ref + "^{commit}"], in: top)
        let names = try git(["ls-tree", "-r", "--name-only", "-z", ref], in: top).split(separator: "\0")
        return names.compactMap { path -> String? in
            guard path.hasSuffix(".sql") else { return nil }
            let base = path.split(separator: "/").last.map(String.init) ?? String(path)
            guard let parsed = MigrationFileName.parse(base), parsed.direction == .up else { return nil }
            return parsed.version
        }
    }
}
