import LintCore
import Migrations
import PostgresDryRun

/// Maps a migrations directory (the static model) to the dry run's input.
public enum MigrationDryRunBridge {
    /// Statements that PostgreSQL refuses inside a transaction block; the dry
    /// run runs them alone, outside the migration's transaction.
    static func isNonTransactional(_ s: SQLStatement) -> Bool {
        let k = s.keywords
        guard let first = k.first else { return false }
        switch first {
        case "VACUUM": return true
        case "CREATE", "DROP":
            if k.count > 1, k[1] == "DATABASE" || k[1] == "TABLESPACE" { return true }
            return k.prefix(4).contains("INDEX") && k.contains("CONCURRENTLY")
        case "REINDEX": return k.contains("CONCURRENTLY")
        case "ALTER":
            if k.count > 1, k[1] == "SYSTEM" { return true }
            return k.contains("DETACH") && k.contains("CONCURRENTLY")
        default: return false
        }
    }

    static func statements(_ list: [SQLStatement], transactional: Bool) -> [DryRunStatement] {
        list.map { DryRunStatement(sql: $0.text, startOffset: $0.startOffset, nonTransactional: !transactional || isNonTransactional($0)) }
    }

    /// The migrations of `directory` in order, with their downs.
    public static func migrations(_ directory: MigrationDirectory, settings: MigrationSettings) -> [DryRunMigration] {
        var bytesByPath: [String: [UInt8]] = [:]
        for f in directory.files { bytesByPath[f.path] = f.bytes }
        var out: [DryRunMigration] = []
        for unit in directory.units(settings: settings) {
            guard let upBytes = bytesByPath[unit.upPath] else { continue }
            let upFile = SourceFile(path: unit.upPath, bytes: upBytes)
            let src = MigrationSource(upFile, runnerWrapsInTransaction: settings.transactional)
            let up = src.sections.filter { $0.direction == .up }.flatMap { statements($0.statements, transactional: $0.transactional) }
            var m = DryRunMigration(file: upFile, version: unit.version, name: unit.name, up: up)
            if let downPath = unit.downPath {
                if downPath == unit.upPath {
                    m.down = src.sections.filter { $0.direction == .down }.flatMap { statements($0.statements, transactional: $0.transactional) }
                } else if let downBytes = bytesByPath[downPath] {
                    let downFile = SourceFile(path: downPath, bytes: downBytes)
                    let dsrc = MigrationSource(downFile, runnerWrapsInTransaction: settings.transactional)
                    m.down = dsrc.sections.flatMap { statements($0.statements, transactional: $0.transactional) }
                    m.downFile = downFile
                }
            }
            out.append(m)
        }
        return out
    }
}
