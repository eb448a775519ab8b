import Foundation

/// Repository root, found from this file's path.
let repoRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The shared conformance suites live beside the repository; tests skip when absent.
let sharedTestsuites: URL = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/testsuites")

func listFiles(_ dir: URL, prefix: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
        .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }
        .sorted()
}
