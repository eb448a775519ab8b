import LintCore

/// Finds `# comments`: a `#` at the start of the scanned range or preceded by
/// a space, tab or line break, outside every scalar's content, runs to the end
/// of its line.
enum YAMLCommentScanner {
    static func scan(_ file: SourceFile, range: Range<Int>, protected: [Range<Int>]) -> [YAMLComment] {
        let bytes = file.bytes
        let lo = max(0, range.lowerBound), hi = min(bytes.count, range.upperBound)
        guard lo < hi else { return [] }
        var comments: [YAMLComment] = []
        var positions = YAMLPositionCursor(file: file)
        var p = 0
        var i = lo
        while i < hi {
            while p < protected.count, protected[p].upperBound <= i { p += 1 }
            if p < protected.count, protected[p].lowerBound <= i {
                i = protected[p].upperBound
                continue
            }
            let b = bytes[i]
            if b == 0x23, i == lo || isSpaceOrBreak(bytes[i - 1]) {
                var end = i
                while end < hi, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
                let range = positions.range(i, end)
                let lineStart = file.lineStarts[range.start.line - 1]
                var ownLine = true
                var j = max(lineStart, lo)
                while j < i {
                    if bytes[j] != 0x20, bytes[j] != 0x09 { ownLine = false; break }
                    j += 1
                }
                comments.append(YAMLComment(range: range, text: file.slice(i, end), isOwnLine: ownLine))
                i = end
                continue
            }
            i += 1
        }
        return comments
    }

    private static func isSpaceOrBreak(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
}
