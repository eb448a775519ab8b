import Foundation
import LintCore
@testable import PostgresDryRun

enum Fixtures {
    /// `Tests/Fixtures/dryrun`, located from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        url.deleteLastPathComponent() // PostgresDryRunTests
        url.deleteLastPathComponent() // Tests
        return url.appendingPathComponent("Fixtures/dryrun").path
    }()

    static func file(_ relative: String) throws -> SourceFile {
        let data = try Data(contentsOf: URL(fileURLWithPath: root + "/" + relative))
        return SourceFile(path: relative, bytes: Array(data))
    }

    /// The migrations of a fixture chain, in file-name order. A down is either
    /// a `-- migrate:down` section or a sibling `<name>.down.sql` file.
    static func chain(_ name: String) throws -> [DryRunMigration] {
        let names = try FileManager.default.contentsOfDirectory(atPath: root + "/" + name)
            .filter { $0.hasSuffix(".sql") && !$0.hasSuffix(".down.sql") }
            .sorted()
        return try names.map { fileName in
            let up = try file("\(name)/\(fileName)")
            var migration = DryRunRules.exampleMigration(path: up.path, code: up.text)
            let downName = String(fileName.dropLast(4)) + ".down.sql"
            if FileManager.default.fileExists(atPath: "\(root)/\(name)/\(downName)") {
                let downFile = try file("\(name)/\(downName)")
                migration.down = SQLText.split(downFile)
                migration.downFile = downFile
            }
            return migration
        }
    }

    /// Options that use the shared test server.
    static func options(_ configure: (inout DryRunOptions) -> Void = { _ in }) throws -> DryRunOptions {
        var o = DryRunOptions(databaseURL: try TestServer.shared.get().conninfo, productionDatabaseURL: nil,
                              lockTimeoutMilliseconds: 2_000, statementTimeoutMilliseconds: 20_000)
        configure(&o)
        return o
    }

    static func databaseExists(_ name: String) throws -> Bool {
        let admin = try TestServer.shared.admin()
        defer { admin.close() }
        return try admin.query("SELECT 1 FROM pg_database WHERE datname = \(PGConnection.literal(name))").count == 1
    }
}
