import Foundation
@_exported import TestSupport

func listFiles(_ dir: URL, prefix: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
        .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }
        .sorted()
}
