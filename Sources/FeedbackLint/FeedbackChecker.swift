import JSONSchema
import LintCore
import LintParsers
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Settings under `settings.feedback` in `.clubos-lint.yaml`.
public struct FeedbackSettings: Sendable, Hashable {
    public static let defaultAssistants = ["Booking", "Emergency", "TechSupport", "BrandTone"]
    public static let defaultMaxClockSkewSeconds = 300.0

    /// Assistant names a record may carry (`assistants:`).
    public var assistants: [String]
    /// How far in the future a timestamp may lie (`max-clock-skew-seconds:`).
    public var maxClockSkewSeconds: Double

    public init(assistants: [String] = FeedbackSettings.defaultAssistants, maxClockSkewSeconds: Double = FeedbackSettings.defaultMaxClockSkewSeconds) {
        self.assistants = assistants
        self.maxClockSkewSeconds = maxClockSkewSeconds
    }

    /// Reads `settings.feedback`; missing or malformed values keep their defaults.
    public init(context: CheckContext) {
        let s = context.settings(for: "feedback")
        let list = s?["assistants"]?.items?.compactMap(\.stringValue) ?? []
        assistants = list.isEmpty ? FeedbackSettings.defaultAssistants : list
        if let skew = s?["max-clock-skew-seconds"]?.doubleValue, skew >= 0, skew.isFinite {
            maxClockSkewSeconds = skew
        } else {
            maxClockSkewSeconds = FeedbackSettings.defaultMaxClockSkewSeconds
        }
    }
}

/// The records of one feedback file.
public enum FeedbackRecords {
    /// `.jsonl`: one record per non-blank line; anything else: one JSON
    /// document holding a record or an array of records. JSON syntax
    /// diagnostics are returned unchanged; a document that is neither an
    /// object nor an array gets a `feedback/schema` diagnostic.
    public static func read(_ file: SourceFile) -> (records: [Node], diagnostics: [Diagnostic]) {
        var records: [Node] = []
        var diags: [Diagnostic] = []
        if isJSONL(file.path) {
            for r in JSONLReader.records(file) {
                diags += r.result.diagnostics
                if let n = r.result.node { records.append(n) }
            }
            return (records, diags)
        }
        let r = JSONParser.parse(file)
        diags += r.diagnostics
        guard let node = r.node else { return (records, diags) }
        switch node.value {
        case .sequence(let items): records = items
        case .mapping: records = [node]
        case .scalar:
            diags.append(FeedbackRules.schema.diagnostic(
                "expected a FeedbackData object or an array of them, found \(node.jsonTypeName); put one record (an object) or an array of records in the file",
                file: file.path, range: node.range))
        }
        return (records, diags)
    }

    public static func isJSONL(_ path: String) -> Bool { path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") }

    /// True for the legacy shape: an object with `rating` but neither `id` nor `feedback`.
    public static func isLegacy(_ node: Node) -> Bool {
        guard node.entries != nil else { return false }
        return node["rating"] != nil && node["id"] == nil && node["feedback"] == nil
    }
}

/// Checks FeedbackData records (`feedback/**/*.json`, `feedback/**/*.jsonl`).
///
/// Each record is validated against `<root>/schemas/feedback.schema.json`
/// (compiled once per root, `format` asserted; the built-in copy when the
/// file is missing), then checked by the semantic rules. Legacy records get
/// one `feedback/legacy-record` finding instead. Duplicate ids are found in
/// `finish`, which reads every feedback file of the run and under
/// `<root>/feedback`, so a partial run reports the same duplicates in its files.
public struct FeedbackChecker: Checker {
    public let kind: CheckerKind = .feedback
    private let cache = FeedbackSchemaCache()
    private let now: @Sendable () -> Double

    /// `now` returns the current time in seconds since the epoch (injectable for tests).
    public init(now: @escaping @Sendable () -> Double = { RFC3339.now() }) {
        self.now = now
    }

    public var rules: [RuleDescription] { FeedbackRules.all }

    public func check(_ file: SourceFile, context: CheckContext) -> [Diagnostic] {
        let schema = cache.schema(root: context.root)
        let settings = FeedbackSettings(context: context)
        let (records, syntax) = FeedbackRecords.read(file)
        var diags = syntax
        if let problem = schema.problems.first {
            diags.append(FeedbackRules.schema.diagnostic(
                "\(FeedbackSchema.relativePath) does not compile (\(problem)); records were checked against the built-in FeedbackData schema; fix the schema file",
                file: file.path, range: .fileStart))
        }
        let current = now()
        for record in records {
            var run = RecordCheck(file: file, record: record, schema: schema.schema, settings: settings, now: current)
            diags += run.run()
        }
        return diags
    }

    public func finish(context: CheckContext) -> [Diagnostic] {
        DuplicateIDs.find(context: context)
    }
}

/// The per-record rules.
struct RecordCheck {
    let file: SourceFile
    let record: Node
    let schema: CompiledSchema
    let settings: FeedbackSettings
    let now: Double
    var out: [Diagnostic] = []

    init(file: SourceFile, record: Node, schema: CompiledSchema, settings: FeedbackSettings, now: Double) {
        self.file = file
        self.record = record
        self.schema = schema
        self.settings = settings
        self.now = now
    }

    mutating func run() -> [Diagnostic] {
        if FeedbackRecords.isLegacy(record) {
            out.append(FeedbackRules.legacyRecord.diagnostic(
                "legacy feedback record ({query, response, rating} without id or feedback); convert it: clubos-lint feedback convert \(file.path) --out feedback/converted.jsonl",
                file: file.path, range: SourceRange(record.range.start)))
            return out
        }
        schemaErrors()
        guard record.entries != nil else { return out }
        timestamp()
        helpfulWithCorrection()
        emptyQuery()
        assistant()
        pii()
        return out
    }

    mutating func schemaErrors() {
        if schema.isValid(record) { return }
        let assistantIsString = record["assistant"]?.stringValue != nil
        var seen = Set<String>()
        for e in schema.validate(record) {
            // A string assistant is judged by the configured list (feedback/unknown-assistant).
            if assistantIsString, e.instancePath == "/assistant", e.keywordLocation.hasSuffix("/enum") { continue }
            // One finding per value, except one per missing property.
            let key = e.keywordLocation.hasSuffix("/required") ? e.instancePath + "|" + e.message : e.instancePath
            guard seen.insert(key).inserted else { continue }
            let at = e.instancePath.isEmpty ? "record" : e.instancePath
            let action = e.message.contains("; ") ? "" : "; change it to match \(FeedbackSchema.relativePath)"
            out.append(FeedbackRules.schema.diagnostic("\(at): \(e.message)\(action) (\(e.keywordLocation))", file: file.path, range: e.range))
        }
    }

    mutating func timestamp() {
        guard let node = record["timestamp"], let text = node.stringValue, let t = RFC3339.epochSeconds(text) else { return }
        let ahead = t - now
        guard ahead > settings.maxClockSkewSeconds else { return }
        out.append(FeedbackRules.futureTimestamp.diagnostic(
            "timestamp \(text) is \(Self.duration(ahead)) in the future (allowed clock skew: \(Self.duration(settings.maxClockSkewSeconds))); fix the timestamp or the clock of the system that wrote it",
            file: file.path, range: node.range))
    }

    static func duration(_ s: Double) -> String {
        let v = Int(min(s, 1e15))
        if v < 120 { return "\(v) s" }
        if v < 7_200 { return "\(v / 60) min" }
        if v < 172_800 { return "\(v / 3_600) h" }
        return "\(v / 86_400) days"
    }

    mutating func helpfulWithCorrection() {
        guard let fb = record["feedback"], fb["rating"]?.stringValue == "helpful", let entries = fb.entries else { return }
        for e in entries where e.keyText == "correction" || e.keyText == "reason" {
            let why = e.keyText == "correction" ? "a correction means the response was wrong" : "a reason explains what was wrong"
            out.append(FeedbackRules.helpfulWithCorrection.diagnostic(
                "a \"helpful\" rating has a \"\(e.keyText)\" (\(why)); rate it \"unhelpful\" or remove \"\(e.keyText)\"",
                file: file.path, range: e.key.range))
        }
    }

    mutating func emptyQuery() {
        guard let node = record["query"], let q = node.stringValue else { return }
        guard q.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) else { return }
        out.append(FeedbackRules.emptyQuery.diagnostic(
            "query is \(q.isEmpty ? "empty" : "only whitespace"); restore the user's question or drop the record",
            file: file.path, range: node.range))
    }

    mutating func assistant() {
        guard let node = record["assistant"], let name = node.stringValue, !settings.assistants.contains(name) else { return }
        let near = settings.assistants.first { $0.lowercased() == name.lowercased() }
        let hint = near.map { "did you mean \"\($0)\"? " } ?? ""
        out.append(FeedbackRules.unknownAssistant.diagnostic(
            "assistant \"\(Self.clip(name))\" is not a configured assistant (\(settings.assistants.joined(separator: ", "))); \(hint)use one of them or add it to settings.feedback.assistants",
            file: file.path, range: node.range))
    }

    static func clip(_ s: String) -> String {
        s.unicodeScalars.count <= 60 ? s : String(String.UnicodeScalarView(s.unicodeScalars.prefix(60))) + "…"
    }

    mutating func pii() {
        var fields: [(String, Node)] = []
        for name in ["query", "response"] { if let n = record[name] { fields.append((name, n)) } }
        if let c = record["feedback"]?["correction"] { fields.append(("feedback.correction", c)) }
        for (name, node) in fields {
            guard let text = node.stringValue else { continue }
            for m in PIIScanner.scan(text) {
                let range = StringPositions.range(of: node, scalarOffset: m.scalarOffset, length: m.text.unicodeScalars.count, in: file)
                out.append(FeedbackRules.pii.diagnostic(
                    "\(name) contains \(m.what == "e-mail address" ? "an" : "a") \(m.what) (\(m.masked)); remove or mask it before the record is stored",
                    file: file.path, range: range))
            }
        }
    }
}

/// Maps offsets in a decoded JSON string back to the source.
enum StringPositions {
    /// The source range of the decoded scalars `scalarOffset ..< scalarOffset+length`
    /// of the string literal `node`; the literal's range when it cannot be mapped.
    static func range(of node: Node, scalarOffset: Int, length: Int, in file: SourceFile) -> SourceRange {
        let start = node.range.start.offset, end = node.range.end.offset
        let b = file.bytes
        guard start >= 0, end <= b.count, end - start >= 2, b[start] == 0x22, b[end - 1] == 0x22 else { return node.range }
        var i = start + 1
        var index = 0
        var from: Int?
        while i < end - 1 {
            if index == scalarOffset { from = i }
            if index == scalarOffset + length { break }
            if b[i] == 0x5C {
                if i + 1 < end, b[i + 1] == 0x75 {
                    // \uXXXX, possibly a surrogate pair (\uD83D\uDE00) for one scalar.
                    let high = i + 5 < end ? hex4(b, i + 2) : nil
                    if let h = high, (0xD800...0xDBFF).contains(h), i + 11 < end, b[i + 6] == 0x5C, b[i + 7] == 0x75 { i += 12 } else { i += 6 }
                } else {
                    i += 2
                }
            } else {
                i += 1
                while i < end - 1, b[i] & 0xC0 == 0x80 { i += 1 }
            }
            index += 1
        }
        if index == scalarOffset, from == nil { from = i }
        guard let f = from else { return node.range }
        return file.range(ofBytes: f, min(i, end - 1))
    }

    static func hex4(_ b: [UInt8], _ at: Int) -> Int? {
        guard at + 4 <= b.count else { return nil }
        var v = 0
        for k in at..<(at + 4) {
            let c = b[k]
            switch c {
            case 0x30...0x39: v = v * 16 + Int(c - 0x30)
            case 0x41...0x46: v = v * 16 + Int(c - 0x41 + 10)
            case 0x61...0x66: v = v * 16 + Int(c - 0x61 + 10)
            default: return nil
            }
        }
        return v
    }
}
