import JSONSchema
import LintCore
import LintParsers

/// The ruleset format as a JSON Schema (`schemas/ruleset.schema.json`,
/// embedded in the tool). `RulesetLoader` validates every ruleset against it
/// before its own checks, which keep only what a schema cannot express:
/// JSONPath syntax, regex compilation, unknown functions and custom function
/// options, `extends` files and inline schemas.
public enum RulesetFormat {
    /// The schema's `$id`.
    public static let schemaID = "https://clubos.dev/schemas/ruleset.schema.json"
    /// The path the schema has in the repository (shown in schema errors).
    public static let schemaPath = "schemas/ruleset.schema.json"
    /// The schema text (identical to `schemas/ruleset.schema.json`).
    public static let schemaText: String = EmbeddedRulesetSchema.text

    /// The embedded schema, compiled once. Nil only if the embedded text is
    /// broken, which `RulesetSchemaTests` rules out.
    public static let validator: RulesetFormatValidator? = {
        switch RulesetFormatValidator.compile(text: schemaText, file: schemaPath) {
        case .success(let v): return v
        case .failure: return nil
        }
    }()
}

/// Validates a ruleset document against a ruleset schema and phrases each
/// violation for rule authors: where it is (`rule "id": then.options`), what
/// is wrong, and what to do (taken from the schema's `description`s, with a
/// "did you mean" for misspelled keys).
public struct RulesetFormatValidator: RuleSchema {
    let schema: CompiledSchema
    /// The schema document, for descriptions and allowed keys.
    let document: Node

    /// At most this many violations are reported per ruleset file.
    public static let maxErrors = 50

    /// Parses and compiles a ruleset schema; returns its problems when it cannot be used.
    public static func compile(text: String, file: String) -> Result<RulesetFormatValidator, RuleLoadError> {
        let parsed = JSONParser.parse(SourceFile(path: file, text: text))
        if let d = parsed.diagnostics.first(where: { $0.severity == .error }) {
            return .failure(RuleLoadError("\(file): \(d.message)", range: d.range))
        }
        guard let node = parsed.node else { return .failure(RuleLoadError("\(file) is empty")) }
        // The embedded schema is checked against its meta-schema by the test
        // suite, so the tool skips that (costly) step at start-up.
        let result = SchemaRegistry().compile(node, file: file, options: SchemaOptions(validateSchema: false))
        if let e = result.errors.first { return .failure(RuleLoadError("\(file): \(e.message)", range: e.range)) }
        guard let schema = result.schema else { return .failure(RuleLoadError("\(file) could not be compiled")) }
        return .success(RulesetFormatValidator(schema: schema, document: node))
    }

    public func validate(_ node: Node) -> [(message: String, range: SourceRange)] {
        var out: [(message: String, range: SourceRange)] = []
        var seen = Set<String>()
        for e in schema.validate(node) {
            let m = message(for: e, instance: node)
            // One report per position and message (branches may repeat each other).
            guard seen.insert("\(e.range.start.line):\(e.range.start.column)|\(m)").inserted else { continue }
            out.append((message: m, range: e.range))
            if out.count >= Self.maxErrors { break }
        }
        return out
    }

    // MARK: Phrasing

    /// `rule "workflow/x": then[1].options` for an instance pointer, plus the
    /// last token (the member name for a member error).
    func location(_ instancePath: String, in root: Node) -> String {
        let tokens = Self.pointerTokens(instancePath)
        var node: Node? = root
        var parts = ""
        var rulePrefix: String? = nil
        for (i, t) in tokens.enumerated() {
            if let items = node?.items, let index = Int(t), index >= 0, index < items.count {
                if i == 1, tokens.first == "rules" {
                    let id = items[index]["id"]?.stringValue
                    rulePrefix = id.map { "rule \"\($0)\"" } ?? "rule \(index + 1)"
                    parts = ""
                } else {
                    parts += "[\(index)]"
                }
                node = items[index]
            } else {
                parts += parts.isEmpty ? t : "." + t
                node = node?[t]
            }
        }
        switch (rulePrefix, parts.isEmpty) {
        case (let r?, true): return r
        case (let r?, false): return r + ": " + parts
        case (nil, true): return "the ruleset"
        case (nil, false): return parts
        }
    }

    func message(for e: ValidationError, instance: Node) -> String {
        let schemaTokens = e.absoluteKeywordLocation.map(Self.fragmentTokens) ?? []
        let atNode = Self.node(at: schemaTokens, in: document)
        // A `false` subschema reports at the subschema itself (no keyword);
        // `additionalProperties: false` reports at the keyword.
        let isFalseSchema = atNode?.boolValue == false && e.message.hasPrefix("no value is allowed")
        let objectTokens = isFalseSchema ? schemaTokens : Array(schemaTokens.dropLast())
        let keyword = isFalseSchema ? nil : schemaTokens.last
        let object = Self.node(at: objectTokens, in: document)
        let hint = description(near: objectTokens)

        if keyword == "additionalProperties" || e.message.contains("(additionalProperties: false)") {
            // The error is at the unknown member; name its parent and the allowed keys.
            let tokens = Self.pointerTokens(e.instancePath)
            let key = tokens.last ?? ""
            let parent = location(Self.pointerJoin(tokens.dropLast()), in: instance)
            let allowed = (object?["properties"]?.entries ?? []).map(\.keyText)
            var m = "\(parent): unknown key \"\(key)\""
            let close = allowed.filter { editDistance($0, key) <= 3 || (!key.isEmpty && ($0.hasPrefix(key) || key.hasPrefix($0))) }
            if let guess = close.min(by: { editDistance($0, key) < editDistance($1, key) }) {
                m += "; did you mean \"\(guess)\"?"
            } else {
                m += "; remove it or fix its name."
            }
            if !allowed.isEmpty { m += " Allowed keys: \(allowed.joined(separator: ", "))." }
            return m
        }
        let loc = location(e.instancePath, in: instance)
        if isFalseSchema {
            return "\(loc): \(hint ?? "no value is allowed here; remove it")"
        }
        if keyword == "not" {
            return "\(loc): \(hint ?? e.message) (found \(RuleFunctions.show(Self.node(at: Self.pointerTokens(e.instancePath), in: instance))))"
        }
        if keyword == "required", let name = Self.quoted(e.message) {
            if let what = object?["properties"]?[name]?["description"]?.stringValue {
                return "\(loc): missing \"\(name)\"; add it: \(what)"
            }
            return "\(loc): " + (hint ?? "missing \"\(name)\"; add it")
        }
        return "\(loc): \(e.message)" + (hint.map { ". \($0)" } ?? "")
    }

    /// The `description` of the nearest enclosing schema object.
    func description(near tokens: [String]) -> String? {
        var t = tokens
        while true {
            if Self.isSchemaLocation(t), let d = Self.node(at: t, in: document)?["description"]?.stringValue { return d }
            if t.isEmpty { return nil }
            t.removeLast()
        }
    }

    // MARK: Pointers

    static let namedChildren: Set<String> = ["properties", "$defs", "definitions", "patternProperties", "dependentSchemas"]
    static let singleChildren: Set<String> = ["items", "not", "if", "then", "else", "contains", "additionalProperties",
                                              "propertyNames", "unevaluatedProperties", "unevaluatedItems"]
    static let listChildren: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems"]

    /// True when the pointer names a subschema (not a `properties` map or a keyword's value).
    static func isSchemaLocation(_ t: [String]) -> Bool {
        guard let last = t.last else { return true }
        if t.count >= 2 {
            let parent = t[t.count - 2]
            if namedChildren.contains(parent) { return !(t.count >= 3 && namedChildren.contains(t[t.count - 3])) }
            if listChildren.contains(parent) { return Int(last) != nil }
        }
        return singleChildren.contains(last)
    }

    static func node(at tokens: [String], in root: Node) -> Node? {
        var n: Node? = root
        for t in tokens {
            guard let cur = n else { return nil }
            if let items = cur.items { n = Int(t).flatMap { $0 >= 0 && $0 < items.count ? items[$0] : nil } }
            else { n = cur[t] }
        }
        return n
    }

    static func fragmentTokens(_ uri: String) -> [String] {
        guard let hash = uri.firstIndex(of: "#") else { return [] }
        return pointerTokens(percentDecode(String(uri[uri.index(after: hash)...])))
    }

    static func pointerTokens(_ pointer: String) -> [String] {
        guard pointer.hasPrefix("/") else { return [] }
        return pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences("~1", "/").replacingOccurrences("~0", "~")
        }
    }

    static func pointerJoin<S: Sequence>(_ tokens: S) -> String where S.Element == String {
        tokens.map { "/" + $0.replacingOccurrences("~", "~0").replacingOccurrences("/", "~1") }.joined()
    }

    static func percentDecode(_ s: String) -> String {
        guard s.contains("%") else { return s }
        var bytes: [UInt8] = []
        var u = Array(s.utf8)[...]
        while let b = u.popFirst() {
            if b == UInt8(ascii: "%"), u.count >= 2,
               let v = UInt8(String(decoding: u.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v)
                u = u.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The first `"quoted"` text of a message.
    static func quoted(_ s: String) -> String? {
        guard let open = s.firstIndex(of: "\"") else { return nil }
        let rest = s[s.index(after: open)...]
        guard let close = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[rest.startIndex..<close])
    }
}

extension Substring {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        String(self).replacingOccurrences(target, replacement)
    }
}

extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.firstRange(of: target) {
            out += rest[rest.startIndex..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }
}
