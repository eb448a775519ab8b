import LintCore

/// Which direction a section of a migration runs in.
public enum MigrationDirection: String, Sendable, Hashable {
    case up, down
}

/// A contiguous part of a migration file that runs in one direction.
public struct MigrationSection: Sendable, Hashable {
    public var direction: MigrationDirection
    /// Byte range of the section's SQL (after its marker line).
    public var range: Range<Int>
    public var statements: [SQLStatement]
    /// False when the section marks itself non-transactional (dbmate `transaction:false`).
    public var transactional: Bool
}

/// One migration file lexed once and cut into up/down sections.
///
/// Markers are line comments at the start of a line: dbmate's
/// `-- migrate:up` / `-- migrate:down` (optionally followed by
/// `transaction:false`), or `-- UP` / `-- DOWN` followed by free text such as
/// `-- DOWN (for rollback)`. A file without markers is entirely `up`, unless
/// its name ends in `.down.sql`. A comment `-- transaction:false` before the
/// first statement marks a marker-less file non-transactional.
public struct MigrationSource: Sendable {
    public var file: SourceFile
    public var tokens: [SQLToken]
    public var lexErrors: [SQLLexError]
    public var sections: [MigrationSection]
    /// True when the file uses section markers.
    public var hasMarkers: Bool
    public var hasUpMarker: Bool
    public var hasDownMarker: Bool

    public init(_ file: SourceFile, runnerWrapsInTransaction: Bool = true) {
        self.file = file
        let lexed = SQLLexer.tokenize(file.bytes)
        tokens = lexed.tokens
        lexErrors = lexed.errors

        var markers: [(direction: MigrationDirection, tokenIndex: Int, transactional: Bool)] = []
        for (idx, t) in tokens.enumerated() where t.kind == .lineComment {
            guard MigrationSource.startsLine(t.start, in: file) else { continue }
            if let m = MigrationSource.marker(t.text) {
                markers.append((m.direction, idx, m.transactional))
            }
        }
        hasMarkers = !markers.isEmpty
        hasUpMarker = markers.contains { $0.direction == .up }
        hasDownMarker = markers.contains { $0.direction == .down }

        let isDownFile = MigrationFileName.isDownFileName(file.path)
        var sections: [MigrationSection] = []
        let n = file.bytes.count
        if markers.isEmpty {
            var transactional = runnerWrapsInTransaction
            for t in tokens {
                if t.kind == .lineComment {
                    if MigrationSource.isNoTransactionDirective(t.text) { transactional = false }
                    continue
                }
                if t.kind == .blockComment { continue }
                break
            }
            let stmts = SQLSplitter.split(tokens: tokens, file: file)
            sections.append(MigrationSection(direction: isDownFile ? .down : .up, range: 0..<n,
                                             statements: stmts, transactional: transactional))
        } else {
            // Statements before the first marker (normally only comments) are linted as up.
            if let first = markers.first {
                let prefix = SQLSplitter.split(tokens: Array(tokens[0..<first.tokenIndex]), file: file)
                if !prefix.isEmpty {
                    sections.append(MigrationSection(direction: .up, range: 0..<tokens[first.tokenIndex].start,
                                                     statements: prefix, transactional: runnerWrapsInTransaction))
                }
            }
            for (k, m) in markers.enumerated() {
                let from = tokens[m.tokenIndex].start
                let to = k + 1 < markers.count ? tokens[markers[k + 1].tokenIndex].start : n
                let lo = m.tokenIndex + 1
                let hi = k + 1 < markers.count ? markers[k + 1].tokenIndex : tokens.count
                let slice = lo < hi ? Array(tokens[lo..<hi]) : []
                sections.append(MigrationSection(direction: m.direction, range: from..<to,
                                                 statements: SQLSplitter.split(tokens: slice, file: file),
                                                 transactional: runnerWrapsInTransaction && m.transactional))
            }
        }
        self.sections = sections
    }

    public var upStatements: [SQLStatement] { sections.filter { $0.direction == .up }.flatMap(\.statements) }

    static func startsLine(_ offset: Int, in file: SourceFile) -> Bool {
        var i = offset - 1
        while i >= 0 {
            let b = file.bytes[i]
            if b == 0x0A || b == 0x0D { return true }
            if b != 0x20 && b != 0x09 { return false }
            i -= 1
        }
        return true
    }

    /// Parses a marker comment: `-- migrate:up [transaction:false]`, `-- migrate:down`, `-- UP …`, `-- DOWN …`.
    static func marker(_ comment: String) -> (direction: MigrationDirection, transactional: Bool)? {
        var body = Substring(comment.dropFirst(2))
        while let f = body.first, f == " " || f == "\t" { body = body.dropFirst() }
        let words = body.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let first = words.first else { return nil }
        let options = words.dropFirst().map { $0.lowercased() }
        let transactional = !options.contains("transaction:false")
        if first == "migrate:up" { return (.up, transactional) }
        if first == "migrate:down" { return (.down, transactional) }
        // `-- UP` / `-- DOWN` in capitals, followed by nothing or free text.
        func isWord(_ w: String) -> Bool {
            guard body.hasPrefix(w) else { return false }
            let rest = body.dropFirst(w.count)
            guard let c = rest.first else { return true }
            return !(c.isLetter || c.isNumber || c == "_" || c == ":")
        }
        if isWord("UP") { return (.up, transactional) }
        if isWord("DOWN") { return (.down, transactional) }
        return nil
    }

    static func isNoTransactionDirective(_ comment: String) -> Bool {
        let body = comment.dropFirst(2).split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
        return body == ["transaction:false"]
    }
}
