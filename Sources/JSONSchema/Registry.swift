import Foundation
import LintCore
import LintParsers

/// One schema document known by URI.
final class SchemaDocument: Sendable {
    let node: Node
    /// The file shown in positions.
    let file: String
    /// The retrieval URI (no fragment).
    let uri: String
    /// The dialect named by the root `$schema`, if it is a standard one.
    let declaredDraft: Draft?
    /// The root `$schema` as written, if any.
    let schemaURI: String?

    init(node: Node, file: String, uri: String) {
        self.node = node
        self.file = file
        self.uri = uri
        let s = node["$schema"]?.stringValue
        self.schemaURI = s
        self.declaredDraft = s.flatMap { Draft(schemaURI: $0) }
    }
}

/// Where a schema lives: a document and a JSON Pointer (token list) in it.
struct SchemaLocation: Sendable, Hashable {
    let doc: String
    let pointer: [String]
}

/// What applies at a schema location: base URI, dialect, vocabularies.
struct LocationInfo: Sendable {
    var base: String
    var draft: Draft
    var vocab: Vocabularies
    var formatAssertion: Bool
}

/// The identifiers found in one document read as one dialect.
final class DocumentIndex: Sendable {
    let info: [String: LocationInfo]
    /// Resource URI (no fragment) → pointer.
    let resources: [String: [String]]
    /// `uri#name` → pointer (plain-name fragments: `$anchor`, `$dynamicAnchor`, draft-07 `$id: "#x"`).
    let anchors: [String: [String]]
    /// `uri#name` of `$dynamicAnchor`s.
    let dynamicAnchors: Set<String>
    /// Resource URIs whose root has `$recursiveAnchor: true`.
    let recursiveAnchors: Set<String>

    init(info: [String: LocationInfo], resources: [String: [String]], anchors: [String: [String]], dynamicAnchors: Set<String>, recursiveAnchors: Set<String>) {
        self.info = info
        self.resources = resources
        self.anchors = anchors
        self.dynamicAnchors = dynamicAnchors
        self.recursiveAnchors = recursiveAnchors
    }
}

/// The result of compiling a schema.
public struct SchemaCompileResult: Sendable {
    /// The compiled schema; present unless the schema could not be read at all.
    public var schema: CompiledSchema?
    /// Problems in the schema, with positions in the schema files.
    public var errors: [SchemaError]
}

/// Schemas known by URI: the bundled meta-schemas, documents added by the
/// caller, a directory of schemas (`schemas/`), and URL-prefix → directory
/// maps. References are resolved offline only; nothing is ever fetched.
/// Thread-safe: documents may be added and schemas compiled from any thread.
public final class SchemaRegistry: @unchecked Sendable {
    private let lock = Lock()
    private var documents: [String: SchemaDocument] = [:]
    /// Embedded resource URI → owning document URI.
    private var embedded: [String: String] = [:]
    private var prefixes: [(prefix: String, directory: String)] = []
    private var indexes: [String: DocumentIndex] = [:]
    private var metaValidators: [String: CompiledSchema] = [:]
    private var loadErrors: [SchemaError] = []

    /// A registry holding the official meta-schemas (draft-04 to 2020-12).
    public init() {
        for (uri, node) in SchemaRegistry.metaDocuments {
            register(SchemaDocument(node: node, file: uri, uri: uri))
        }
    }

    /// A registry with the meta-schemas and every `*.json` schema under `directory`.
    public convenience init(directory: String) {
        self.init()
        _ = loadDirectory(directory)
    }

    static let metaDocuments: [(String, Node)] = MetaSchemas.all.compactMap { uri, text in
        JSONParser.parse(SourceFile(path: uri, text: text)).node.map { (uri, $0) }
    }

    // MARK: Adding documents

    /// Adds a schema document (already parsed, e.g. from JSON or YAML). It is
    /// known by `uri` (default: its root `$id`, else the file's `file://` URI)
    /// and by its root `$id`.
    @discardableResult
    public func add(_ node: Node, file: String, uri: String? = nil) -> String {
        let fileURI = URIUtil.fileURI(SchemaRegistry.absolutePath(file))
        let rootID = (node["$id"]?.stringValue ?? node["id"]?.stringValue).map { URIUtil.split(URIUtil.resolve($0, against: fileURI)).0 }
        let key = uri.map { URIUtil.split($0).0 } ?? rootID ?? fileURI
        let doc = SchemaDocument(node: node, file: file, uri: key)
        register(doc)
        lock.withLock {
            if let rootID, rootID != key { documents[rootID] = doc }
            if key != fileURI && uri == nil { documents[fileURI] = doc }
        }
        return key
    }

    /// Reads and adds a JSON schema file; syntax errors are returned.
    @discardableResult
    public func add(file path: String) -> [SchemaError] {
        guard let data = FileManager.default.contents(atPath: path) else {
            return [SchemaError(file: path, range: .fileStart, keywordLocation: "", message: "cannot read schema file \(path)")]
        }
        let result = JSONParser.parse(SourceFile(path: path, bytes: Array(data)))
        let errors = result.diagnostics.filter { $0.severity == .error }.map {
            SchemaError(file: path, range: $0.range, keywordLocation: "", message: $0.message)
        }
        if let node = result.node { add(node, file: path) }
        return errors
    }

    /// Adds every `*.json` file under `directory` (recursively). Returns read and syntax errors.
    @discardableResult
    public func loadDirectory(_ directory: String) -> [SchemaError] {
        guard let e = FileManager.default.enumerator(atPath: directory) else { return [] }
        var errors: [SchemaError] = []
        var files: [String] = []
        while files.count < 100_000, let f = e.nextObject() as? String {
            if f.hasSuffix(".json") { files.append(f) }
        }
        for f in files.sorted() {
            errors += add(file: directory.hasSuffix("/") ? directory + f : directory + "/" + f)
        }
        return errors
    }

    /// Maps URIs starting with `prefix` (e.g. `https://clubos.dev/schemas/`)
    /// to files under `directory`; such documents are read on first use.
    public func mapPrefix(_ prefix: String, toDirectory directory: String) {
        lock.withLock { prefixes.append((prefix, directory)) }
    }

    private func register(_ doc: SchemaDocument) {
        // Discover embedded resources so references to them find this document.
        let draft = doc.declaredDraft ?? .draft2020_12
        var ids: [String] = []
        SchemaRegistry.discoverIDs(doc.node, base: doc.uri, draft: draft, depth: 0, into: &ids)
        lock.withLock {
            documents[doc.uri] = doc
            for id in ids where documents[id] == nil { embedded[id] = doc.uri }
            indexes = indexes.filter { !$0.key.hasPrefix(doc.uri + "|") }
        }
    }

    private static func discoverIDs(_ node: Node, base: String, draft: Draft, depth: Int, into ids: inout [String]) {
        guard depth < 200, !StackGuard.exhausted(StackGuard.limit()), let entries = node.entries else {
            if let items = node.items, depth < 200 { for i in items { discoverIDs(i, base: base, draft: draft, depth: depth + 1, into: &ids) } }
            return
        }
        var base = base
        if let id = (node["$id"] ?? node["id"])?.stringValue, !id.hasPrefix("#") {
            let u = URIUtil.split(URIUtil.resolve(id, against: base)).0
            base = u
            ids.append(u)
        }
        for e in entries where e.keyText != "enum" && e.keyText != "const" && e.keyText != "examples" && e.keyText != "default" {
            discoverIDs(e.value, base: base, draft: draft, depth: depth + 1, into: &ids)
        }
    }

    static func absolutePath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return FileManager.default.currentDirectoryPath + "/" + path
    }

    // MARK: Lookup

    /// The document for a URI without fragment, and the pointer of that resource in it.
    func lookup(_ uri: String) -> (SchemaDocument, isRoot: Bool)? {
        if let found: (SchemaDocument, Bool) = lock.withLock({
            if let d = documents[uri] { return (d, true) }
            if let owner = embedded[uri], let d = documents[owner] { return (d, false) }
            return nil
        }) {
            return found
        }
        // Prefix maps: read the file on first use.
        let maps = lock.withLock { prefixes }
        for (prefix, dir) in maps where uri.hasPrefix(prefix) {
            let rest = String(uri.dropFirst(prefix.count))
            guard !rest.contains(".."), !rest.isEmpty else { continue }
            let path = dir.hasSuffix("/") ? dir + rest : dir + "/" + rest
            guard let data = FileManager.default.contents(atPath: path),
                  let node = JSONParser.parse(SourceFile(path: path, bytes: Array(data))).node else { continue }
            add(node, file: path, uri: uri)
            if let d = lock.withLock({ documents[uri] }) { return (d, true) }
        }
        return nil
    }

    /// The index of a document read as `draft` (cached).
    func index(of doc: SchemaDocument, draft: Draft, vocab: Vocabularies, formatAssertion: Bool) -> DocumentIndex {
        let key = "\(doc.uri)|\(draft.rawValue)|\(vocab.rawValue)|\(formatAssertion)"
        if let hit = lock.withLock({ indexes[key] }) { return hit }
        var b = IndexBuilder(registry: self)
        b.walk(doc.node, pointer: [], base: doc.uri, info: LocationInfo(base: doc.uri, draft: draft, vocab: vocab, formatAssertion: formatAssertion), isDocRoot: true, depth: 0)
        let idx = DocumentIndex(info: b.info, resources: b.resources, anchors: b.anchors, dynamicAnchors: b.dynamicAnchors, recursiveAnchors: b.recursiveAnchors)
        lock.withLock { indexes[key] = idx }
        return idx
    }

    /// The dialect, vocabularies and format assertion a `$schema` URI selects.
    func dialect(_ schemaURI: String, fallback: Draft, formatAssertion: Bool, depth: Int = 0) -> (Draft, Vocabularies, Bool)? {
        if let d = Draft(schemaURI: schemaURI) { return (d, .all, formatAssertion) }
        guard depth < 8, let (meta, _) = lookup(URIUtil.split(schemaURI).0) else { return nil }
        var draft = meta.declaredDraft ?? fallback
        if meta.declaredDraft == nil, let s = meta.schemaURI, s != schemaURI,
           let (d, _, _) = dialect(s, fallback: fallback, formatAssertion: formatAssertion, depth: depth + 1) {
            draft = d
        }
        guard let vocabNode = meta.node["$vocabulary"]?.entries else { return (draft, .all, formatAssertion) }
        var v: Vocabularies = []
        var fa = formatAssertion
        for e in vocabNode {
            let k = e.keyText
            if k.hasSuffix("/vocab/applicator") { v.insert(.applicator) }
            if k.hasSuffix("/vocab/validation") { v.insert(.validation) }
            if k.hasSuffix("/vocab/unevaluated") { v.insert(.unevaluated) }
            if k.hasSuffix("/vocab/format-assertion") { fa = true }
        }
        if draft == .draft2019_09 && v.contains(.applicator) { v.insert(.unevaluated) }
        return (draft, v, fa)
    }

    // MARK: Compiling

    /// Compiles a schema document. `file` is the path shown in positions; the
    /// document is known by `uri` (default: its `$id`, else `file://<path>`)
    /// for the duration of the compile, and relative references resolve against it.
    public func compile(_ node: Node, file: String, uri: String? = nil, options: SchemaOptions = .init()) -> SchemaCompileResult {
        let key = add(node, file: file, uri: uri)
        return compile(uri: key, options: options)
    }

    /// Compiles a schema file (JSON).
    public func compile(file path: String, options: SchemaOptions = .init()) -> SchemaCompileResult {
        guard let data = FileManager.default.contents(atPath: path) else {
            return SchemaCompileResult(schema: nil, errors: [SchemaError(file: path, range: .fileStart, keywordLocation: "", message: "cannot read schema file \(path)")])
        }
        let parsed = JSONParser.parse(SourceFile(path: path, bytes: Array(data)))
        let syntax = parsed.diagnostics.filter { $0.severity == .error }.map {
            SchemaError(file: path, range: $0.range, keywordLocation: "", message: $0.message)
        }
        guard let node = parsed.node else { return SchemaCompileResult(schema: nil, errors: syntax) }
        var r = compile(node, file: path, options: options)
        r.errors = syntax + r.errors
        return r
    }

    /// Compiles a known schema by URI (e.g. `https://clubos.dev/schemas/feedback.schema.json`).
    public func compile(uri: String, options: SchemaOptions = .init()) -> SchemaCompileResult {
        let (u, frag) = URIUtil.split(uri)
        guard let (doc, _) = lookup(u) else {
            return SchemaCompileResult(schema: nil, errors: [SchemaError(file: uri, range: .fileStart, keywordLocation: "", message: "no schema is known with URI \(uri); add it to the registry or map its prefix to a directory")])
        }
        var c = Compiler(registry: self, options: options)
        let root = c.compileRoot(doc: doc, uri: u, fragment: frag)
        var errors = c.errors
        let program = c.finish(root: root)
        let draft = c.rootDraft
        let schema = CompiledSchema(program: program, draft: draft)
        if options.validateSchema {
            errors += metaValidate(doc: doc, draft: draft)
        }
        // Deduplicate by position and message.
        var seen = Set<String>()
        errors = errors.filter { seen.insert("\($0.file)|\($0.range.start)|\($0.message)").inserted }
        return SchemaCompileResult(schema: schema, errors: errors)
    }

    /// Validates a schema document against its meta-schema.
    private func metaValidate(doc: SchemaDocument, draft: Draft) -> [SchemaError] {
        let metaURI = doc.schemaURI.map { URIUtil.split($0).0 } ?? draft.metaSchemaURI
        if metaURI == doc.uri { return [] }
        let validator: CompiledSchema? = lock.withLock { metaValidators[metaURI] } ?? {
            let r = compile(uri: metaURI, options: SchemaOptions(defaultDraft: draft, validateSchema: false))
            guard let s = r.schema, r.errors.isEmpty else { return nil }
            lock.withLock { metaValidators[metaURI] = s }
            return s
        }()
        guard let validator else { return [] }
        return validator.validate(doc.node).map {
            SchemaError(file: doc.file, range: $0.range, keywordLocation: $0.instancePath,
                        message: "invalid schema at \"\($0.instancePath)\": \($0.message) (meta-schema \(metaURI))")
        }
    }
}

/// Walks a document's schema positions, recording base URIs, dialects,
/// resources and anchors.
struct IndexBuilder {
    let registry: SchemaRegistry
    var info: [String: LocationInfo] = [:]
    var resources: [String: [String]] = [:]
    var anchors: [String: [String]] = [:]
    var dynamicAnchors: Set<String> = []
    var recursiveAnchors: Set<String> = []
    let stackLimit = StackGuard.limit()

    init(registry: SchemaRegistry) { self.registry = registry }

    mutating func walk(_ node: Node, pointer: [String], base: String, info inherited: LocationInfo, isDocRoot: Bool, depth: Int) {
        guard depth < 300, !StackGuard.exhausted(stackLimit) else { return }
        var li = inherited
        guard let entries = node.entries else {
            if isDocRoot { resources[base] = pointer }
            info[JSONPointer.join(pointer)] = li
            return
        }
        let idValue = node[li.draft.idKeyword]?.stringValue
        // An embedded resource may declare its own dialect.
        if let s = node["$schema"]?.stringValue, isDocRoot || idValue != nil,
           let (d, v, fa) = registry.dialect(s, fallback: li.draft, formatAssertion: li.formatAssertion) {
            li.draft = d
            li.vocab = v
            li.formatAssertion = fa
        }
        let draft = li.draft
        let idKey = draft.idKeyword
        var isResourceRoot = isDocRoot
        if isDocRoot { resources[li.base] = pointer }
        let refBlocksID = draft.refOverridesSiblings && node["$ref"] != nil
        if !refBlocksID, let id = node[idKey]?.stringValue {
            let resolved = URIUtil.resolve(id, against: li.base)
            let (u, frag) = URIUtil.split(resolved)
            if id.hasPrefix("#") && !draft.atLeast2019 {
                if !frag.isEmpty { anchors[li.base + "#" + frag] = pointer }
            } else {
                li.base = u
                resources[u] = pointer
                isResourceRoot = true
                if !frag.isEmpty && !draft.atLeast2019 { anchors[u + "#" + frag] = pointer }
            }
        }
        if draft.atLeast2019, let a = node["$anchor"]?.stringValue { anchors[li.base + "#" + a] = pointer }
        if draft == .draft2020_12, let a = node["$dynamicAnchor"]?.stringValue {
            anchors[li.base + "#" + a] = pointer
            dynamicAnchors.insert(li.base + "#" + a)
        }
        if draft == .draft2019_09, isResourceRoot, node["$recursiveAnchor"]?.boolValue == true {
            recursiveAnchors.insert(li.base)
        }
        info[JSONPointer.join(pointer)] = li
        for e in entries {
            let k = e.keyText
            switch Keywords.childKind(k, draft: draft, value: e.value) {
            case .none: continue
            case .single:
                walk(e.value, pointer: pointer + [k], base: li.base, info: li, isDocRoot: false, depth: depth + 1)
            case .array:
                for (i, item) in (e.value.items ?? []).enumerated() {
                    walk(item, pointer: pointer + [k, String(i)], base: li.base, info: li, isDocRoot: false, depth: depth + 1)
                }
            case .map:
                for sub in e.value.entries ?? [] {
                    if k == "dependencies", sub.value.items != nil { continue }
                    walk(sub.value, pointer: pointer + [k, sub.keyText], base: li.base, info: li, isDocRoot: false, depth: depth + 1)
                }
            }
        }
    }
}

enum Keywords {
    enum ChildKind { case none, single, array, map }

    /// How a keyword holds subschemas in a dialect.
    static func childKind(_ k: String, draft: Draft, value: Node) -> ChildKind {
        switch k {
        case "additionalProperties", "not": return .single
        case "additionalItems": return draft == .draft2020_12 ? .none : .single
        case "items":
            if value.items != nil { return draft == .draft2020_12 ? .none : .array }
            return .single
        case "contains", "propertyNames": return draft.atLeast6 ? .single : .none
        case "if", "then", "else": return draft.atLeast7 ? .single : .none
        case "unevaluatedItems", "unevaluatedProperties", "contentSchema": return draft.atLeast2019 ? .single : .none
        case "allOf", "anyOf", "oneOf": return .array
        case "prefixItems": return draft == .draft2020_12 ? .array : .none
        case "properties", "patternProperties", "definitions": return .map
        case "$defs", "dependentSchemas": return draft.atLeast2019 ? .map : .none
        case "dependencies": return .map
        default: return .none
        }
    }
}

extension SchemaRegistry {
    /// The registry for a repository: the bundled meta-schemas, every `*.json`
    /// schema under `<root>/<schemaDirectory>`, and `prefix` mapped to that
    /// directory (so `https://clubos.dev/schemas/x.json` reads `schemas/x.json`).
    public static func standard(root: String, schemaDirectory: String = "schemas", prefix: String = "https://clubos.dev/schemas/") -> SchemaRegistry {
        let dir = root.hasSuffix("/") ? root + schemaDirectory : root + "/" + schemaDirectory
        let registry = SchemaRegistry(directory: dir)
        registry.mapPrefix(prefix, toDirectory: dir)
        return registry
    }
}

extension CompiledSchema {
    /// Validates and converts the errors into diagnostics for `file` with the given rule id
    /// (e.g. `feedback/schema` or `schema/violation`).
    public func diagnostics(for instance: Node, file: String, rule: String, severity: Severity = .error, help: String? = nil) -> [Diagnostic] {
        validate(instance).diagnostics(rule: rule, severity: severity, file: file, help: help)
    }
}
