import ArgumentParser
import FeedbackLint
import JSONSchema
import LintCore
import LintDriver

/// `clubos-lint schema …`: JSON Schema tools.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "JSON Schema tools.",
        subcommands: [SchemaValidateCommand.self])
}

enum SchemaValidateFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

/// `schema validate`: validates instance files against one schema.
struct SchemaValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate JSON, JSONL and YAML instances against a JSON Schema (draft-04 to 2020-12).",
        discussion: """
        A .json file is one instance, a .jsonl file one instance per non-blank line, a .yaml/.yml file one \
        instance per document. JSONL files are streamed and validated on all cores; results keep input order. \
        References are resolved offline only: schemas under --schema-dir (default schemas/ when it exists) and \
        --map-url prefixes. Exit status: 0 all valid, 1 any invalid, 2 when the schema is invalid or unreadable \
        or an instance file cannot be read or parsed.
        """)

    @Option(name: .long, help: "The schema file (JSON).")
    var schema: String

    @Option(name: .long, help: "Force the dialect: draft-04, draft-06, draft-07, 2019-09 or 2020-12 (default: the schema's $schema, else 2020-12).")
    var draft: String?

    @Option(name: .customLong("map-url"), help: "Resolve URIs starting with PREFIX from files under DIR (PREFIX=DIR, repeatable).")
    var mapURL: [String] = []

    @Option(name: .long, help: "Preload every *.json schema under DIR (default: schemas/ when it exists).")
    var schemaDir: String?

    @Option(name: .long, help: "Output: text or json.")
    var format: SchemaValidateFormat = .text

    @Flag(name: .long, help: "Treat `format` (date-time, email, uuid…) as an assertion.")
    var formatAssertion = false

    @Option(name: .long, help: "Worker threads for JSONL files (default: all cores).")
    var jobs: Int?

    @Argument(help: "Instance files (.json, .jsonl, .yaml, .yml).")
    var instances: [String]

    static func parseDraft(_ text: String) -> Draft? {
        if let d = Draft(rawValue: text) { return d }
        var t = text.lowercased()
        if t.hasPrefix("draft") { t.removeFirst(5) }
        while t.hasPrefix("-") || t.hasPrefix("0") { t.removeFirst() }
        switch t {
        case "4": return .draft4
        case "6": return .draft6
        case "7": return .draft7
        case "2019-09", "201909", "2019": return .draft2019_09
        case "2020-12", "202012", "2020": return .draft2020_12
        default: return nil
        }
    }

    func validate() throws {
        if instances.isEmpty { throw ValidationError("give at least one instance file") }
        if let draft, Self.parseDraft(draft) == nil { throw ValidationError("--draft \(draft): use draft-04, draft-06, draft-07, 2019-09 or 2020-12") }
        for m in mapURL where !m.contains("=") { throw ValidationError("--map-url \(m): use PREFIX=DIR") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let cwd = Paths.currentDirectory()
        let registry = SchemaRegistry()
        let schemaAbs = Paths.absolute(schema, cwd: cwd)
        let dir = schemaDir ?? (Paths.isDirectory(Paths.absolute("schemas", cwd: cwd)) ? "schemas" : nil)
        if let dir {
            let abs = Paths.absolute(dir, cwd: cwd)
            guard Paths.isDirectory(abs) else { throw CLIError("--schema-dir \(dir): no such directory") }
            for e in registry.loadDirectory(abs) where Paths.absolute(e.file, cwd: cwd) != schemaAbs {
                Console.error("\(Paths.relative(e.file, to: cwd)):\(e.range.start): warning: \(e.message); this schema was not loaded")
            }
        }
        for m in mapURL {
            guard let eq = m.firstIndex(of: "=") else { continue }
            registry.mapPrefix(String(m[..<eq]), toDirectory: Paths.absolute(String(m[m.index(after: eq)...]), cwd: cwd))
        }
        guard FileIO.exists(schemaAbs) else { throw CLIError("cannot read schema \(schema): no such file") }
        let options = SchemaOptions(draftOverride: draft.flatMap(Self.parseDraft), formatAssertion: formatAssertion)
        let compiled = registry.compile(file: schemaAbs, options: options)
        guard let compiledSchema = compiled.schema, compiled.errors.isEmpty else {
            for e in compiled.errors {
                let shown = e.file == schemaAbs ? schema : (e.file.hasPrefix("/") ? Paths.relative(e.file, to: cwd) : e.file)
                Console.error("\(shown):\(e.range.start.line):\(e.range.start.column): error: \(e.message) [\(e.keywordLocation.isEmpty ? "#" : e.keywordLocation)]")
            }
            throw CLIError("invalid schema \(schema); fix the errors above")
        }
        let validator = InstanceValidator(schema: compiledSchema, workers: jobs)
        let out = OutputBuffer()
        var total = 0, invalid = 0, unparseable = 0, unreadable = 0
        if format == .json { out.write("{\"instances\":[") }
        var firstEntry = true
        let progress = Progress(enabled: Console.isTTY(2), started: Clock.now())
        for instance in instances {
            let abs = Paths.absolute(instance, cwd: cwd)
            do {
                try validator.validate(path: abs, shown: instance) { r in
                    total += 1
                    if total % 4096 == 0 { progress.update("validated \(total) records") }
                    if !r.valid { invalid += 1 }
                    if !r.syntaxErrors.isEmpty { unparseable += 1 }
                    switch format {
                    case .json:
                        out.write(firstEntry ? "\n" : ",\n")
                        firstEntry = false
                        out.write(Self.json(r))
                    case .text:
                        for d in r.syntaxErrors {
                            out.write("\(r.file):\(d.range.start.line):\(d.range.start.column): error: \(d.message) [\(d.rule)]\n")
                        }
                        for e in r.errors {
                            out.write("\(r.file):\(e.line):\(e.column): error: \(e.message) [\(e.keywordLocation)]\n")
                        }
                    }
                }
            } catch {
                unreadable += 1
                out.flush()
                Console.error("clubos-lint: \(error.description)")
            }
        }
        progress.finish()
        switch format {
        case .json:
            out.write(firstEntry ? "]}\n" : "\n]}\n")
        case .text:
            let files = instances.count - unreadable
            var s = "\(total) instance\(total == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s"): \(total - invalid) valid, \(invalid) invalid"
            if unparseable > 0 { s += " (\(unparseable) could not be parsed)" }
            if unreadable > 0 { s += "; \(unreadable) file\(unreadable == 1 ? "" : "s") could not be read" }
            out.write(s + "\n")
        }
        out.flush()
        if unreadable > 0 || unparseable > 0 { throw ExitCode(2) }
        if invalid > 0 { throw ExitCode(1) }
    }

    /// One entry of the JSON output.
    static func json(_ r: InstanceResult) -> String {
        let q = Node.jsonEscape
        var errs: [String] = r.syntaxErrors.map {
            "{\"instancePath\":\"\",\"keywordLocation\":\"\",\"line\":\($0.range.start.line),\"column\":\($0.range.start.column),\"message\":\(q($0.message))}"
        }
        errs += r.errors.map {
            "{\"instancePath\":\(q($0.instancePath)),\"keywordLocation\":\(q($0.keywordLocation)),\"line\":\($0.line),\"column\":\($0.column),\"message\":\(q($0.message))}"
        }
        return "{\"file\":\(q(r.file)),\"line\":\(r.line),\"valid\":\(r.valid),\"errors\":[\(errs.joined(separator: ","))]}"
    }
}

/// Buffered stdout: large outputs (one entry per JSONL line) are written in 64 KiB chunks.
final class OutputBuffer {
    private var buffer = ""
    init() { buffer.reserveCapacity(1 << 16) }
    func write(_ s: String) {
        buffer += s
        if buffer.utf8.count >= 1 << 16 { flush() }
    }
    func flush() {
        if buffer.isEmpty { return }
        Console.out(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
