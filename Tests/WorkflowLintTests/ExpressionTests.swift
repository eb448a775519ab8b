import Foundation
import LintCore
import Testing
@testable import WorkflowLint

@Suite("Expression lexer and parser")
struct ExpressionTests {
    func parse(_ s: String) -> Result<Expr, ExprError> { ExpressionParser.parse(Array(s.unicodeScalars)) }

    @Test(arguments: [
        "null", "true", "false", "1", "-1", "1.5", "1e3", "1.5E-3", "0x1F", "-0xff", "'it''s'", "github.ref",
        "github['ref']", "github.event.commits.*.message", "fromJSON('[1]')[0]", "!a && (b || c)", "a.b[c.d]['e'].*",
        "a < 1 || a <= 2 || a > 3 || a >= 4 || a == 5 || a != 6", "format('{0}', 1)", "always()", "a.null", "x.true",
    ])
    func validExpressions(_ s: String) {
        if case .failure(let e) = parse(s) { Issue.record("\(s): \(e.message) at \(e.offset)") }
    }

    @Test(arguments: [
        ("a = b", 2), ("a & b", 2), ("a | b", 2), ("\"x\"", 0), ("'open", 0), ("a.", 2), ("(a", 2), ("a b", 2),
        ("f(a,", 4), ("0x", 0), ("1.2.3", 0), ("", 0), ("a[1", 3), ("#", 0), ("a..b", 2),
    ] as [(String, Int)])
    func invalidExpressionsReportTheOffendingToken(_ s: String, _ offset: Int) {
        switch parse(s) {
        case .success: Issue.record("\(s) should not parse")
        case .failure(let e): #expect(e.offset == offset, "\(s): \(e.message)")
        }
    }

    @Test func numberLiterals() {
        #expect(ExpressionLexer.parseNumber("0x1F") == 31)
        #expect(ExpressionLexer.parseNumber("-0x10") == -16)
        #expect(ExpressionLexer.parseNumber("1.5e3") == 1500)
        #expect(ExpressionLexer.parseNumber("0o17") == 15)
        #expect(ExpressionLexer.parseNumber("1e") == nil)
        #expect(ExpressionLexer.parseNumber("0xZ") == nil)
    }

    @Test func precedence() throws {
        let e = try parse("!a || b && c == d").get()
        guard case .binary("||", .not, .binary("&&", _, .binary("==", _, _, _), _), _) = e else {
            Issue.record("unexpected tree \(e)")
            return
        }
    }

    @Test func stringEscapes() throws {
        let e = try parse("'it''s'").get()
        #expect(e == .string("it's", at: 0))
    }

    @Test func deepNestingIsRejectedWithoutCrashing() {
        let deep = String(repeating: "(", count: 100) + "a" + String(repeating: ")", count: 100)
        guard case .failure(let e) = parse(deep) else {
            Issue.record("deep nesting should fail")
            return
        }
        #expect(e.message.contains("nested"))
        let chain = String(repeating: "a.", count: 9_000) + "b"
        guard case .failure(let tooLong) = parse(chain) else {
            Issue.record("very long chains should fail")
            return
        }
        #expect(tooLong.message.contains("tokens"))
        let nots = String(repeating: "!", count: 500) + "a"
        guard case .failure = parse(nots) else {
            Issue.record("deep negation should fail")
            return
        }
    }

    @Test func formatPlaceholders() {
        #expect((try? ExprSemantics.placeholders("{0} {1} {{x}} {0}").get()) == [0, 1])
        guard case .failure = ExprSemantics.placeholders("{a}") else { Issue.record("{a}"); return }
        guard case .failure = ExprSemantics.placeholders("x }") else { Issue.record("x }"); return }
    }
}

@Suite("Workflow checker behaviour")
struct WorkflowCheckerTests {
    static let job = "jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n"

    @Test func selfHostedLabelsFromSettings() {
        let text = "on: push\njobs:\n  build:\n    runs-on: [self-hosted, gpu-box]\n    steps:\n      - run: make\n"
        #expect(check(text).map(\.rule) == ["workflow/runner-label"])
        #expect(check(text, settings: "workflow:\n  self-hosted-labels: [GPU-box]\n").isEmpty)
    }

    @Test func pinningPolicies() {
        let text = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/tool@v1\n      - uses: acme/tool@latest\n      - uses: acme/tool@08c6903cd8c0fde910a37f88322edcfb5dd907a8\n"
        #expect(check(text).map(\.range.start.line) == [7])
        let sha = check(text, settings: "workflow:\n  pinning: sha\n")
        #expect(sha.map(\.rule) == ["workflow/action-pinning", "workflow/action-pinning"])
        #expect(sha.map(\.range.start.line) == [6, 7])
        #expect(check(text, settings: "workflow:\n  pinning: any\n").isEmpty)
    }

    @Test func embeddedRuntimesMatchTheDataFile() throws {
        let fileText = try String(contentsOfFile: runtimesPath, encoding: .utf8)
        #expect(EmbeddedActionRuntimes.text + "\n" == fileText)
        let table = ActionRuntimes.load(path: runtimesPath)
        #expect(table == ActionRuntimes.embedded)
        for name in ["actions/checkout", "actions/setup-node", "actions/setup-python", "actions/cache", "actions/upload-artifact",
                     "actions/download-artifact", "actions/github-script", "github/codeql-action/init",
                     "github/codeql-action/analyze", "github/codeql-action/upload-sarif"] {
            #expect(table.actions[name] != nil, "\(name) missing")
        }
        #expect(ActionRuntimes.load(path: "/nonexistent/action-runtimes.yaml") == ActionRuntimes.embedded)
    }

    @Test func positionsInQuotedAndFoldedScalars() {
        let text = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: \"echo \\\"${{ github.brnch }}\\\"\"\n      - run: >-\n          echo one\n          ${{ github.brnch }}\n      - run: 'echo ''x'' ${{ github.brnch }}'\n"
        let d = check(text)
        #expect(d.map { "\($0.range.start.line):\($0.range.start.column)" } == ["6:33", "9:22", "10:37"], "\(render(d))")
    }

    @Test func unicodeColumnsCountScalars() {
        let text = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"é🎉 ${{ github.brnch }}\"\n"
        let d = check(text)
        #expect(d.map { "\($0.range.start.line):\($0.range.start.column)" } == ["6:34"], "\(render(d))")
    }

    @Test func hostileInputsDoNotCrash() {
        let long = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ " + String(repeating: "a.", count: 30_000) + "b }}\n"
        #expect(!check(long).isEmpty)
        let deepYAML = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n        with: " + String(repeating: "[", count: 500) + String(repeating: "]", count: 500) + "\n"
        _ = check(deepYAML)
        for text in ["", "---\n", "[]\n", "just a string\n", "on:\njobs:\n", "on: [push]\njobs:\n  b: 1\n", "on: {push: 1}\njobs: [1]\n",
                     "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: [1, {run: [x]}, {uses: 3}]\n    strategy: {matrix: {include: 1, exclude: [1]}}\n"] {
            _ = check(text)
        }
        let cycle = (0..<500).map { "  j\($0):\n    needs: j\(($0 + 1) % 500)\n    runs-on: ubuntu-latest\n    steps:\n      - run: x\n" }.joined()
        let d = check("on: push\njobs:\n" + cycle)
        #expect(d.filter { $0.rule == "workflow/needs" }.count == 1)
    }

    @Test func crlfAndByteOrderMarkKeepPositions() {
        let lf = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          echo ok\n          echo ${{ github.brnch }}\n      - uses: actions/checkout@v3\n"
        let expected = check(lf).map { "\($0.rule)@\($0.range.start.line):\($0.range.start.column)" }
        #expect(expected == ["workflow/context-property@8:27", "workflow/action-runtime@9:32"])
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(check(crlf).map { "\($0.rule)@\($0.range.start.line):\($0.range.start.column)" } == expected)
        #expect(check("\u{FEFF}" + lf).map { "\($0.rule)@\($0.range.start.line):\($0.range.start.column)" } == expected)
    }

    @Test func yamlDiagnosticsArePassedThrough() {
        let d = check("on: push\non: pull_request\n" + Self.job)
        #expect(d.map(\.rule) == ["yaml/duplicate-key"])
    }

    @Test func emptyMatrixExpressionsAreNotChecked() {
        let text = "on: push\njobs:\n  build:\n    runs-on: ${{ matrix.os }}\n    strategy:\n      matrix: ${{ fromJSON(needs.setup.outputs.matrix) }}\n    needs: setup\n    steps:\n      - run: make\n  setup:\n    runs-on: ubuntu-latest\n    outputs:\n      matrix: ${{ steps.m.outputs.matrix }}\n    steps:\n      - id: m\n        run: echo x\n"
        #expect(check(text).isEmpty, "\(render(check(text)))")
    }
}

@Suite("Conditions")
struct ConditionTests {
    func findings(_ condition: String) -> [String] {
        check("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n        if: \(condition)\n").map(\.rule)
    }

    @Test(arguments: [
        "${{ false }}", "github.ref == 'refs/heads/main'", "always()", "true", "|\n          ${{ success() }}\n",
        "${{ github.event_name == 'push' && !cancelled() }}", "\"${{ false }}\"",
    ])
    func validConditions(_ c: String) {
        #expect(findings(c).isEmpty, "\(c)")
    }

    @Test(arguments: ["\"${{ false }} \"", "${{ a }} && ${{ b }}", "x ${{ false }}", "'${{ false }}x'"])
    func alwaysTrueConditions(_ c: String) {
        #expect(findings(c).contains("workflow/if-always-true"), "\(c)")
    }
}
