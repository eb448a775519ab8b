import JSONSchema
import LintCore
import LintParsers

/// Values for fields that legacy lines lack (the `feedback convert` flags).
public struct LegacyConversionOptions: Sendable, Hashable {
    public var assistant: String?
    /// A JSON number from 0 to 1, as text (kept exactly).
    public var confidence: String?
    public var userId: String?
    public var sessionId: String?

    public init(assistant: String? = nil, confidence: String? = nil, userId: String? = nil, sessionId: String? = nil) {
        self.assistant = assistant
        self.confidence = confidence
        self.userId = userId
        self.sessionId = sessionId
    }
}

/// The output layout, chosen by the output file's extension.
public enum ConvertedFormat: String, Sendable, Hashable {
    /// `.json`: one JSON array, one record per line.
    case jsonArray
    /// `.jsonl` / `.ndjson`: one record per line.
    case jsonLines

    public init?(outputPath: String) {
        if outputPath.hasSuffix(".jsonl") || outputPath.hasSuffix(".ndjson") {
            self = .jsonLines
        } else if outputPath.hasSuffix(".json") {
            self = .jsonArray
        } else {
            return nil
        }
    }
}

/// The outcome for one legacy line.
public enum LineConversion: Sendable, Hashable {
    /// `json` is the compact FeedbackData record, already validated against the schema.
    case converted(id: String, json: String)
    case skipped(reason: String)
}

/// A line that was not converted.
public struct SkippedLine: Sendable, Hashable {
    public var file: String
    public var line: Int
    public var reason: String
    /// The line exactly as read (without its terminator).
    public var raw: [UInt8]
}

/// The result of converting files.
public struct ConversionResult: Sendable {
    /// Compact JSON records, in input order.
    public var records: [String] = []
    public var skipped: [SkippedLine] = []
    /// Legacy fields that have no place in FeedbackData, with how many lines carried them.
    public var droppedFields: [String: Int] = [:]

    /// The output file's bytes.
    public func output(_ format: ConvertedFormat) -> [UInt8] {
        switch format {
        case .jsonLines:
            return Array(records.map { $0 + "\n" }.joined().utf8)
        case .jsonArray:
            if records.isEmpty { return Array("[]\n".utf8) }
            return Array(("[\n" + records.map { "  " + $0 }.joined(separator: ",\n") + "\n]\n").utf8)
        }
    }

    /// The skipped lines verbatim, one per line (for `--rejects`).
    public var rejects: [UInt8] {
        var out: [UInt8] = []
        for s in skipped {
            out += s.raw
            out.append(0x0A)
        }
        return out
    }
}

/// Converts legacy JSONL feedback (`{"query", "response", "rating"}`) into
/// FeedbackData records.
///
/// - `rating`: 1, true, "up", "helpful", "👍" → helpful; 0, -1, false,
///   "down", "unhelpful", "👎" → unhelpful; anything else skips the line.
/// - Field sources, first found wins: `assistant` ← assistant, route, the
///   option; `timestamp` ← timestamp, created_at (RFC 3339 text, or Unix
///   seconds/milliseconds as a number); `confidence` ← confidence, the option;
///   `context.userId` ← userId, user_id, the option; `context.sessionId` ←
///   sessionId, session_id, the option; `location`, `reason`, `correction` are
///   kept when present. A required field without a source skips the line.
/// - `id` is the UUID version 5 of the line's bytes in the namespace
///   `UUIDv5.feedbackNamespace` (6f1c9a52-3e0b-5d47-9c1e-2b8a4d7f0e13), so a
///   rerun gives the same ids.
/// - Every record is validated against the FeedbackData schema; a record that
///   does not validate is skipped with the schema's message.
/// - A line already in FeedbackData shape is kept as is when it validates.
public struct LegacyConverter: Sendable {
    public let options: LegacyConversionOptions
    public let schema: CompiledSchema

    public init(options: LegacyConversionOptions = .init(), schema: CompiledSchema = FeedbackSchema.builtin) {
        self.options = options
        self.schema = schema
    }

    /// Fields the converter reads; anything else is reported as dropped.
    public static let knownFields: Set<String> = [
        "query", "response", "rating", "assistant", "route", "timestamp", "created_at", "confidence",
        "userId", "user_id", "sessionId", "session_id", "location", "reason", "correction",
    ]

    public enum Rating: String, Sendable { case helpful, unhelpful }

    /// The rating a legacy `rating` value means, or nil.
    public static func rating(_ node: Node) -> Rating? {
        guard let s = node.scalar else { return nil }
        switch s.kind {
        case .bool: return s.text == "true" ? .helpful : .unhelpful
        case .number:
            guard let v = Double(s.text) else { return nil }
            if v == 1 { return .helpful }
            if v == 0 || v == -1 { return .unhelpful }
            return nil
        case .string:
            // Trim, lowercase, drop emoji variation selectors and skin tones.
            let kept = s.text.unicodeScalars.filter { !$0.properties.isWhitespace && $0.value != 0xFE0F && !(0x1F3FB...0x1F3FF).contains($0.value) }
            switch String(String.UnicodeScalarView(kept)).lowercased() {
            case "up", "helpful", "👍": return .helpful
            case "down", "unhelpful", "👎": return .unhelpful
            default: return nil
            }
        case .null, .dynamic: return nil
        }
    }

    /// Converts one line (without its terminator).
    public func convert(line bytes: [UInt8]) -> LineConversion {
        convert(line: bytes).0
    }

    /// The conversion and the legacy fields that were dropped.
    func convert(line bytes: [UInt8]) -> (LineConversion, [String]) {
        let parsed = bytes.withUnsafeBufferPointer { JSONParser.parse(bytes: $0, path: "<line>", line: 1, offset: 0) }
        guard let node = parsed.node, parsed.diagnostics.allSatisfy({ $0.severity != .error }) else {
            let why = parsed.diagnostics.first.map { "\($0.message) at column \($0.range.start.column)" } ?? "unreadable"
            return (.skipped(reason: "not valid JSON: \(why)"), [])
        }
        guard let entries = node.entries else { return (.skipped(reason: "not a JSON object (found \(node.jsonTypeName))"), []) }

        if node["id"] != nil, node["feedback"] != nil {
            if let problem = firstError(node) { return (.skipped(reason: "already a FeedbackData record, but invalid: \(problem)"), []) }
            return (.converted(id: node["id"]?.stringValue ?? "", json: node.description), [])
        }

        func string(_ names: [String]) -> String? {
            for n in names {
                guard let v = node[n]?.scalar else { continue }
                if v.kind == .string { return v.text }
                if v.kind == .number { return v.text }
            }
            return nil
        }
        guard let ratingNode = node["rating"] else { return (.skipped(reason: "no rating field"), []) }
        guard let rating = Self.rating(ratingNode) else {
            return (.skipped(reason: "rating \(RecordCheck.clip(ratingNode.description)) is not a known rating (helpful: 1, true, \"up\", \"helpful\", 👍; unhelpful: 0, -1, false, \"down\", \"unhelpful\", 👎)"), [])
        }
        guard let query = node["query"]?.stringValue else { return (.skipped(reason: node["query"] == nil ? "no query field" : "query is not a string"), []) }
        guard let response = node["response"]?.stringValue else { return (.skipped(reason: node["response"] == nil ? "no response field" : "response is not a string"), []) }
        guard let assistant = node["assistant"]?.stringValue ?? node["route"]?.stringValue ?? options.assistant else {
            return (.skipped(reason: "no assistant (no assistant or route field); pass --assistant"), [])
        }
        let timestamp: String
        if let t = node["timestamp"] ?? node["created_at"] {
            if let s = t.stringValue {
                timestamp = s
            } else if let v = t.doubleValue, v.isFinite, abs(v) < 1e15 {
                // Unix seconds, or milliseconds when it is too large for seconds.
                let seconds = abs(v) >= 1e11 ? v / 1000 : v
                timestamp = RFC3339.format(epochSeconds: Int(seconds.rounded(.down)))
            } else {
                return (.skipped(reason: "timestamp \(RecordCheck.clip(t.description)) is neither an RFC 3339 date-time nor Unix seconds"), [])
            }
        } else {
            return (.skipped(reason: "no timestamp (no timestamp or created_at field)"), [])
        }
        let confidence: String
        if let c = node["confidence"] {
            guard c.scalar?.kind == .number, let text = c.scalarText else { return (.skipped(reason: "confidence \(RecordCheck.clip(c.description)) is not a number"), []) }
            confidence = text
        } else if let c = options.confidence {
            confidence = c
        } else {
            return (.skipped(reason: "no confidence field; pass --confidence"), [])
        }
        guard let userId = string(["userId", "user_id"]) ?? options.userId else {
            return (.skipped(reason: "no user id (no userId or user_id field); pass --user-id"), [])
        }
        guard let sessionId = string(["sessionId", "session_id"]) ?? options.sessionId else {
            return (.skipped(reason: "no session id (no sessionId or session_id field); pass --session-id"), [])
        }
        let id = UUIDv5.make(namespace: UUIDv5.feedbackNamespace, name: bytes)
        let q = Node.jsonEscape
        var fb = "{\"rating\":\"\(rating.rawValue)\""
        for k in ["reason", "correction"] {
            guard let v = node[k] else { continue }
            guard let s = v.stringValue else { return (.skipped(reason: "\(k) is not a string"), []) }
            fb += ",\(q(k)):\(q(s))"
        }
        fb += "}"
        var ctx = "{\"userId\":\(q(userId))"
        if let loc = node["location"] {
            guard let s = loc.stringValue else { return (.skipped(reason: "location is not a string"), []) }
            ctx += ",\"location\":\(q(s))"
        }
        ctx += ",\"sessionId\":\(q(sessionId))}"
        let json = "{\"id\":\(q(id)),\"timestamp\":\(q(timestamp)),\"query\":\(q(query)),\"response\":\(q(response)),"
            + "\"assistant\":\(q(assistant)),\"confidence\":\(confidence),\"feedback\":\(fb),\"context\":\(ctx)}"
        // Validate exactly the text that will be written.
        let check = JSONParser.parse(SourceFile(path: "<converted>", text: json))
        guard let record = check.node, check.diagnostics.isEmpty else {
            return (.skipped(reason: "the converted record is not valid JSON (confidence \(RecordCheck.clip(confidence)) is not a JSON number?)"), [])
        }
        if let problem = firstError(record) { return (.skipped(reason: "the converted record is invalid: \(problem)"), []) }
        let dropped = entries.map(\.keyText).filter { !Self.knownFields.contains($0) }
        return (.converted(id: id, json: json), dropped)
    }

    func firstError(_ record: Node) -> String? {
        if schema.isValid(record) { return nil }
        guard let e = schema.validate(record).first else { return nil }
        return "\(e.instancePath.isEmpty ? "record" : e.instancePath): \(e.message)"
    }

    /// Converts JSONL files (`path` read, `shown` in reasons). Blank lines are
    /// ignored; a line identical to an earlier one is skipped (it would get the same id).
    public func convert(files: [(path: String, shown: String)]) throws -> ConversionResult {
        var result = ConversionResult()
        var seen: [String: (String, Int)] = [:]
        for (path, shown) in files {
            try JSONLReader.forEachLine(path: path) { line, _, buffer in
                let bytes = Array(buffer)
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return true }
                let (outcome, dropped) = convert(line: bytes)
                switch outcome {
                case .skipped(let reason):
                    result.skipped.append(SkippedLine(file: shown, line: line, reason: reason, raw: bytes))
                case .converted(let id, let json):
                    if let (f, l) = seen[id] {
                        result.skipped.append(SkippedLine(file: shown, line: line, reason: "same record as \(f):\(l) (id \(id)); duplicate dropped", raw: bytes))
                    } else {
                        seen[id] = (shown, line)
                        result.records.append(json)
                        for d in dropped { result.droppedFields[d, default: 0] += 1 }
                    }
                }
                return true
            }
        }
        return result
    }
}

/// What `feedback convert` does with files: convert, then write the output
/// (and the rejects) atomically, never over an input and never over an
/// existing file unless `force`.
public enum FeedbackConversion {
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case usage(String)
        case io(String)
        public var description: String {
            switch self {
            case .usage(let m), .io(let m): return m
            }
        }
    }

    /// Converts `inputs` (absolute path, shown path) and writes `output`
    /// (and `rejects` when given). Nothing is written when a check fails.
    public static func run(inputs: [(path: String, shown: String)], output: String, rejects: String?, force: Bool,
                           converter: LegacyConverter) throws(Failure) -> ConversionResult {
        guard let format = ConvertedFormat(outputPath: output) else {
            throw .usage("--out \(output): use a .json (array) or .jsonl (one record per line) file name")
        }
        let inputPaths = inputs.map(\.path)
        var targets = [output]
        if let rejects { targets.append(rejects) }
        if let rejects, canonical(rejects) == canonical(output) { throw .usage("--rejects and --out name the same file") }
        for t in targets {
            let target = canonical(t)
            for i in inputPaths where canonical(i) == target { throw .usage("refusing to write \(t): it is one of the inputs") }
            if !force, FileIO.exists(t) { throw .usage("\(t) already exists; pass --force to replace it") }
        }
        for i in inputPaths where !FileIO.exists(i) { throw .io("cannot read \(i): no such file") }
        let result: ConversionResult
        do { result = try converter.convert(files: inputs) } catch { throw .io(String(describing: error)) }
        do {
            try FileIO.writeAtomically(result.output(format), to: output, overwrite: force, inputs: inputPaths)
            if let rejects { try FileIO.writeAtomically(result.rejects, to: rejects, overwrite: force, inputs: inputPaths) }
        } catch let e as FileError {
            switch e {
            case .refusedInput, .refusedOverwrite: throw .usage(e.description)
            default: throw .io(e.description)
            }
        } catch {
            throw .io(String(describing: error))
        }
        return result
    }

    /// The canonical path of a file, or of its directory plus its name when it
    /// does not exist yet (so `a/../out.jsonl` and a symlinked directory match).
    static func canonical(_ path: String) -> String {
        if let r = FileIO.realPath(path) { return r }
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard let d = FileIO.realPath(dir) else { return path }
        return d == "/" ? "/" + name : d + "/" + name
    }

    /// The summary for stderr: counts, then each skipped line with its reason.
    public static func summary(_ r: ConversionResult, output: String) -> String {
        var s = "converted \(r.records.count) record\(r.records.count == 1 ? "" : "s") to \(output); skipped \(r.skipped.count) line\(r.skipped.count == 1 ? "" : "s")\n"
        for k in r.skipped { s += "  \(k.file):\(k.line): \(k.reason)\n" }
        for (field, count) in r.droppedFields.sorted(by: { $0.key < $1.key }) {
            s += "  note: field \"\(field)\" has no place in FeedbackData and was dropped from \(count) record\(count == 1 ? "" : "s")\n"
        }
        return s
    }
}
