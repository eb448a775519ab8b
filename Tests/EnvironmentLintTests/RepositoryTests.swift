import Foundation
import LintCore
import Testing
@testable import EnvironmentLint

@Suite struct RepositoryTests {
    /// This repository's own config/environments.ts and .env.example give no findings.
    @Test func repositoryEnvironmentFilesAreClean() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        for rel in ["config/environments.ts", ".env.example"] {
            let text = try String(contentsOf: repoRoot.appendingPathComponent(rel), encoding: .utf8)
            try write(text, to: dir.appendingPathComponent(rel))
        }
        let diags = try runChecker(on: dir)
        #expect(diags.map(format) == [])
    }
}
