import ArgumentParser
import FeedbackLint
import LintCore
import LintDriver
import LintParsers

/// `clubos-lint feedback …`: feedback record tools.
struct FeedbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback", abstract: "Feedback record tools.",
        subcommands: [FeedbackConvertCommand.self])
}

/// `feedback convert`: legacy JSONL → FeedbackData.
struct FeedbackConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert legacy feedback JSONL ({query, response, rating}) into FeedbackData records.",
        discussion: """
        Ratings 1, true, "up", "helpful", 👍 become helpful; 0, -1, false, "down", "unhelpful", 👎 become \
        unhelpful; any other rating skips the line. Fields come from the line (assistant or route, timestamp or \
        created_at, confidence, userId or user_id, sessionId or session_id, location, reason, correction), \
        else from the flags; a line still missing a required field is skipped. Ids are UUIDv5 of the line's \
        bytes (namespace 6f1c9a52-3e0b-5d47-9c1e-2b8a4d7f0e13), so reruns give the same output. Every record \
        is validated against schemas/feedback.schema.json (the built-in copy when the file is missing) before \
        it is written. --out FILE.json writes a JSON array, FILE.jsonl one record per line; the file is written \
        atomically, never over an input, and never over an existing file without --force. A summary on stderr \
        lists every skipped line. Exit status: 0 all converted, 1 some lines skipped, 2 usage or I/O error.
        """)

    @Argument(help: "Legacy JSONL files.")
    var inputs: [String]

    @Option(name: .long, help: "Output file: .json (array) or .jsonl (one record per line).")
    var out: String

    @Option(name: .long, help: "Also write the skipped lines, verbatim, to FILE.")
    var rejects: String?

    @Flag(name: .long, help: "Replace an existing output (or rejects) file.")
    var force = false

    @Option(name: .long, help: "Assistant for lines without assistant/route (Booking, Emergency, TechSupport, BrandTone).")
    var assistant: String?

    @Option(name: .long, help: "Confidence (0 to 1) for lines without one.")
    var confidence: String?

    @Option(name: .customLong("user-id"), help: "context.userId for lines without userId/user_id.")
    var userId: String?

    @Option(name: .customLong("session-id"), help: "context.sessionId for lines without sessionId/session_id.")
    var sessionId: String?

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one input file") }
        if ConvertedFormat(outputPath: out) == nil { throw ValidationError("--out \(out): use a .json (array) or .jsonl (one record per line) file name") }
        if let confidence {
            let parsed = JSONParser.parse(SourceFile(path: "--confidence", text: confidence))
            guard let n = parsed.node, parsed.diagnostics.isEmpty, n.scalar?.kind == .number, let v = n.doubleValue, v >= 0, v <= 1 else {
                throw ValidationError("--confidence \(confidence): use a number from 0 to 1 (e.g. 0.5)")
            }
        }
    }

    func run() throws {
        let cwd = Paths.currentDirectory()
        let schema = FeedbackSchema.load(root: cwd)
        if !schema.problems.isEmpty {
            for p in schema.problems { Console.error(p) }
            throw CLIError("\(FeedbackSchema.relativePath) does not compile; fix it before converting")
        }
        let converter = LegacyConverter(
            options: LegacyConversionOptions(assistant: assistant, confidence: confidence, userId: userId, sessionId: sessionId),
            schema: schema.schema)
        let files = inputs.map { (path: Paths.absolute($0, cwd: cwd), shown: $0) }
        let outAbs = Paths.absolute(out, cwd: cwd)
        let rejectsAbs = rejects.map { Paths.absolute($0, cwd: cwd) }
        let result: ConversionResult
        do {
            result = try FeedbackConversion.run(inputs: files, output: outAbs, rejects: rejectsAbs, force: force, converter: converter)
        } catch {
            // Show paths as the user wrote them.
            var message = error.description.replacingAll(outAbs, with: out)
            if let rejects, let rejectsAbs { message = message.replacingAll(rejectsAbs, with: rejects) }
            throw CLIError(message)
        }
        Console.error(FeedbackConversion.summary(result, output: out))
        if !result.skipped.isEmpty { throw ExitCode(1) }
    }
}

extension String {
    /// Every occurrence of `target` replaced (Foundation-free).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
