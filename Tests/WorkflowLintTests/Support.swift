import Foundation
@_exported import TestSupport
import LintCore
import LintParsers
@testable import WorkflowLint

/// The real action runtimes table of the repository.
let runtimesPath = repoRoot.appendingPathComponent("rules/action-runtimes.yaml").path

/// Runs the checker on `text` as `path`, with `root` as the repository root.
func check(_ text: String, path: String = ".github/workflows/ci.yml", root: String = "/nonexistent", settings: String? = nil) -> [Diagnostic] {
    var settingsNode: Node?
    if let settings {
        settingsNode = YAMLLoader.load(SourceFile(path: "settings.yaml", text: settings)).document
    }
    let checker = WorkflowChecker(runtimesPath: runtimesPath)
    let context = CheckContext(root: root, settings: settingsNode)
    return checker.check(SourceFile(path: path, text: text), context: context).sorted(by: Diagnostic.sortOrder)
}

/// One line per finding: `path:line:col: severity: message [rule]`.
func render(_ diags: [Diagnostic]) -> String {
    diags.map { "\($0.file):\($0.range.start.line):\($0.range.start.column): \($0.severity.rawValue): \($0.message) [\($0.rule)]\n" }.joined()
}

/// A fresh temporary directory holding `files`.
func makeTree(_ files: [String: String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("workflow-lint-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (path, text) in files {
        let url = dir.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
    return dir
}
