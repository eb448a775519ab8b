import LintCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One JSONL record: its 1-based line, the byte offset of the line in the
/// file, and the parse result (positions point into that line of the file).
public struct JSONLRecord: Sendable {
    public var line: Int
    public var offset: Int
    public var result: JSONParseResult
}

/// Streams a JSONL file one line at a time, so memory stays bounded by the
/// longest line, not the file. Blank lines are skipped.
public enum JSONLReader {
    public enum ReadError: Error, CustomStringConvertible {
        case cannotOpen(String, String)
        case readFailed(String, String)
        public var description: String {
            switch self {
            case .cannotOpen(let p, let why): return "cannot open \(p): \(why)"
            case .readFailed(let p, let why): return "cannot read \(p): \(why)"
            }
        }
    }

    /// The first offset at or after `from` holding CR or LF (or `b.count`),
    /// eight bytes at a time: only words with a byte below 0x0E are inspected.
    @inline(__always)
    static func nextLineBreak(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var k = from
        let n = b.count
        guard let base = b.baseAddress else { return n }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while k + 8 <= n {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: k, as: UInt64.self))
            if (w &- (ones &* 0x0E)) & ~w & highs != 0 { break }
            k += 8
        }
        while k < n {
            let c = base[k]
            if c == 0x0A || c == 0x0D { return k }
            k += 1
        }
        return n
    }

    /// Calls `body` for each raw line: (1-based line number, file byte offset, bytes without the terminator).
    /// Returns early when `body` returns false.
    public static func forEachLine(path: String, _ body: (Int, Int, UnsafeBufferPointer<UInt8>) -> Bool) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ReadError.cannotOpen(path, String(cString: strerror(errno))) }
        defer { close(fd) }
        let chunk = 1 << 20
        var buffer = [UInt8]()
        buffer.reserveCapacity(chunk * 2)
        var readBuf = [UInt8](repeating: 0, count: chunk)
        var line = 1
        var fileOffset = 0 // offset of buffer[0] in the file
        var eof = false
        var scanFrom = 0
        var pendingCR = false
        while true {
            if !eof {
                let n = readBuf.withUnsafeMutableBytes { read(fd, $0.baseAddress, chunk) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ReadError.readFailed(path, String(cString: strerror(errno)))
                }
                if n == 0 { eof = true } else { buffer.append(contentsOf: readBuf[0..<n]) }
            }
            // Emit complete lines.
            var start = 0
            var k = scanFrom
            var stop = false
            buffer.withUnsafeBufferPointer { b in
                while k < b.count {
                    if !pendingCR { k = nextLineBreak(b, from: k) }
                    if k >= b.count { break }
                    let c = b[k]
                    if pendingCR {
                        pendingCR = false
                        if c == 0x0A { k += 1; start = k; continue }
                    }
                    if c == 0x0A || c == 0x0D {
                        let lineBytes = UnsafeBufferPointer(rebasing: b[start..<k])
                        if !body(line, fileOffset + start, lineBytes) { stop = true; return }
                        line += 1
                        if c == 0x0D { pendingCR = true }
                        k += 1
                        start = k
                        continue
                    }
                    k += 1
                }
            }
            if stop { return }
            if eof {
                if start < buffer.count {
                    let ok = buffer.withUnsafeBufferPointer { b in
                        body(line, fileOffset + start, UnsafeBufferPointer(rebasing: b[start..<b.count]))
                    }
                    _ = ok
                }
                return
            }
            buffer.removeSubrange(0..<start)
            fileOffset += start
            scanFrom = buffer.count
        }
    }

    /// Parses each non-blank line as one JSON document.
    public static func forEachRecord(path: String, displayPath: String? = nil, options: JSONParseOptions = .init(), _ body: (JSONLRecord) -> Bool) throws {
        let shown = displayPath ?? path
        let scratch = JSONParseScratch()
        try forEachLine(path: path) { line, offset, bytes in
            var blank = true
            for b in bytes where b != 0x20 && b != 0x09 { blank = false; break }
            if blank { return true }
            let r = JSONParser.parse(bytes: bytes, path: shown, line: line, offset: offset, options: options, scratch: scratch)
            return body(JSONLRecord(line: line, offset: offset, result: r))
        }
    }

    /// Parses the JSONL records of an in-memory file.
    public static func records(_ file: SourceFile, options: JSONParseOptions = .init()) -> [JSONLRecord] {
        var out: [JSONLRecord] = []
        let scratch = JSONParseScratch()
        file.bytes.withUnsafeBufferPointer { b in
            for (idx, start) in file.lineStarts.enumerated() {
                let end = file.lineEndOffset(idx + 1)
                guard start <= end, end <= b.count else { continue }
                let slice = UnsafeBufferPointer(rebasing: b[start..<end])
                if slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                out.append(JSONLRecord(line: idx + 1, offset: start,
                                       result: JSONParser.parse(bytes: slice, path: file.path, line: idx + 1, offset: start, options: options, scratch: scratch)))
            }
        }
        return out
    }
}
