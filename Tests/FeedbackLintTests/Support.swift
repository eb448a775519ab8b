import Foundation
@_exported import TestSupport
import LintCore
import LintParsers
@testable import FeedbackLint

func read(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

/// A fixed clock: 2026-11-29T12:00:00Z.
let fixedNow: Double = 1_795_953_600

/// Checks the given feedback files (relative to `root`) like the driver does,
/// then `finish`; paths in the result are relative to `root`.
func runFeedback(root: URL, files: [String], settings: Node? = nil, checker: FeedbackChecker = FeedbackChecker(now: { fixedNow })) -> [Diagnostic] {
    let rootPath = root.path
    let context = CheckContext(root: rootPath, settings: settings, filesByKind: [.feedback: files.map { rootPath + "/" + $0 }], cwd: rootPath)
    var diags: [Diagnostic] = []
    for f in files {
        let bytes = [UInt8](FileManager.default.contents(atPath: rootPath + "/" + f) ?? Data())
        diags += checker.check(SourceFile(path: f, bytes: bytes), context: context)
    }
    diags += checker.finish(context: context)
    return diags.sorted(by: Diagnostic.sortOrder)
}

/// Every `*.json`/`*.jsonl` under `root/feedback`, relative to `root`, sorted.
func feedbackFiles(under root: URL) -> [String] {
    guard let e = FileManager.default.enumerator(atPath: root.appendingPathComponent("feedback").path) else { return [] }
    var out: [String] = []
    while let rel = e.nextObject() as? String {
        if rel.hasSuffix(".json") || rel.hasSuffix(".jsonl") { out.append("feedback/" + rel) }
    }
    return out.sorted()
}

func render(_ diags: [Diagnostic]) -> String {
    diags.map { "\($0.file):\($0.range.start.line):\($0.range.start.column): \($0.severity.rawValue): \($0.message) [\($0.rule)]\n" }.joined()
}

/// Parses a settings document (YAML) into the `settings:` node.
func settingsNode(_ yaml: String) -> Node? {
    YAMLLoader.load(SourceFile(path: "settings.yaml", text: yaml)).document
}

let okLine = FeedbackRules.okLine
