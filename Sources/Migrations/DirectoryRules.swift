import LintCore

/// Rules over the migrations directory as a whole.
public enum DirectoryRules {
    static func dirEx(_ code: String, _ path: String) -> RuleExample { RuleExample(code, path: path) }

    public static let fileNaming = RuleDescription(
        id: "migration/file-naming", kind: .migration, severity: .warning,
        summary: "Reports migration files not named <version>_<snake_case_name>.sql (or .up.sql/.down.sql).",
        rationale: "The runner orders and records migrations by the numeric prefix; a file without one is never run or is run in an unexpected order.",
        help: "Rename the file to <version>_<lowercase_name>.sql, e.g. 007_add_feedback_reason.sql.")
    public static let duplicateVersion = RuleDescription(
        id: "migration/duplicate-version", kind: .migration, severity: .error,
        summary: "Reports two migrations with the same version number.",
        rationale: "The runner records applied versions; the second file with an already-recorded version is silently skipped, so its schema changes never reach production.",
        help: "Renumber the newer migration to a version above the current highest one.")
    public static let orphanDown = RuleDescription(
        id: "migration/orphan-down", kind: .migration, severity: .warning,
        summary: "Reports a .down.sql file without a matching up migration.",
        rationale: "A down file whose up file was renamed or deleted is never run and usually means the pair drifted apart.",
        help: "Rename the down file to match its up migration, or delete it.")
    public static let missingDown = RuleDescription(
        id: "migration/missing-down", kind: .migration, severity: .warning,
        summary: "Reports an up migration without a down migration when the directory's layout expects one.",
        rationale: "Without a down migration a bad deploy cannot be rolled back, and CI cannot check that up/down/up round-trips.",
        help: "Add the matching .down.sql file (paired layout) or a `-- migrate:down` section (markers layout) that fully undoes the up.")
    public static let outOfOrder = RuleDescription(
        id: "migration/out-of-order", kind: .migration, severity: .error,
        summary: "Reports a new migration whose version is lower than the newest migration on the base branch.",
        rationale: "Databases that already applied the base branch's newer migrations skip (or apply out of order) a migration numbered below them.",
        help: "Renumber the new migration above the newest version on the base branch.")
    public static let ignoredFile = RuleDescription(
        id: "migration/ignored-file", kind: .migration, severity: .info,
        summary: "Reports subfolders and .skip files in the migrations directory, which the runner ignores.",
        rationale: "SQL placed there never runs, which is easy to miss in review.",
        help: "Move the migration to the top level of the directory, or delete it if it is obsolete.")

    public static let all: [RuleDescription] = [fileNaming, duplicateVersion, orphanDown, missingDown, outOfOrder, ignoredFile]

    /// Directory findings. `baseVersions`: versions present on the base branch (for out-of-order), if known.
    public static func check(_ dir: MigrationDirectory, baseVersions: [String]? = nil) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let start = SourceRange.fileStart
        for entry in dir.ignored {
            let what = entry.isDirectory ? "subfolder '\(entry.name)/'" : "file '\(entry.name)'"
            out.append(ignoredFile.diagnostic(
                "\(what) is ignored by the migration runner; move its migrations to the top level or delete it",
                file: joinPath(dir.path, entry.name), range: start))
        }
        for f in dir.files {
            guard let p = f.parsed else {
                out.append(fileNaming.diagnostic(
                    "'\(f.fileName)' has no numeric version prefix, so the runner cannot order it; rename it to <version>_<name>.sql",
                    file: f.path, range: start))
                continue
            }
            if !p.isConventional {
                out.append(fileNaming.diagnostic(
                    "'\(f.fileName)' does not follow <version>_<lowercase_snake_case>.sql; rename it (e.g. \(p.version)_\(suggestedName(p.name)).sql)",
                    file: f.path, range: start))
            }
            if dir.layout != .paired, p.hasDirectionSuffix {
                out.append(fileNaming.diagnostic(
                    "'\(f.fileName)' has a .\(p.direction.rawValue).sql suffix but the directory uses the \(dir.layout.rawValue) layout; rename it or switch the layout",
                    file: f.path, range: start))
            }
        }
        // Duplicate versions among up migrations.
        var firstByVersion: [String: MigrationDirectory.File] = [:]
        for f in dir.upFiles {
            guard let p = f.parsed else { continue }
            if let first = firstByVersion[p.normalizedVersion] {
                out.append(duplicateVersion.diagnostic(
                    "version \(p.version) is used by both '\(first.fileName)' and '\(f.fileName)'; the runner applies one and silently skips the other — renumber '\(f.fileName)'",
                    file: f.path, range: start))
            } else {
                firstByVersion[p.normalizedVersion] = f
            }
        }
        // Pairs.
        switch dir.layout {
        case .paired:
            func key(_ p: MigrationFileName) -> String { p.normalizedVersion + "\u{0}" + p.name }
            let ups = Set(dir.files.compactMap { f in f.parsed.flatMap { $0.direction == .up ? key($0) : nil } })
            let downs = Set(dir.files.compactMap { f in f.parsed.flatMap { $0.direction == .down ? key($0) : nil } })
            for f in dir.files {
                guard let p = f.parsed else { continue }
                if p.direction == .down, !ups.contains(key(p)) {
                    out.append(orphanDown.diagnostic(
                        "'\(f.fileName)' has no matching up migration ('\(p.version)_\(p.name).up.sql' or '\(p.version)_\(p.name).sql'); rename it to match its up file or delete it",
                        file: f.path, range: start))
                } else if p.direction == .up, !downs.contains(key(p)) {
                    out.append(missingDown.diagnostic(
                        "'\(f.fileName)' has no down migration; add '\(p.version)_\(p.name).down.sql' that undoes it",
                        file: f.path, range: start))
                }
            }
        case .markers:
            for f in dir.upFiles {
                let src = MigrationSource(SourceFile(path: f.path, bytes: f.bytes))
                if !src.hasDownMarker {
                    out.append(missingDown.diagnostic(
                        "'\(f.fileName)' has no down section; add a `-- migrate:down` section that undoes the up",
                        file: f.path, range: start))
                }
            }
        case .upOnly:
            break
        }
        if let base = baseVersions, let newest = base.max(by: MigrationVersion.less) {
            let known = Set(base.map(MigrationVersion.normalize))
            for f in dir.upFiles {
                guard let p = f.parsed, !known.contains(p.normalizedVersion), MigrationVersion.less(p.version, newest) else { continue }
                out.append(outOfOrder.diagnostic(
                    "new migration version \(p.version) is lower than the newest version on the base branch (\(newest)); renumber it above \(newest)",
                    file: f.path, range: start))
            }
        }
        return out
    }

    static func suggestedName(_ name: String) -> String {
        var out = ""
        for c in name {
            if c.isASCII, c.isLetter || c.isNumber { out += c.lowercased() } else if !out.hasSuffix("_") { out += "_" }
        }
        while out.hasSuffix("_") { out.removeLast() }
        return out.isEmpty ? "migration" : out
    }
}
