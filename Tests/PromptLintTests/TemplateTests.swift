import LintCore
import LintParsers
import Testing
@testable import PromptLint

@Suite("Mustache tokenizer, parser and renderer")
struct TemplateTests {
    struct TokenCase: Sendable, CustomTestStringConvertible {
        var source: String
        /// (kind, name, "line:col-line:col") of every non-text token.
        var expected: [(TemplateToken.Kind, String, String)]
        var testDescription: String { source.debugDescription }
    }

    static let tokenCases: [TokenCase] = [
        TokenCase(source: "Hi {{NAME}}!", expected: [(.variable, "NAME", "1:4-1:12")]),
        TokenCase(source: "{{ NAME }}", expected: [(.variable, "NAME", "1:1-1:11")]),
        TokenCase(source: "{{{RAW}}}", expected: [(.raw, "RAW", "1:1-1:10")]),
        TokenCase(source: "{{&RAW}}", expected: [(.raw, "RAW", "1:1-1:9")]),
        TokenCase(source: "{{#A}}x{{/A}}", expected: [(.section, "A", "1:1-1:7"), (.close, "A", "1:8-1:14")]),
        TokenCase(source: "{{^A}}\n{{/A}}", expected: [(.invertedSection, "A", "1:1-1:7"), (.close, "A", "2:1-2:7")]),
        TokenCase(source: "é {{> house-tone}}", expected: [(.partial, "house-tone", "1:3-1:19")]),
        TokenCase(source: "{{! a\ncomment }}", expected: [(.comment, " a\ncomment", "1:1-2:11")]),
        TokenCase(source: "{{=<% %>=}}<%X%> {{Y}} <%={{ }}=%>{{Z}}",
                  expected: [(.setDelimiter, "<% %>", "1:1-1:12"), (.variable, "X", "1:12-1:17"),
                             (.setDelimiter, "{{ }}", "1:24-1:35"), (.variable, "Z", "1:35-1:40")]),
        TokenCase(source: "{{=<% %>=}}<%{RAW}%><%#S%><%/S%>",
                  expected: [(.setDelimiter, "<% %>", "1:1-1:12"), (.raw, "RAW", "1:12-1:21"),
                             (.section, "S", "1:21-1:27"), (.close, "S", "1:27-1:33")]),
    ]

    static func tokens(_ s: String) -> ([TemplateToken], [TemplateProblem]) {
        let file = SourceFile(path: "t.prompt", text: s)
        return TemplateTokenizer.tokenize(file, range: 0..<file.bytes.count)
    }

    @Test(arguments: tokenCases)
    func tokenize(_ c: TokenCase) {
        let (toks, problems) = Self.tokens(c.source)
        #expect(problems.isEmpty)
        let got = toks.filter { $0.kind != .text }
        #expect(got.count == c.expected.count)
        for (t, e) in zip(got, c.expected) {
            #expect(t.kind == e.0)
            #expect(t.name == e.1)
            #expect(t.range.description == e.2)
        }
        // Text tokens and tags tile the input exactly.
        #expect(toks.map { $0.endOffset - $0.startOffset }.reduce(0, +) == c.source.utf8.count)
    }

    @Test func unclosedTagIsReported() {
        let (_, problems) = Self.tokens("ok\nHi {{NAME")
        #expect(problems.map(\.range.start.description) == ["2:4"])
    }

    @Test func badSetDelimiterIsReported() {
        let (_, problems) = Self.tokens("{{=<%=}}")
        #expect(problems.count == 1)
    }

    struct TreeCase: Sendable, CustomTestStringConvertible {
        var source: String
        var problems: [String]
        var testDescription: String { source.debugDescription }
    }

    static let treeCases: [TreeCase] = [
        TreeCase(source: "{{#A}}{{^B}}x{{/B}}{{/A}}", problems: []),
        TreeCase(source: "x\n  {{#A}}y", problems: ["2:3"]),
        TreeCase(source: "{{#A}}{{#B}}{{/A}}", problems: ["1:13"]),
        TreeCase(source: "{{/A}}", problems: ["1:1"]),
    ]

    @Test(arguments: treeCases)
    func sectionTree(_ c: TreeCase) {
        let (toks, _) = Self.tokens(c.source)
        let (_, problems) = TemplateParser.parse(toks)
        #expect(problems.map(\.range.start.description) == c.problems)
    }

    @Test func mismatchNamesBothTags() {
        let (toks, _) = Self.tokens("{{#A}}{{#B}}{{/A}}")
        let (_, problems) = TemplateParser.parse(toks)
        #expect(problems.first?.message.contains("{{/A}}") == true)
        #expect(problems.first?.message.contains("{{#B}} opened at 1:7") == true)
    }

    @Test func deepNestingIsBounded() {
        let src = String(repeating: "{{#A}}", count: 500) + String(repeating: "{{/A}}", count: 500)
        let (toks, _) = Self.tokens(src)
        let (_, problems) = TemplateParser.parse(toks)
        #expect(!problems.isEmpty)
    }

    static func data(_ yaml: String) -> Node {
        YAMLLoader.load(SourceFile(path: "d.yaml", text: yaml)).document ?? .mapping([], .fileStart)
    }

    static func renderText(_ template: String, _ yaml: String, partials: [String: String] = [:]) -> TemplateRenderer.Result {
        let (toks, _) = tokens(template)
        var parsedPartials: [String: [TemplateNode]] = [:]
        for (name, text) in partials { parsedPartials[name] = TemplateParser.parse(Self.tokens(text).0).nodes }
        return TemplateRenderer(partials: parsedPartials).render(TemplateParser.parse(toks).nodes, data: data(yaml))
    }

    @Test func rendersWithoutEscaping() {
        let r = Self.renderText("<q>{{Q}}</q> {{{Q}}} {{&Q}}", "Q: a < b & \"c\"")
        #expect(r.text == "<q>a < b & \"c\"</q> a < b & \"c\" a < b & \"c\"")
        #expect(r.missing.isEmpty)
    }

    @Test func rendersSectionsListsAndPartials() {
        let r = Self.renderText("{{#BAYS}}[{{n}}{{#vip}}*{{/vip}}]{{/BAYS}}{{^EMPTY}}none{{/EMPTY}} {{G.name}} {{> sig}}",
                                "BAYS: [{n: 1, vip: true}, {n: 2, vip: false}]\nEMPTY: []\nG: {name: Ana}\nCLUB: Tee Box",
                                partials: ["sig": "— {{CLUB}}"])
        #expect(r.text == "[1*][2]none Ana — Tee Box")
        #expect(r.missing.isEmpty)
    }

    @Test func missingValueIsDetectedNotRenderedEmpty() {
        let r = Self.renderText("Hi {{NAME}}, bay {{BAY.number}}. {{> p}}", "BAY: {}", partials: ["p": "{{CLUB}}"])
        #expect(r.missing.map(\.token.name) == ["NAME", "BAY.number", "CLUB"])
        #expect(r.missing.map(\.partial) == [nil, nil, "p"])
        #expect(r.missing.first?.token.range.start.description == "1:4")
    }

    @Test func recursivePartialIsCutOff() {
        let r = Self.renderText("{{> a}}", "X: 1", partials: ["a": "x{{> a}}"])
        #expect(r.truncated)
    }
}
