import LintCore

/// Compiles schema documents into a `Program`: every subschema becomes an
/// `SNode` with precompiled keywords, and references become node indices.
/// Compilation uses an explicit work queue, so neither deep schemas nor
/// reference cycles recurse.
struct Compiler {
    let registry: SchemaRegistry
    let options: SchemaOptions
    var nodes: [SNode?] = []
    var memo: [String: Int] = [:]
    var pending: [(index: Int, doc: SchemaDocument, pointer: [String], docInfo: LocationInfo)] = []
    var errors: [SchemaError] = []
    var resourceIDs: [String: Int] = [:]
    /// Resource index → where its root is (document, pointer, document info).
    var resourceOrigins: [Int: (SchemaDocument, [String], LocationInfo)] = [:]
    var dynamicNames: Set<String> = []
    var usesRecursiveRef = false
    var rootDraft: Draft = .draft2020_12

    init(registry: SchemaRegistry, options: SchemaOptions) {
        self.registry = registry
        self.options = options
    }

    // MARK: Entry points

    mutating func compileRoot(doc: SchemaDocument, uri: String, fragment: String) -> Int {
        var draft = options.draftOverride ?? options.defaultDraft
        var vocab = Vocabularies.all
        var fa = options.formatAssertion
        if options.draftOverride == nil, let s = doc.schemaURI {
            if let (d, v, f) = registry.dialect(s, fallback: draft, formatAssertion: fa) {
                draft = d; vocab = v; fa = f
            } else if let n = doc.node.entry("$schema") {
                errors.append(SchemaError(file: doc.file, range: n.value.range, keywordLocation: "/$schema",
                                          message: "unknown meta-schema \"\(s)\"; use a standard dialect URI (e.g. \(Draft.draft2020_12.metaSchemaURI)) or add the meta-schema to the registry"))
            }
        }
        rootDraft = draft
        let info = LocationInfo(base: doc.uri, draft: draft, vocab: vocab, formatAssertion: fa)
        var pointer: [String] = []
        if !fragment.isEmpty {
            let idx = index(doc, info)
            if fragment.hasPrefix("/"), let t = JSONPointer.tokens(URIUtil.percentDecode(fragment)) {
                pointer = t
            } else if let p = idx.anchors[uri + "#" + fragment] {
                pointer = p
            }
        }
        let root = schemaIndex(doc, pointer, info)
        drain()
        return root
    }

    mutating func finish(root: Int) -> Program {
        // Bring in every schema that a dynamic reference might jump to, until nothing new appears.
        var dynamicTable: [String: [Int: Int]] = [:]
        var recursiveTable: [Int: Int] = [:]
        var done = Set<Int>()
        while true {
            let resources = resourceOrigins.keys.filter { !done.contains($0) }.sorted()
            if resources.isEmpty { break }
            for r in resources {
                done.insert(r)
                guard let (doc, rootPointer, docInfo) = resourceOrigins[r] else { continue }
                let idx = index(doc, docInfo)
                let uri = resourceIDs.first(where: { $0.value == r })?.key ?? ""
                for name in dynamicNames where idx.dynamicAnchors.contains(uri + "#" + name) {
                    if let p = idx.anchors[uri + "#" + name] {
                        dynamicTable[name, default: [:]][r] = schemaIndex(doc, p, docInfo)
                    }
                }
                if usesRecursiveRef, idx.recursiveAnchors.contains(uri) {
                    recursiveTable[r] = schemaIndex(doc, rootPointer, docInfo)
                }
            }
            drain()
        }
        let built = nodes.map { $0 ?? SNode(boolValue: true, keywords: [], resource: 0, absoluteLocation: nil, file: "", range: .fileStart, hasUnevaluated: false) }
        return Program(nodes: built, root: root, dynamicAnchors: dynamicTable, recursiveAnchors: recursiveTable)
    }

    // MARK: Locations

    mutating func index(_ doc: SchemaDocument, _ docInfo: LocationInfo) -> DocumentIndex {
        registry.index(of: doc, draft: docInfo.draft, vocab: docInfo.vocab, formatAssertion: docInfo.formatAssertion)
    }

    /// The node index for a schema location, queued for compilation on first use.
    mutating func schemaIndex(_ doc: SchemaDocument, _ pointer: [String], _ docInfo: LocationInfo) -> Int {
        let key = "\(doc.uri)|\(docInfo.draft.rawValue)|\(docInfo.vocab.rawValue)|\(docInfo.formatAssertion)|\(JSONPointer.join(pointer))"
        if let i = memo[key] { return i }
        let i = nodes.count
        nodes.append(nil)
        memo[key] = i
        pending.append((i, doc, pointer, docInfo))
        return i
    }

    mutating func drain() {
        while let job = pending.popLast() {
            nodes[job.index] = compileNode(job.doc, job.pointer, job.docInfo)
        }
    }

    static func navigate(_ node: Node, _ pointer: [String]) -> Node? {
        var cur = node
        for t in pointer {
            switch cur.value {
            case .mapping(let entries):
                guard let e = entries.last(where: { $0.key.scalarText == t }) else { return nil }
                cur = e.value
            case .sequence(let items):
                guard let i = Int(t), i >= 0, i < items.count, t == String(i) else { return nil }
                cur = items[i]
            case .scalar:
                return nil
            }
        }
        return cur
    }

    /// The base URI and dialect at a location (walking up when the location is
    /// not a recognised schema position, e.g. a `$ref` into an unknown keyword).
    func locationInfo(_ idx: DocumentIndex, _ pointer: [String], _ docInfo: LocationInfo) -> LocationInfo {
        var p = pointer
        while true {
            if let i = idx.info[JSONPointer.join(p)] { return i }
            if p.isEmpty { return docInfo }
            p.removeLast()
        }
    }

    mutating func resource(_ base: String, _ doc: SchemaDocument, _ idx: DocumentIndex, _ docInfo: LocationInfo) -> Int {
        if let r = resourceIDs[base] { return r }
        let r = resourceIDs.count
        resourceIDs[base] = r
        resourceOrigins[r] = (doc, idx.resources[base] ?? [], docInfo)
        return r
    }

    /// Resolves a reference to a node index; nil (with a schema error) when it cannot be resolved offline.
    mutating func resolve(_ ref: String, base: String, docInfo: LocationInfo, file: String, range: SourceRange, keywordLocation: String) -> Int? {
        let abs = URIUtil.resolve(ref, against: base)
        let (u, frag) = URIUtil.split(abs)
        func fail(_ why: String) -> Int? {
            errors.append(SchemaError(file: file, range: range, keywordLocation: keywordLocation,
                                      message: "cannot resolve reference \"\(ref)\" (\(abs)): \(why); references are resolved offline only — add the schema to the registry or map its URL prefix to a directory"))
            return nil
        }
        guard let (doc, _) = registry.lookup(u) else { return fail("no schema is known with URI \(u)") }
        let targetInfo = LocationInfo(base: doc.uri, draft: docInfo.draft, vocab: docInfo.vocab, formatAssertion: docInfo.formatAssertion)
        let idx = index(doc, targetInfo)
        guard var ptr = idx.resources[u] ?? (doc.uri == u ? [] : nil) else { return fail("no resource \(u) in \(doc.uri)") }
        if frag.isEmpty {
        } else if frag.hasPrefix("/") {
            guard let t = JSONPointer.tokens(URIUtil.percentDecode(frag)) else { return fail("malformed JSON Pointer fragment") }
            ptr += t
        } else {
            guard let p = idx.anchors[u + "#" + frag] else { return fail("no anchor \"\(frag)\" in \(u)") }
            ptr = p
        }
        guard Compiler.navigate(doc.node, ptr) != nil else { return fail("nothing at \(JSONPointer.join(ptr)) in \(doc.uri)") }
        return schemaIndex(doc, ptr, targetInfo)
    }

    // MARK: Keywords

    mutating func compileNode(_ doc: SchemaDocument, _ pointer: [String], _ docInfo: LocationInfo) -> SNode {
        let idx = index(doc, docInfo)
        let info = locationInfo(idx, pointer, docInfo)
        let ptr = JSONPointer.join(pointer)
        let res = resource(info.base, doc, idx, docInfo)
        let abs = info.base + "#" + ptr
        guard let node = Compiler.navigate(doc.node, pointer) else {
            return SNode(boolValue: true, keywords: [], resource: res, absoluteLocation: abs, file: doc.file, range: .fileStart, hasUnevaluated: false)
        }
        if let b = node.boolValue {
            return SNode(boolValue: b, keywords: [], resource: res, absoluteLocation: abs, file: doc.file, range: node.range, hasUnevaluated: false)
        }
        guard let entries = node.entries else {
            errors.append(SchemaError(file: doc.file, range: node.range, keywordLocation: ptr,
                                      message: "a schema must be an object or a boolean, found \(node.jsonTypeName)"))
            return SNode(boolValue: true, keywords: [], resource: res, absoluteLocation: abs, file: doc.file, range: node.range, hasUnevaluated: false)
        }
        var kb = KeywordBuilder(doc: doc, pointer: pointer, docInfo: docInfo, info: info, node: node)
        let draft = info.draft
        let v = info.vocab

        if let e = node.entry("$ref") {
            if let ref = kb.string(e) {
                if let t = resolve(ref, base: info.base, docInfo: info, file: doc.file, range: e.value.range, keywordLocation: ptr + "/$ref") {
                    kb.add(.ref(t), e)
                } else {
                    kb.add(.broken("the reference \"\(ref)\" cannot be resolved"), e)
                }
            }
            if draft.refOverridesSiblings {
                errors += kb.errors
                return SNode(boolValue: nil, keywords: kb.keywords, resource: res, absoluteLocation: abs, file: doc.file, range: node.range, hasUnevaluated: false)
            }
        }
        if draft == .draft2020_12, let e = node.entry("$dynamicRef"), let ref = kb.string(e) {
            if let t = resolve(ref, base: info.base, docInfo: info, file: doc.file, range: e.value.range, keywordLocation: ptr + "/$dynamicRef") {
                var anchor: String?
                let (u, frag) = URIUtil.split(URIUtil.resolve(ref, against: info.base))
                if !frag.isEmpty, !frag.hasPrefix("/"), let (tdoc, _) = registry.lookup(u) {
                    let tidx = index(tdoc, LocationInfo(base: tdoc.uri, draft: docInfo.draft, vocab: docInfo.vocab, formatAssertion: docInfo.formatAssertion))
                    if tidx.dynamicAnchors.contains(u + "#" + frag) {
                        anchor = frag
                        dynamicNames.insert(frag)
                    }
                }
                kb.add(.dynamicRef(t, anchor: anchor), e)
            } else {
                kb.add(.broken("the reference \"\(ref)\" cannot be resolved"), e)
            }
        }
        if draft == .draft2019_09, let e = node.entry("$recursiveRef"), let ref = kb.string(e) {
            if let t = resolve(ref, base: info.base, docInfo: info, file: doc.file, range: e.value.range, keywordLocation: ptr + "/$recursiveRef") {
                usesRecursiveRef = true
                kb.add(.recursiveRef(t), e)
            } else {
                kb.add(.broken("the reference \"\(ref)\" cannot be resolved"), e)
            }
        }

        let validation = !draft.atLeast2019 || v.contains(.validation)
        let applicator = !draft.atLeast2019 || v.contains(.applicator)

        if validation {
            compileValidation(&kb, node: node, draft: draft)
        }
        if applicator {
            compileApplicators(&kb, node: node, draft: draft)
        }
        if info.formatAssertion || options.formatAssertion, let e = node.entry("format"), let f = e.value.stringValue,
           let kind = FormatKind(rawValue: f) {
            kb.add(.format(kind, f), e)
        }
        // In draft-07 the content keywords may assert (2019-09 made them annotations only).
        if draft == .draft7 {
            let enc = node["contentEncoding"]?.stringValue?.lowercased() == "base64"
            let json = node["contentMediaType"]?.stringValue?.lowercased() == "application/json"
            if enc || json, let e = node.entry(json ? "contentMediaType" : "contentEncoding") {
                kb.add(.content(base64: enc, json: json), e)
            }
        }
        var hasUnevaluated = false
        if draft.atLeast2019 && (v.contains(.unevaluated) || draft == .draft2019_09 && applicator) {
            if let e = node.entry("unevaluatedProperties") {
                kb.add(.unevaluatedProperties(schemaIndex(doc, pointer + ["unevaluatedProperties"], docInfo)), e)
                hasUnevaluated = true
            }
            if let e = node.entry("unevaluatedItems") {
                kb.add(.unevaluatedItems(schemaIndex(doc, pointer + ["unevaluatedItems"], docInfo)), e)
                hasUnevaluated = true
            }
        }
        _ = entries
        errors += kb.errors
        return SNode(boolValue: nil, keywords: fuseObjectKeywords(kb.keywords), resource: res, absoluteLocation: abs, file: doc.file, range: node.range, hasUnevaluated: hasUnevaluated)
    }

    /// Replaces `properties` (+ `additionalProperties`, `required`) by one
    /// `objectShape` keyword when there is no `patternProperties` and at most
    /// 64 properties. Its errors still name the original keywords.
    func fuseObjectKeywords(_ kws: [Keyword]) -> [Keyword] {
        guard let pi = kws.firstIndex(where: { if case .properties = $0.op { true } else { false } }),
              !kws.contains(where: { if case .patternProperties = $0.op { true } else { false } }),
              case .properties(let table, let subs) = kws[pi].op, table.count <= 64 else { return kws }
        let ai = kws.firstIndex(where: { if case .additionalProperties = $0.op { true } else { false } })
        let ri = kws.firstIndex(where: { if case .required = $0.op { true } else { false } })
        var additional: Int?
        if let ai, case .additionalProperties(let a, _, _) = kws[ai].op { additional = a }
        var required: [(String, Int?)] = []
        if let ri, case .required(let names, _) = kws[ri].op { required = names.map { ($0, table.lookup($0)) } }
        let shape = ObjectShape(table: table, subs: subs, additional: additional, required: required, propertiesKeyword: kws[pi], additionalKeyword: ai.map { kws[$0] }, requiredKeyword: ri.map { kws[$0] })
        let first = [pi, ai, ri].compactMap { $0 }.min() ?? pi
        var out: [Keyword] = []
        for (i, k) in kws.enumerated() {
            if i == first { out.append(Keyword(op: .objectShape(shape), name: "properties", range: kws[pi].range)) }
            if i == pi || i == ai || i == ri { continue }
            out.append(k)
        }
        return out
    }

    mutating func compileValidation(_ kb: inout KeywordBuilder, node: Node, draft: Draft) {
        if let e = node.entry("type") {
            var set: TypeSet = []
            var ok = true
            if let s = e.value.stringValue, let t = TypeSet.named(s) {
                set = [t]
            } else if let items = e.value.items {
                for i in items {
                    if let s = i.stringValue, let t = TypeSet.named(s) { set.insert(t) } else { ok = false }
                }
            } else {
                ok = false
            }
            if ok { kb.add(.type(set), e) } else {
                kb.error(e, "\"type\" must be one of \"string\", \"number\", \"integer\", \"boolean\", \"object\", \"array\", \"null\" or an array of them")
            }
        }
        if let e = node.entry("enum") {
            if let items = e.value.items {
                let strings = items.allSatisfy { $0.stringValue != nil } ? NameTable(items.compactMap(\.stringValue)) : nil
                kb.add(.enumeration(items, strings: strings), e)
            } else { kb.error(e, "\"enum\" must be an array of allowed values") }
        }
        if draft.atLeast6, let e = node.entry("const") { kb.add(.const(e.value), e) }
        if let e = node.entry("multipleOf"), let d = kb.number(e) {
            if d.isZero || d.negative { kb.error(e, "\"multipleOf\" must be greater than 0") } else { kb.add(.multipleOf(d), e) }
        }
        if draft == .draft4 {
            let exMax = node["exclusiveMaximum"]?.boolValue ?? false
            let exMin = node["exclusiveMinimum"]?.boolValue ?? false
            if let e = node.entry("maximum"), let d = kb.number(e) { kb.add(.maximum(d, exclusive: exMax, fast: d.fastDouble), exMax ? node.entry("exclusiveMaximum") ?? e : e) }
            if let e = node.entry("minimum"), let d = kb.number(e) { kb.add(.minimum(d, exclusive: exMin, fast: d.fastDouble), exMin ? node.entry("exclusiveMinimum") ?? e : e) }
        } else {
            if let e = node.entry("maximum"), let d = kb.number(e) { kb.add(.maximum(d, exclusive: false, fast: d.fastDouble), e) }
            if let e = node.entry("exclusiveMaximum"), let d = kb.number(e) { kb.add(.maximum(d, exclusive: true, fast: d.fastDouble), e) }
            if let e = node.entry("minimum"), let d = kb.number(e) { kb.add(.minimum(d, exclusive: false, fast: d.fastDouble), e) }
            if let e = node.entry("exclusiveMinimum"), let d = kb.number(e) { kb.add(.minimum(d, exclusive: true, fast: d.fastDouble), e) }
        }
        if let e = node.entry("maxLength"), let n = kb.count(e) { kb.add(.maxLength(n), e) }
        if let e = node.entry("minLength"), let n = kb.count(e) { kb.add(.minLength(n), e) }
        if let e = node.entry("pattern"), let s = kb.string(e) {
            switch ECMARegex.compile(s) {
            case .success(let re): kb.add(.pattern(re), e)
            case .failure(let err): kb.error(e, "\"pattern\" \(err.message): /\(s)/")
            }
        }
        if let e = node.entry("maxItems"), let n = kb.count(e) { kb.add(.maxItems(n), e) }
        if let e = node.entry("minItems"), let n = kb.count(e) { kb.add(.minItems(n), e) }
        if let e = node.entry("uniqueItems") {
            if let b = e.value.boolValue { if b { kb.add(.uniqueItems, e) } } else { kb.error(e, "\"uniqueItems\" must be a boolean") }
        }
        if let e = node.entry("maxProperties"), let n = kb.count(e) { kb.add(.maxProperties(n), e) }
        if let e = node.entry("minProperties"), let n = kb.count(e) { kb.add(.minProperties(n), e) }
        if let e = node.entry("required") {
            if let names = kb.stringArray(e) {
                if !names.isEmpty {
                    var unique: [String] = []
                    for n in names where !unique.contains(where: { NameTable.equal($0, n) }) { unique.append(n) }
                    kb.add(.required(unique, index: NameTable(unique)), e)
                }
            }
        }
        if draft.atLeast2019, let e = node.entry("dependentRequired") {
            if let entries = e.value.entries {
                var deps: [(String, [String])] = []
                for d in entries {
                    if let names = kb.stringArray(MappingEntry(key: d.key, value: d.value)) { deps.append((d.keyText, names)) }
                }
                kb.add(.dependentRequired(deps), e)
            } else {
                kb.error(e, "\"dependentRequired\" must be an object of string arrays")
            }
        }
    }

    mutating func compileApplicators(_ kb: inout KeywordBuilder, node: Node, draft: Draft) {
        let doc = kb.doc, pointer = kb.pointer, docInfo = kb.docInfo
        func sub(_ path: [String]) -> Int { schemaIndex(doc, pointer + path, docInfo) }
        func isSchema(_ n: Node) -> Bool { n.entries != nil || n.boolValue != nil }

        // Items.
        var prefixCount = 0
        if draft == .draft2020_12 {
            if let e = node.entry("prefixItems") {
                if let items = e.value.items {
                    prefixCount = items.count
                    kb.add(.prefixItems((0..<items.count).map { sub(["prefixItems", String($0)]) }), e)
                } else { kb.error(e, "\"prefixItems\" must be an array of schemas") }
            }
            if let e = node.entry("items") {
                if isSchema(e.value) { kb.add(.items(sub(["items"]), from: prefixCount), e) } else { kb.error(e, "\"items\" must be a schema") }
            }
        } else {
            if let e = node.entry("items") {
                if let items = e.value.items {
                    kb.add(.prefixItems((0..<items.count).map { sub(["items", String($0)]) }), e)
                    if let a = node.entry("additionalItems") {
                        if isSchema(a.value) { kb.add(.items(sub(["additionalItems"]), from: items.count), a) } else { kb.error(a, "\"additionalItems\" must be a schema") }
                    }
                } else if isSchema(e.value) {
                    kb.add(.items(sub(["items"]), from: 0), e)
                } else { kb.error(e, "\"items\" must be a schema or an array of schemas") }
            }
        }
        if draft.atLeast6, let e = node.entry("contains") {
            if isSchema(e.value) {
                var minC = 1
                var maxC: Int?
                if draft.atLeast2019 {
                    if let m = node.entry("minContains"), let n = kb.count(m) { minC = n }
                    if let m = node.entry("maxContains"), let n = kb.count(m) { maxC = n }
                }
                kb.add(.contains(sub(["contains"]), min: minC, max: maxC, annotates: draft == .draft2020_12), e)
            } else { kb.error(e, "\"contains\" must be a schema") }
        }

        // Properties.
        var known: [String] = []
        var patterns: [ECMARegex] = []
        if let e = node.entry("properties") {
            if let entries = e.value.entries {
                var names: [String] = []
                var subs: [Int] = []
                for p in entries {
                    // A duplicated key keeps its last schema, like the JSON reading of the schema.
                    if let j = names.firstIndex(where: { NameTable.equal($0, p.keyText) }) {
                        subs[j] = sub(["properties", p.keyText])
                        continue
                    }
                    names.append(p.keyText)
                    subs.append(sub(["properties", p.keyText]))
                    known.append(p.keyText)
                }
                kb.add(.properties(NameTable(names), subs), e)
            } else { kb.error(e, "\"properties\" must be an object of schemas") }
        }
        if let e = node.entry("patternProperties") {
            if let entries = e.value.entries {
                var list: [(ECMARegex, Int)] = []
                for p in entries {
                    switch ECMARegex.compile(p.keyText) {
                    case .success(let re):
                        list.append((re, sub(["patternProperties", p.keyText])))
                        patterns.append(re)
                    case .failure(let err):
                        kb.errorAt(p.key.range, "patternProperties", "the pattern \"\(p.keyText)\" \(err.message)")
                    }
                }
                kb.add(.patternProperties(list), e)
            } else { kb.error(e, "\"patternProperties\" must be an object of schemas") }
        }
        if let e = node.entry("additionalProperties") {
            if isSchema(e.value) { kb.add(.additionalProperties(sub(["additionalProperties"]), known: NameTable(known), patterns: patterns), e) } else { kb.error(e, "\"additionalProperties\" must be a schema") }
        }
        if draft.atLeast6, let e = node.entry("propertyNames") {
            if isSchema(e.value) { kb.add(.propertyNames(sub(["propertyNames"])), e) } else { kb.error(e, "\"propertyNames\" must be a schema") }
        }
        if draft.atLeast2019, let e = node.entry("dependentSchemas") {
            if let entries = e.value.entries {
                kb.add(.dependentSchemas(entries.map { ($0.keyText, sub(["dependentSchemas", $0.keyText])) }), e)
            } else { kb.error(e, "\"dependentSchemas\" must be an object of schemas") }
        }
        // `dependencies` is draft-07 and earlier; later drafts split it, but it is still honoured for compatibility.
        if let e = node.entry("dependencies"), !(draft.atLeast2019 && (node.entry("dependentRequired") != nil || node.entry("dependentSchemas") != nil)) {
            if let entries = e.value.entries {
                var req: [(String, [String])] = []
                var schemas: [(String, Int)] = []
                for d in entries {
                    if d.value.items != nil {
                        if let names = kb.stringArray(d) { req.append((d.keyText, names)) }
                    } else if isSchema(d.value) {
                        schemas.append((d.keyText, sub(["dependencies", d.keyText])))
                    } else {
                        kb.errorAt(d.value.range, "dependencies/\(d.keyText)", "a dependency must be an array of property names or a schema")
                    }
                }
                if !req.isEmpty { kb.add(.dependentRequired(req), e) }
                if !schemas.isEmpty { kb.add(.dependentSchemas(schemas), e) }
            } else { kb.error(e, "\"dependencies\" must be an object") }
        }

        // Combinators.
        for name in ["allOf", "anyOf", "oneOf"] {
            guard let e = node.entry(name) else { continue }
            guard let items = e.value.items, !items.isEmpty else {
                kb.error(e, "\"\(name)\" must be a non-empty array of schemas")
                continue
            }
            let subs = (0..<items.count).map { sub([name, String($0)]) }
            switch name {
            case "allOf": kb.add(.allOf(subs), e)
            case "anyOf": kb.add(.anyOf(subs), e)
            default: kb.add(.oneOf(subs), e)
            }
        }
        if let e = node.entry("not") {
            if isSchema(e.value) { kb.add(.not(sub(["not"])), e) } else { kb.error(e, "\"not\" must be a schema") }
        }
        if draft.atLeast7, let e = node.entry("if"), isSchema(e.value) {
            let t = node.entry("then").flatMap { isSchema($0.value) ? sub(["then"]) : nil }
            let f = node.entry("else").flatMap { isSchema($0.value) ? sub(["else"]) : nil }
            // Kept even without then/else: `if` contributes annotations for unevaluated*.
            kb.add(.ifThenElse(if: sub(["if"]), then: t, else: f), e)
        }
    }
}

/// Collects the keywords of one schema object and the schema errors found in it.
struct KeywordBuilder {
    let doc: SchemaDocument
    let pointer: [String]
    let docInfo: LocationInfo
    let info: LocationInfo
    let node: Node
    var keywords: [Keyword] = []
    var errors: [SchemaError] = []

    init(doc: SchemaDocument, pointer: [String], docInfo: LocationInfo, info: LocationInfo, node: Node) {
        self.doc = doc
        self.pointer = pointer
        self.docInfo = docInfo
        self.info = info
        self.node = node
    }

    mutating func add(_ op: Op, _ e: MappingEntry) {
        keywords.append(Keyword(op: op, name: e.keyText, range: SourceRange(start: e.key.range.start, end: e.value.range.end)))
    }

    mutating func error(_ e: MappingEntry, _ message: String) {
        errorAt(e.value.range, e.keyText, message)
    }

    mutating func errorAt(_ range: SourceRange, _ keyword: String, _ message: String) {
        errors.append(SchemaError(file: doc.file, range: range, keywordLocation: JSONPointer.join(pointer) + "/" + keyword, message: message))
    }

    mutating func string(_ e: MappingEntry) -> String? {
        if let s = e.value.stringValue { return s }
        error(e, "\"\(e.keyText)\" must be a string, found \(e.value.jsonTypeName)")
        return nil
    }

    mutating func number(_ e: MappingEntry) -> ExactDecimal? {
        if let s = e.value.scalar, s.kind == .number, let d = ExactDecimal(s.text) { return d }
        error(e, "\"\(e.keyText)\" must be a number, found \(e.value.jsonTypeName)")
        return nil
    }

    /// A non-negative integer (1.0 counts as an integer).
    mutating func count(_ e: MappingEntry) -> Int? {
        if let s = e.value.scalar, s.kind == .number, let d = ExactDecimal(s.text), d.isInteger, !d.negative {
            if d.exponent > 18 { return Int.max }
            var v = 0
            for k in 0..<d.exponent { v = v * 10 + (k < d.digits.count ? Int(d.digits[k]) : 0) }
            return v
        }
        error(e, "\"\(e.keyText)\" must be a non-negative integer, found \(e.value.scalar.map { $0.kind == .number ? $0.text : e.value.jsonTypeName } ?? e.value.jsonTypeName)")
        return nil
    }

    mutating func stringArray(_ e: MappingEntry) -> [String]? {
        if let items = e.value.items {
            var out: [String] = []
            for i in items {
                guard let s = i.stringValue else {
                    errorAt(i.range, e.keyText, "\"\(e.keyText)\" must list property names as strings, found \(i.jsonTypeName)")
                    return nil
                }
                out.append(s)
            }
            return out
        }
        error(e, "\"\(e.keyText)\" must be an array of strings")
        return nil
    }
}
