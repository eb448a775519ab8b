import LintCore
import Foundation

/// A migration file name: `<version>_<name>[.up|.down].sql`.
public struct MigrationFileName: Sendable, Hashable {
    public var fileName: String
    /// The leading digits exactly as written.
    public var version: String
    /// The text after the version and its separator, without the `.up`/`.down` and `.sql` suffixes.
    public var name: String
    public var direction: MigrationDirection
    /// True when the name carries an explicit `.up` or `.down` suffix.
    public var hasDirectionSuffix: Bool

    /// Parses a file name with a numeric prefix and a `.sql` extension; nil otherwise.
    public static func parse(_ fileName: String) -> MigrationFileName? {
        guard fileName.hasSuffix(".sql") else { return nil }
        var stem = String(fileName.dropLast(4))
        var direction = MigrationDirection.up
        var suffix = false
        if stem.hasSuffix(".down") { direction = .down; suffix = true; stem = String(stem.dropLast(5)) }
        else if stem.hasSuffix(".up") { suffix = true; stem = String(stem.dropLast(3)) }
        let digits = stem.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return nil }
        var rest = stem.dropFirst(digits.count)
        if let f = rest.first, f == "_" || f == "-" || f == "." { rest = rest.dropFirst() }
        return MigrationFileName(fileName: fileName, version: String(digits), name: String(rest), direction: direction, hasDirectionSuffix: suffix)
    }

    /// True when the path's file name ends in `.down.sql`.
    public static func isDownFileName(_ path: String) -> Bool {
        baseName(path).hasSuffix(".down.sql")
    }

    /// The version without leading zeros (`"0"` for all zeros); equal values are the same version.
    public var normalizedVersion: String { MigrationVersion.normalize(version) }

    /// True when the name follows `<digits>_<lowercase snake_case>[.up|.down].sql`.
    public var isConventional: Bool {
        guard let f = name.first, f.isASCII, f.isLowercase || f.isNumber else { return false }
        guard fileName.dropFirst(version.count).first == "_" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
    }
}

/// Version ordering: numeric, for any length (compared as digit strings by length, then lexically).
public enum MigrationVersion {
    public static func normalize(_ v: String) -> String {
        let trimmed = v.drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : String(trimmed)
    }

    /// True when version `a` sorts before `b`.
    public static func less(_ a: String, _ b: String) -> Bool {
        let x = normalize(a), y = normalize(b)
        if x.utf8.count != y.utf8.count { return x.utf8.count < y.utf8.count }
        return x < y
    }

    public static func equal(_ a: String, _ b: String) -> Bool { normalize(a) == normalize(b) }
}

func baseName(_ path: String) -> String {
    if let slash = path.lastIndex(of: "/") { return String(path[path.index(after: slash)...]) }
    return path
}

func dirName(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let d = String(path[..<slash])
    return d.isEmpty ? "/" : d
}

func joinPath(_ dir: String, _ name: String) -> String {
    dir == "." ? name : (dir.hasSuffix("/") ? dir + name : dir + "/" + name)
}

/// A migrations directory: its SQL files, ignored entries and detected layout.
public struct MigrationDirectory: Sendable {
    public struct File: Sendable {
        public var fileName: String
        public var parsed: MigrationFileName?
        public var bytes: [UInt8]
        /// The path shown in diagnostics (directory as given + file name).
        public var path: String
    }

    /// Directory path as given (used as the prefix of diagnostic paths).
    public var path: String
    /// `.sql` files, in migration order (version, then file name; unversioned files last by name).
    public var files: [File]
    /// Entries the runner ignores: subfolders and `.skip` files (names).
    public var ignored: [(name: String, isDirectory: Bool)]
    /// Contents of `migrations.sum`, if present.
    public var sumFile: [UInt8]?
    public var layout: MigrationSettings.Layout
    public var layoutWasDetected: Bool

    public static let sumFileName = "migrations.sum"

    /// Builds a directory model from in-memory entries.
    public init(path: String, files: [(name: String, bytes: [UInt8])], subdirectories: [String] = [],
                otherFiles: [String] = [], sumFile: [UInt8]? = nil, layout override: MigrationSettings.Layout? = nil) {
        self.path = path
        self.sumFile = sumFile
        var ignored: [(String, Bool)] = subdirectories.sorted().map { ($0, true) }
        ignored += otherFiles.filter { $0.hasSuffix(".skip") }.sorted().map { ($0, false) }
        self.ignored = ignored
        self.files = files.filter { $0.name.hasSuffix(".sql") }
            .map { File(fileName: $0.name, parsed: MigrationFileName.parse($0.name), bytes: $0.bytes, path: joinPath(path, $0.name)) }
            .sorted(by: MigrationDirectory.order)
        if let override {
            layout = override
            layoutWasDetected = false
        } else {
            layoutWasDetected = true
            if self.files.contains(where: { $0.parsed?.hasDirectionSuffix == true }) {
                layout = .paired
            } else if self.files.contains(where: { MigrationSource(SourceFile(path: $0.path, bytes: $0.bytes)).hasMarkers }) {
                layout = .markers
            } else {
                layout = .upOnly
            }
        }
    }

    /// Reads a directory from disk (top level only).
    public static func load(path: String, layout: MigrationSettings.Layout? = nil, diskPath: String? = nil) throws -> MigrationDirectory {
        let fm = FileManager.default
        let disk = diskPath ?? path
        let names = try fm.contentsOfDirectory(atPath: disk)
        var files: [(String, [UInt8])] = []
        var dirs: [String] = []
        var others: [String] = []
        var sum: [UInt8]? = nil
        for name in names where !name.hasPrefix(".") {
            let full = joinPath(disk, name)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: full, isDirectory: &isDir) else { continue }
            if isDir.boolValue { dirs.append(name); continue }
            if name == sumFileName {
                sum = fm.contents(atPath: full).map { Array($0) }
            } else if name.hasSuffix(".sql") {
                files.append((name, fm.contents(atPath: full).map { Array($0) } ?? []))
            } else {
                others.append(name)
            }
        }
        return MigrationDirectory(path: path, files: files, subdirectories: dirs, otherFiles: others, sumFile: sum, layout: layout)
    }

    static func order(_ a: File, _ b: File) -> Bool {
        switch (a.parsed, b.parsed) {
        case let (x?, y?):
            if !MigrationVersion.equal(x.version, y.version) { return MigrationVersion.less(x.version, y.version) }
            return a.fileName < b.fileName
        case (.some, .none): return true
        case (.none, .some): return false
        case (.none, .none): return a.fileName < b.fileName
        }
    }

    /// Up migrations (files that are not `.down.sql`) with a version, in order.
    public var upFiles: [File] { files.filter { $0.parsed != nil && $0.parsed?.direction == .up } }

    /// Versions of all up migrations, in order.
    public var versions: [String] { upFiles.compactMap { $0.parsed?.version } }
}
