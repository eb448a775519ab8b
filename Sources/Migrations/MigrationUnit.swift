import LintCore

/// One logical migration of a directory: its up SQL and, when present, its down SQL.
/// This is what a runner or the PostgreSQL dry run executes.
public struct MigrationUnit: Sendable, Hashable {
    public var version: String
    public var name: String
    /// Path of the file holding the up SQL.
    public var upPath: String
    public var upSQL: String
    /// Path of the file holding the down SQL (the same file in the markers layout), if any.
    public var downPath: String?
    public var downSQL: String?
    /// False when the up part marks itself non-transactional or the runner does not wrap files.
    public var upTransactional: Bool
    public var downTransactional: Bool
}

extension MigrationSource {
    /// The source text of all sections running in `direction` (marker comments excluded), or nil if there is none.
    public func text(of direction: MigrationDirection) -> String? {
        let parts = sections.filter { $0.direction == direction }
        guard !parts.isEmpty else { return nil }
        return parts.map { section -> String in
            var start = section.range.lowerBound
            // Skip the marker line itself.
            if hasMarkers, let marker = tokens.first(where: { $0.start == start && $0.kind == .lineComment }),
               MigrationSource.marker(marker.text) != nil {
                start = marker.end
            }
            return file.slice(start, section.range.upperBound)
        }.joined(separator: "\n")
    }
}

extension MigrationDirectory {
    /// The directory's migrations in order, with ups and downs paired according to the layout.
    public func units(settings: MigrationSettings = MigrationSettings()) -> [MigrationUnit] {
        var downs: [String: File] = [:]
        if layout == .paired {
            for f in files {
                guard let p = f.parsed, p.direction == .down else { continue }
                downs[p.normalizedVersion + "\u{0}" + p.name] = f
            }
        }
        var out: [MigrationUnit] = []
        for f in upFiles {
            guard let p = f.parsed else { continue }
            let src = MigrationSource(SourceFile(path: f.path, bytes: f.bytes), runnerWrapsInTransaction: settings.transactional)
            let upTx = src.sections.first { $0.direction == .up }?.transactional ?? settings.transactional
            var unit = MigrationUnit(version: p.version, name: p.name, upPath: f.path, upSQL: src.text(of: .up) ?? "",
                                     downPath: nil, downSQL: nil, upTransactional: upTx, downTransactional: settings.transactional)
            switch layout {
            case .markers:
                if let down = src.text(of: .down) {
                    unit.downPath = f.path
                    unit.downSQL = down
                    unit.downTransactional = src.sections.first { $0.direction == .down }?.transactional ?? settings.transactional
                }
            case .paired:
                if let d = downs[p.normalizedVersion + "\u{0}" + p.name] {
                    let dsrc = MigrationSource(SourceFile(path: d.path, bytes: d.bytes), runnerWrapsInTransaction: settings.transactional)
                    unit.downPath = d.path
                    unit.downSQL = dsrc.file.text
                    unit.downTransactional = dsrc.sections.first?.transactional ?? settings.transactional
                }
            case .upOnly:
                break
            }
            out.append(unit)
        }
        return out
    }
}

extension MigrationChecksums {
    /// Reads the directory at `path` and returns the `migrations.sum` text for it
    /// (what `clubos-lint migrate hash` writes).
    public static func sumText(directoryAt path: String) throws -> String {
        sumText(for: try MigrationDirectory.load(path: path))
    }
}
