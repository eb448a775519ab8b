import Foundation
@_exported import TestSupport
import LintCore
@testable import EnvironmentLint

let fixturesRoot = repoRoot.appendingPathComponent("Tests/Fixtures/environment")

/// Whether a path relative to a root is an environment file (the default globs
/// `config/environments.*` and `.env*`).
func isEnvironmentFile(_ rel: String) -> Bool {
    if rel.hasPrefix("config/environments.") && !rel.dropFirst(7).contains("/") { return true }
    return rel.hasPrefix(".env") && !rel.contains("/")
}

/// Runs the checker like the driver does: `check` on every environment file
/// under `dir` (paths relative to `dir`), then `finish`. Paths in the result
/// are relative to `dir`.
func runChecker(on dir: URL, settings: Node? = nil, checker: EnvironmentChecker = EnvironmentChecker()) throws -> [Diagnostic] {
    let root = dir.standardizedFileURL.path
    var rels: [String] = []
    if let e = FileManager.default.enumerator(atPath: root) {
        while let rel = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + rel, isDirectory: &isDir), !isDir.boolValue, isEnvironmentFile(rel) {
                rels.append(rel)
            }
        }
    }
    let context = CheckContext(root: root, settings: settings, filesByKind: [.environment: rels.map { root + "/" + $0 }])
    var out: [Diagnostic] = []
    for rel in rels.sorted() {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/" + rel)))
        out += checker.check(SourceFile(path: rel, bytes: bytes), context: context)
    }
    for var d in checker.finish(context: context) {
        if d.file.hasPrefix(root + "/") { d.file = String(d.file.dropFirst(root.count + 1)) }
        out.append(d)
    }
    return out.sorted(by: Diagnostic.sortOrder)
}

/// Writes `files` into a temporary directory and runs the checker there.
func runChecker(files: [String: String], settings: Node? = nil) throws -> [Diagnostic] {
    let dir = makeTempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    for (path, text) in files { try write(text, to: dir.appendingPathComponent(path)) }
    return try runChecker(on: dir, settings: settings)
}

/// `path:line:col: severity: message [rule]`
func format(_ d: Diagnostic) -> String {
    "\(d.file):\(d.range.start.line):\(d.range.start.column): \(d.severity.rawValue): \(d.message) [\(d.rule)]"
}

/// Parses TypeScript text as `config/environments.ts`.
func parseTS(_ text: String) -> TSConfigDocument {
    TSConfigParser.parse(SourceFile(path: "config/environments.ts", text: text))
}

/// The value of binding `name` (default: the first binding).
func value(_ doc: TSConfigDocument, _ name: String? = nil) -> Node? {
    if let name { return doc.binding(named: name)?.value }
    return doc.bindings.first?.value
}
