/// The one positioned document model shared by JSON, JSONL, YAML, TypeScript
/// config and front matter. Checkers, JSON Schema and JSONPath all work on it.
public struct Node: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case scalar(Scalar)
        case sequence([Node])
        case mapping([MappingEntry])
    }

    public var value: Value
    public var range: SourceRange
    /// YAML tag when one was written explicitly (e.g. `!!str`), else nil.
    public var tag: String?

    public init(_ value: Value, range: SourceRange, tag: String? = nil) {
        self.value = value
        self.range = range
        self.tag = tag
    }

    public static func scalar(_ s: Scalar, _ range: SourceRange) -> Node { Node(.scalar(s), range: range) }
    public static func sequence(_ items: [Node], _ range: SourceRange) -> Node { Node(.sequence(items), range: range) }
    public static func mapping(_ entries: [MappingEntry], _ range: SourceRange) -> Node { Node(.mapping(entries), range: range) }
}

public struct MappingEntry: Sendable, Hashable {
    /// The key node: a string scalar for JSON; any node for YAML.
    public var key: Node
    public var value: Node

    public init(key: Node, value: Node) {
        self.key = key
        self.value = value
    }

    /// The key as text (the scalar's text, or a rendering of a complex key).
    public var keyText: String { key.scalarText ?? key.description }
}

/// A scalar's resolved type, following JSON and the YAML 1.2 core schema.
public enum ScalarKind: Sendable, Hashable {
    case string
    /// `text` holds the number exactly as written in the source.
    case number
    case bool
    case null
    /// A value that could not be resolved statically (e.g. a TypeScript expression).
    case dynamic
}

public struct Scalar: Sendable, Hashable {
    public var kind: ScalarKind
    /// The decoded string value, the number's source text, "true"/"false", or "null".
    public var text: String

    public init(kind: ScalarKind, text: String) {
        self.kind = kind
        self.text = text
    }

    public static func string(_ s: String) -> Scalar { Scalar(kind: .string, text: s) }
    public static func number(_ s: String) -> Scalar { Scalar(kind: .number, text: s) }
    public static func bool(_ b: Bool) -> Scalar { Scalar(kind: .bool, text: b ? "true" : "false") }
    public static let null = Scalar(kind: .null, text: "null")
}

extension Node {
    public var scalar: Scalar? { if case .scalar(let s) = value { return s }; return nil }
    public var scalarText: String? { scalar?.text }
    public var stringValue: String? { if let s = scalar, s.kind == .string { return s.text }; return nil }
    public var boolValue: Bool? { if let s = scalar, s.kind == .bool { return s.text == "true" }; return nil }
    public var doubleValue: Double? { if let s = scalar, s.kind == .number { return Double(s.text) }; return nil }
    public var isNull: Bool { scalar?.kind == .null }
    public var items: [Node]? { if case .sequence(let a) = value { return a }; return nil }
    public var entries: [MappingEntry]? { if case .mapping(let e) = value { return e }; return nil }

    /// The value of the first entry whose key text equals `key`.
    public subscript(key: String) -> Node? {
        entries?.first(where: { $0.key.scalarText == key })?.value
    }

    /// The entry (key and value) for `key`.
    public func entry(_ key: String) -> MappingEntry? {
        entries?.first(where: { $0.key.scalarText == key })
    }

    /// JSON type name as used by JSON Schema: object, array, string, number, integer, boolean, null.
    public var jsonTypeName: String {
        switch value {
        case .mapping: return "object"
        case .sequence: return "array"
        case .scalar(let s):
            switch s.kind {
            case .string, .dynamic: return "string"
            case .number: return "number"
            case .bool: return "boolean"
            case .null: return "null"
            }
        }
    }
}

extension Node: CustomStringConvertible {
    /// Compact JSON rendering (numbers as written, strings escaped).
    public var description: String {
        var out = ""
        Node.render(self, into: &out)
        return out
    }

    /// A JSON string literal for `s`: `"` and `\\` backslash-escaped; every
    /// control character (C0, DEL, C1) and U+2028/U+2029 written as `\\u00XX`,
    /// so the text is also safe to embed in HTML/JavaScript and to print.
    public static func jsonEscape(_ s: String) -> String {
        var out = ""
        appendJSONEscaped(s, into: &out)
        return out
    }

    public static func appendJSONEscaped(_ s: String, into out: inout String) {
        out.append("\"")
        for scalar in s.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x22: out.append("\\\"")
            case 0x5C: out.append("\\\\")
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029:
                out.append("\\u")
                let hex = String(v, radix: 16)
                out.append(String(repeating: "0", count: 4 - hex.count))
                out.append(hex)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out.append("\"")
    }

    static func render(_ node: Node, into out: inout String) {
        switch node.value {
        case .scalar(let s):
            switch s.kind {
            case .string, .dynamic: out += jsonEscape(s.text)
            case .number, .bool, .null: out += s.text
            }
        case .sequence(let items):
            out += "["
            for (i, n) in items.enumerated() {
                if i > 0 { out += "," }
                render(n, into: &out)
            }
            out += "]"
        case .mapping(let entries):
            out += "{"
            for (i, e) in entries.enumerated() {
                if i > 0 { out += "," }
                out += jsonEscape(e.keyText)
                out += ":"
                render(e.value, into: &out)
            }
            out += "}"
        }
    }
}
