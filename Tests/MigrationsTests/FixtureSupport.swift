import Foundation
import LintCore

/// Locates the repository root from this file's path (Tests/MigrationsTests/…).
enum Repo {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func path(_ relative: String) -> String { root + "/" + relative }

    static func list(_ relative: String, suffix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path(relative))) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { relative + "/" + $0 }
    }

    static func bytes(_ relative: String) -> [UInt8] {
        FileManager.default.contents(atPath: path(relative)).map { Array($0) } ?? []
    }

    /// Set `UPDATE_GOLDEN=1` to rewrite golden files instead of comparing.
    static var updating: Bool { ProcessInfo.processInfo.environment["CLUBOS_UPDATE_GOLDEN"] == "1" }

    static func write(_ relative: String, _ text: String) {
        _ = FileManager.default.createFile(atPath: path(relative), contents: Data(text.utf8))
    }
}

extension Diagnostic {
    /// `path:line:col: severity: message [rule]`
    var goldenLine: String { "\(file):\(range.start.line):\(range.start.column): \(severity.rawValue): \(message) [\(rule)]" }
}
