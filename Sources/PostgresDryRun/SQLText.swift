import LintCore

/// Small, self-contained helpers over SQL text (this module does not depend
/// on the `Migrations` lexer).
enum SQLText {
    /// Bytes of whitespace and comments (`--`, nested `/* */`) before the first token.
    static func leadingTriviaByteCount(_ sql: String) -> Int {
        let b = Array(sql.utf8)
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C {
                i += 1
            } else if c == 0x2D, i + 1 < b.count, b[i + 1] == 0x2D {
                while i < b.count, b[i] != 0x0A { i += 1 }
            } else if c == 0x2F, i + 1 < b.count, b[i + 1] == 0x2A {
                var depth = 1
                i += 2
                while i < b.count, depth > 0 {
                    if b[i] == 0x2F, i + 1 < b.count, b[i + 1] == 0x2A { depth += 1; i += 2 }
                    else if b[i] == 0x2A, i + 1 < b.count, b[i + 1] == 0x2F { depth -= 1; i += 2 }
                    else { i += 1 }
                }
            } else {
                break
            }
        }
        return i
    }

    /// True when the text holds nothing but whitespace and comments.
    static func isTrivia(_ sql: String) -> Bool {
        leadingTriviaByteCount(sql) >= sql.utf8.count
    }

    /// UTF-8 byte offset of the 0-based Unicode scalar index `index` in `sql`
    /// (clamped to the end), and the byte length of that scalar (0 at the end).
    static func byteOffset(ofScalar index: Int, in sql: String) -> (offset: Int, length: Int) {
        var offset = 0
        var n = 0
        for u in sql.unicodeScalars {
            let len = UTF8.width(u)
            if n == max(0, index) { return (offset, len) }
            offset += len
            n += 1
        }
        return (offset, 0)
    }

    /// Splits `file` bytes `start..<end` into statements at top-level `;`
    /// (outside quotes, dollar quotes and comments). Statements that need to
    /// run outside a transaction (`… CONCURRENTLY`, `VACUUM`, `CREATE
    /// DATABASE`, `ALTER SYSTEM`) are flagged. Used for rule examples and
    /// baseline files; the CLI maps the `Migrations` splitter output instead.
    static func split(_ file: SourceFile, from start: Int = 0, to end: Int? = nil) -> [DryRunStatement] {
        let b = file.bytes
        let stop = min(end ?? b.count, b.count)
        var out: [DryRunStatement] = []
        var stmtStart = max(0, start)
        var i = stmtStart
        func emit(_ upTo: Int) {
            let text = file.slice(stmtStart, upTo)
            if !isTrivia(text) {
                out.append(DryRunStatement(sql: text, startOffset: stmtStart, nonTransactional: needsOwnTransaction(text)))
            }
            stmtStart = upTo
        }
        func isIdent(_ c: UInt8) -> Bool {
            (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c >= 0x80
        }
        while i < stop {
            let c = b[i]
            switch c {
            case 0x27: // '
                let escapes = i > 0 && (b[i - 1] == 0x45 || b[i - 1] == 0x65) && (i < 2 || !isIdent(b[i - 2]))
                i += 1
                while i < stop {
                    if escapes && b[i] == 0x5C { i += 2; continue }
                    if b[i] == 0x27 {
                        if i + 1 < stop, b[i + 1] == 0x27 { i += 2; continue }
                        break
                    }
                    i += 1
                }
                i += 1
            case 0x22: // "
                i += 1
                while i < stop {
                    if b[i] == 0x22 {
                        if i + 1 < stop, b[i + 1] == 0x22 { i += 2; continue }
                        break
                    }
                    i += 1
                }
                i += 1
            case 0x2D where i + 1 < stop && b[i + 1] == 0x2D:
                while i < stop, b[i] != 0x0A { i += 1 }
            case 0x2F where i + 1 < stop && b[i + 1] == 0x2A:
                var depth = 1
                i += 2
                while i < stop, depth > 0 {
                    if b[i] == 0x2F, i + 1 < stop, b[i + 1] == 0x2A { depth += 1; i += 2 }
                    else if b[i] == 0x2A, i + 1 < stop, b[i + 1] == 0x2F { depth -= 1; i += 2 }
                    else { i += 1 }
                }
            case 0x24 where i == 0 || !isIdent(b[i - 1]): // $tag$
                var j = i + 1
                while j < stop, isIdent(b[j]), !(b[j] >= 0x30 && b[j] <= 0x39 && j == i + 1) { j += 1 }
                guard j < stop, b[j] == 0x24 else { i += 1; continue }
                let tag = Array(b[i...j])
                i = j + 1
                var closed = false
                while i + tag.count <= stop {
                    if b[i] == 0x24, Array(b[i..<(i + tag.count)]) == tag {
                        i += tag.count
                        closed = true
                        break
                    }
                    i += 1
                }
                if !closed { i = stop }
            case 0x3B: // ;
                i += 1
                emit(i)
            default:
                i += 1
            }
        }
        emit(stop)
        return out
    }

    /// Whether a statement cannot run inside a transaction block.
    static func needsOwnTransaction(_ sql: String) -> Bool {
        let words = keywords(sql, limit: 6)
        guard let first = words.first else { return false }
        switch first {
        case "VACUUM": return true
        case "CREATE", "DROP", "REINDEX":
            if words.contains("CONCURRENTLY") { return true }
            return first == "CREATE" && words.count > 1 && (words[1] == "DATABASE" || words[1] == "TABLESPACE")
        case "ALTER": return words.count > 1 && words[1] == "SYSTEM"
        default: return false
        }
    }

    /// The first `limit` words (uppercased), skipping leading trivia.
    static func keywords(_ sql: String, limit: Int) -> [String] {
        let start = leadingTriviaByteCount(sql)
        var words: [String] = []
        var current = ""
        for u in sql.utf8.dropFirst(start) {
            let c = Character(Unicode.Scalar(u))
            if c.isLetter || c == "_" {
                current.append(c)
            } else {
                if !current.isEmpty { words.append(current.uppercased()); current = "" }
                if words.count >= limit || u == 0x3B { break }
                if !(c.isWhitespace) { break }
            }
        }
        if !current.isEmpty, words.count < limit { words.append(current.uppercased()) }
        return words
    }
}
