import LintCore
import LintParsers

/// The table of action runtimes loaded from `rules/action-runtimes.yaml`.
public struct ActionRuntimes: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        /// Major version → runtime (`node12`, `node16`, `node20`, `node24`).
        public var majors: [Int: String]
        /// Majors lower than this are rejected by GitHub.
        public var removedBelow: Int?
        public var removedOn: String?
    }

    /// `owner/repo[/path]` (lowercased) → entry.
    public var actions: [String: Entry]
    /// The date GitHub runs node20 actions on node24.
    public var node20ForcedOn: String

    /// The relative path of the data file in a repository.
    public static let relativePath = "rules/action-runtimes.yaml"

    /// Parses the data file; returns nil when it is not a valid table.
    public static func parse(_ file: SourceFile) -> ActionRuntimes? {
        let loaded = YAMLLoader.load(file)
        guard !loaded.hasErrors, let root = loaded.document, let actions = root["actions"]?.entries else { return nil }
        var table: [String: Entry] = [:]
        for e in actions {
            guard let majors = e.value["majors"]?.entries else { continue }
            var m: [Int: String] = [:]
            for me in majors {
                if let k = Int(me.keyText), let v = me.value.scalarText { m[k] = v }
            }
            let below = e.value["removed-below"]?.scalarText.flatMap { Int($0) }
            table[e.keyText.lowercased()] = Entry(majors: m, removedBelow: below, removedOn: e.value["removed-on"]?.scalarText)
        }
        return ActionRuntimes(actions: table, node20ForcedOn: root["node20-forced-to-node24-on"]?.scalarText ?? "2026-06-02")
    }

    /// The embedded copy of the data file.
    public static let embedded: ActionRuntimes =
        parse(SourceFile(path: relativePath, text: EmbeddedActionRuntimes.text))
        ?? ActionRuntimes(actions: [:], node20ForcedOn: "2026-06-02")

    /// The table at `path`, or the embedded copy when the file is absent or invalid.
    public static func load(path: String) -> ActionRuntimes {
        guard let bytes = try? FileIO.readBytes(path) else { return embedded }
        return parse(SourceFile(path: path, bytes: bytes)) ?? embedded
    }
}
