import LintCore

/// One SQL statement of a file: its byte range, text and tokens.
public struct SQLStatement: Sendable, Hashable {
    /// Source text from the first significant token up to and including the terminating `;` (if any).
    public var text: String
    /// Byte offset of the first significant (non-comment) token.
    public var startOffset: Int
    /// Byte offset just past the terminating `;`, or past the last token when unterminated.
    public var endOffset: Int
    /// All tokens of the statement, comments included, the terminating `;` included.
    public var tokens: [SQLToken]
    /// True when the statement ends with `;`.
    public var terminated: Bool

    /// Tokens without comments and without the terminating `;`.
    public var significant: [SQLToken] {
        tokens.filter { !$0.isComment && $0.kind != .semicolon }
    }

    /// The uppercased words of the statement in order, comments skipped.
    public var keywords: [String] {
        tokens.compactMap { $0.kind == .word ? $0.keyword : nil }
    }
}

/// Splits PostgreSQL text into statements the way psql does: on `;` outside
/// parentheses, literals, comments and `BEGIN ATOMIC … END` routine bodies.
public enum SQLSplitter {
    public struct Result: Sendable {
        public var statements: [SQLStatement]
        public var diagnostics: [Diagnostic]
    }

    /// Splits `file` (or the byte `range` of it). Lexical errors become
    /// `migration/syntax-error` and `migration/psql-meta-command` diagnostics.
    public static func split(_ file: SourceFile, range: Range<Int>? = nil) -> Result {
        let lexed = SQLLexer.tokenize(file.bytes)
        let r = range ?? 0..<file.bytes.count
        let tokens = lexed.tokens.filter { $0.start >= r.lowerBound && $0.start < r.upperBound }
        let errors = lexed.errors.filter { $0.start >= r.lowerBound && $0.start < r.upperBound }
        return Result(statements: split(tokens: tokens, file: file),
                      diagnostics: errors.map { lexDiagnostic($0, file: file) })
    }

    static func lexDiagnostic(_ e: SQLLexError, file: SourceFile) -> Diagnostic {
        switch e.kind {
        case .unterminated:
            return SyntaxErrorRule.description.diagnostic(e.message, file: file.path, range: file.range(ofBytes: e.start, e.start + 1))
        case .psqlMetaCommand:
            return PsqlMetaCommandRule.description.diagnostic(e.message, file: file.path, range: file.range(ofBytes: e.start, e.end))
        }
    }

    /// Groups already-lexed tokens into statements.
    public static func split(tokens: [SQLToken], file: SourceFile) -> [SQLStatement] {
        var statements: [SQLStatement] = []
        var current: [SQLToken] = []
        var firstSignificant: Int? = nil
        var parenDepth = 0
        var beginDepth = 0
        var wordsSeen = 0
        var isRoutine = false
        var headWords: [String] = []

        func flush(terminated: Bool) {
            defer {
                current.removeAll(keepingCapacity: true)
                firstSignificant = nil
                parenDepth = 0
                beginDepth = 0
                wordsSeen = 0
                isRoutine = false
                headWords.removeAll(keepingCapacity: true)
            }
            guard let first = firstSignificant else { return }
            // Drop leading comments; keep comments inside the statement.
            let toks = Array(current[first...])
            guard let last = toks.last else { return }
            let start = toks[0].start
            let end = last.end
            statements.append(SQLStatement(text: file.slice(start, end), startOffset: start, endOffset: end,
                                           tokens: toks, terminated: terminated))
        }

        for t in tokens {
            switch t.kind {
            case .psqlMetaCommand:
                continue
            case .lineComment, .blockComment:
                current.append(t)
                continue
            case .semicolon:
                if parenDepth > 0 || beginDepth > 0 {
                    current.append(t)
                    continue
                }
                if firstSignificant != nil {
                    current.append(t)
                    flush(terminated: true)
                } else {
                    current.removeAll(keepingCapacity: true)
                }
                continue
            default:
                break
            }
            if firstSignificant == nil { firstSignificant = current.count }
            current.append(t)
            if t.kind == .punct {
                if t.text == "(" { parenDepth += 1 } else if t.text == ")" { parenDepth = max(0, parenDepth - 1) }
            } else if t.kind == .word {
                wordsSeen += 1
                if wordsSeen <= 4 {
                    headWords.append(t.keyword)
                    if headWords.first == "CREATE", t.keyword == "FUNCTION" || t.keyword == "PROCEDURE" { isRoutine = true }
                }
                if isRoutine {
                    if t.keyword == "BEGIN" { beginDepth += 1 }
                    else if t.keyword == "CASE", beginDepth > 0 { beginDepth += 1 }
                    else if t.keyword == "END", beginDepth > 0 { beginDepth -= 1 }
                }
            }
        }
        flush(terminated: false)
        return statements
    }
}
