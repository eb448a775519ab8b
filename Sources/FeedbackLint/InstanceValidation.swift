import Dispatch
import JSONSchema
import LintCore
import LintParsers
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One schema violation in an instance (what `schema validate` reports).
public struct InstanceError: Sendable, Hashable {
    public var instancePath: String
    public var keywordLocation: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(instancePath: String, keywordLocation: String, line: Int, column: Int, message: String) {
        self.instancePath = instancePath
        self.keywordLocation = keywordLocation
        self.line = line
        self.column = column
        self.message = message
    }

    public init(_ e: ValidationError) {
        self.init(instancePath: e.instancePath, keywordLocation: e.keywordLocation, line: e.range.start.line, column: e.range.start.column, message: e.message)
    }
}

/// The validation result of one instance: a whole `.json` file, one `.jsonl`
/// line or one YAML document.
public struct InstanceResult: Sendable, Hashable {
    /// The file as shown to the user.
    public var file: String
    /// The instance's first line (1 for a whole file).
    public var line: Int
    public var errors: [InstanceError]
    /// Syntax errors: the instance could not be parsed (no schema errors then).
    public var syntaxErrors: [Diagnostic]

    public init(file: String, line: Int, errors: [InstanceError] = [], syntaxErrors: [Diagnostic] = []) {
        self.file = file
        self.line = line
        self.errors = errors
        self.syntaxErrors = syntaxErrors
    }

    public var valid: Bool { errors.isEmpty && syntaxErrors.isEmpty }
}

public enum InstanceFileError: Error, Sendable, CustomStringConvertible {
    case cannotRead(String, String)
    public var description: String {
        switch self {
        case .cannotRead(let p, let why): return "cannot read \(p): \(why)"
        }
    }
}

/// Validates instance files against one compiled schema. `.jsonl` files are
/// streamed: lines are cut into batches that are parsed and validated on all
/// cores, with a bounded number of batches in flight, and results are handed
/// to `emit` in input order on the calling thread. Memory stays bounded by the
/// batch size times the number of batches in flight, not by the file.
public struct InstanceValidator: Sendable {
    public let schema: CompiledSchema
    /// Worker threads for JSONL (default: the online processors).
    public var workers: Int
    /// Target bytes per batch.
    public var batchBytes: Int
    /// Batches queued or running at once.
    public var maxInFlight: Int

    public init(schema: CompiledSchema, workers: Int? = nil, batchBytes: Int = 1 << 20) {
        self.schema = schema
        let cores = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        self.workers = max(1, workers ?? (cores > 0 ? cores : 1))
        self.batchBytes = max(1, batchBytes)
        self.maxInFlight = self.workers * 2 + 1
    }

    /// The kinds of instance files.
    public enum FileKind: Sendable { case json, jsonLines, yaml }

    public static func kind(of path: String) -> FileKind {
        if path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") { return .jsonLines }
        if path.hasSuffix(".yaml") || path.hasSuffix(".yml") { return .yaml }
        return .json
    }

    /// Validates one parsed instance.
    public func validate(_ node: Node, file: String, line: Int) -> InstanceResult {
        if schema.isValid(node) { return InstanceResult(file: file, line: line) }
        return InstanceResult(file: file, line: line, errors: schema.validate(node).map(InstanceError.init))
    }

    /// Validates every instance of the file at `path` (shown as `shown`), in order.
    public func validate(path: String, shown: String, emit: (InstanceResult) -> Void) throws(InstanceFileError) {
        switch Self.kind(of: path) {
        case .jsonLines:
            try validateLines(path: path, shown: shown, emit: emit)
        case .json, .yaml:
            let bytes: [UInt8]
            do { bytes = try FileIO.readBytes(path) } catch { throw .cannotRead(shown, Self.reason(error)) }
            for r in validateDocuments(SourceFile(path: shown, bytes: bytes)) { emit(r) }
        }
    }

    /// A whole `.json` file (one instance) or a YAML file (one per document).
    public func validateDocuments(_ file: SourceFile) -> [InstanceResult] {
        if Self.kind(of: file.path) == .yaml {
            let set = YAMLLoader.load(file)
            let errors = set.diagnostics.filter { $0.severity == .error }
            if !errors.isEmpty { return [InstanceResult(file: file.path, line: 1, syntaxErrors: errors)] }
            if set.documents.count == 1, let doc = set.document { return [validate(doc, file: file.path, line: 1)] }
            return set.documents.map { validate($0, file: file.path, line: $0.range.start.line) }
        }
        let parsed = JSONParser.parse(file)
        let errors = parsed.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty, let node = parsed.node else { return [InstanceResult(file: file.path, line: 1, syntaxErrors: errors)] }
        return [validate(node, file: file.path, line: 1)]
    }

    /// Validates the lines of an in-memory JSONL file (sequentially).
    public func validateLines(_ file: SourceFile) -> [InstanceResult] {
        JSONLReader.records(file).map { r in
            let errors = r.result.diagnostics.filter { $0.severity == .error }
            guard errors.isEmpty, let node = r.result.node else { return InstanceResult(file: file.path, line: r.line, syntaxErrors: errors) }
            return validate(node, file: file.path, line: r.line)
        }
    }

    /// Why a file could not be read, without repeating its path.
    static func reason(_ error: any Error) -> String {
        switch error {
        case FileError.cannotRead(_, let why): return why
        case JSONLReader.ReadError.cannotOpen(_, let why), JSONLReader.ReadError.readFailed(_, let why): return why
        default: return String(describing: error)
        }
    }

    final class Batch: @unchecked Sendable {
        var bytes: [UInt8] = []
        /// (line, file offset, start, end in `bytes`).
        var lines: [(Int, Int, Int, Int)] = []
        var results: [InstanceResult] = []
        let done = DispatchSemaphore(value: 0)
    }

    /// Streams a JSONL file through the worker pool.
    func validateLines(path: String, shown: String, emit: (InstanceResult) -> Void) throws(InstanceFileError) {
        let queue = DispatchQueue(label: "clubos-lint.schema-validate", attributes: .concurrent)
        var inFlight: [Batch] = []
        var head = 0
        // Emitted batches' buffers are reused, so steady state allocates no new batch memory.
        var pool: [[UInt8]] = []
        func newBatch() -> Batch {
            let b = Batch()
            if var reused = pool.popLast() {
                reused.removeAll(keepingCapacity: true)
                b.bytes = reused
            } else {
                b.bytes.reserveCapacity(batchBytes + 4096)
            }
            return b
        }
        let schema = self.schema
        func drain(blocking: Bool) {
            while head < inFlight.count {
                let b = inFlight[head]
                if blocking && inFlight.count - head >= maxInFlight {
                    b.done.wait()
                } else if b.done.wait(timeout: .now()) != .success {
                    return
                }
                for r in b.results { emit(r) }
                if pool.count < maxInFlight { pool.append(b.bytes) }
                inFlight[head] = Batch() // release the results
                head += 1
            }
            if head > 64 { inFlight.removeFirst(head); head = 0 }
        }
        func submit(_ b: Batch) {
            inFlight.append(b)
            queue.async {
                b.results.reserveCapacity(b.lines.count)
                let scratch = JSONParseScratch()
                b.bytes.withUnsafeBufferPointer { buf in
                    for (line, offset, start, end) in b.lines {
                        let r = JSONParser.parse(bytes: UnsafeBufferPointer(rebasing: buf[start..<end]), path: shown, line: line, offset: offset, scratch: scratch)
                        let errors = r.diagnostics.filter { $0.severity == .error }
                        if errors.isEmpty, let node = r.node {
                            if schema.isValid(node) {
                                b.results.append(InstanceResult(file: shown, line: line))
                            } else {
                                b.results.append(InstanceResult(file: shown, line: line, errors: schema.validate(node).map(InstanceError.init)))
                            }
                        } else {
                            b.results.append(InstanceResult(file: shown, line: line, syntaxErrors: errors))
                        }
                    }
                }
                b.done.signal()
            }
            drain(blocking: true)
        }
        var current = newBatch()
        let limit = batchBytes
        do {
            try JSONLReader.forEachLine(path: path) { line, offset, buffer in
                var blank = true
                for c in buffer where c != 0x20 && c != 0x09 { blank = false; break }
                if blank { return true }
                let start = current.bytes.count
                current.bytes.append(contentsOf: buffer)
                current.lines.append((line, offset, start, current.bytes.count))
                if current.bytes.count >= limit {
                    submit(current)
                    current = newBatch()
                }
                return true
            }
        } catch {
            // Finish what was submitted so no work outlives the call, then report.
            while head < inFlight.count { inFlight[head].done.wait(); head += 1 }
            throw .cannotRead(shown, Self.reason(error))
        }
        if !current.lines.isEmpty { submit(current) }
        while head < inFlight.count {
            inFlight[head].done.wait()
            for r in inFlight[head].results { emit(r) }
            head += 1
        }
    }
}
