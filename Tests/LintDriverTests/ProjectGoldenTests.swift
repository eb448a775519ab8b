import Foundation
import Testing

/// Whole-project goldens: each directory under `Tests/Fixtures/environment/` and `Tests/Fixtures/projects/`
/// is a small repository with its own `.clubos-lint.yaml` (which loads the
/// real policy in `rules/`); `check.out` holds the exact text report of
/// `clubos-lint check --color never --fail-on warning` run inside it.
@Suite struct ProjectGoldenTests {
    static let bases = ["Tests/Fixtures/environment", "Tests/Fixtures/projects"]

    static var projects: [String] {
        bases.flatMap { base in
            ((try? FileManager.default.contentsOfDirectory(atPath: repoRoot.appendingPathComponent(base).path)) ?? []).filter { name in
                var isDir: ObjCBool = false
                return FileManager.default.fileExists(atPath: repoRoot.appendingPathComponent(base + "/" + name).path, isDirectory: &isDir) && isDir.boolValue
            }.map { base + "/" + $0 }
        }.sorted()
    }

    @Test(arguments: projects)
    func project(_ name: String) throws {
        let dir = repoRoot.appendingPathComponent(name)
        let r = try runTool(["check", "--color", "never", "--fail-on", "warning"], cwd: dir)
        let outURL = dir.appendingPathComponent("check.out")
        if ProcessInfo.processInfo.environment["CLUBOS_UPDATE_GOLDEN"] == "1" { try Data(r.stdout.utf8).write(to: outURL) }
        let expected = try String(contentsOf: outURL, encoding: .utf8)
        #expect(r.stdout == expected, "\(name): got\n\(r.stdout)\(r.stderr)")
        #expect(r.stderr.isEmpty, "\(r.stderr)")
    }
}
