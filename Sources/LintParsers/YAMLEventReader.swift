import CYaml
import LintCore

/// How a scalar was written.
enum YAMLScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded

    var isBlock: Bool { self == .literal || self == .folded }
}

/// One libyaml event, copied into Swift values. Offsets are absolute byte
/// offsets into the `SourceFile`.
struct YAMLEvent: Sendable {
    enum Kind: Sendable {
        case documentStart
        case documentEnd
        case scalar(value: String, style: YAMLScalarStyle)
        case sequenceStart(flow: Bool)
        case sequenceEnd
        case mappingStart(flow: Bool)
        case mappingEnd
        /// `anchor` holds the alias name.
        case alias
    }

    var kind: Kind
    var anchor: String?
    var tag: String?
    var start: Int
    var end: Int
}

/// Why reading events stopped early.
struct YAMLReadFailure: Sendable {
    var offset: Int
    var message: String
    var help: String?
    /// Comments are reported only before this byte offset.
    var commentCutoff: Int

    func diagnostic(file: SourceFile) -> Diagnostic {
        YAMLRules.syntax.diagnostic(message, file: file.path, range: YAMLPositions.charRange(file, at: offset), help: help)
    }
}

struct YAMLEventStream: Sendable {
    var events: [YAMLEvent] = []
    var failure: YAMLReadFailure?
    /// Scalars, collections and aliases parsed (before alias expansion).
    var nodeCount = 0
    /// Byte ranges where a `#` cannot start a comment (scalar contents), sorted.
    var protectedRanges: [Range<Int>] = []
}

/// Maps libyaml's `mark.index`, which counts Unicode characters in libyaml
/// 0.2.5 (verified by `YAMLPositionTests`), to byte offsets. Moves a cursor in
/// either direction, so mostly-increasing lookups are linear overall.
struct YAMLCharCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    private var charIndex = 0
    private var byteIndex = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func byteOffset(ofCharacter target: Int) -> Int {
        let n = bytes.count
        while charIndex < target, byteIndex < n {
            byteIndex += 1
            while byteIndex < n, bytes[byteIndex] & 0xC0 == 0x80 { byteIndex += 1 }
            charIndex += 1
        }
        while charIndex > target, byteIndex > 0 {
            byteIndex -= 1
            while byteIndex > 0, bytes[byteIndex] & 0xC0 == 0x80 { byteIndex -= 1 }
            charIndex -= 1
        }
        return byteIndex
    }
}

enum YAMLEventReader {
    static func read(_ file: SourceFile, range: Range<Int>, maxDepth: Int) -> YAMLEventStream {
        file.bytes.withUnsafeBufferPointer { all in
            let input = UnsafeBufferPointer(rebasing: all[range])
            var stream = readEvents(input, base: range.lowerBound, maxDepth: maxDepth)
            stream.protectedRanges = protectedRanges(stream.events, bytes: all, limit: range.upperBound)
            return stream
        }
    }

    private static func readEvents(_ input: UnsafeBufferPointer<UInt8>, base: Int, maxDepth: Int) -> YAMLEventStream {
        var stream = YAMLEventStream()
        guard let address = input.baseAddress, input.count > 0 else { return stream }
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) != 0 else {
            stream.failure = YAMLReadFailure(
                offset: base, message: "The YAML parser could not be initialized (out of memory); retry with more memory available.",
                help: nil, commentCutoff: base)
            return stream
        }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, address, input.count)

        var cursor = YAMLCharCursor(bytes: input)
        var depth = 0
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) != 0 else {
                stream.failure = failure(parser.pointee, input: input, base: base, cursor: &cursor)
                break
            }
            defer { yaml_event_delete(&event) }
            let type = event.type
            if type == YAML_STREAM_END_EVENT { break }
            let start = base + cursor.byteOffset(ofCharacter: Int(clamping: event.start_mark.index))
            let end = base + cursor.byteOffset(ofCharacter: Int(clamping: event.end_mark.index))
            var converted: YAMLEvent?
            switch type {
            case YAML_DOCUMENT_START_EVENT:
                converted = YAMLEvent(kind: .documentStart, start: start, end: end)
            case YAML_DOCUMENT_END_EVENT:
                converted = YAMLEvent(kind: .documentEnd, start: start, end: end)
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                let value = s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(clamping: s.length)), as: UTF8.self) } ?? ""
                converted = YAMLEvent(
                    kind: .scalar(value: value, style: style(s.style)),
                    anchor: string(s.anchor), tag: string(s.tag), start: start, end: end)
                stream.nodeCount += 1
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                depth += 1
                if depth > maxDepth {
                    stream.failure = YAMLReadFailure(
                        offset: start,
                        message: "YAML nesting deeper than \(maxDepth) levels; flatten the structure (or split the file) so it nests at most \(maxDepth) levels.",
                        help: nil, commentCutoff: start)
                    return stream
                }
                if type == YAML_SEQUENCE_START_EVENT {
                    let s = event.data.sequence_start
                    converted = YAMLEvent(
                        kind: .sequenceStart(flow: s.style == YAML_FLOW_SEQUENCE_STYLE),
                        anchor: string(s.anchor), tag: string(s.tag), start: start, end: end)
                } else {
                    let m = event.data.mapping_start
                    converted = YAMLEvent(
                        kind: .mappingStart(flow: m.style == YAML_FLOW_MAPPING_STYLE),
                        anchor: string(m.anchor), tag: string(m.tag), start: start, end: end)
                }
                stream.nodeCount += 1
            case YAML_SEQUENCE_END_EVENT:
                depth -= 1
                converted = YAMLEvent(kind: .sequenceEnd, start: start, end: end)
            case YAML_MAPPING_END_EVENT:
                depth -= 1
                converted = YAMLEvent(kind: .mappingEnd, start: start, end: end)
            case YAML_ALIAS_EVENT:
                converted = YAMLEvent(kind: .alias, anchor: string(event.data.alias.anchor), start: start, end: end)
                stream.nodeCount += 1
            default:
                converted = nil
            }
            if let converted { stream.events.append(converted) }
        }
        return stream
    }

    private static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let p else { return nil }
        return String(cString: p)
    }

    private static func style(_ s: yaml_scalar_style_t) -> YAMLScalarStyle {
        switch s {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    // MARK: - Errors

    private static func failure(
        _ p: yaml_parser_t, input: UnsafeBufferPointer<UInt8>, base: Int, cursor: inout YAMLCharCursor
    ) -> YAMLReadFailure {
        let problem = p.problem.map { String(cString: $0) } ?? "unknown error"
        switch p.error {
        case YAML_READER_ERROR:
            let local = min(Int(clamping: p.problem_offset), input.count)
            let offset = base + local
            let value = p.problem_value
            if problem == "control characters are not allowed" {
                return YAMLReadFailure(
                    offset: offset,
                    message: "Control character \(codePoint(value)) is not allowed in YAML; remove it, or write it as an escape (e.g. \"\\x01\") inside a double-quoted string.",
                    help: nil, commentCutoff: lineStart(input, local, base: base))
            }
            let byteText = value >= 0 ? " (byte 0x\(hex(value, width: 2)))" : ""
            return YAMLReadFailure(
                offset: offset,
                message: "The file is not valid UTF-8: \(problem)\(byteText); save the file with UTF-8 encoding.",
                help: nil, commentCutoff: lineStart(input, local, base: base))
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            let local = cursor.byteOffset(ofCharacter: Int(clamping: p.problem_mark.index))
            let offset = base + local
            var text = problem
            var cutoff = lineStart(input, local, base: base)
            if let context = p.context.map({ String(cString: $0) }) {
                text += " " + context
                let contextLocal = cursor.byteOffset(ofCharacter: Int(clamping: p.context_mark.index))
                if contextLocal != local {
                    text += " started at line \(p.context_mark.line + 1)"
                }
                if p.error == YAML_SCANNER_ERROR {
                    cutoff = min(cutoff, lineStart(input, contextLocal, base: base))
                }
            }
            let hint = self.hint(problem: problem, at: local, input: input)
            return YAMLReadFailure(offset: offset, message: "YAML syntax error: \(text); \(hint).", help: nil, commentCutoff: cutoff)
        case YAML_MEMORY_ERROR:
            return YAMLReadFailure(
                offset: base, message: "The YAML parser ran out of memory; reduce the size of this file.",
                help: nil, commentCutoff: base)
        default:
            return YAMLReadFailure(
                offset: base, message: "YAML error: \(problem); fix the YAML syntax.", help: nil, commentCutoff: base)
        }
    }

    private static func hint(problem: String, at local: Int, input: UnsafeBufferPointer<UInt8>) -> String {
        if local < input.count, input[local] == 0x09 {
            return "YAML does not allow tabs for indentation: indent with spaces"
        }
        switch problem {
        case "mapping values are not allowed in this context":
            return "check the indentation of this line, and quote the value if it contains \": \""
        case "did not find expected key", "did not find expected '-' indicator":
            return "check the indentation: entries of one mapping or sequence must start in the same column"
        case "found unexpected end of stream":
            return "close the quoted string or collection before the end of the file"
        case "found undefined tag handle":
            return "declare the tag handle with a %TAG directive or write the tag in full"
        case "found unknown escape character":
            return "use a valid escape (such as \\n, \\t, \\\\, \\\", \\xNN, \\uNNNN) or single quotes, where backslashes are literal"
        case "did not find expected ',' or ']'":
            return "separate the items with ',' and close the sequence with ']'"
        case "did not find expected ',' or '}'":
            return "separate the entries with ',' and close the mapping with '}'"
        case "found character that cannot start any token":
            return "quote the value if it starts with a special character such as @, ` or %"
        default:
            return "fix the YAML syntax here (quote values that contain special characters such as \": \", \" #\", [, ], {, }, *, &)"
        }
    }

    private static func lineStart(_ input: UnsafeBufferPointer<UInt8>, _ local: Int, base: Int) -> Int {
        var i = min(max(0, local), input.count)
        while i > 0, input[i - 1] != 0x0A, input[i - 1] != 0x0D { i -= 1 }
        return base + i
    }

    private static func hex(_ value: Int32, width: Int) -> String {
        let h = String(UInt32(bitPattern: value), radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - h.count)) + h
    }

    private static func codePoint(_ value: Int32) -> String { "U+" + hex(value, width: 4) }

    // MARK: - Scalar ranges (for the comment scanner)

    /// The byte ranges of scalar contents, where `#` never starts a comment.
    /// Node properties (anchor, tag) and, for block scalars, the header line
    /// (`|` / `>` plus an optional comment) are left out.
    private static func protectedRanges(_ events: [YAMLEvent], bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for event in events {
            guard case .scalar(_, let style) = event.kind else { continue }
            let end = min(event.end, limit)
            var i = skipProperties(bytes, from: event.start, to: end)
            if style.isBlock {
                while i < end, bytes[i] != 0x0A, bytes[i] != 0x0D { i += 1 }
            }
            if i < end { ranges.append(i..<end) }
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        return ranges
    }

    private static func skipProperties(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var i = start
        while i < end {
            switch bytes[i] {
            case 0x26, 0x21: // & !
                while i < end, !isSpaceOrBreak(bytes[i]) { i += 1 }
            case 0x20, 0x09, 0x0A, 0x0D:
                i += 1
            case 0x23 where i > start && isSpaceOrBreak(bytes[i - 1]): // comment between properties and content
                while i < end, bytes[i] != 0x0A, bytes[i] != 0x0D { i += 1 }
            default:
                return i
            }
        }
        return i
    }

    private static func isSpaceOrBreak(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
}

/// Position helpers shared by the YAML loader.
enum YAMLPositions {
    /// A range covering the one character at `offset` (empty at the end of the file).
    static func charRange(_ file: SourceFile, at offset: Int) -> SourceRange {
        let bytes = file.bytes
        let start = max(0, min(offset, bytes.count))
        var end = start
        if end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D {
            end += 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        }
        return file.range(ofBytes: start, end)
    }
}

/// Converts byte offsets to positions, reusing the previous lookup when the
/// next offset lies further along the same line (events arrive in order).
struct YAMLPositionCursor {
    let file: SourceFile
    private var lastOffset = 0
    private var lastLine = 1
    private var lastColumn = 1

    init(file: SourceFile) { self.file = file }

    mutating func position(_ offset: Int) -> SourcePosition {
        let bytes = file.bytes
        let off = max(0, min(offset, bytes.count))
        let line = file.line(containing: off)
        var i: Int
        var column: Int
        if line == lastLine, off >= lastOffset {
            i = lastOffset
            column = lastColumn
        } else {
            i = file.lineStarts[line - 1]
            column = 1
        }
        while i < off {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        lastOffset = off
        lastLine = line
        lastColumn = column
        return SourcePosition(line: line, column: column, offset: off)
    }

    mutating func range(_ start: Int, _ end: Int) -> SourceRange {
        let s = position(start)
        return SourceRange(start: s, end: position(max(start, end)))
    }
}
