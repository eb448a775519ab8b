/// A point in a source file. `line` and `column` are 1-based; columns count
/// Unicode scalar values (not bytes, not UTF-16 units). `offset` is the
/// 0-based UTF-8 byte offset, used to slice the file and to sort.
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int = 0) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static let start = SourcePosition(line: 1, column: 1, offset: 0)

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A half-open source range: `end` is the position just past the last character.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    public init(_ position: SourcePosition) {
        self.start = position
        self.end = position
    }

    public static let fileStart = SourceRange(.start)

    public var description: String { "\(start)-\(end)" }
}
