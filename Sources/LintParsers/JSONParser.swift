import LintCore

/// Options for the strict RFC 8259 parser.
public struct JSONParseOptions: Sendable {
    /// Nesting deeper than this is rejected with a diagnostic (the parser is
    /// iterative, so this is a policy limit, not a stack guard).
    public var maxDepth: Int = 1_000
    public init(maxDepth: Int = 1_000) { self.maxDepth = maxDepth }
}

public struct JSONParseResult: Sendable {
    /// The document, or nil when the text is not JSON.
    public var node: Node?
    public var diagnostics: [Diagnostic]
}

/// A strict RFC 8259 parser over UTF-8 bytes that builds a positioned `Node`
/// tree. Numbers keep their source text; duplicate keys are kept and reported.
/// It never recurses, so hostile nesting cannot overflow the stack.
public enum JSONParser {
    public static func parse(_ file: SourceFile, options: JSONParseOptions = .init()) -> JSONParseResult {
        file.bytes.withUnsafeBufferPointer { buf in
            var p = JSONParserState(buf: buf, path: file.path, line: 1, offset: 0, options: options)
            return p.parseDocument()
        }
    }

    /// Parses `bytes` as one document whose first byte sits at `line`, column 1,
    /// file byte offset `offset` (used for JSONL records).
    public static func parse(bytes: UnsafeBufferPointer<UInt8>, path: String, line: Int, offset: Int, options: JSONParseOptions = .init()) -> JSONParseResult {
        var p = JSONParserState(buf: bytes, path: path, line: line, offset: offset, options: options)
        return p.parseDocument()
    }

    /// Like `parse(bytes:path:line:offset:options:)`, reusing `scratch` (the
    /// parser's work arrays and a cache of short object keys) across the many
    /// small documents of a JSONL file. Use one scratch per thread.
    package static func parse(bytes: UnsafeBufferPointer<UInt8>, path: String, line: Int, offset: Int,
                              options: JSONParseOptions = .init(), scratch: JSONParseScratch) -> JSONParseResult {
        var p = JSONParserState(buf: bytes, path: path, line: line, offset: offset, options: options, scratch: scratch)
        return p.parseDocument()
    }

    public static let syntaxRule = RuleDescription(
        id: "json/syntax", kind: .json, severity: .error,
        summary: "Reports text that is not valid JSON (RFC 8259), at the first position where parsing fails.",
        rationale: "A file that does not parse cannot be checked at all, and every consumer (the app, CI, other tools) will reject it too. Lenient extensions such as comments, trailing commas or single quotes are read differently by different parsers.",
        help: "Fix the syntax at the reported position; JSON allows no comments, trailing commas, single quotes or unquoted keys.",
        triggering: [
            RuleExample("{\"a\": 1↓,}", path: "example.json"),
            RuleExample("{\"a\": ↓'x'}", path: "example.json"),
            RuleExample("[1, 2] ↓3", path: "example.json"),
        ],
        nonTriggering: [
            RuleExample("{\"a\": [1, 2.5e3, \"x\", true, null]}", path: "example.json"),
        ])

    public static let duplicateKeyRule = RuleDescription(
        id: "json/duplicate-key", kind: .json, severity: .error,
        summary: "Reports an object that has the same key twice.",
        rationale: "RFC 8259 leaves duplicate names undefined: some parsers keep the first value, most keep the last, so the file means different things to different readers.",
        help: "Remove one of the two members, or merge their values.",
        triggering: [RuleExample("{\"id\": \"a\", ↓\"id\": \"b\"}", path: "example.json")],
        nonTriggering: [RuleExample("{\"id\": \"a\", \"ID\": \"b\"}", path: "example.json")])

    public static let encodingRule = RuleDescription(
        id: "json/encoding", kind: .json, severity: .error,
        summary: "Reports bytes that are not UTF-8 text: invalid UTF-8, UTF-16 files, and a byte order mark.",
        rationale: "RFC 8259 requires UTF-8 without a byte order mark for JSON exchanged between systems; other encodings are silently mangled or rejected downstream.",
        help: "Save the file as UTF-8 without a BOM.",
        triggering: [RuleExample("↓\u{FEFF}{\"a\": 1}", path: "example.json")],
        nonTriggering: [RuleExample("{\"a\": \"é\"}", path: "example.json")])

    public static let rules = [syntaxRule, duplicateKeyRule, encodingRule]
}

private enum JSONSyntaxError: Error {
    case at(offset: Int, message: String)
}

/// An open container while parsing. Its members live in the parser's
/// `arrays`/`objects` stacks (one array per open container, appended to in
/// place and moved out on close), so building the tree copies no `Node` and
/// no array.
fileprivate struct JSONOpenContainer {
    var isObject: Bool
    var start: SourcePosition
    /// Objects: where this object's key hashes start in `keyHashes`.
    var hashBase: Int
    /// Objects with many members: key → index of its first member.
    var seen: [String: Int]?
}

/// Work arrays and a key cache reused across documents parsed on one thread
/// (JSONL records): parsing a small record then allocates only its tree.
/// Not thread-safe: one scratch per thread.
package final class JSONParseScratch {
    // Single-threaded by contract, and no access overlaps another: skip the
    // dynamic exclusivity checks that would otherwise cost more than the work.
    @exclusivity(unchecked) fileprivate var stack: [JSONOpenContainer] = []
    @exclusivity(unchecked) fileprivate var arrays: [[Node]] = []
    @exclusivity(unchecked) fileprivate var objects: [[MappingEntry]] = []
    @exclusivity(unchecked) fileprivate var keys: [Node] = []
    @exclusivity(unchecked) fileprivate var keyHashes: [UInt64] = []

    /// One slot of the direct-mapped cache of short ASCII keys without
    /// escapes: the bytes packed into two words, the length (-1: empty) and the String.
    fileprivate struct CachedKey {
        var lo: UInt64 = 0
        var hi: UInt64 = 0
        var len = -1
        var text = ""
    }
    fileprivate static let cacheSlots = 64
    fileprivate let cache: UnsafeMutablePointer<CachedKey>

    package init() {
        stack.reserveCapacity(8)
        objects.reserveCapacity(8)
        keys.reserveCapacity(8)
        keyHashes.reserveCapacity(32)
        cache = .allocate(capacity: JSONParseScratch.cacheSlots)
        cache.initialize(repeating: CachedKey(), count: JSONParseScratch.cacheSlots)
    }

    deinit {
        cache.deinitialize(count: JSONParseScratch.cacheSlots)
        cache.deallocate()
    }
}

private struct JSONParserState {
    let buf: UnsafeBufferPointer<UInt8>
    let path: String
    let options: JSONParseOptions
    var i = 0
    // Position tracking in O(1): outside strings every byte is ASCII, so the
    // column of offset `at` on the current line is `at - lineStart + 1` minus
    // the UTF-8 continuation bytes seen on this line (counted in `cont` while
    // strings are scanned). Positions are only requested at offsets the
    // parser has reached; error paths use `columnScan` instead.
    var line: Int
    var lineStart = 0
    var cont = 0
    let baseOffset: Int
    var diagnostics: [Diagnostic] = []
    var lastComma = 0
    let firstLine: Int

    let scratch: JSONParseScratch?

    init(buf: UnsafeBufferPointer<UInt8>, path: String, line: Int, offset: Int, options: JSONParseOptions, scratch: JSONParseScratch? = nil) {
        self.scratch = scratch
        self.buf = buf
        self.path = path
        self.line = line
        self.firstLine = line
        self.baseOffset = offset
        self.options = options
    }

    @inline(__always)
    func position(_ at: Int) -> SourcePosition {
        SourcePosition(line: line, column: at - lineStart - cont + 1, offset: baseOffset + at)
    }

    /// Exact position of `at` on the current line by scanning from the line start (error paths).
    func positionScan(_ at: Int) -> SourcePosition {
        var col = 1
        var k = lineStart
        let end = min(at, buf.count)
        while k < end {
            if buf[k] & 0xC0 != 0x80 { col += 1 }
            k += 1
        }
        return SourcePosition(line: line, column: col, offset: baseOffset + at)
    }

    @inline(__always)
    mutating func newline(after at: Int) {
        line += 1
        lineStart = at
        cont = 0
    }

    @inline(__always)
    mutating func skipWhitespace() {
        // Compact JSON (JSONL) mostly has no whitespace between tokens.
        if i < buf.count, buf[i] > 0x20 { return }
        skipWhitespaceSlow()
    }

    mutating func skipWhitespaceSlow() {
        while i < buf.count {
            switch buf[i] {
            case 0x20, 0x09: i += 1
            case 0x0A: i += 1; newline(after: i)
            case 0x0D:
                i += 1
                if i < buf.count, buf[i] == 0x0A { i += 1 }
                newline(after: i)
            default: return
            }
        }
    }

    func describe(_ at: Int) -> String {
        guard at < buf.count else { return "end of input" }
        let b = buf[at]
        switch b {
        case 0x00: return "a NUL byte (U+0000)"
        case 0x20..<0x7F: return "'\(Character(Unicode.Scalar(b)))'"
        case 0..<0x20: return "control character U+\(hex4(UInt32(b)))"
        default:
            if let (scalar, _) = decodeScalar(at) { return "'\(Character(scalar))'" }
            return "invalid UTF-8 byte 0x\(String(b, radix: 16, uppercase: true))"
        }
    }

    func hex4(_ v: UInt32) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - h.count)) + h
    }

    /// Decodes one UTF-8 scalar at `at`, strictly (no overlongs, no surrogates).
    func decodeScalar(_ at: Int) -> (Unicode.Scalar, Int)? {
        let b0 = buf[at]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        let len: Int
        var v: UInt32
        switch b0 {
        case 0xC2...0xDF: len = 2; v = UInt32(b0 & 0x1F)
        case 0xE0...0xEF: len = 3; v = UInt32(b0 & 0x0F)
        case 0xF0...0xF4: len = 4; v = UInt32(b0 & 0x07)
        default: return nil
        }
        guard at + len <= buf.count else { return nil }
        for k in 1..<len {
            let b = buf[at + k]
            guard b & 0xC0 == 0x80 else { return nil }
            v = (v << 6) | UInt32(b & 0x3F)
        }
        if len == 3, v < 0x800 { return nil }
        if len == 4, v < 0x10000 || v > 0x10FFFF { return nil }
        guard let s = Unicode.Scalar(v) else { return nil }
        return (s, len)
    }

    mutating func fail(_ at: Int, _ message: String) -> JSONSyntaxError {
        .at(offset: at, message: message)
    }

    mutating func parseDocument() -> JSONParseResult {
        if buf.count >= 2, (buf[0] == 0xFE && buf[1] == 0xFF) || (buf[0] == 0xFF && buf[1] == 0xFE) {
            return failure(0, "the file is UTF-16 (byte order mark found); JSON must be UTF-8", rule: JSONParser.encodingRule)
        }
        if buf.count >= 2, (buf[0] == 0) != (buf[1] == 0) {
            return failure(0, "the file looks like UTF-16 (NUL bytes between characters); JSON must be UTF-8", rule: JSONParser.encodingRule)
        }
        if buf.count >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF {
            let p = position(0)
            diagnostics.append(JSONParser.encodingRule.diagnostic(
                "a UTF-8 byte order mark starts the file; RFC 8259 forbids it and many parsers reject it",
                file: path, range: SourceRange(start: p, end: p), help: "Save the file as UTF-8 without a BOM."))
            i = 3
            lineStart = 3
        }
        do {
            skipWhitespace()
            if i >= buf.count {
                throw fail(i, "expected a JSON value, found end of input (the document is empty)")
            }
            let node = try parseValue()
            skipWhitespace()
            if i < buf.count {
                throw fail(i, "unexpected \(describe(i)) after the end of the JSON value; a document holds exactly one value")
            }
            return JSONParseResult(node: node, diagnostics: diagnostics)
        } catch let JSONSyntaxError.at(offset, message) {
            return failure(offset, message, rule: JSONParser.syntaxRule)
        } catch {
            return failure(i, "\(error)", rule: JSONParser.syntaxRule)
        }
    }

    /// Position of an earlier offset (error paths only): rescans from the start.
    func positionSlow(_ at: Int) -> SourcePosition {
        var l = firstLine, col = 1, k = 0
        let end = min(at, buf.count)
        while k < end {
            let b = buf[k]
            if b == 0x0A || (b == 0x0D && !(k + 1 < buf.count && buf[k + 1] == 0x0A)) {
                l += 1
                col = 1
            } else if b != 0x0D, b & 0xC0 != 0x80 {
                col += 1
            }
            k += 1
        }
        return SourcePosition(line: l, column: col, offset: baseOffset + at)
    }

    mutating func failure(_ at: Int, _ message: String, rule: RuleDescription) -> JSONParseResult {
        let p = at < lineStart ? positionSlow(at) : positionScan(at)
        var end = p
        if at < buf.count { end = SourcePosition(line: p.line, column: p.column + 1, offset: p.offset + 1) }
        var diags = diagnostics.filter { $0.rule != JSONParser.duplicateKeyRule.id }
        diags.append(rule.diagnostic(message, file: path, range: SourceRange(start: p, end: end)))
        return JSONParseResult(node: nil, diagnostics: diags)
    }

    // MARK: values

    @inline(__always)
    static func hashKey(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    mutating func parseValue() throws -> Node {
        var stack: [JSONOpenContainer] = []
        var arrays: [[Node]] = []
        var objects: [[MappingEntry]] = []
        /// The pending key of each open object.
        var keys: [Node] = []
        /// FNV-1a hash of each member key of the open objects (duplicate detection).
        var keyHashes: [UInt64] = []
        if let scratch {
            // Borrow the scratch arrays (their capacity) for this document; give them back emptied.
            swap(&stack, &scratch.stack)
            swap(&arrays, &scratch.arrays)
            swap(&objects, &scratch.objects)
            swap(&keys, &scratch.keys)
            swap(&keyHashes, &scratch.keyHashes)
        } else {
            // One allocation each for typical documents instead of repeated growth.
            stack.reserveCapacity(8)
            objects.reserveCapacity(8)
            keys.reserveCapacity(8)
            keyHashes.reserveCapacity(32)
        }
        defer {
            if let scratch {
                stack.removeAll(keepingCapacity: true)
                arrays.removeAll(keepingCapacity: true)
                objects.removeAll(keepingCapacity: true)
                keys.removeAll(keepingCapacity: true)
                keyHashes.removeAll(keepingCapacity: true)
                swap(&stack, &scratch.stack)
                swap(&arrays, &scratch.arrays)
                swap(&objects, &scratch.objects)
                swap(&keys, &scratch.keys)
                swap(&keyHashes, &scratch.keyHashes)
            }
        }
        while true {
            // Parse one value (scalar, or open a container).
            skipWhitespace()
            guard i < buf.count else { throw fail(i, "expected a JSON value, found end of input") }
            var completed: Node
            let c = buf[i]
            switch c {
            case UInt8(ascii: "\""):
                let start = position(i)
                let s = try parseString()
                completed = .scalar(.string(s), SourceRange(start: start, end: position(i)))
            case UInt8(ascii: "{"):
                let start = position(i)
                i += 1
                if stack.count >= options.maxDepth {
                    throw fail(i - 1, "nesting is deeper than \(options.maxDepth) levels; flatten the document")
                }
                skipWhitespace()
                if i < buf.count, buf[i] == UInt8(ascii: "}") {
                    i += 1
                    completed = .mapping([], SourceRange(start: start, end: position(i)))
                } else {
                    keys.append(try parseKey())
                    var entries: [MappingEntry] = []
                    entries.reserveCapacity(8)
                    objects.append(entries)
                    stack.append(JSONOpenContainer(isObject: true, start: start, hashBase: keyHashes.count, seen: nil))
                    continue
                }
            case UInt8(ascii: "["):
                let start = position(i)
                i += 1
                if stack.count >= options.maxDepth {
                    throw fail(i - 1, "nesting is deeper than \(options.maxDepth) levels; flatten the document")
                }
                skipWhitespace()
                if i < buf.count, buf[i] == UInt8(ascii: "]") {
                    i += 1
                    completed = .sequence([], SourceRange(start: start, end: position(i)))
                } else {
                    var items: [Node] = []
                    items.reserveCapacity(4)
                    arrays.append(items)
                    stack.append(JSONOpenContainer(isObject: false, start: start, hashBase: 0, seen: nil))
                    continue
                }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                completed = try parseNumber()
            case UInt8(ascii: "t"): completed = try parseLiteral("true", .bool(true))
            case UInt8(ascii: "f"): completed = try parseLiteral("false", .bool(false))
            case UInt8(ascii: "n"): completed = try parseLiteral("null", .null)
            case UInt8(ascii: "]") where !stack.isEmpty:
                if !stack[stack.count - 1].isObject {
                    throw fail(lastComma, "trailing comma before ']' is not allowed in JSON; remove it")
                }
                throw fail(i, "expected a JSON value, found \(describe(i))")
            case UInt8(ascii: "'"):
                throw fail(i, "expected a JSON value, found \(describe(i)); strings use double quotes in JSON")
            default:
                throw fail(i, "expected a JSON value, found \(describe(i))")
            }

            // Attach the completed value to its parent, closing containers as needed.
            while true {
                let top = stack.count - 1
                guard top >= 0 else { return completed }
                if !stack[top].isObject {
                    arrays[arrays.count - 1].append(consume completed)
                    skipWhitespace()
                    guard i < buf.count else { throw fail(i, "unterminated array: expected ',' or ']', found end of input") }
                    if buf[i] == UInt8(ascii: ",") {
                        lastComma = i
                        i += 1
                        break
                    } else if buf[i] == UInt8(ascii: "]") {
                        i += 1
                        let items = arrays.removeLast()
                        let start = stack.removeLast().start
                        completed = .sequence(items, SourceRange(start: start, end: position(i)))
                        continue
                    } else {
                        throw fail(i, "expected ',' or ']' after an array element, found \(describe(i))")
                    }
                }
                let key = keys.removeLast()
                let name: String
                if case .scalar(let sc) = key.value { name = sc.text } else { name = "" }
                let obj = objects.count - 1
                let count = objects[obj].count
                let h = JSONParserState.hashKey(name)
                // Small objects (the common case) are scanned by key hash; large ones use a dictionary.
                var first: Int? = nil
                if count < 16 {
                    let base = stack[top].hashBase
                    for j in 0..<count where keyHashes[base + j] == h {
                        if case .scalar(let sc) = objects[obj][j].key.value, sc.text == name { first = j; break }
                    }
                } else {
                    if stack[top].seen == nil {
                        var seen: [String: Int] = [:]
                        for j in 0..<count {
                            let t: String
                            if case .scalar(let sc) = objects[obj][j].key.value { t = sc.text } else { t = "" }
                            if seen[t] == nil { seen[t] = j }
                        }
                        stack[top].seen = seen
                    }
                    first = stack[top].seen?[name]
                    if first == nil { stack[top].seen?[name] = count }
                }
                if let first {
                    let at = objects[obj][first].key.range.start
                    diagnostics.append(JSONParser.duplicateKeyRule.diagnostic(
                        "duplicate key \"\(name)\"; first defined at \(at.line):\(at.column)",
                        file: path, range: key.range))
                }
                objects[obj].append(MappingEntry(key: consume key, value: consume completed))
                keyHashes.append(h)
                skipWhitespace()
                guard i < buf.count else { throw fail(i, "unterminated object: expected ',' or '}', found end of input") }
                if buf[i] == UInt8(ascii: ",") {
                    let comma = i
                    i += 1
                    skipWhitespace()
                    if i < buf.count, buf[i] == UInt8(ascii: "}") {
                        throw fail(comma, "trailing comma before '}' is not allowed in JSON; remove it")
                    }
                    keys.append(try parseKey())
                    break
                } else if buf[i] == UInt8(ascii: "}") {
                    i += 1
                    let entries = objects.removeLast()
                    let open = stack.removeLast()
                    keyHashes.removeSubrange(open.hashBase...)
                    completed = .mapping(entries, SourceRange(start: open.start, end: position(i)))
                    continue
                } else {
                    throw fail(i, "expected ',' or '}' after an object member, found \(describe(i))")
                }
            }
        }
    }

    /// Parses `"key"` and the following `:`.
    mutating func parseKey() throws -> Node {
        skipWhitespace()
        guard i < buf.count else { throw fail(i, "expected a string key, found end of input") }
        guard buf[i] == UInt8(ascii: "\"") else {
            throw fail(i, "expected a double-quoted string key, found \(describe(i))")
        }
        let start = position(i)
        let s: String
        if let scratch, let cached = cachedShortKey(scratch) { s = cached } else { s = try parseString() }
        let end = position(i)
        skipWhitespace()
        guard i < buf.count, buf[i] == UInt8(ascii: ":") else {
            throw fail(i, "expected ':' after the key \"\(s)\", found \(describe(i))")
        }
        i += 1
        // Built last, so the key's text moves into the node without a copy.
        return Node(.scalar(Scalar(kind: .string, text: consume s)), range: SourceRange(start: start, end: end))
    }

    /// At an opening quote: a key of at most 15 plain ASCII bytes (no escapes)
    /// comes from the scratch cache (made once per distinct key). Advances
    /// past the closing quote; nil (nothing consumed) for any other string.
    mutating func cachedShortKey(_ scratch: JSONParseScratch) -> String? {
        let from = i + 1
        guard let base = buf.baseAddress else { return nil }
        var lo: UInt64 = 0, hi: UInt64 = 0
        let len: Int
        if from + 16 <= buf.count {
            // Two unaligned loads; the first special byte (quote, backslash,
            // control, non-ASCII) must be the closing quote within 16 bytes.
            let raw = UnsafeRawPointer(base)
            let w0 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: from, as: UInt64.self))
            let w1 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: from + 8, as: UInt64.self))
            let s0 = JSONParserState.specialBytes(w0), s1 = JSONParserState.specialBytes(w1)
            let at: Int
            if s0 != 0 {
                at = s0.trailingZeroBitCount >> 3
            } else if s1 != 0 {
                at = 8 + (s1.trailingZeroBitCount >> 3)
            } else {
                return nil
            }
            guard buf[from + at] == UInt8(ascii: "\"") else { return nil }
            len = at
            if len >= 8 {
                lo = w0
                hi = len == 8 ? 0 : w1 & ((1 << UInt64(8 * (len - 8))) - 1)
            } else {
                lo = len == 0 ? 0 : w0 & ((1 << UInt64(8 * len)) - 1)
            }
        } else {
            let end = JSONParserState.scanPlain(buf, from: from)
            guard end < buf.count, buf[end] == UInt8(ascii: "\""), end - from <= 15 else { return nil }
            len = end - from
            for k in 0..<len {
                let b = UInt64(base[from + k])
                if k < 8 { lo |= b << UInt64(8 * k) } else { hi |= b << UInt64(8 * (k - 8)) }
            }
        }
        let end = from + len
        let h = (lo &* 0x9E37_79B9_7F4A_7C15) ^ (hi &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(len)
        let slot = scratch.cache + Int(truncatingIfNeeded: h >> 58)
        i = end + 1
        if slot.pointee.len == len, slot.pointee.lo == lo, slot.pointee.hi == hi {
            return slot.pointee.text
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buf[from..<end]), as: UTF8.self)
        slot.pointee = JSONParseScratch.CachedKey(lo: lo, hi: hi, len: len, text: text)
        return text
    }

    mutating func parseLiteral(_ word: String, _ value: Scalar) throws -> Node {
        let start = position(i)
        for b in word.utf8 {
            guard i < buf.count, buf[i] == b else {
                throw fail(start.offset - baseOffset, "invalid literal; expected '\(word)' (JSON literals are lowercase: true, false, null)")
            }
            i += 1
        }
        if i < buf.count, isIdentByte(buf[i]) {
            throw fail(start.offset - baseOffset, "invalid literal; expected '\(word)'")
        }
        return .scalar(value, SourceRange(start: start, end: position(i)))
    }

    func isIdentByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b >= 0x80
    }

    func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    mutating func parseNumber() throws -> Node {
        let s = i
        let start = position(i)
        if buf[i] == UInt8(ascii: "-") { i += 1 }
        guard i < buf.count, isDigit(buf[i]) else { throw fail(i, "expected a digit in number, found \(describe(i))") }
        if buf[i] == UInt8(ascii: "0") {
            i += 1
            if i < buf.count, isDigit(buf[i]) { throw fail(i - 1, "leading zeros are not allowed in JSON numbers") }
        } else {
            while i < buf.count, isDigit(buf[i]) { i += 1 }
        }
        if i < buf.count, buf[i] == UInt8(ascii: ".") {
            i += 1
            guard i < buf.count, isDigit(buf[i]) else { throw fail(i, "expected a digit after the decimal point, found \(describe(i))") }
            while i < buf.count, isDigit(buf[i]) { i += 1 }
        }
        if i < buf.count, buf[i] == UInt8(ascii: "e") || buf[i] == UInt8(ascii: "E") {
            i += 1
            if i < buf.count, buf[i] == UInt8(ascii: "+") || buf[i] == UInt8(ascii: "-") { i += 1 }
            guard i < buf.count, isDigit(buf[i]) else { throw fail(i, "expected a digit in the exponent, found \(describe(i))") }
            while i < buf.count, isDigit(buf[i]) { i += 1 }
        }
        if i < buf.count, isIdentByte(buf[i]) || buf[i] == UInt8(ascii: ".") {
            throw fail(i, "unexpected \(describe(i)) in number")
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buf[s..<i]), as: UTF8.self)
        return .scalar(.number(text), SourceRange(start: start, end: position(i)))
    }

    func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: return UInt32(b - 0x30)
        case 0x41...0x46: return UInt32(b - 0x41 + 10)
        case 0x61...0x66: return UInt32(b - 0x61 + 10)
        default: return nil
        }
    }

    mutating func parseHex4() throws -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard i < buf.count, let h = hexValue(buf[i]) else {
                throw fail(i, "expected four hex digits after \\u, found \(describe(i))")
            }
            v = v << 4 | h
            i += 1
        }
        return v
    }

    /// High bit set in each byte of `w` that is a quote, a backslash, a
    /// control character or non-ASCII. Exact for the lowest flagged byte
    /// (higher bytes may be flagged spuriously after a borrow).
    @inline(__always)
    static func specialBytes(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let q = w ^ (ones &* 0x22)
        let bs = w ^ (ones &* 0x5C)
        return (((q &- ones) & ~q) | ((bs &- ones) & ~bs) | (w &- (ones &* 0x20)) | w) & 0x8080_8080_8080_8080
    }

    /// The first offset at or after `from` holding a quote, a backslash, a
    /// control character or a non-ASCII byte (or `buf.count`). Eight bytes at
    /// a time: a word is inspected byte by byte only when it holds one of them.
    @inline(__always)
    static func scanPlain(_ buf: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var k = from
        let n = buf.count
        guard let base = buf.baseAddress else { return n }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while k + 8 <= n {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: k, as: UInt64.self))
            let q = w ^ (ones &* 0x22)
            let bs = w ^ (ones &* 0x5C)
            let special = ((q &- ones) & ~q) | ((bs &- ones) & ~bs) | (w &- (ones &* 0x20)) | w
            if special & highs != 0 { break }
            k += 8
        }
        while k < n {
            let c = base[k]
            if c < 0x20 || c >= 0x80 || c == 0x22 || c == 0x5C { return k }
            k += 1
        }
        return n
    }

    mutating func parseString() throws -> String {
        let open = i
        i += 1
        // Bytes are copied only when the string has escapes; otherwise the
        // result is decoded straight from the input.
        var escaped: [UInt8]? = nil
        var runStart = i
        func append(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
            UTF8.encode(scalar) { out.append($0) }
        }
        while true {
            // Fast scan over plain ASCII.
            i = JSONParserState.scanPlain(buf, from: i)
            guard i < buf.count else {
                throw fail(open, "unterminated string: no closing '\"' before the end of input")
            }
            let b = buf[i]
            if b == UInt8(ascii: "\"") {
                let run = UnsafeBufferPointer(rebasing: buf[runStart..<i])
                i += 1
                guard var out = escaped else { return String(decoding: run, as: UTF8.self) }
                out.append(contentsOf: run)
                return String(decoding: out, as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") {
                var out = escaped ?? []
                escaped = nil // keep `out` uniquely referenced so appends do not copy
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<i]))
                let esc = i
                i += 1
                guard i < buf.count else { throw fail(open, "unterminated string: no closing '\"' before the end of input") }
                let e = buf[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    let v = try parseHex4()
                    if v >= 0xD800 && v <= 0xDBFF {
                        // Expect a low surrogate.
                        if i + 1 < buf.count, buf[i] == UInt8(ascii: "\\"), buf[i + 1] == UInt8(ascii: "u") {
                            let save = i
                            i += 2
                            let lo = try parseHex4()
                            if lo >= 0xDC00 && lo <= 0xDFFF {
                                let cp = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00)
                                append(Unicode.Scalar(cp) ?? "\u{FFFD}", to: &out)
                            } else {
                                loneSurrogate(esc, v)
                                append("\u{FFFD}", to: &out)
                                i = save
                            }
                        } else {
                            loneSurrogate(esc, v)
                            append("\u{FFFD}", to: &out)
                        }
                    } else if v >= 0xDC00 && v <= 0xDFFF {
                        loneSurrogate(esc, v)
                        append("\u{FFFD}", to: &out)
                    } else {
                        append(Unicode.Scalar(v) ?? "\u{FFFD}", to: &out)
                    }
                default:
                    i -= 1
                    throw fail(esc, "invalid escape '\\\(describe(i).trimmingQuotes)' in string; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
                }
                escaped = out
                runStart = i
                continue
            }
            if b < 0x20 {
                if b == 0 { throw fail(i, "a NUL byte (U+0000) inside a string must be written as \\u0000") }
                throw fail(i, "control character U+\(hex4(UInt32(b))) must be escaped in a string (e.g. \\n, \\t or \\u\(hex4(UInt32(b))))")
            }
            guard let (_, len) = decodeScalar(i) else {
                throw JSONSyntaxError.at(offset: i, message: "invalid UTF-8 byte 0x\(String(b, radix: 16, uppercase: true)) in string; save the file as UTF-8")
            }
            i += len
            cont += len - 1
        }
    }

    mutating func loneSurrogate(_ at: Int, _ v: UInt32) {
        let p = position(at)
        diagnostics.append(JSONParser.encodingRule.diagnostic(
            "escape \\u\(hex4(v)) is a lone UTF-16 surrogate and encodes no character; it was read as U+FFFD",
            file: path, range: SourceRange(start: p, end: SourcePosition(line: p.line, column: p.column + 6, offset: p.offset + 6)),
            help: "Write a complete surrogate pair (\\uD83D\\uDE00) or the character itself."))
    }
}

private extension String {
    var trimmingQuotes: String {
        if hasPrefix("'"), hasSuffix("'"), count >= 2 { return String(dropFirst().dropLast()) }
        return self
    }
}
