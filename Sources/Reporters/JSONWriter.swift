import LintCore
/// A JSON value whose objects keep their member order, so output is
/// deterministic and matches a documented key order.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    /// A number kept as its source text; written verbatim when it is a JSON
    /// number, else as the nearest double, else as a string.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in output order.
    case object([JSONMember])
}

public struct JSONMember: Sendable, Hashable {
    public var key: String
    public var value: JSONValue
    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

/// Serializes `JSONValue`s: compact or indented by two spaces, members in
/// their given order. Strings are escaped so the output is valid UTF-8 JSON
/// that is also safe to embed in HTML/JavaScript and to print: `"` and `\`
/// are backslash-escaped; every control character (U+0000–U+001F, U+007F–U+009F)
/// and U+2028/U+2029 becomes `\u00XX` (lowercase hex).
public enum JSONWriter {
    public static func serialize(_ value: JSONValue, pretty: Bool = false) -> String {
        var out = ""
        write(value, into: &out, pretty: pretty, indent: 0)
        return out
    }

    public static func escape(_ s: String) -> String {
        var out = ""
        appendEscaped(s, into: &out)
        return out
    }

    /// True when `s` matches the RFC 8259 number grammar.
    static func isJSONNumber(_ s: String) -> Bool {
        let b = Array(s.utf8)
        var i = 0
        func digits() -> Int { let st = i; while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }; return i - st }
        if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count else { return false }
        if b[i] == UInt8(ascii: "0") { i += 1 } else if digits() == 0 { return false }
        if i < b.count, b[i] == UInt8(ascii: ".") { i += 1; if digits() == 0 { return false } }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            if digits() == 0 { return false }
        }
        return i == b.count
    }

    static func appendEscaped(_ s: String, into out: inout String) {
        Node.appendJSONEscaped(s, into: &out)
    }

    // Values are built by the reporters with a fixed, shallow shape, so this
    // recursion is bounded by construction (no input-controlled depth).
    private static func write(_ value: JSONValue, into out: inout String, pretty: Bool, indent: Int) {
        switch value {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .int(let i): out.append(String(i))
        case .number(let text):
            if isJSONNumber(text) { out.append(text) }
            else if let d = Double(text.replacingUnderscores), d.isFinite { out.append(String(d)) }
            else { appendEscaped(text, into: &out) }
        case .string(let s): appendEscaped(s, into: &out)
        case .array(let items):
            if items.isEmpty { out.append("[]"); return }
            out.append("[")
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(",") }
                if pretty { newline(&out, indent + 1) }
                write(item, into: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { newline(&out, indent) }
            out.append("]")
        case .object(let members):
            if members.isEmpty { out.append("{}"); return }
            out.append("{")
            for (i, m) in members.enumerated() {
                if i > 0 { out.append(",") }
                if pretty { newline(&out, indent + 1) }
                appendEscaped(m.key, into: &out)
                out.append(pretty ? ": " : ":")
                write(m.value, into: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { newline(&out, indent) }
            out.append("}")
        }
    }

    private static func newline(_ out: inout String, _ level: Int) {
        out.append("\n")
        out.append(String(repeating: "  ", count: level))
    }
}

private extension String {
    var replacingUnderscores: String { String(filter { $0 != "_" }) }
}
