import LintCore

/// `migrations/migrations.sum`: a chained SHA-256 over the migration files, in
/// the spirit of Atlas's `atlas.sum`, insensitive to line endings.
///
/// Format (UTF-8, LF line endings):
///
///     h1:<base64 SHA-256 of all following lines, each terminated by "\n">
///     <file name> h1:<base64 c_1>
///     <file name> h1:<base64 c_2>
///     …
///
/// Files are every top-level `*.sql` file of the directory (ups and downs) in
/// migration order: numeric version, then file name; unversioned files last.
/// The chain is `c_0 = ""` and `c_i = SHA-256(c_{i-1} ‖ name_i ‖ "\n" ‖ content_i)`,
/// where `content_i` has CRLF and lone CR normalised to LF. Because each entry
/// includes the previous digest, reordering or inserting files changes every
/// later entry, yet each entry can be verified on its own against the previous
/// recorded digest, so every edited file is named individually.
public enum MigrationChecksums {
    public static let checksumMismatch = RuleDescription(
        id: "migration/checksum-mismatch", kind: .migration, severity: .error,
        summary: "Reports migration files whose content no longer matches migrations.sum, and a tampered or malformed migrations.sum.",
        rationale: "Editing a migration that was already applied changes nothing in databases that ran it, so environments silently drift apart.",
        help: "Revert the edit and put the change in a new migration; regenerate the sum (`clubos-lint migrate hash`) only for migrations never applied anywhere.")
    public static let checksumMissing = RuleDescription(
        id: "migration/checksum-missing", kind: .migration, severity: .warning,
        summary: "Reports migration files not yet recorded in migrations.sum.",
        rationale: "An unrecorded migration is not protected against later edits.",
        help: "Run `clubos-lint migrate hash` and commit the updated migrations.sum.")
    public static let checksumOrphanEntry = RuleDescription(
        id: "migration/checksum-orphan-entry", kind: .migration, severity: .error,
        summary: "Reports migrations.sum entries for files that no longer exist.",
        rationale: "Deleting an applied migration leaves databases with schema no migration describes, and fresh databases without it.",
        help: "Restore the deleted migration; undo its effect with a new migration instead of deleting it.")

    public static let all: [RuleDescription] = [checksumMismatch, checksumMissing, checksumOrphanEntry]

    /// Content with CRLF and lone CR replaced by LF.
    public static func normalizeLineEndings(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(0x0D) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D {
                out.append(0x0A)
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
            } else {
                out.append(bytes[i])
            }
            i += 1
        }
        return out
    }

    /// One chain step.
    public static func chain(previous: [UInt8], name: String, content: [UInt8]) -> [UInt8] {
        var h = SHA256()
        h.update(previous)
        h.update(name.utf8)
        h.update([0x0A])
        h.update(normalizeLineEndings(content))
        return h.finalize()
    }

    /// The sum file text for files given in order.
    public static func sumText(files: [(name: String, bytes: [UInt8])]) -> String {
        var previous: [UInt8] = []
        var body = ""
        for f in files {
            previous = chain(previous: previous, name: f.name, content: f.bytes)
            body += "\(f.name) h1:\(Base64.encode(previous))\n"
        }
        return "h1:\(Base64.encode(SHA256.hash(body.utf8)))\n" + body
    }

    /// The sum file text for a directory.
    public static func sumText(for dir: MigrationDirectory) -> String {
        sumText(files: dir.files.map { ($0.fileName, $0.bytes) })
    }

    /// Compares the directory with its `migrations.sum`. Returns no findings when there is no sum file.
    public static func verify(_ dir: MigrationDirectory) -> [Diagnostic] {
        guard let sumBytes = dir.sumFile else { return [] }
        let sumPath = joinPath(dir.path, MigrationDirectory.sumFileName)
        let sumFile = SourceFile(path: sumPath, bytes: normalizeLineEndings(sumBytes))
        var out: [Diagnostic] = []
        let lines = sumFile.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func lineRange(_ n: Int) -> SourceRange { sumFile.range(ofBytes: sumFile.offset(line: n, column: 1), sumFile.lineEndOffset(n)) }

        guard let header = lines.first, header.hasPrefix("h1:") else {
            out.append(checksumMismatch.diagnostic(
                "migrations.sum is malformed: the first line must be h1:<base64>; restore it from version control or regenerate it with `clubos-lint migrate hash`",
                file: sumPath, range: lineRange(1)))
            return out
        }
        var entries: [(name: String, digest: String, line: Int)] = []
        var body = ""
        for (k, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            body += line + "\n"
            guard let sp = line.lastIndex(of: " "), line[line.index(after: sp)...].hasPrefix("h1:") else {
                out.append(checksumMismatch.diagnostic(
                    "migrations.sum line \(k + 1) is malformed (expected `<file> h1:<base64>`); restore it from version control or regenerate it",
                    file: sumPath, range: lineRange(k + 1)))
                continue
            }
            entries.append((String(line[..<sp]), String(line[line.index(sp, offsetBy: 4)...]), k + 1))
        }
        if String(header.dropFirst(3)) != Base64.encode(SHA256.hash(body.utf8)) {
            out.append(checksumMismatch.diagnostic(
                "the total sum on line 1 of migrations.sum does not match its entries (the file was edited by hand); restore it or regenerate it with `clubos-lint migrate hash`",
                file: sumPath, range: lineRange(1)))
        }
        let byName = Dictionary(dir.files.map { ($0.fileName, $0) }, uniquingKeysWith: { a, _ in a })
        var previous: [UInt8] = []
        var recorded = Set<String>()
        for e in entries {
            recorded.insert(e.name)
            let recordedDigest = Base64Decode.decode(e.digest)
            defer { previous = recordedDigest ?? previous }
            guard let f = byName[e.name] else {
                out.append(checksumOrphanEntry.diagnostic(
                    "migrations.sum records '\(e.name)' but the file was deleted; restore it and undo its effect with a new migration",
                    file: sumPath, range: lineRange(e.line)))
                continue
            }
            if chain(previous: previous, name: e.name, content: f.bytes) != recordedDigest {
                out.append(checksumMismatch.diagnostic(
                    "'\(e.name)' was edited after its checksum was recorded in migrations.sum; revert the edit and make the change in a new migration",
                    file: f.path, range: .fileStart))
            }
        }
        for f in dir.files where !recorded.contains(f.fileName) {
            out.append(checksumMissing.diagnostic(
                "'\(f.fileName)' is not recorded in migrations.sum; run `clubos-lint migrate hash` and commit the result",
                file: f.path, range: .fileStart))
        }
        return out
    }
}

/// Standard base64 decoding (padding optional); nil on invalid input.
enum Base64Decode {
    static func decode(_ s: String) -> [UInt8]? {
        var out: [UInt8] = []
        var acc: UInt32 = 0
        var bits = 0
        for c in s.utf8 {
            let v: UInt32
            switch c {
            case 0x41...0x5A: v = UInt32(c - 0x41)
            case 0x61...0x7A: v = UInt32(c - 0x61 + 26)
            case 0x30...0x39: v = UInt32(c - 0x30 + 52)
            case 0x2B: v = 62
            case 0x2F: v = 63
            case 0x3D: continue
            default: return nil
            }
            acc = (acc << 6 | v) & 0xFFFFFF
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: acc >> UInt32(bits)))
            }
        }
        return out
    }
}
