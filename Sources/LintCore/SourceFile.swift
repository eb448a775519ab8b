/// The bytes of one input file plus a line table, so any byte offset maps to
/// a 1-based line and a column counted in Unicode scalars.
public final class SourceFile: Sendable {
    /// Path as shown to the user (relative to the working directory when possible).
    public let path: String
    public let bytes: [UInt8]
    /// Byte offset of the first byte of each line.
    public let lineStarts: [Int]
    /// Scalar-start bytes (not UTF-8 continuation bytes) before each multiple
    /// of `checkpointStride`, so a column on a very long line is found in
    /// O(stride) instead of O(line length) (a one-line file with many
    /// findings would otherwise take quadratic time).
    let scalarCheckpoints: [Int]
    static let checkpointStride = 64

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts = [0]
        bytes.withUnsafeBufferPointer { buf in
            let n = buf.count
            var i = 0
            while i < n {
                let b = buf[i]
                if b > 0x0D { i += 1; continue } // fast path: most bytes are not line breaks
                if b == 0x0A {
                    starts.append(i + 1)
                } else if b == 0x0D {
                    if i + 1 < n, buf[i + 1] == 0x0A { i += 1 }
                    starts.append(i + 1)
                }
                i += 1
            }
        }
        self.lineStarts = starts
        var checkpoints: [Int] = []
        checkpoints.reserveCapacity(bytes.count / Self.checkpointStride + 1)
        bytes.withUnsafeBufferPointer { buf in
            var count = 0
            var k = 0
            while k < buf.count {
                if k % Self.checkpointStride == 0 { checkpoints.append(count) }
                if buf[k] & 0xC0 != 0x80 { count += 1 }
                k += 1
            }
        }
        self.scalarCheckpoints = checkpoints
    }

    /// Scalar-start bytes in `bytes[0..<offset]` (`offset` within the file).
    func scalarStarts(before offset: Int) -> Int {
        guard !scalarCheckpoints.isEmpty else { return 0 }
        let block = min(offset / Self.checkpointStride, scalarCheckpoints.count - 1)
        var count = scalarCheckpoints[block]
        var i = block * Self.checkpointStride
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
    }

    public convenience init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    public var lineCount: Int { lineStarts.count }

    /// The whole file decoded as UTF-8 (invalid sequences repaired).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Line number (1-based) containing byte `offset`.
    public func line(containing offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// Position of byte `offset` (clamped to the file).
    public func position(ofByte offset: Int) -> SourcePosition {
        let off = max(0, min(offset, bytes.count))
        let line = line(containing: off)
        let start = lineStarts[line - 1]
        if off - start > 2 * Self.checkpointStride {
            return SourcePosition(line: line, column: scalarStarts(before: off) - scalarStarts(before: start) + 1, offset: off)
        }
        var column = 1
        var i = start
        while i < off {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourcePosition(line: line, column: column, offset: off)
    }

    public func range(ofBytes start: Int, _ end: Int) -> SourceRange {
        SourceRange(start: position(ofByte: start), end: position(ofByte: end))
    }

    /// Byte offset of a 1-based line and Unicode-scalar column (clamped).
    public func offset(line: Int, column: Int) -> Int {
        guard line >= 1, line <= lineStarts.count else { return bytes.count }
        var i = lineStarts[line - 1]
        let stop = lineEndOffset(line)
        if column - 1 > 2 * Self.checkpointStride, stop - i > 2 * Self.checkpointStride {
            // Far into a long line: the inverse of `position(ofByte:)` through the checkpoints.
            return max(i, min(stop, offset(ofScalar: scalarStarts(before: i) + column - 1)))
        }
        var col = 1
        while col < column, i < stop {
            i += 1
            while i < stop, bytes[i] & 0xC0 == 0x80 { i += 1 }
            col += 1
        }
        return i
    }

    /// Offset of the scalar start preceded by `index` scalar starts (the
    /// file's length when there is none).
    func offset(ofScalar index: Int) -> Int {
        // The last checkpoint block that starts at or before that scalar.
        var lo = 0, hi = scalarCheckpoints.count - 1
        guard hi >= 0 else { return 0 }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if scalarCheckpoints[mid] <= index { lo = mid } else { hi = mid - 1 }
        }
        return bytes.withUnsafeBufferPointer { buf in
            var count = scalarCheckpoints[lo]
            var i = lo * Self.checkpointStride
            while i < buf.count {
                if buf[i] & 0xC0 != 0x80 {
                    if count == index { return i }
                    count += 1
                }
                i += 1
            }
            return buf.count
        }
    }

    /// Offset just past the last content byte of `line` (before CR/LF).
    public func lineEndOffset(_ line: Int) -> Int {
        guard line >= 1, line <= lineStarts.count else { return bytes.count }
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        while end > lineStarts[line - 1], bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return end
    }

    /// The text of a 1-based line without its line terminator.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        return String(decoding: bytes[lineStarts[line - 1]..<lineEndOffset(line)], as: UTF8.self)
    }

    /// The UTF-8 text between two byte offsets.
    public func slice(_ start: Int, _ end: Int) -> String {
        let s = max(0, min(start, bytes.count)), e = max(s, min(end, bytes.count))
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }
}
