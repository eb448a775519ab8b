import LintCore

/// One declared input (`inputs: NAME: {type, required, default, enum, untrusted, description}`).
public struct PromptInput: Sendable, Hashable {
    public var name: String
    /// The key's range in the front matter.
    public var keyRange: SourceRange
    /// string, number, integer, boolean, array or object; nil when not declared.
    public var type: String?
    public var required: Bool
    public var defaultValue: Node?
    public var allowed: [Node]?
    public var untrusted: Bool
    public var description: String?

    /// Whether dotted paths and section scopes can reach inside this input.
    public var hasFields: Bool { type == nil || type == "object" || type == "array" }
}

/// The checked front matter of a prompt file. Fields are nil when absent or
/// of the wrong type (the type error is reported by `prompt/front-matter`).
public struct PromptFrontMatter: Sendable, Hashable {
    public var root: Node
    public var name: Node?
    public var description: Node?
    public var assistant: Node?
    public var model: Node?
    public var maxTokens: Node?
    public var temperature: Node?
    public var inputs: [PromptInput] = []
    /// Each sample: a mapping NAME → value.
    public var samples: [Node] = []
    public var budgetMaxTokens: Node?
    public var outputFormat: Node?
    public var outputSchema: Node?

    public func input(_ name: String) -> PromptInput? { inputs.first { $0.name == name } }

    public static let topLevelKeys = ["name", "description", "assistant", "model", "max_tokens", "temperature", "inputs", "samples", "budget", "output"]
    public static let inputKeys = ["type", "required", "default", "enum", "untrusted", "description"]
    public static let inputTypes = ["string", "number", "integer", "boolean", "array", "object"]
    public static let outputFormats = ["json", "text"]

    /// Reads the front matter mapping; structural problems are returned as
    /// (message, range) pairs for `prompt/front-matter`.
    public static func read(_ root: Node) -> (PromptFrontMatter, [(String, SourceRange)]) {
        var fm = PromptFrontMatter(root: root)
        var problems: [(String, SourceRange)] = []
        guard let entries = root.entries else {
            problems.append(("front matter must be a mapping of keys such as `name:` and `description:`; got \(root.jsonTypeName)", root.range))
            return (fm, problems)
        }
        for e in entries where !topLevelKeys.contains(e.keyText) {
            problems.append(("unknown front matter key `\(e.keyText)`; use one of \(topLevelKeys.joined(separator: ", "))", e.key.range))
        }
        func string(_ key: String, required: Bool) -> Node? {
            guard let entry = root.entry(key) else {
                if required {
                    problems.append(("front matter has no `\(key)`; add `\(key):` (required)", SourceRange(root.range.start)))
                }
                return nil
            }
            guard let s = entry.value.stringValue, !s.trimmingSpaces.isEmpty else {
                problems.append(("`\(key)` must be a non-empty string; got \(entry.value.isNull ? "nothing" : entry.value.jsonTypeName)", entry.value.range))
                return nil
            }
            return entry.value
        }
        func number(_ value: Node, _ what: String) -> Node? {
            guard value.doubleValue != nil else {
                problems.append(("`\(what)` must be a number; got \(value.jsonTypeName)", value.range))
                return nil
            }
            return value
        }
        fm.name = string("name", required: true)
        fm.description = string("description", required: true)
        fm.assistant = string("assistant", required: false)
        fm.model = string("model", required: false)
        if let v = root["max_tokens"] { fm.maxTokens = number(v, "max_tokens") }
        if let v = root["temperature"] { fm.temperature = number(v, "temperature") }

        if let inputs = root["inputs"] {
            if let es = inputs.entries {
                for e in es { if let input = readInput(e, &problems) { fm.inputs.append(input) } }
            } else if !inputs.isNull {
                problems.append(("`inputs` must be a mapping NAME: {type, required, …}; got \(inputs.jsonTypeName)", inputs.range))
            }
        }
        if let samples = root["samples"] {
            if let items = samples.items {
                for (i, s) in items.enumerated() {
                    if s.entries != nil { fm.samples.append(s) } else {
                        problems.append(("sample \(i + 1) must be a mapping of input names to values; got \(s.jsonTypeName)", s.range))
                    }
                }
            } else if !samples.isNull {
                problems.append(("`samples` must be a list of mappings (one input set each); got \(samples.jsonTypeName)", samples.range))
            }
        }
        if let budget = root["budget"] {
            if let es = budget.entries {
                for e in es where e.keyText != "max_tokens" {
                    problems.append(("unknown key `budget.\(e.keyText)`; `budget` takes only `max_tokens`", e.key.range))
                }
                if let v = budget["max_tokens"] { fm.budgetMaxTokens = number(v, "budget.max_tokens") }
            } else {
                problems.append(("`budget` must be a mapping such as `{max_tokens: 4000}`; got \(budget.jsonTypeName)", budget.range))
            }
        }
        if let output = root["output"] {
            if let es = output.entries {
                for e in es where e.keyText != "format" && e.keyText != "schema" {
                    problems.append(("unknown key `output.\(e.keyText)`; `output` takes `format` and `schema`", e.key.range))
                }
                if let f = output["format"] {
                    if let s = f.stringValue, outputFormats.contains(s) { fm.outputFormat = f } else {
                        problems.append(("`output.format` must be `json` or `text`; got \(f.scalarText.map { "`\($0)`" } ?? f.jsonTypeName)", f.range))
                    }
                }
                if let s = output["schema"] {
                    if let text = s.stringValue, !text.isEmpty { fm.outputSchema = s } else {
                        problems.append(("`output.schema` must name a schema file under schemas/, e.g. `router-response.schema.json`", s.range))
                    }
                }
            } else {
                problems.append(("`output` must be a mapping `{format: json|text, schema: <file>}`; got \(output.jsonTypeName)", output.range))
            }
        }
        return (fm, problems)
    }

    static func readInput(_ e: MappingEntry, _ problems: inout [(String, SourceRange)]) -> PromptInput? {
        let name = e.keyText
        if !isUpperSnake(name) {
            problems.append(("input name `\(name)` is not UPPER_SNAKE_CASE; rename it (e.g. `\(name.uppercased().replacingDashes)`) and its uses", e.key.range))
        }
        var input = PromptInput(name: name, keyRange: e.key.range, type: nil, required: false, defaultValue: nil, allowed: nil, untrusted: false, description: nil)
        if e.value.isNull { return input }
        guard let entries = e.value.entries else {
            problems.append(("input `\(name)` must be a mapping such as `{type: string, required: true}`; got \(e.value.jsonTypeName)", e.value.range))
            return input
        }
        for sub in entries where !inputKeys.contains(sub.keyText) {
            problems.append(("unknown key `\(sub.keyText)` in input `\(name)`; use one of \(inputKeys.joined(separator: ", "))", sub.key.range))
        }
        if let t = e.value["type"] {
            if let s = t.stringValue, inputTypes.contains(s) { input.type = s } else {
                problems.append(("input `\(name)` has type \(t.scalarText.map { "`\($0)`" } ?? t.jsonTypeName); use one of \(inputTypes.joined(separator: ", "))", t.range))
            }
        }
        for key in ["required", "untrusted"] {
            guard let v = e.value[key] else { continue }
            if let b = v.boolValue {
                if key == "required" { input.required = b } else { input.untrusted = b }
            } else {
                problems.append(("`\(key)` of input `\(name)` must be true or false", v.range))
            }
        }
        if let d = e.value["description"] {
            if let s = d.stringValue { input.description = s } else {
                problems.append(("`description` of input `\(name)` must be a string", d.range))
            }
        }
        if let en = e.value["enum"] {
            if let items = en.items, !items.isEmpty { input.allowed = items } else {
                problems.append(("`enum` of input `\(name)` must be a non-empty list of allowed values", en.range))
            }
        }
        if let d = e.value["default"] {
            input.defaultValue = d
            if let allowed = input.allowed, !allowed.contains(where: { sameValue($0, d) }) {
                problems.append(("default \(d.description) of input `\(name)` is not one of its enum values \(allowed.map(\.description).joined(separator: ", ")); pick an allowed default", d.range))
            }
            if input.required {
                problems.append(("input `\(name)` is required and has a default; a default makes it optional, so drop one of the two", d.range))
            }
        }
        return input
    }

    static func isUpperSnake(_ s: String) -> Bool {
        guard let f = s.unicodeScalars.first, f.properties.isUppercase, f.isASCII else { return false }
        return s.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isUppercase || ("0"..."9").contains($0))) || $0 == "_" }
    }

    /// Value equality ignoring positions.
    static func sameValue(_ a: Node, _ b: Node) -> Bool { a.description == b.description && a.jsonTypeName == b.jsonTypeName }
}

extension String {
    var replacingDashes: String { String(map { $0 == "-" || $0 == " " ? "_" : $0 }) }
}

/// True for lower-case kebab-case names such as `tech-support`.
func isKebabCase(_ s: String) -> Bool {
    guard let f = s.first, f.isASCII, f.isLowercase || f.isNumber, s.last != "-", !s.contains("--") else { return false }
    return s.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
}
