import LintCore
import LintParsers

/// One use of a name in the template (variable or section tag).
struct NameUse {
    var token: TemplateToken
    /// Enclosing non-inverted sections, outermost first.
    var sections: [TemplateToken]
    /// The `{{> partial}}` tag in the checked file this use comes through, if any.
    var viaPartial: TemplateToken?
}

/// All checks of one prompt file.
struct PromptFileCheck {
    let file: SourceFile
    let context: CheckContext
    let validator: (any PromptSchemaValidator)?
    let settings: PromptSettings
    var diagnostics: [Diagnostic] = []
    var graph: PartialGraph
    var fm: PromptFrontMatter?
    var bodyStart = 0
    var nodes: [TemplateNode] = []
    var tokens: [TemplateToken] = []
    var lines: [BodyLine] = []
    /// Byte ranges enclosed by a matched XML tag pair.
    var xmlEnclosed: [Range<Int>] = []

    init(file: SourceFile, context: CheckContext, validator: (any PromptSchemaValidator)?) {
        self.file = file
        self.context = context
        self.validator = validator
        self.settings = PromptSettings(context: context)
        self.graph = PartialGraph(context: context)
    }

    mutating func report(_ rule: RuleDescription, _ message: String, _ range: SourceRange) {
        diagnostics.append(rule.diagnostic(message, file: file.path, range: range))
    }

    func range(_ start: Int, _ end: Int) -> SourceRange { file.range(ofBytes: start, end) }

    mutating func run() {
        let (fmRange, body, unclosed) = PromptFiles.bodyStart(file)
        bodyStart = body
        if unclosed {
            report(PromptRules.frontMatter, "front matter opened with `---` on line 1 is never closed; add a `---` line after the last key", range(0, file.lineEndOffset(1)))
        }
        if let fmRange { readFrontMatter(fmRange) }

        let tokenized = TemplateTokenizer.tokenize(file, range: bodyStart..<file.bytes.count)
        tokens = tokenized.tokens
        let parsed = TemplateParser.parse(tokens)
        nodes = parsed.nodes
        for p in tokenized.problems + parsed.problems { report(PromptRules.templateSyntax, p.message, p.range) }

        lines = Markdown.lines(file, from: bodyStart)
        checkXMLTags()
        checkPartials()
        if let fm { checkDeclarations(fm) }
        checkHeadings()
        checkStubs()
        checkRepeatedLines()
        checkJSONExamples()
        checkSecretsAndPII()
    }

    // MARK: Front matter

    mutating func readFrontMatter(_ r: Range<Int>) {
        let set = YAMLLoader.load(file, byteRange: r)
        for d in set.diagnostics {
            report(PromptRules.frontMatter, "front matter: \(d.message)", d.range)
        }
        guard !set.hasErrors else { return }
        guard let doc = set.document, !doc.isNull else {
            report(PromptRules.frontMatter, "front matter is empty; add at least `name:` and `description:`", range(0, file.lineEndOffset(1)))
            return
        }
        let (fm, problems) = PromptFrontMatter.read(doc)
        self.fm = fm
        for (m, r) in problems { report(PromptRules.frontMatter, m, r) }

        if let n = fm.name?.stringValue, let node = fm.name {
            let stem = PromptFiles.stem(file.path)
            if !isKebabCase(n) {
                report(PromptRules.nameMismatch, "name `\(n)` is not kebab-case; rename it to `\(stem.hasPrefix("_") ? String(stem.dropFirst()) : stem)` (the file stem)", node.range)
            } else if n != stem, "_" + n != stem {
                report(PromptRules.nameMismatch, "name `\(n)` differs from the file stem `\(stem)`; rename the file or set `name: \(stem.hasPrefix("_") ? String(stem.dropFirst()) : stem)`", node.range)
            }
        }
        if let a = fm.assistant, let s = a.stringValue, !settings.assistants.contains(s) {
            report(PromptRules.unknownAssistant, "assistant `\(s)` is not one the router knows; use one of \(settings.assistants.joined(separator: ", ")) or add it to settings.prompt.assistants", a.range)
        }
        let window = PromptSettings.contextWindow(model: fm.model?.stringValue)
        if let t = fm.temperature, let v = t.doubleValue, !(0...1).contains(v) {
            report(PromptRules.parameterRange, "temperature \(t.scalarText ?? "") is outside 0…1; Claude accepts 0 to 1 (use 0–0.3 for classification, up to 1 for creative text)", t.range)
        }
        if let m = fm.maxTokens, let v = m.doubleValue {
            if v < 1 || v.rounded() != v {
                report(PromptRules.parameterRange, "max_tokens \(m.scalarText ?? "") must be a positive whole number of tokens", m.range)
            } else if let window, v >= Double(window) {
                report(PromptRules.parameterRange, "max_tokens \(m.scalarText ?? "") leaves no room for the prompt in the model's \(window)-token context window; lower it", m.range)
            }
        }
        if let b = fm.budgetMaxTokens, let v = b.doubleValue, v < 1 || v.rounded() != v {
            report(PromptRules.parameterRange, "budget.max_tokens \(b.scalarText ?? "") must be a positive whole number of tokens", b.range)
        }
        if let s = fm.outputSchema, let ref = s.stringValue {
            let path = ref.contains("/") ? PromptFiles.join(context.root, ref) : PromptFiles.join(context.root, "schemas/" + ref)
            if !FileManagerShim.isFile(path) {
                report(PromptRules.frontMatter, "output.schema `\(ref)` does not exist (looked for \(ref.contains("/") ? ref : "schemas/" + ref)); create the schema or fix the name", s.range)
                self.fm?.outputSchema = nil
            }
        }
    }

    // MARK: Partials

    mutating func checkPartials() {
        let selfName: String? = {
            let stem = PromptFiles.stem(file.path)
            return stem.hasPrefix("_") ? String(stem.dropFirst()) : nil
        }()
        for tag in PartialGraph.partialTags(nodes) {
            guard graph.resolve(tag.name, includer: file.path) != nil else {
                report(PromptRules.missingPartial, "partial `\(tag.name)` not found (looked for _\(tag.name).prompt and _\(tag.name).md beside this file and in prompts/); create it or fix the name", tag.range)
                continue
            }
            let chain = selfName.map { [$0] } ?? []
            if let c = graph.cycle(from: tag.name, includer: file.path, chain: chain) {
                report(PromptRules.circularPartial, "including `\(tag.name)` never ends: \(c.joined(separator: " → ")); break the cycle", tag.range)
            }
        }
    }

    /// Every use of a name, including those inside (acyclic) partials.
    mutating func collectUses() -> [NameUse] {
        var out: [NameUse] = []
        var visits = 0
        func walk(_ nodes: [TemplateNode], sections: [TemplateToken], via: TemplateToken?, depth: Int, seen: [String], graph: inout PartialGraph, includer: String) {
            guard depth <= TemplateParser.maxDepth + PartialGraph.maxDepth else { return }
            for n in nodes {
                visits += 1
                if visits > 200_000 { return }
                switch n {
                case .text: break
                case .variable(let t): out.append(NameUse(token: t, sections: sections, viaPartial: via))
                case .section(let open, let inverted, let children):
                    out.append(NameUse(token: open, sections: sections, viaPartial: via))
                    walk(children, sections: inverted ? sections : sections + [open], via: via, depth: depth + 1, seen: seen, graph: &graph, includer: includer)
                case .partial(let t):
                    guard !seen.contains(t.name), seen.count < PartialGraph.maxDepth, let p = graph.resolve(t.name, includer: includer) else { continue }
                    walk(p.nodes, sections: sections, via: via ?? t, depth: depth + 1, seen: seen + [t.name], graph: &graph, includer: p.path)
                }
            }
        }
        let stem = PromptFiles.stem(file.path)
        walk(nodes, sections: [], via: nil, depth: 0, seen: stem.hasPrefix("_") ? [String(stem.dropFirst())] : [], graph: &graph, includer: file.path)
        return out
    }

    /// Partials by name for rendering (cycles cut by the renderer's depth limit).
    func partialMap() -> [String: [TemplateNode]] {
        graph.loaded.mapValues(\.nodes)
    }

    // MARK: Variables, samples, budget

    static func rootName(_ name: String) -> String {
        String(name.split(separator: ".", omittingEmptySubsequences: false).first ?? Substring(name))
    }

    mutating func checkDeclarations(_ fm: PromptFrontMatter) {
        let uses = collectUses()
        var used = Set<String>()
        var reportedViaPartial = Set<String>()
        for u in uses {
            let name = u.token.name
            let own = u.viaPartial == nil
            if name == "." {
                if u.sections.isEmpty, own {
                    report(PromptRules.unresolvedPath, "`{{.}}` is the current item of a list section but stands outside any section; use a declared input such as {{NAME}}", u.token.range)
                }
                continue
            }
            let root = PromptFileCheck.rootName(name)
            if let input = fm.input(root) {
                used.insert(root)
                if name.contains("."), !input.hasFields, own {
                    report(PromptRules.unresolvedPath, "`\(u.token.display)` reads a field of `\(root)`, which is declared as \(input.type ?? "a scalar"); declare `\(root)` with type object or array, or use {{\(root)}}", u.token.range)
                }
                continue
            }
            if providesFields(u.sections, fm) { continue }
            if let via = u.viaPartial {
                let key = "\(via.startOffset):\(root)"
                if reportedViaPartial.insert(key).inserted {
                    report(PromptRules.undeclaredVariable, "partial `\(via.name)` uses `{{\(root)}}`, which this prompt does not declare; add `\(root)` under inputs", via.range)
                }
            } else {
                report(PromptRules.undeclaredVariable, "`\(u.token.display)` is not a declared input; add `\(root)` under `inputs:` in the front matter or fix the name", u.token.range)
            }
        }
        for input in fm.inputs where !used.contains(input.name) {
            report(PromptRules.unusedInput, "input `\(input.name)` is declared but never used in the template; place {{\(input.name)}} inside an XML tag or remove the input", input.keyRange)
        }
        // Untrusted inputs must sit inside an XML tag.
        for u in uses where u.viaPartial == nil && (u.token.kind == .variable || u.token.kind == .raw) {
            let root = PromptFileCheck.rootName(u.token.name)
            guard let input = fm.input(root), input.untrusted else { continue }
            if !xmlEnclosed.contains(where: { $0.lowerBound <= u.token.startOffset && u.token.endOffset <= $0.upperBound }) {
                report(PromptRules.untrustedOutsideTag, "untrusted input `\(root)` is placed outside any XML tag, so its text can pose as instructions; wrap it, e.g. <\(root.lowercased().replacingUnderscores)>\(u.token.display)</\(root.lowercased().replacingUnderscores)>", u.token.range)
            }
        }
        checkSamples(fm, uses: uses)
    }

    /// Whether an enclosing section can supply names that are not inputs (list items, object fields).
    func providesFields(_ sections: [TemplateToken], _ fm: PromptFrontMatter) -> Bool {
        sections.contains { fm.input(PromptFileCheck.rootName($0.name))?.hasFields == true }
    }

    mutating func checkSamples(_ fm: PromptFrontMatter, uses: [NameUse]) {
        let renderer = TemplateRenderer(partials: partialMap())
        var longest: (chars: Int, node: Node?)? = nil
        for (i, sample) in fm.samples.enumerated() {
            let n = i + 1
            let entries = sample.entries ?? []
            var missingRequired = Set<String>()
            for e in entries where fm.input(e.keyText) == nil {
                report(PromptRules.sampleValues, "sample \(n) gives `\(e.keyText)`, which is not a declared input; declare it under inputs or remove it from the sample", e.key.range)
            }
            for input in fm.inputs {
                let value = sample[input.name]
                if input.required, value == nil || value?.isNull == true {
                    missingRequired.insert(input.name)
                    report(PromptRules.sampleValues, "sample \(n) has no value for required input `\(input.name)`; add `\(input.name): …` to the sample", SourceRange(sample.range.start))
                    continue
                }
                guard let value, !value.isNull else { continue }
                if let allowed = input.allowed, !allowed.contains(where: { PromptFrontMatter.sameValue($0, value) }) {
                    report(PromptRules.sampleValues, "sample \(n) gives `\(input.name)` the value \(value.description), which is not in its enum (\(allowed.map(\.description).joined(separator: ", "))); use an allowed value", value.range)
                } else if let t = input.type, !PromptFileCheck.matches(value, type: t) {
                    report(PromptRules.sampleValues, "sample \(n) gives `\(input.name)` a \(value.jsonTypeName) but it is declared as \(t); give a \(t) value", value.range)
                }
            }
            // Data: the sample plus defaults for inputs it leaves out.
            var dataEntries = entries
            for input in fm.inputs where sample[input.name] == nil {
                if let d = input.defaultValue {
                    dataEntries.append(MappingEntry(key: .scalar(.string(input.name), input.keyRange), value: d))
                }
            }
            let data = Node.mapping(dataEntries, sample.range)
            let result = renderer.render(nodes, data: data)
            var reported = Set<String>()
            for m in result.missing {
                let root = PromptFileCheck.rootName(m.token.name)
                guard m.token.name == "." || fm.input(root) != nil, !missingRequired.contains(root) else { continue }
                guard reported.insert(m.token.name).inserted else { continue }
                let whereText = m.partial.map { "in partial `\($0)`" } ?? "at line \(m.token.range.start.line)"
                report(PromptRules.sampleRender, "sample \(n) has no value for `\(m.token.display)` (\(whereText)), so it would render empty; add it to the sample or give the input a default", SourceRange(sample.range.start))
            }
            if result.truncated {
                report(PromptRules.sampleRender, "sample \(n) renders to more than \(renderer.maxOutput) bytes or nests partials too deeply; shorten the sample or break the partial cycle", SourceRange(sample.range.start))
            } else if let leftover = PromptFileCheck.leftoverBraces(result.text) {
                report(PromptRules.sampleRender, "sample \(n) renders with `\(leftover)` still in the text; a value contains template braces or a tag was not rendered; remove the braces from the sample or fix the tag", SourceRange(sample.range.start))
            }
            let chars = result.text.unicodeScalars.count
            if longest == nil || chars > longest!.chars { longest = (chars, sample) }
        }
        checkBudget(fm, longest: longest)
    }

    static func matches(_ v: Node, type: String) -> Bool {
        let t = v.jsonTypeName
        switch type {
        case "integer": return t == "number" && (v.scalarText.map { !$0.contains(".") && !$0.lowercased().contains("e") } ?? false)
        default: return t == type
        }
    }

    /// A short excerpt around the first `{{` or `}}` left after rendering.
    static func leftoverBraces(_ text: String) -> String? {
        guard let r = text.firstRange(of: "{{") ?? text.firstRange(of: "}}") else { return nil }
        let start = r.lowerBound
        var end = r.upperBound
        var k = 0
        while end < text.endIndex, k < 20, text[end] != "\n" { end = text.index(after: end); k += 1 }
        return String(text[start..<end])
    }

    mutating func checkBudget(_ fm: PromptFrontMatter, longest: (chars: Int, node: Node?)?) {
        let chars: Int
        let subject: String
        if let longest {
            chars = longest.chars
            subject = "the longest sample renders to"
        } else {
            chars = file.slice(bodyStart, file.bytes.count).unicodeScalars.count
            subject = "the template (no samples) is"
        }
        let estimate = Int((Double(chars) / settings.charsPerToken).rounded(.up))
        let cpt = settings.charsPerToken
        let cptText = cpt.rounded() == cpt ? String(Int(cpt)) : String(cpt)
        if let b = fm.budgetMaxTokens, let limit = b.doubleValue, limit >= 1, Double(estimate) > limit {
            report(PromptRules.tokenBudget, "\(subject) about \(estimate) tokens (estimate: \(chars) characters / \(cptText) per token), over budget.max_tokens \(b.scalarText ?? ""); shorten the prompt or raise the budget", b.range)
        }
        let model = fm.model?.stringValue
        if let window = PromptSettings.contextWindow(model: model) {
            let reserve = Int(fm.maxTokens?.doubleValue ?? 0)
            if reserve < window, estimate > window - reserve {
                let at = fm.maxTokens?.range ?? fm.model?.range ?? SourceRange(fm.root.range.start)
                report(PromptRules.tokenBudget, "\(subject) about \(estimate) tokens (estimate: \(chars) characters / \(cptText) per token), more than the \(window)-token context window of \(model ?? "Claude") minus max_tokens \(reserve); shorten the prompt or lower max_tokens", at)
            }
        }
    }

    // MARK: Structure

    static let voidElements: Set<String> = ["br", "hr", "img", "input", "meta", "link", "wbr", "area", "base", "col", "embed", "source", "track", "param"]

    mutating func checkXMLTags() {
        var stack: [(name: String, start: Int, end: Int)] = []
        let bytes = file.bytes
        for l in lines where !l.inFence && !l.isFence {
            var i = l.start
            var inCode = false
            while i < l.end {
                let b = bytes[i]
                if b == UInt8(ascii: "`") { inCode.toggle(); i += 1; continue }
                if inCode || b != UInt8(ascii: "<") { i += 1; continue }
                var j = i + 1
                let closing = j < l.end && bytes[j] == UInt8(ascii: "/")
                if closing { j += 1 }
                let nameStart = j
                guard j < l.end, SecretScanner.isAlnum(bytes[j]), !(bytes[j] >= 0x30 && bytes[j] <= 0x39) else { i += 1; continue }
                while j < l.end, SecretScanner.isAlnum(bytes[j]) || bytes[j] == 0x5F || bytes[j] == 0x2D || bytes[j] == 0x2E || bytes[j] == 0x3A { j += 1 }
                let name = String(decoding: bytes[nameStart..<j], as: UTF8.self)
                var k = j
                if !closing, k < l.end, bytes[k] == 0x20 || bytes[k] == 0x09 {
                    while k < l.end, bytes[k] != UInt8(ascii: ">"), bytes[k] != UInt8(ascii: "<") { k += 1 }
                }
                while closing, k < l.end, bytes[k] == 0x20 { k += 1 }
                guard k < l.end, bytes[k] == UInt8(ascii: ">") else { i += 1; continue }
                let selfClosing = k > j && bytes[k - 1] == UInt8(ascii: "/")
                let end = k + 1
                defer { i = end }
                if selfClosing || PromptFileCheck.voidElements.contains(name.lowercased()) { continue }
                if !closing {
                    stack.append((name, i, end))
                    continue
                }
                if let top = stack.last, top.name == name {
                    stack.removeLast()
                    xmlEnclosed.append(top.end..<i)
                } else if let idx = stack.lastIndex(where: { $0.name == name }), let top = stack.last {
                    let p = file.position(ofByte: top.start)
                    report(PromptRules.xmlTags, "</\(name)> closes <\(name)> but <\(top.name)> opened at \(p) is still open; close </\(top.name)> first", range(i, end))
                    let opened = stack[idx]
                    stack.removeSubrange(idx...)
                    xmlEnclosed.append(opened.end..<i)
                } else {
                    report(PromptRules.xmlTags, "</\(name)> has no matching <\(name)>; add the opening tag or remove this one", range(i, end))
                }
            }
        }
        for open in stack {
            report(PromptRules.xmlTags, "<\(open.name)> is never closed; add </\(open.name)> after its content", range(open.start, open.end))
        }
    }

    mutating func checkHeadings() {
        var headings: [(index: Int, level: Int)] = []
        for (i, l) in lines.enumerated() where !l.inFence && !l.isFence {
            if let level = Markdown.headingLevel(l.text) { headings.append((i, level)) }
        }
        for (h, heading) in headings.enumerated() {
            var stop = lines.count
            for next in headings[(h + 1)...] where next.level <= heading.level {
                stop = next.index
                break
            }
            var hasContent = false
            var k = heading.index + 1
            while k < stop {
                let l = lines[k]
                if l.isFence || l.inFence || !Markdown.isBlank(l.text) { hasContent = true; break }
                k += 1
            }
            if !hasContent {
                let l = lines[heading.index]
                let title = l.text.trimmingSpaces
                report(PromptRules.emptySection, "section `\(title)` is empty; write its content or remove the heading", range(l.start, l.end))
            }
        }
    }

    mutating func checkStubs() {
        for l in lines {
            for (phrase, col) in StubScanner.scan(l.text) {
                let before = String(String.UnicodeScalarView(Array(l.text.unicodeScalars)[0..<col])).utf8.count
                let start = l.start + before
                report(PromptRules.stubText, "stub text `\(phrase)` marks unfinished content that would ship to Claude; write the real instructions or remove the placeholder", range(start, start + phrase.utf8.count))
            }
        }
    }

    mutating func checkRepeatedLines() {
        var seen: [String: Int] = [:]
        for l in lines where !l.inFence && !l.isFence {
            let trimmed = l.text.trimmingSpaces
            guard Markdown.headingLevel(trimmed) == nil, !trimmed.hasPrefix("{{"), !trimmed.hasPrefix("|"), !trimmed.hasPrefix("<") else { continue }
            let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.count >= 5 else { continue }
            let key = words.joined(separator: " ")
            if let first = seen[key] {
                let lead = l.text.prefix { $0 == " " || $0 == "\t" }.utf8.count
                report(PromptRules.repeatedLine, "this instruction repeats line \(first) word for word; say it once (repetition wastes tokens and drifts when one copy is edited)", range(l.start + lead, l.end))
            } else {
                seen[key] = l.line
            }
        }
    }

    // MARK: JSON examples

    mutating func checkJSONExamples() {
        var i = 0
        while i < lines.count {
            let open = lines[i]
            i += 1
            guard open.isFence, open.fenceInfo == "json" else { continue }
            var j = i
            while j < lines.count, lines[j].inFence { j += 1 }
            let contentStart = i < lines.count ? lines[i].start : file.bytes.count
            let contentEnd = j > i ? lines[j - 1].end : contentStart
            let firstContent = i
            let blockEnd = j
            i = j + 1
            guard contentEnd > contentStart else {
                report(PromptRules.jsonExample, "```json block is empty; show one complete example response", range(open.start, open.end))
                continue
            }
            let startLine = file.line(containing: contentStart)
            let result = file.bytes.withUnsafeBufferPointer { buf in
                JSONParser.parse(bytes: UnsafeBufferPointer(rebasing: buf[contentStart..<contentEnd]), path: file.path, line: startLine, offset: contentStart)
            }
            let failure = result.diagnostics.first { $0.severity == .error }
            if let failure {
                // Pseudo-JSON alternatives before the failure still deserve their own message.
                for l in lines[firstContent..<blockEnd] where l.line < failure.range.start.line {
                    for (col, value) in PromptFileCheck.quotedAlternatives(l.text) {
                        let start = l.start + String(l.text.unicodeScalars.prefix(col)).utf8.count
                        report(PromptRules.jsonExample, "example value \(Node.jsonEscape(value)) looks like a list of alternatives; show one concrete value (the schema allows one)", range(start, start + value.utf8.count + 2))
                    }
                }
                let lineText = file.lineText(failure.range.start.line)
                if let kind = PromptFileCheck.pseudoValueKind(lineText) {
                    report(PromptRules.jsonExample, "example JSON does not parse: `\(lineText.trimmingSpaces)` looks like \(kind); show one concrete value", failure.range)
                } else {
                    report(PromptRules.jsonExample, "example JSON does not parse: \(failure.message); make the example valid JSON (no comments, trailing commas or placeholders)", failure.range)
                }
            }
            guard let node = result.node, !result.diagnostics.contains(where: { $0.severity == .error }) else { continue }
            var pseudo = Set<SourceRange>()
            var work = [node]
            while let n = work.popLast() {
                switch n.value {
                case .mapping(let es): work.append(contentsOf: es.map(\.value))
                case .sequence(let items): work.append(contentsOf: items)
                case .scalar(let s):
                    if s.kind == .string, PromptFileCheck.isAlternatives(s.text) {
                        pseudo.insert(n.range)
                        report(PromptRules.jsonExample, "example value \(Node.jsonEscape(s.text)) looks like a list of alternatives; show one concrete value (the schema allows one)", n.range)
                    }
                }
            }
            if let validator, let ref = fm?.outputSchema?.stringValue, let schemaNode = fm?.outputSchema {
                guard let violations = validator.validate(node, schemaRef: ref, root: context.root) else {
                    report(PromptRules.frontMatter, "output.schema `\(ref)` could not be loaded as a JSON Schema; fix the schema file", schemaNode.range)
                    self.fm?.outputSchema = nil
                    continue
                }
                for v in violations where !pseudo.contains(v.range) {
                    report(PromptRules.jsonExampleSchema, "example does not match \(ref) at \(v.instancePath.isEmpty ? "/" : v.instancePath): \(v.message); make the example a response the schema accepts", v.range)
                }
            }
        }
    }

    /// `a|b|c` written as one value.
    static func isAlternatives(_ s: String) -> Bool {
        let parts = s.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
        guard parts.count >= 2 else { return false }
        return parts.allSatisfy { p in
            !p.isEmpty && p.count <= 40 && !p.contains(" ") && p.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
        }
    }

    /// What an unparsable value looks like: `"x": booking|emergency` (alternatives) or `"x": 0.0-1.0` (a range).
    static func pseudoValueKind(_ line: String) -> String? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        var value = line[line.index(after: colon)...].trimmingSpaces
        if value.hasSuffix(",") { value.removeLast() }
        let stripped = value.filter { $0 != "\"" }
        if value.contains("|"), isAlternatives(stripped) { return "a list of alternatives" }
        let ends = stripped.split(separator: "-", omittingEmptySubsequences: false)
        if ends.count == 2, ends.allSatisfy({ !$0.isEmpty && Double($0.trimmingSpaces) != nil }) { return "a range of values" }
        return nil
    }

    /// `"key": "a|b"` string values on one line: (scalar column of the opening quote, value).
    static func quotedAlternatives(_ line: String) -> [(Int, String)] {
        let scalars = Array(line.unicodeScalars)
        var out: [(Int, String)] = []
        var k = 0
        while k < scalars.count {
            guard scalars[k] == ":" else { k += 1; continue }
            var q = k + 1
            while q < scalars.count, scalars[q] == " " || scalars[q] == "\t" { q += 1 }
            guard q < scalars.count, scalars[q] == "\"" else { k += 1; continue }
            var e = q + 1
            while e < scalars.count, scalars[e] != "\"", scalars[e] != "\\" { e += 1 }
            guard e < scalars.count, scalars[e] == "\"" else { break }
            let value = String(String.UnicodeScalarView(scalars[(q + 1)..<e]))
            if isAlternatives(value) { out.append((q, value)) }
            k = e + 1
        }
        return out
    }

    // MARK: Secrets and PII

    mutating func checkSecretsAndPII() {
        let secrets = SecretScanner.scan(file.bytes)
        for s in secrets {
            report(PromptRules.secret, "\(s.what) `\(SecretScanner.mask(s.text))` in a prompt is sent to the model and kept in git; remove it, rotate it, and load it from the environment instead", range(s.start, s.end))
        }
        for p in PIIScanner.scan(file.bytes) where !secrets.contains(where: { $0.start < p.end && p.start < $0.end }) {
            report(PromptRules.pii, "\(p.what) `\(SecretScanner.mask(p.text))` looks like real personal data; replace it with a placeholder such as [guest contact] or a template input such as {{GUEST_CONTACT}}", range(p.start, p.end))
        }
    }
}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? "-" : $0 }) }
}
