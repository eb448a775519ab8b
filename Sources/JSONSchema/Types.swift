import LintCore

/// A JSON Schema dialect.
public enum Draft: String, Sendable, CaseIterable, Hashable {
    case draft4 = "draft-04"
    case draft6 = "draft-06"
    case draft7 = "draft-07"
    case draft2019_09 = "2019-09"
    case draft2020_12 = "2020-12"

    /// The meta-schema URI (as written in `$schema`, without the empty fragment).
    public var metaSchemaURI: String {
        switch self {
        case .draft4: "http://json-schema.org/draft-04/schema"
        case .draft6: "http://json-schema.org/draft-06/schema"
        case .draft7: "http://json-schema.org/draft-07/schema"
        case .draft2019_09: "https://json-schema.org/draft/2019-09/schema"
        case .draft2020_12: "https://json-schema.org/draft/2020-12/schema"
        }
    }

    /// The dialect named by a `$schema` URI (trailing `#` ignored, http/https alike).
    public init?(schemaURI: String) {
        var s = schemaURI
        if s.hasSuffix("#") { s.removeLast() }
        if s.hasPrefix("https://json-schema.org/") || s.hasPrefix("http://json-schema.org/") {
            let tail = s.split(separator: "/", omittingEmptySubsequences: false).dropFirst(3).joined(separator: "/")
            switch tail {
            case "draft-04/schema": self = .draft4
            case "draft-06/schema": self = .draft6
            case "draft-07/schema": self = .draft7
            case "draft/2019-09/schema": self = .draft2019_09
            case "draft/2020-12/schema": self = .draft2020_12
            default: return nil
            }
            return
        }
        return nil
    }

    var atLeast6: Bool { self != .draft4 }
    var atLeast7: Bool { self != .draft4 && self != .draft6 }
    var atLeast2019: Bool { self == .draft2019_09 || self == .draft2020_12 }
    /// In draft-07 and earlier, `$ref` makes sibling keywords ignored.
    var refOverridesSiblings: Bool { !atLeast2019 }
    var idKeyword: String { self == .draft4 ? "id" : "$id" }
}

/// The vocabularies a schema's meta-schema enables (2019-09 and later).
struct Vocabularies: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    static let applicator = Vocabularies(rawValue: 1)
    static let validation = Vocabularies(rawValue: 2)
    static let unevaluated = Vocabularies(rawValue: 4)
    static let formatAssertion = Vocabularies(rawValue: 8)
    static let all: Vocabularies = [.applicator, .validation, .unevaluated]
}

/// Options for compiling a schema.
public struct SchemaOptions: Sendable {
    /// The dialect when a schema has no `$schema` (default 2020-12).
    public var defaultDraft: Draft
    /// Force a dialect regardless of `$schema`.
    public var draftOverride: Draft?
    /// Treat `format` as an assertion (date-time, email, uuid…) instead of an annotation.
    public var formatAssertion: Bool
    /// Validate the schema against its meta-schema and report violations as schema errors.
    public var validateSchema: Bool

    public init(defaultDraft: Draft = .draft2020_12, draftOverride: Draft? = nil, formatAssertion: Bool = false, validateSchema: Bool = true) {
        self.defaultDraft = defaultDraft
        self.draftOverride = draftOverride
        self.formatAssertion = formatAssertion
        self.validateSchema = validateSchema
    }
}

/// One failed assertion in an instance.
public struct ValidationError: Sendable, Hashable, CustomStringConvertible {
    /// JSON Pointer to the failing value in the instance ("" is the root).
    public var instancePath: String
    /// JSON Pointer through the schema as evaluated (including `$ref`s), ending in the keyword.
    public var keywordLocation: String
    /// The keyword's absolute location (`<schema URI>#<pointer>`), when the schema has a URI.
    public var absoluteKeywordLocation: String?
    /// The failing value's range in the instance file.
    public var range: SourceRange
    /// What was expected and what was found.
    public var message: String
    /// The schema file and the keyword's range in it.
    public var schemaFile: String
    public var schemaRange: SourceRange

    public var description: String {
        "\(instancePath.isEmpty ? "/" : instancePath) (\(range.start)): \(message) [\(keywordLocation)]"
    }

    /// A diagnostic in `file` with the given rule id. The message names the
    /// instance location and the schema keyword.
    public func diagnostic(rule: String, severity: Severity = .error, file: String, help: String? = nil) -> Diagnostic {
        let at = instancePath.isEmpty ? "the document" : "\"\(instancePath)\""
        let msg = "\(at): \(message) (schema \(schemaFile):\(schemaRange.start) \(keywordLocation))"
        return Diagnostic(rule: rule, severity: severity, message: msg, file: file, range: range, help: help)
    }
}

/// A problem in a schema itself (wrong keyword type, bad regex, unresolvable `$ref`).
public struct SchemaError: Sendable, Hashable, CustomStringConvertible {
    /// The schema file.
    public var file: String
    public var range: SourceRange
    /// JSON Pointer of the offending keyword in the schema document.
    public var keywordLocation: String
    public var message: String

    public var description: String { "\(file):\(range.start): \(message) [\(keywordLocation)]" }

    public func diagnostic(rule: String = "schema/invalid-schema", severity: Severity = .error) -> Diagnostic {
        Diagnostic(rule: rule, severity: severity, message: message, file: file, range: range,
                   help: "Fix the schema: see https://json-schema.org/understanding-json-schema for keyword syntax.")
    }
}

extension Array where Element == ValidationError {
    /// Converts errors to diagnostics with the given rule id (e.g. `feedback/schema`).
    public func diagnostics(rule: String, severity: Severity = .error, file: String, help: String? = nil) -> [Diagnostic] {
        map { $0.diagnostic(rule: rule, severity: severity, file: file, help: help) }
    }
}
