import Foundation
import Testing
import LintCore
import LintParsers
import Migrations
import EnvironmentLint
import PromptLint
import WorkflowLint
import Reporters

/// Every position a parser reports must lie in the file: 1-based line and
/// column, the line within the line table, the column at most one past the
/// line's last scalar.
func expectValidPositions(_ diagnostics: [Diagnostic], in file: SourceFile, sourceLocation: SourceLocation = #_sourceLocation) {
    for d in diagnostics {
        for p in [d.range.start, d.range.end] {
            #expect(p.line >= 1 && p.line <= file.lineCount, "line \(p.line) outside 1...\(file.lineCount): \(d.message)", sourceLocation: sourceLocation)
            #expect(p.column >= 1, "column \(p.column): \(d.message)", sourceLocation: sourceLocation)
        }
        #expect(d.range.start <= d.range.end, "reversed range \(d.range): \(d.message)", sourceLocation: sourceLocation)
        #expect(!d.message.isEmpty, sourceLocation: sourceLocation)
    }
}

/// One parser under test: parse a file, return its diagnostics.
struct ParserCase: CustomTestStringConvertible, Sendable {
    let name: String
    let path: String
    let parse: @Sendable (SourceFile) -> [Diagnostic]
    var testDescription: String { name }

    static let workflowChecker = WorkflowChecker()

    static let all: [ParserCase] = [
        ParserCase(name: "json", path: "data.json") { JSONParser.parse($0).diagnostics },
        ParserCase(name: "jsonl", path: "data.jsonl") { JSONLReader.records($0).flatMap(\.result.diagnostics) },
        ParserCase(name: "yaml", path: "data.yaml") { YAMLLoader.load($0).diagnostics },
        ParserCase(name: "sql", path: "migrations/001_x.sql") { SQLSplitter.split($0).diagnostics },
        ParserCase(name: "tsconfig", path: "config/environments.ts") { TSConfigParser.parse($0).diagnostics },
        ParserCase(name: "dotenv", path: ".env.example") { DotenvParser.parse($0).diagnostics },
        ParserCase(name: "template", path: "prompts/p.md") { f in
            let t = TemplateTokenizer.tokenize(f, range: 0..<f.bytes.count)
            let p = TemplateParser.parse(t.tokens)
            return (t.problems + p.problems).map { Diagnostic(rule: "prompt/template", severity: .error, message: $0.message, file: f.path, range: $0.range) }
        },
        ParserCase(name: "workflow", path: ".github/workflows/ci.yml") { workflowChecker.check($0, context: CheckContext(root: "/nonexistent")) },
    ]
}

@Suite struct DeepNestingTests {
    static let depth = 100_000

    @Test func jsonDeepArrayIsADiagnostic() {
        let f = SourceFile(path: "deep.json", bytes: Array(repeating: UInt8(ascii: "["), count: Self.depth) + Array(repeating: UInt8(ascii: "]"), count: Self.depth))
        let r = JSONParser.parse(f)
        #expect(r.diagnostics.contains { $0.severity == .error && $0.message.contains("deep") || $0.message.contains("nest") })
        expectValidPositions(r.diagnostics, in: f)
    }

    @Test func jsonDeepObjectIsADiagnostic() {
        let f = SourceFile(path: "deep.json", text: String(repeating: "{\"a\":", count: Self.depth) + "1" + String(repeating: "}", count: Self.depth))
        let r = JSONParser.parse(f)
        #expect(!r.diagnostics.isEmpty)
        expectValidPositions(r.diagnostics, in: f)
    }

    @Test func yamlDeepFlowIsADiagnostic() {
        let f = SourceFile(path: "deep.yaml", text: String(repeating: "[", count: Self.depth) + String(repeating: "]", count: Self.depth) + "\n")
        let r = YAMLLoader.load(f)
        #expect(!r.diagnostics.isEmpty)
        expectValidPositions(r.diagnostics, in: f)
    }

    @Test func yamlDeepBlockSequenceIsADiagnostic() {
        // `- - - - … x` on one line: each dash opens a nested block sequence.
        let f = SourceFile(path: "deep.yaml", text: String(repeating: "- ", count: Self.depth) + "x\n")
        let r = YAMLLoader.load(f)
        #expect(!r.diagnostics.isEmpty)
        expectValidPositions(r.diagnostics, in: f)
    }

    @Test func tsConfigDeepObjectIsADiagnostic() {
        let text = "export const config = " + String(repeating: "{a: ", count: Self.depth) + "1" + String(repeating: "}", count: Self.depth) + ";\n"
        let f = SourceFile(path: "config/environments.ts", text: text)
        let r = TSConfigParser.parse(f)
        #expect(!r.diagnostics.isEmpty)
        expectValidPositions(r.diagnostics, in: f)
    }

    @Test func tsConfigDeepArrayIsADiagnostic() {
        let text = "export const config = {development: " + String(repeating: "[", count: Self.depth) + String(repeating: "]", count: Self.depth) + "};\n"
        let f = SourceFile(path: "config/environments.ts", text: text)
        let r = TSConfigParser.parse(f)
        #expect(!r.diagnostics.isEmpty)
        expectValidPositions(r.diagnostics, in: f)
    }

    static func workflow(expression: String) -> SourceFile {
        SourceFile(path: ".github/workflows/ci.yml", text: """
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            timeout-minutes: 10
            steps:
              - if: ${{ \(expression) }}
                run: echo hi

        """)
    }

    @Test(arguments: [
        ("parentheses", String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)),
        ("negations", String(repeating: "!", count: depth) + "true"),
        ("calls", String(repeating: "format(", count: depth / 10) + "'x'" + String(repeating: ")", count: depth / 10)),
        ("index", "github" + String(repeating: "[0]", count: depth)),
        ("or chain", Array(repeating: "true", count: depth / 4).joined(separator: " || ")),
    ])
    func workflowDeepExpressionIsADiagnostic(_ name: String, _ expression: String) {
        let f = Self.workflow(expression: expression)
        let d = WorkflowChecker().check(f, context: CheckContext(root: "/nonexistent"))
        expectValidPositions(d, in: f)
        if name != "or chain" {
            #expect(d.contains { $0.severity == .error }, "\(name): \(d.map(\.message))")
        }
    }

    @Test func templateDeepSectionsAreReported() {
        let n = 1_000
        let text = (0..<n).map { "{{#s\($0)}}\n" }.joined() + (0..<n).reversed().map { "{{/s\($0)}}\n" }.joined()
        let f = SourceFile(path: "prompts/p.md", text: text)
        let t = TemplateTokenizer.tokenize(f, range: 0..<f.bytes.count)
        let p = TemplateParser.parse(t.tokens)
        #expect(p.problems.contains { $0.message.contains("deeper than") })
    }
}

@Suite struct AliasBombTests {
    /// The "billion laughs": 9 levels of 9 aliases each would expand to 9⁹ nodes.
    @Test func yamlBillionLaughsIsStopped() {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for i in 1...9 {
            let refs = Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ")
            text += "a\(i): &a\(i) [\(refs)]\n"
        }
        let f = SourceFile(path: "bomb.yaml", text: text)
        let r = YAMLLoader.load(f)
        #expect(r.diagnostics.contains { $0.severity == .error }, "\(r.diagnostics.map(\.message))")
        expectValidPositions(r.diagnostics, in: f)
    }

    /// Aliases of a mapping that merges itself wider at every level.
    @Test func yamlMergeKeyBombIsStopped() {
        var text = "b0: &b0 {k0: 0, k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6, k7: 7}\n"
        for i in 1...12 {
            text += "b\(i): &b\(i) [" + Array(repeating: "*b\(i - 1)", count: 8).joined(separator: ", ") + "]\n"
        }
        let f = SourceFile(path: "bomb.yaml", text: text)
        let r = YAMLLoader.load(f)
        #expect(r.diagnostics.contains { $0.severity == .error })
    }

    @Test func yamlSelfReferenceIsAnError() {
        let f = SourceFile(path: "loop.yaml", text: "a: &a [*a]\n")
        let r = YAMLLoader.load(f)
        #expect(!r.diagnostics.isEmpty)
        expectValidPositions(r.diagnostics, in: f)
    }
}

@Suite struct LargeInputTests {
    /// 20 MB on one line, through the parser alone.
    @Test func largeSingleLineJSON() {
        let count = 20 << 20
        var bytes = Array("{\"a\": \"".utf8)
        bytes.reserveCapacity(count + 64)
        bytes += repeatElement(UInt8(ascii: "x"), count: count)
        bytes += Array("\", \"b\": tru}".utf8)
        let f = SourceFile(path: "big.json", bytes: bytes)
        #expect(f.lineCount == 1)
        let r = JSONParser.parse(f)
        let error = r.diagnostics.first { $0.severity == .error }
        #expect(error != nil)
        // The position is counted on the one long line.
        #expect(error?.range.start.line == 1)
        #expect((error?.range.start.column ?? 0) > count)
    }

    /// The issue's case end to end: `clubos-lint check` on a 100 MB one-line
    /// JSON file with an error at its end. Exit 1, the exact column, and a
    /// short report (the excerpt is a window, not the line).
    @Test func hundredMegabyteSingleLineJSON() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let count = 100 << 20
        let url = dir.appendingPathComponent("big.json")
        #expect(FileManager.default.createFile(atPath: url.path, contents: Data("{\"a\": \"".utf8)))
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        let megabyte = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<(count >> 20) { try handle.write(contentsOf: megabyte) }
        try handle.write(contentsOf: Data("\", \"b\": tru}".utf8))
        try handle.close()
        let r = try runTool(["check", "big.json"], cwd: dir, timeout: 120)
        #expect(r.exitedCleanly && r.status == 1, "status \(r.status): \(r.stderr)")
        #expect(r.stdout.hasPrefix("big.json:1:\(count + 16): error: invalid literal"), "\(r.stdout.prefix(300))")
        #expect(r.stdout.utf8.count < 2_000, "a \(r.stdout.utf8.count)-byte report")
    }

    @Test func largeSingleLineJSONArray() {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        // Regression: elements were carried in the parser's frame enum and
        // copied on every append in debug builds; 100,000 took two minutes.
        let n = 200_000
        bytes.reserveCapacity(n * 2 + 2)
        for _ in 0..<n { bytes.append(UInt8(ascii: "0")); bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "0"))
        bytes.append(UInt8(ascii: "]"))
        let r = JSONParser.parse(SourceFile(path: "big.json", bytes: bytes))
        #expect(r.diagnostics.isEmpty)
        #expect(r.node?.items?.count == n + 1)
    }

    @Test func largeFlatJSONObject() {
        let n = 100_000
        var text = "{"
        for k in 0..<n { text += "\"k\(k)\": \(k)," }
        text += "\"k0\": 0}"
        let r = JSONParser.parse(SourceFile(path: "big.json", text: text))
        #expect(r.node?.entries?.count == n + 1)
        // The repeated key is reported once.
        #expect(r.diagnostics.count == 1)
    }
}

@Suite struct EncodingTests {
    /// Hostile byte sequences, each placed in a plausible spot of a small file.
    static let payloads: [(String, [UInt8])] = [
        ("invalid UTF-8", [0xFF, 0xFE, 0xC3, 0x28, 0xE2, 0x82, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80]),
        ("truncated UTF-8 at end", [0xE2, 0x82]),
        ("NUL bytes", [0x00, 0x61, 0x00]),
        ("lone surrogate escapes", Array(#"\uD800 \uDFFF \uDBFF\u0041 \ud83d"#.utf8)),
        ("control characters", [0x01, 0x1B, 0x5B, 0x33, 0x31, 0x6D, 0x7F, 0xC2, 0x85, 0x08]),
        ("bidi overrides", Array("\u{202E}abc\u{2066}".utf8)),
    ]

    static let templates: [String: (String, String)] = [
        // (before, after) the payload.
        "json": ("{\"a\": \"", "\", \"b\": [1, 2]}\n"),
        "jsonl": ("{\"a\": \"", "\"}\n{\"b\": 1}\n"),
        "yaml": ("a: \"", "\"\nb: [1, 2]\n"),
        "sql": ("CREATE TABLE t (a text DEFAULT '", "');\nSELECT 1;\n"),
        "tsconfig": ("export const config = {development: {a: '", "', b: 1}};\n"),
        "dotenv": ("A=\"", "\"\nB=2\n"),
        "template": ("Hello {{", "}} and {{#s}}x{{/s}}\n"),
        "workflow": ("on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ '", "' }}\"\n"),
    ]

    static var cases: [(ParserCase, String, [UInt8])] {
        ParserCase.all.flatMap { c in payloads.map { (c, $0.0, $0.1) } }
    }

    @Test(arguments: cases)
    func payloadInValue(_ parser: ParserCase, _ what: String, _ payload: [UInt8]) {
        let (before, after) = Self.templates[parser.name] ?? ("", "")
        let f = SourceFile(path: parser.path, bytes: Array(before.utf8) + payload + Array(after.utf8))
        expectValidPositions(parser.parse(f), in: f)
        // The payload alone, and at the very start.
        let bare = SourceFile(path: parser.path, bytes: payload)
        expectValidPositions(parser.parse(bare), in: bare)
        let lead = SourceFile(path: parser.path, bytes: payload + Array(before.utf8) + Array(after.utf8))
        expectValidPositions(parser.parse(lead), in: lead)
    }

    static let documents: [String: String] = [
        "json": "{\n\"a\": 1,\n\"b\": tru\n}\n",
        "jsonl": "{\"a\": 1}\n{\"b\": tru}\n",
        "yaml": "a: 1\nb: [1, 2\n",
        "sql": "SELECT 1;\nSELECT 'x\n",
        "tsconfig": "export const config = {\ndevelopment: {a: 1,\nb: \n",
        "dotenv": "A=1\nB=\"unterminated\n",
        "template": "Hello\n{{#s}}\nx\n",
        "workflow": "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github. }}\n",
    ]

    /// LF, CRLF and CR-only line ends and a leading BOM give the same line numbers.
    @Test(arguments: ParserCase.all)
    func lineEndsAndBOM(_ parser: ParserCase) {
        let text = Self.documents[parser.name] ?? ""
        let lf = SourceFile(path: parser.path, text: text)
        let reference = parser.parse(lf).map(\.range.start.line)
        #expect(!reference.isEmpty, "the \(parser.name) sample should have a finding")
        for (name, variant) in [("CRLF", text.replacing("\n", with: "\r\n")), ("CR", text.replacing("\n", with: "\r"))] {
            let f = SourceFile(path: parser.path, text: variant)
            let d = parser.parse(f)
            expectValidPositions(d, in: f)
            #expect(!d.isEmpty, "\(parser.name) \(name): no finding")
            if parser.name != "yaml" && parser.name != "workflow" && parser.name != "dotenv" || name == "CRLF" {
                #expect(d.map(\.range.start.line).first == reference.first, "\(parser.name) \(name): \(d.map { "\($0.range.start) \($0.message)" })")
            }
        }
        let bom = SourceFile(path: parser.path, bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let d = parser.parse(bom)
        expectValidPositions(d, in: bom)
        #expect(!d.isEmpty)
    }
}

@Suite struct LongLineTests {
    /// Columns on a long line come from checkpoints; they must equal a plain count.
    @Test(arguments: [0, 1, 511, 512, 513, 1024, 1500, 4095, 4096, 10_000, 20_000])
    func columnsOnALongLineMatchAPlainCount(_ offset: Int) {
        var bytes: [UInt8] = []
        // Mixed widths: ASCII, 2-, 3- and 4-byte scalars, and invalid bytes.
        let unit: [UInt8] = Array("aé€😀".utf8) + [0xFF, 0x80]
        while bytes.count < 12_000 { bytes += unit }
        bytes = Array("first line\n".utf8) + bytes + Array("\nlast".utf8)
        let f = SourceFile(path: "long.txt", bytes: bytes)
        let off = min(offset + 11, bytes.count)
        let p = f.position(ofByte: off)
        var column = 1
        for b in bytes[11..<max(11, off)] where b & 0xC0 != 0x80 { column += 1 }
        #expect(p.line == (off <= 10 ? 1 : 2) || off > 12_000)
        if off >= 11 && off <= 11 + 12_000 { #expect(p.column == column) }
        let end = f.position(ofByte: bytes.count)
        #expect(end.line == 3 && end.column == 5)
    }

    /// Regression: a one-line template with 20,000 tags took quadratic time
    /// because every token position scanned the line from its start.
    @Test func manyTagsOnOneLineAreLinear() {
        let n = 10_000
        let text = (0..<n).map { "{{#s\($0)}}" }.joined() + (0..<n).reversed().map { "{{/s\($0)}}" }.joined()
        let f = SourceFile(path: "prompts/p.md", text: text)
        let t = TemplateTokenizer.tokenize(f, range: 0..<f.bytes.count)
        #expect(t.tokens.count == 2 * n)
        #expect(t.tokens.last?.range.start.column == f.bytes.count - "{{/s0}}".utf8.count + 1)
        let p = TemplateParser.parse(t.tokens)
        #expect(!p.problems.isEmpty)
    }
}

/// Inputs kept under Tests/Fixtures/hardening/<target>/ (fuzz targets' names):
/// each went through its parser (and the reports) without a crash, a hang or a
/// huge report. fuzz.sh also seeds the fuzzers with them.
@Suite struct RegressionFixtureTests {
    static func files(_ target: String) -> [String] {
        let dir = repoRoot.appendingPathComponent("Tests/Fixtures/hardening/\(target)")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted().map { "\(target)/\($0)" }
    }

    static var all: [String] { ["json", "template"].flatMap(files) }

    @Test(arguments: all)
    func fixtureParsesAndReportsStayBounded(_ relative: String) throws {
        let bytes = try hardeningFixture(relative)
        let target = String(relative.prefix { $0 != "/" })
        let parser = ParserCase.all.first { $0.name == target } ?? ParserCase.all[0]
        let f = SourceFile(path: parser.path, bytes: bytes)
        let diagnostics = parser.parse(f)
        expectValidPositions(diagnostics, in: f)
        let input = ReportInput(diagnostics: diagnostics.sorted(by: Diagnostic.sortOrder), files: [f.path: f], fileCount: 1,
                                toolVersion: "t", startedAt: "2026-11-29T08:00:00Z")
        // Excerpts are bounded: at most ~1 KB of report per finding plus its message.
        let text = TextReporter.render(input)
        let budget = diagnostics.reduce(2_000) { $0 + 1_500 + $1.message.utf8.count * 2 + ($1.help?.utf8.count ?? 0) }
        #expect(text.utf8.count < budget, "\(text.utf8.count) bytes for \(diagnostics.count) findings")
        #expect(HTMLReporter.render(input).utf8.count < budget * 4)
    }
}
