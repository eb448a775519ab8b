import LintCore

/// Limits applied while loading YAML.
public struct YAMLLoadOptions: Sendable, Hashable {
    /// Deepest allowed nesting of sequences and mappings (the document root is
    /// level 1), in the input and after alias expansion. Deeper input is
    /// rejected with a `yaml/syntax` diagnostic, so consumers may walk trees
    /// recursively.
    public var maxDepth: Int
    /// Alias expansion budget: the total number of nodes a load may produce
    /// (every parsed node counts once, every node copied by an alias counts
    /// again) is at most `max(aliasBudgetMinimum, aliasBudgetFactor × parsed nodes)`.
    public var aliasBudgetMinimum: Int
    public var aliasBudgetFactor: Int

    public init(maxDepth: Int = 1_000, aliasBudgetMinimum: Int = 100_000, aliasBudgetFactor: Int = 50) {
        self.maxDepth = maxDepth
        self.aliasBudgetMinimum = aliasBudgetMinimum
        self.aliasBudgetFactor = aliasBudgetFactor
    }

    /// The node budget for an input with `parsedNodes` nodes.
    public func aliasBudget(parsedNodes: Int) -> Int {
        let (scaled, overflow) = max(0, aliasBudgetFactor).multipliedReportingOverflow(by: max(0, parsedNodes))
        return max(aliasBudgetMinimum, overflow ? Int.max : scaled)
    }
}

/// A `# comment` found in YAML source.
public struct YAMLComment: Sendable, Hashable {
    /// From the `#` up to (not including) the line break.
    public var range: SourceRange
    /// The comment exactly as written, including the leading `#`.
    public var text: String
    /// True when nothing but spaces or tabs precede the `#` on its line.
    public var isOwnLine: Bool

    public init(range: SourceRange, text: String, isOwnLine: Bool) {
        self.range = range
        self.text = text
        self.isOwnLine = isOwnLine
    }

    /// The comment text after `#`, with surrounding whitespace removed.
    public var body: String {
        var scalars = Substring(text).unicodeScalars.dropFirst(text.hasPrefix("#") ? 1 : 0)
        while let f = scalars.first, f == " " || f == "\t" { scalars = scalars.dropFirst() }
        while let l = scalars.last, l == " " || l == "\t" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}

/// The result of loading a YAML stream.
public struct YAMLDocumentSet: Sendable, Hashable {
    /// One root node per document of the stream (empty for an empty stream or
    /// when loading failed).
    public var documents: [Node]
    public var diagnostics: [Diagnostic]
    /// Comments in source order (only those before a syntax error when loading failed).
    public var comments: [YAMLComment]

    public init(documents: [Node] = [], diagnostics: [Diagnostic] = [], comments: [YAMLComment] = []) {
        self.documents = documents
        self.diagnostics = diagnostics
        self.comments = comments
    }

    /// The first document, if any.
    public var document: Node? { documents.first }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Loads YAML (via libyaml's event API) into the shared positioned `Node` tree.
///
/// Behaviour, in short:
/// - Plain scalars resolve per the YAML 1.2 core schema (so `on`, `yes`, `no`
///   stay strings); quoted and block scalars are strings. The explicit tags
///   `!!str`, `!!int`, `!!float`, `!!bool` and `!!null` are honoured; every
///   explicit tag is recorded in `Node.tag` (`tag:yaml.org,2002:x` as `!!x`,
///   other tags as libyaml resolved them, e.g. `!Ref`). Scalars with any other
///   tag are strings.
/// - Aliases expand to a copy of the anchored node. The copy's root takes the
///   range of the alias (so findings about that value point at `*name`);
///   nodes inside the copy keep the ranges of the anchored original.
/// - Merge keys (`<<`) are not special in YAML 1.2: they stay ordinary keys.
/// - Duplicate keys are kept and reported (`yaml/duplicate-key`). Scalar keys
///   compare by resolved kind and text (`1` and `"1"` differ; `1` and `0x1`
///   are not detected as equal).
/// - Any syntax error (`yaml/syntax`), unknown or recursive alias, too deep
///   nesting or exhausted alias budget (`yaml/alias-budget`) discards all
///   documents and yields exactly one error diagnostic.
public enum YAMLLoader {
    /// Loads the whole file.
    public static func load(_ file: SourceFile, options: YAMLLoadOptions = .init()) -> YAMLDocumentSet {
        load(file, byteRange: 0..<file.bytes.count, options: options)
    }

    /// Loads the bytes in `byteRange` of `file` (e.g. front matter); all
    /// positions are reported relative to the whole file.
    public static func load(_ file: SourceFile, byteRange: Range<Int>, options: YAMLLoadOptions = .init()) -> YAMLDocumentSet {
        let lower = max(0, min(byteRange.lowerBound, file.bytes.count))
        let upper = max(lower, min(byteRange.upperBound, file.bytes.count))
        var start = lower
        // A UTF-8 byte order mark is skipped here, so libyaml's character
        // indexes count from the first character after it.
        if upper - start >= 3, file.bytes[start] == 0xEF, file.bytes[start + 1] == 0xBB, file.bytes[start + 2] == 0xBF {
            start += 3
        }
        guard start < upper else { return YAMLDocumentSet() }

        let stream = YAMLEventReader.read(file, range: start..<upper, maxDepth: options.maxDepth)
        var result = YAMLDocumentSet()
        var commentCutoff = upper
        if let failure = stream.failure {
            result.diagnostics = [failure.diagnostic(file: file)]
            commentCutoff = failure.commentCutoff
        } else {
            var builder = YAMLTreeBuilder(
                file: file, budget: options.aliasBudget(parsedNodes: stream.nodeCount), maxDepth: options.maxDepth)
            builder.build(stream.events)
            if let fatal = builder.fatal {
                result.diagnostics = [fatal]
            } else {
                result.documents = builder.documents
                result.diagnostics = builder.diagnostics
            }
        }
        result.comments = YAMLCommentScanner.scan(
            file, range: start..<min(upper, max(start, commentCutoff)), protected: stream.protectedRanges)
        return result
    }

    /// The byte range of YAML front matter: the file (after an optional BOM)
    /// starts with a line that is exactly `---`, and the front matter runs up to
    /// the next line that is exactly `---` (trailing spaces allowed). Returns nil
    /// when there is no opening or no closing delimiter.
    public static func frontMatterRange(in file: SourceFile) -> Range<Int>? {
        let bytes = file.bytes
        var first = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { first = 3 }
        guard isDelimiterLine(bytes, from: first, to: lineEnd(bytes, from: first)) else { return nil }
        var lineStart = afterLineBreak(bytes, at: lineEnd(bytes, from: first))
        guard lineStart > lineEnd(bytes, from: first) else { return nil }
        let contentStart = lineStart
        while lineStart < bytes.count {
            let end = lineEnd(bytes, from: lineStart)
            if isDelimiterLine(bytes, from: lineStart, to: end) { return contentStart..<lineStart }
            let next = afterLineBreak(bytes, at: end)
            if next <= lineStart { break }
            lineStart = next
        }
        return nil
    }

    private static func lineEnd(_ bytes: [UInt8], from: Int) -> Int {
        var i = from
        while i < bytes.count, bytes[i] != 0x0A, bytes[i] != 0x0D { i += 1 }
        return i
    }

    private static func afterLineBreak(_ bytes: [UInt8], at i: Int) -> Int {
        guard i < bytes.count else { return i }
        if bytes[i] == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { return i + 2 }
        return i + 1
    }

    private static func isDelimiterLine(_ bytes: [UInt8], from: Int, to: Int) -> Bool {
        guard to - from >= 3, bytes[from] == 0x2D, bytes[from + 1] == 0x2D, bytes[from + 2] == 0x2D else { return false }
        var i = from + 3
        while i < to {
            guard bytes[i] == 0x20 || bytes[i] == 0x09 else { return false }
            i += 1
        }
        return true
    }
}
