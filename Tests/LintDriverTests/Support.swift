import Foundation
@_exported import TestSupport
import LintConfig
import LintCore
import LintDriver

/// Runs the real engine on a directory holding `files`, checking `target` explicitly.
func runEngine(files: [String: String], target: String, config: String? = nil) throws -> [Diagnostic] {
    let dir = makeTempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    for (path, text) in files { try write(text, to: dir.appendingPathComponent(path)) }
    var configuration = Configuration(root: dir.path)
    if let config {
        let (c, diags) = ConfigurationLoader.parse(SourceFile(path: ".clubos-lint.yaml", text: config), root: dir.path)
        if !diags.isEmpty { return diags }
        configuration = c
    }
    let engine = LintEngine(configuration: configuration, checkers: CheckerRegistry.builtin(configuration: configuration), cwd: dir.path)
    return engine.run(CheckRequest(paths: [target], jobs: 1)).diagnostics
}

/// One line per diagnostic, as in golden `.out` files.
func goldenLines(_ diags: [Diagnostic]) -> String {
    diags.map { "\($0.file):\($0.range.start.line):\($0.range.start.column): \($0.severity.rawValue): \($0.message) [\($0.rule)]\n" }.joined()
}
