import LintCore

/// The decoded text of a string scalar with the source byte offset of each
/// Unicode scalar, so findings inside the value point at the exact source
/// column even for quoted and block scalars.
struct ScalarText {
    var scalars: [Unicode.Scalar]
    var offsets: [Int]
    /// Offset used when a position cannot be mapped.
    var fallback: Int

    /// Aligns the decoded value of `node` with its source bytes. Characters
    /// that cannot be aligned map to the start of the node.
    init(node: Node, text: String, file: SourceFile) {
        let decoded = Array(text.unicodeScalars)
        scalars = decoded
        let start = max(0, min(node.range.start.offset, file.bytes.count))
        let end = max(start, min(node.range.end.offset, file.bytes.count))
        fallback = start
        // Decode the raw source slice into scalars with their byte offsets.
        var raw: [(Unicode.Scalar, Int)] = []
        raw.reserveCapacity(end - start)
        var i = start
        let bytes = file.bytes
        while i < end {
            let b0 = bytes[i]
            var len = 1
            var value: UInt32 = UInt32(b0)
            if b0 >= 0xF0, i + 3 < bytes.count {
                len = 4
                value = (UInt32(b0 & 0x07) << 18) | (UInt32(bytes[i + 1] & 0x3F) << 12) | (UInt32(bytes[i + 2] & 0x3F) << 6) | UInt32(bytes[i + 3] & 0x3F)
            } else if b0 >= 0xE0, i + 2 < bytes.count {
                len = 3
                value = (UInt32(b0 & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
            } else if b0 >= 0xC0, i + 1 < bytes.count {
                len = 2
                value = (UInt32(b0 & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F)
            }
            raw.append((Unicode.Scalar(value) ?? "\u{FFFD}", i))
            i += len
        }
        var r = 0
        if let first = raw.first?.0 {
            if first == "'" || first == "\"" {
                r = 1
            } else if first == "|" || first == ">" {
                // Skip the block scalar header line.
                while r < raw.count, raw[r].0 != "\n", raw[r].0 != "\r" { r += 1 }
            }
        }
        var offsets: [Int] = []
        offsets.reserveCapacity(decoded.count)
        let window = 256
        for c in decoded {
            let isSpace = c == " " || c == "\n" || c == "\t" || c == "\r"
            var k = r
            var found = -1
            while k < raw.count, k - r < window {
                let rc = raw[k].0
                if rc == c || (isSpace && (rc == " " || rc == "\n" || rc == "\r" || rc == "\t")) {
                    found = k
                    break
                }
                k += 1
            }
            if found >= 0 {
                offsets.append(raw[found].1)
                r = found + 1
            } else {
                offsets.append(r < raw.count ? raw[r].1 : start)
            }
        }
        self.offsets = offsets
    }

    /// Byte offset of the scalar at `index` (clamped).
    func offset(at index: Int) -> Int {
        guard !offsets.isEmpty else { return fallback }
        if index < 0 { return offsets[0] }
        if index >= offsets.count { return offsets[offsets.count - 1] + 1 }
        return offsets[index]
    }

    /// The spans of `${{ ... }}`: the scalar index of `${{` and of the body,
    /// the body's scalars, and whether the closing `}}` was found.
    struct Embedded {
        var open: Int
        var bodyStart: Int
        var body: [Unicode.Scalar]
        var closed: Bool
    }

    func embeddedExpressions() -> [Embedded] {
        var out: [Embedded] = []
        let s = scalars
        var i = 0
        while i + 2 < s.count {
            if s[i] == "$", s[i + 1] == "{", s[i + 2] == "{" {
                let bodyStart = i + 3
                var j = bodyStart
                var inString = false
                var closeAt = -1
                while j < s.count {
                    if s[j] == "'" { inString.toggle() }
                    if !inString, s[j] == "}", j + 1 < s.count, s[j + 1] == "}" { closeAt = j; break }
                    j += 1
                }
                if closeAt < 0 {
                    out.append(Embedded(open: i, bodyStart: bodyStart, body: Array(s[bodyStart...]), closed: false))
                    return out
                }
                out.append(Embedded(open: i, bodyStart: bodyStart, body: Array(s[bodyStart..<closeAt]), closed: true))
                i = closeAt + 2
            } else {
                i += 1
            }
        }
        return out
    }
}
