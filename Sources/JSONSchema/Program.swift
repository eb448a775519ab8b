import LintCore

/// JSON types as a bit set.
struct TypeSet: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    static let null = TypeSet(rawValue: 1)
    static let boolean = TypeSet(rawValue: 2)
    static let object = TypeSet(rawValue: 4)
    static let array = TypeSet(rawValue: 8)
    static let number = TypeSet(rawValue: 16)
    static let string = TypeSet(rawValue: 32)
    static let integer = TypeSet(rawValue: 64)

    static func named(_ s: String) -> TypeSet? {
        switch s {
        case "null": .null
        case "boolean": .boolean
        case "object": .object
        case "array": .array
        case "number": .number
        case "string": .string
        case "integer": .integer
        default: nil
        }
    }

    var names: [String] {
        var out: [String] = []
        let order: [(TypeSet, String)] = [(.string, "string"), (.number, "number"), (.integer, "integer"), (.boolean, "boolean"),
                                          (.object, "object"), (.array, "array"), (.null, "null")]
        for (t, n) in order where contains(t) { out.append(n) }
        return out
    }
}

/// A precompiled keyword.
enum Op: Sendable {
    case type(TypeSet)
    case const(Node)
    /// Allowed values; `strings` is set when every value is a string (one table lookup).
    case enumeration([Node], strings: NameTable?)
    case multipleOf(ExactDecimal)
    /// The bound, whether it is exclusive, and the bound as a Double when comparing through Double is exact.
    case maximum(ExactDecimal, exclusive: Bool, fast: Double?)
    case minimum(ExactDecimal, exclusive: Bool, fast: Double?)
    case maxLength(Int)
    case minLength(Int)
    case pattern(ECMARegex)
    case format(FormatKind, String)
    /// draft-07 content assertions: base64 encoding and/or a JSON media type.
    case content(base64: Bool, json: Bool)
    case maxItems(Int)
    case minItems(Int)
    case uniqueItems
    /// `prefixItems` (2020-12) or array-form `items` (earlier drafts).
    case prefixItems([Int])
    /// A schema applied to every item at index ≥ `from`; `keyword` is the name to show.
    case items(Int, from: Int)
    case contains(Int, min: Int, max: Int?, annotates: Bool)
    case maxProperties(Int)
    case minProperties(Int)
    /// Names, and name → position (for a one-pass check of up to 64 names).
    case required([String], index: NameTable)
    /// Property names (a table) and their subschemas by table slot.
    case properties(NameTable, [Int])
    case patternProperties([(ECMARegex, Int)])
    case additionalProperties(Int, known: NameTable, patterns: [ECMARegex])
    /// `properties` + `additionalProperties` + `required` fused into one pass over the object.
    case objectShape(ObjectShape)
    case propertyNames(Int)
    case dependentRequired([(String, [String])])
    case dependentSchemas([(String, Int)])
    case allOf([Int])
    case anyOf([Int])
    case oneOf([Int])
    case not(Int)
    case ifThenElse(if: Int, then: Int?, else: Int?)
    case ref(Int)
    /// Static target, and the anchor name when the reference is dynamic.
    case dynamicRef(Int, anchor: String?)
    /// Static target (`$recursiveRef: "#"`).
    case recursiveRef(Int)
    case unevaluatedItems(Int)
    case unevaluatedProperties(Int)
    /// A keyword that can never succeed because the schema is broken (e.g. unresolvable `$ref`).
    case broken(String)
}

/// The fused form of `properties`, `additionalProperties` (without
/// `patternProperties`) and `required`: one name lookup per member.
final class ObjectShape: Sendable {
    let table: NameTable
    let subs: [Int]
    let additional: Int?
    /// Required names in order, with their property slot when they have one.
    let required: [(String, Int?)]
    let requiredMask: UInt64
    let hasRequiredOutsideProperties: Bool
    let propertiesKeyword: Keyword
    let additionalKeyword: Keyword?
    let requiredKeyword: Keyword?

    init(table: NameTable, subs: [Int], additional: Int?, required: [(String, Int?)],
         propertiesKeyword: Keyword, additionalKeyword: Keyword?, requiredKeyword: Keyword?) {
        self.table = table
        self.subs = subs
        self.additional = additional
        self.required = required
        var mask: UInt64 = 0
        for (_, slot) in required { if let slot { mask |= 1 << UInt64(slot) } }
        self.requiredMask = mask
        self.hasRequiredOutsideProperties = required.contains { $0.1 == nil }
        self.propertiesKeyword = propertiesKeyword
        self.additionalKeyword = additionalKeyword
        self.requiredKeyword = requiredKeyword
    }
}

/// A class, so iterating a schema's keywords retains one reference instead of copying payloads.
final class Keyword: Sendable {
    let op: Op
    let name: String
    /// The keyword's range (key through value) in the schema file.
    let range: SourceRange

    init(op: Op, name: String, range: SourceRange) {
        self.op = op
        self.name = name
        self.range = range
    }
}

/// One compiled (sub)schema.
final class SNode: Sendable {
    /// Set for boolean schemas.
    let boolValue: Bool?
    let keywords: [Keyword]
    /// Index of the schema resource (for the dynamic scope).
    let resource: Int
    /// `<base URI>#<pointer>` of this schema, for absolute keyword locations.
    let absoluteLocation: String?
    let file: String
    let range: SourceRange
    /// Siblings must collect annotations (the schema has `unevaluated*`).
    let hasUnevaluated: Bool

    init(boolValue: Bool?, keywords: [Keyword], resource: Int, absoluteLocation: String?, file: String, range: SourceRange, hasUnevaluated: Bool) {
        self.boolValue = boolValue
        self.keywords = keywords
        self.resource = resource
        self.absoluteLocation = absoluteLocation
        self.file = file
        self.range = range
        self.hasUnevaluated = hasUnevaluated
    }
}

/// The immutable compiled form shared by every validation.
final class Program: Sendable {
    let nodes: [SNode]
    let root: Int
    /// `$dynamicAnchor` name → resource index → schema.
    let dynamicAnchors: [String: [Int: Int]]
    /// Resource index → its root schema, for resources whose root has `$recursiveAnchor: true`.
    let recursiveAnchors: [Int: Int]

    init(nodes: [SNode], root: Int, dynamicAnchors: [String: [Int: Int]], recursiveAnchors: [Int: Int]) {
        self.nodes = nodes
        self.root = root
        self.dynamicAnchors = dynamicAnchors
        self.recursiveAnchors = recursiveAnchors
    }
}
