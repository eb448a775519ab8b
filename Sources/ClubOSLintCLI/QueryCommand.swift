import ArgumentParser
import JSONPath
import LintCore
import LintDriver
import LintParsers
import Reporters

enum QueryFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

/// `clubos-lint query`: shows what a JSONPath selects, for rule authors.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Print the nodes an RFC 9535 JSONPath selects in JSON, JSONL or YAML files.",
        discussion: "Use --selector-file to read a selector verbatim as UTF-8 when it holds characters a shell argument cannot.")

    @Option(name: .long, help: "Output: text or json.") var format: QueryFormat = .text
    @Option(name: .long, help: "Read the selector from FILE instead of the first argument.") var selectorFile: String?
    @Argument(help: "SELECTOR FILE... (or FILE... with --selector-file).") var arguments: [String] = []

    func run() throws {
        let cwd = Paths.currentDirectory()
        var args = arguments
        let selector: String
        if let selectorFile {
            do {
                let bytes = try FileIO.readBytes(Paths.absolute(selectorFile, cwd: cwd))
                guard let s = String(validating: bytes, as: UTF8.self) else { throw CLIError("\(selectorFile) is not valid UTF-8") }
                selector = s
            } catch let e as FileError { throw CLIError(e.description) }
        } else {
            guard !args.isEmpty else { throw CLIError("missing SELECTOR; usage: clubos-lint query SELECTOR FILE...") }
            selector = args.removeFirst()
        }
        guard !args.isEmpty else { throw CLIError("missing FILE; usage: clubos-lint query SELECTOR FILE...") }
        let query: JSONPathQuery
        do { query = try JSONPathQuery.parse(selector) } catch {
            throw CLIError("invalid selector at character \(error.position): \(error.message)")
        }
        var rows: [JSONValue] = []
        var text = ""
        for arg in args {
            let abs = Paths.absolute(arg, cwd: cwd)
            let bytes: [UInt8]
            do { bytes = try FileIO.readBytes(abs) } catch { throw CLIError("\(error)") }
            let file = SourceFile(path: arg, bytes: bytes)
            let (docs, diags) = Self.parse(file)
            if let err = diags.first(where: { $0.severity == .error }) {
                throw CLIError("\(err.file):\(err.range.start.line):\(err.range.start.column): \(err.message)")
            }
            for doc in docs {
                for m in query.evaluate(doc) {
                    let p = m.node.range.start
                    rows.append(.object([
                        JSONMember("file", .string(arg)), JSONMember("path", .string(m.path)),
                        JSONMember("line", .int(p.line)), JSONMember("column", .int(p.column)),
                        JSONMember("value", Self.json(m.node)),
                    ]))
                    text += "\(arg):\(p.line):\(p.column): \(m.path) = \(m.node.description)\n"
                }
            }
        }
        Console.out(format == .json ? JSONWriter.serialize(.array(rows)) + "\n" : text)
    }

    static func parse(_ file: SourceFile) -> ([Node], [Diagnostic]) {
        let lower = file.path.lowercased()
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
            let set = YAMLLoader.load(file)
            return (set.documents, set.diagnostics)
        }
        let r = JSONSyntaxChecker.parse(file)
        return (r.documents, r.diagnostics)
    }

    static func json(_ node: Node) -> JSONValue {
        switch node.value {
        case .scalar(let s):
            switch s.kind {
            case .string, .dynamic: return .string(s.text)
            case .number: return .number(s.text)
            case .bool: return .bool(s.text == "true")
            case .null: return .null
            }
        case .sequence(let items): return .array(items.map(json))
        case .mapping(let entries): return .object(entries.map { JSONMember($0.keyText, json($0.value)) })
        }
    }
}
