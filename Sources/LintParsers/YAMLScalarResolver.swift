import LintCore

/// Scalar resolution following the YAML 1.2 core schema.
enum YAMLScalarResolver {
    static let yamlTagPrefix = "tag:yaml.org,2002:"

    /// How an explicitly tagged scalar failed to resolve.
    struct TagMismatch: Error, Sendable {
        var tag: String
    }

    /// Resolves a scalar. `tag` is the tag libyaml reported (nil when none was written).
    static func resolve(_ text: String, style: YAMLScalarStyle, tag: String?) -> Result<Scalar, TagMismatch> {
        guard let tag else {
            return .success(style == .plain ? resolvePlain(text) : .string(text))
        }
        switch tag {
        case yamlTagPrefix + "str", "!":
            return .success(.string(text))
        case yamlTagPrefix + "null":
            return isNull(text) ? .success(.null) : .failure(TagMismatch(tag: "!!null"))
        case yamlTagPrefix + "bool":
            if let b = bool(text) { return .success(.bool(b)) }
            return .failure(TagMismatch(tag: "!!bool"))
        case yamlTagPrefix + "int":
            return isInt(text) ? .success(.number(text)) : .failure(TagMismatch(tag: "!!int"))
        case yamlTagPrefix + "float":
            return isInt(text) || isFloat(text) ? .success(.number(text)) : .failure(TagMismatch(tag: "!!float"))
        default:
            return .success(.string(text))
        }
    }

    /// The tag as it is shown to users: `tag:yaml.org,2002:str` becomes `!!str`.
    static func displayTag(_ tag: String) -> String {
        tag.hasPrefix(yamlTagPrefix) ? "!!" + tag.dropFirst(yamlTagPrefix.count) : tag
    }

    /// Core schema resolution of a plain scalar.
    static func resolvePlain(_ text: String) -> Scalar {
        if isNull(text) { return .null }
        if let b = bool(text) { return .bool(b) }
        if isInt(text) || isFloat(text) { return .number(text) }
        return .string(text)
    }

    static func isNull(_ t: String) -> Bool {
        t.isEmpty || t == "~" || t == "null" || t == "Null" || t == "NULL"
    }

    static func bool(_ t: String) -> Bool? {
        switch t {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`.
    static func isInt(_ t: String) -> Bool {
        let b = Array(t.utf8)
        if b.count > 2, b[0] == 0x30, b[1] == 0x6F { return b[2...].allSatisfy { $0 >= 0x30 && $0 <= 0x37 } }
        if b.count > 2, b[0] == 0x30, b[1] == 0x78 { return b[2...].allSatisfy(isHexDigit) }
        var i = 0
        if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
        return i < b.count && b[i...].allSatisfy(isDigit)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.(inf|Inf|INF)`, `\.(nan|NaN|NAN)`.
    static func isFloat(_ t: String) -> Bool {
        switch t {
        case ".nan", ".NaN", ".NAN": return true
        default: break
        }
        let b = Array(t.utf8)
        var i = 0
        if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
        let rest = String(decoding: b[i...], as: UTF8.self)
        if rest == ".inf" || rest == ".Inf" || rest == ".INF" { return true }
        var intDigits = 0
        while i < b.count, isDigit(b[i]) { i += 1; intDigits += 1 }
        var fracDigits = 0
        var hasDot = false
        if i < b.count, b[i] == 0x2E {
            hasDot = true
            i += 1
            while i < b.count, isDigit(b[i]) { i += 1; fracDigits += 1 }
        }
        if intDigits == 0 && fracDigits == 0 { return false }
        if intDigits == 0 && !hasDot { return false }
        if i < b.count, b[i] == 0x65 || b[i] == 0x45 {
            i += 1
            if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
            var expDigits = 0
            while i < b.count, isDigit(b[i]) { i += 1; expDigits += 1 }
            if expDigits == 0 { return false }
        }
        return i == b.count
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private static func isHexDigit(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)
    }
}
