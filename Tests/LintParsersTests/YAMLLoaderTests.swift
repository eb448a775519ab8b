import Foundation
import LintCore
import Testing
@testable import LintParsers

private func load(_ text: String) -> YAMLDocumentSet { YAMLTestSupport.load(text) }

@Suite("YAML core schema")
struct YAMLCoreSchemaTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var source: String
        var kind: ScalarKind
        var text: String
        var testDescription: String { "\(source) → \(kind)" }
    }

    static let plainCases: [Case] = {
        var cases: [Case] = []
        for s in ["~", "null", "Null", "NULL"] { cases.append(Case(source: s, kind: .null, text: "null")) }
        for s in ["true", "True", "TRUE"] { cases.append(Case(source: s, kind: .bool, text: "true")) }
        for s in ["false", "False", "FALSE"] { cases.append(Case(source: s, kind: .bool, text: "false")) }
        for s in [
            "0", "42", "-17", "+3", "007", "0o17", "0x1F", "0xff", "1.5", "-0.5", ".5", "1.", "1e10", "1E-3",
            "+1.5e+3", ".inf", "-.inf", "+.INF", ".Inf", ".nan", ".NaN", ".NAN",
        ] {
            cases.append(Case(source: s, kind: .number, text: s))
        }
        for s in [
            "on", "off", "yes", "no", "y", "n", "Yes", "ON", "nULL", "tRUE", "0b101", "1_000", "0o8", "0xG", "+0x1",
            "0O17", "0X1F", "1.2.3", ".", "1e", "e5", ".infinity", "inf", "nan", "NaN", "+.nan", "12:30", "2001-12-14",
            "hello world",
        ] {
            cases.append(Case(source: s, kind: .string, text: s))
        }
        return cases
    }()

    @Test(arguments: plainCases)
    func plainScalar(_ c: Case) throws {
        let result = load("v: \(c.source)\n")
        #expect(result.diagnostics.isEmpty)
        let value = try #require(result.document?["v"]?.scalar)
        #expect(value.kind == c.kind)
        #expect(value.text == c.text)
    }

    @Test func emptyPlainScalarIsNull() throws {
        let doc = try #require(load("a:\nb: 1\n").document)
        #expect(doc["a"]?.isNull == true)
        #expect(doc["b"]?.scalar == .number("1"))
    }

    @Test(arguments: ["'true'", "\"42\"", "\"null\"", "'~'", "|\n  yes\n", ">\n  12\n"])
    func quotedAndBlockScalarsAreStrings(_ source: String) throws {
        let value = try #require(load("v: \(source)\n").document?["v"]?.scalar)
        #expect(value.kind == .string)
    }

    struct TagCase: Sendable, CustomTestStringConvertible {
        var source: String
        var scalar: Scalar
        var tag: String
        var testDescription: String { source }
    }

    @Test(arguments: [
        TagCase(source: "!!str 123", scalar: .string("123"), tag: "!!str"),
        TagCase(source: "!!str true", scalar: .string("true"), tag: "!!str"),
        TagCase(source: "!!int \"42\"", scalar: .number("42"), tag: "!!int"),
        TagCase(source: "!!float 1", scalar: .number("1"), tag: "!!float"),
        TagCase(source: "!!float '2.5'", scalar: .number("2.5"), tag: "!!float"),
        TagCase(source: "!!bool \"True\"", scalar: .bool(true), tag: "!!bool"),
        TagCase(source: "!!null ''", scalar: .null, tag: "!!null"),
        TagCase(source: "!Ref MyBucket", scalar: .string("MyBucket"), tag: "!Ref"),
        TagCase(source: "!custom 12", scalar: .string("12"), tag: "!custom"),
        TagCase(source: "! 12", scalar: .string("12"), tag: "!"),
        TagCase(source: "!!timestamp 2001-12-14", scalar: .string("2001-12-14"), tag: "!!timestamp"),
    ])
    func explicitTags(_ c: TagCase) throws {
        let result = load("v: \(c.source)\n")
        #expect(result.diagnostics.isEmpty)
        let node = try #require(result.document?["v"])
        #expect(node.scalar == c.scalar)
        #expect(node.tag == c.tag)
    }

    @Test func collectionTagsAreRecorded() throws {
        let doc = try #require(load("m: !!map {a: 1}\ns: !pairs [1]\np: plain\n").document)
        #expect(doc["m"]?.tag == "!!map")
        #expect(doc["s"]?.tag == "!pairs")
        #expect(doc["p"]?.tag == nil)
        #expect(doc.tag == nil)
    }

    @Test(arguments: ["!!int abc", "!!bool yes", "!!null 0", "!!float x1"])
    func invalidTaggedValueIsReportedButKept(_ source: String) throws {
        let result = load("v: \(source)\n")
        #expect(result.diagnostics.map(\.rule) == ["yaml/syntax"])
        #expect(result.diagnostics.first?.range.start == SourcePosition(line: 1, column: 4, offset: 3))
        let node = try #require(result.document?["v"])
        #expect(node.scalar?.kind == .string)
    }

    @Test func mergeKeysAreOrdinaryKeys() throws {
        let result = load("base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n")
        #expect(result.diagnostics.isEmpty)
        let derived = try #require(result.document?["derived"])
        #expect(derived.entries?.map(\.keyText) == ["<<", "y"])
        #expect(derived["<<"]?["x"]?.scalar == .number("1"))
        #expect(derived["x"] == nil)
    }

    @Test func githubWorkflowOnKeyStaysAString() throws {
        let file = try YAMLTestSupport.fixture("workflow.yaml")
        let result = YAMLLoader.load(file)
        #expect(result.diagnostics.isEmpty)
        let doc = try #require(result.document)
        let keys = doc.entries?.map(\.key.scalar)
        #expect(keys?.contains(.string("on")) == true)
        #expect(doc["env"]?["VERBOSE"]?.scalar == .string("yes"))
        #expect(doc["env"]?["STRICT"]?.scalar == .bool(true))
        #expect(doc["env"]?["RETRIES"]?.scalar == .number("3"))
        #expect(doc["env"]?["NODE_VERSION"]?.scalar == .string("20"))
        #expect(doc["env"]?["EMPTY"]?.isNull == true)
        #expect(doc["jobs"]?["build"]?["steps"]?.items?.count == 2)
        #expect(result.comments.map(\.body) == ["GitHub workflow: `on` must stay a string key in YAML 1.2.", "hosted runner"])
    }
}

@Suite("YAML positions")
struct YAMLPositionTests {
    @Test func asciiRanges() throws {
        let result = load("name: build\nlist:\n  - a\n  - bc\n")
        let doc = try #require(result.document)
        let nameEntry = try #require(doc.entry("name"))
        #expect(nameEntry.key.range.start == SourcePosition(line: 1, column: 1, offset: 0))
        #expect(nameEntry.key.range.end == SourcePosition(line: 1, column: 5, offset: 4))
        #expect(nameEntry.value.range.start == SourcePosition(line: 1, column: 7, offset: 6))
        #expect(nameEntry.value.range.end == SourcePosition(line: 1, column: 12, offset: 11))
        let list = try #require(doc["list"])
        // A block collection ends where its last item ends.
        #expect(list.range.start == SourcePosition(line: 3, column: 3, offset: 20))
        #expect(list.range.end == SourcePosition(line: 4, column: 7, offset: 30))
        #expect(doc.range.start == SourcePosition(line: 1, column: 1, offset: 0))
        #expect(doc.range.end == list.range.end)
    }

    /// libyaml 0.2.5 counts `mark.index` in characters, not bytes: after
    /// multi-byte characters, byte offsets and columns must still be exact.
    @Test func nonASCIIColumnsCountUnicodeScalars() throws {
        let text = "é: ü\nñame: 日本語\n\"🎉\": \"x\"\n"
        let file = SourceFile(path: "t.yaml", text: text)
        let result = YAMLLoader.load(file)
        #expect(result.diagnostics.isEmpty)
        let doc = try #require(result.document)
        let first = try #require(doc.entries?.first)
        #expect(first.value.range.start == SourcePosition(line: 1, column: 4, offset: 4))
        #expect(first.value.range.end == SourcePosition(line: 1, column: 5, offset: 6))
        let second = try #require(doc.entry("ñame"))
        #expect(second.key.range.start == SourcePosition(line: 2, column: 1, offset: 7))
        #expect(second.value.range.start == SourcePosition(line: 2, column: 7, offset: 14))
        #expect(second.value.range.end == SourcePosition(line: 2, column: 10, offset: 23))
        let third = try #require(doc.entry("🎉"))
        #expect(third.key.range.start == SourcePosition(line: 3, column: 1, offset: 24))
        #expect(third.key.range.end == SourcePosition(line: 3, column: 4, offset: 30))
        #expect(third.value.range.start == SourcePosition(line: 3, column: 6, offset: 32))
        for node in YAMLTestSupport.allNodes(result.documents) {
            #expect(YAMLTestSupport.isConsistent(node.range, in: file))
        }
    }

    @Test func nextLineSeparatorAndLineSeparatorDoNotShiftOffsets() throws {
        // libyaml treats U+0085 as a line break inside scalars; offsets come from
        // character indexes, so the following key is still placed exactly.
        let text = "a: \"x\u{85}y\u{2028}z\"\nb: 1\n"
        let file = SourceFile(path: "t.yaml", text: text)
        let result = YAMLLoader.load(file)
        let b = try #require(result.document?.entry("b"))
        #expect(b.key.range.start.offset == Array("a: \"x\u{85}y\u{2028}z\"\n".utf8).count)
        #expect(b.key.range.start.line == 2)
        #expect(b.key.range.start.column == 1)
    }

    @Test func crlfInput() throws {
        let file = SourceFile(path: "t.yaml", text: "a: 1\r\nb: two # note\r\nc:\r\n  - x\r\n")
        let result = YAMLLoader.load(file)
        #expect(result.diagnostics.isEmpty)
        let doc = try #require(result.document)
        let b = try #require(doc.entry("b"))
        #expect(b.key.range.start == SourcePosition(line: 2, column: 1, offset: 6))
        #expect(b.value.range.start == SourcePosition(line: 2, column: 4, offset: 9))
        #expect(b.value.scalar == .string("two"))
        #expect(doc["c"]?.items?.first?.range.start == SourcePosition(line: 4, column: 5, offset: 29))
        #expect(result.comments.map(\.text) == ["# note"])
        #expect(result.comments.first?.range.start == SourcePosition(line: 2, column: 8, offset: 13))
        #expect(result.comments.first?.range.end == SourcePosition(line: 2, column: 14, offset: 19))
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let file = SourceFile(path: "t.yaml", bytes: [0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8))
        let result = YAMLLoader.load(file)
        #expect(result.diagnostics.isEmpty)
        let a = try #require(result.document?.entry("a"))
        #expect(a.key.range.start == SourcePosition(line: 1, column: 2, offset: 3))
        #expect(a.value.range.start == SourcePosition(line: 1, column: 5, offset: 6))
    }

    @Test func flowCollectionsEndAfterTheirBracket() throws {
        let doc = try #require(load("x: [1, 2]\ny: {a: b}\n").document)
        #expect(doc["x"]?.range.start == SourcePosition(line: 1, column: 4, offset: 3))
        #expect(doc["x"]?.range.end == SourcePosition(line: 1, column: 10, offset: 9))
        #expect(doc["y"]?.range.end == SourcePosition(line: 2, column: 10, offset: 19))
    }

    @Test func fixtureRangesAreConsistent() throws {
        let file = try YAMLTestSupport.fixture("workflow.yaml")
        let result = YAMLLoader.load(file)
        let nodes = YAMLTestSupport.allNodes(result.documents)
        #expect(nodes.count > 30)
        for node in nodes { #expect(YAMLTestSupport.isConsistent(node.range, in: file)) }
        // Scalar ranges cover exactly their source text for plain scalars.
        let runsOn = try #require(result.document?["jobs"]?["build"]?["runs-on"])
        #expect(file.slice(runsOn.range.start.offset, runsOn.range.end.offset) == "ubuntu-latest")
    }
}

@Suite("YAML documents, keys and aliases")
struct YAMLStructureTests {
    @Test func emptyInputs() {
        for text in ["", "\n\n", "# only a comment\n", "   "] {
            let result = load(text)
            #expect(result.documents.isEmpty)
            #expect(result.diagnostics.isEmpty)
        }
        #expect(load("# only a comment\n").comments.count == 1)
    }

    @Test func multiDocumentStream() throws {
        let result = load("a: 1\n---\nb: 2\n...\n---\n- x\n---\n")
        #expect(result.diagnostics.isEmpty)
        #expect(result.documents.count == 4)
        #expect(result.documents[0]["a"]?.scalar == .number("1"))
        #expect(result.documents[1]["b"]?.range.start.line == 3)
        #expect(result.documents[2].items?.first?.scalar == .string("x"))
        #expect(result.documents[3].isNull)
    }

    @Test func duplicateKeysAreKeptAndReported() throws {
        let file = try YAMLTestSupport.fixture("duplicate-keys.yaml")
        let result = YAMLLoader.load(file)
        #expect(result.diagnostics.count == 1)
        let d = try #require(result.diagnostics.first)
        #expect(d.rule == "yaml/duplicate-key")
        #expect(d.severity == .error)
        #expect(d.file == "Tests/Fixtures/yaml/duplicate-keys.yaml")
        #expect(d.range.start == SourcePosition(line: 4, column: 3, offset: 31))
        #expect(d.message.contains("\"host\""))
        #expect(d.message.contains("2:3"))
        let server = try #require(result.document?["server"])
        #expect(server.entries?.map(\.keyText) == ["host", "port", "host"])
    }

    @Test func keysOfDifferentKindsAreDistinct() {
        #expect(load("1: a\n\"1\": b\ntrue: c\n\"true\": d\n~: e\nnull: f\n").diagnostics.map(\.rule) == ["yaml/duplicate-key"])
        #expect(load("!!str 1: a\n\"1\": b\n").diagnostics.map(\.rule) == ["yaml/duplicate-key"])
        #expect(load("[a, b]: 1\n[a, b]: 2\n[b, a]: 3\n").diagnostics.count == 1)
        #expect(load("a: {x: 1, x: 2}\nb: {x: 1}\n").diagnostics.count == 1)
    }

    @Test func aliasCopiesTheAnchoredNode() throws {
        let result = load("base: &b\n  retries: 3\n  tags: [a]\nuse: *b\n")
        #expect(result.diagnostics.isEmpty)
        let doc = try #require(result.document)
        let base = try #require(doc["base"])
        let use = try #require(doc["use"])
        #expect(use.value == base.value)
        // The copy's root has the alias's range; its children keep the anchor's.
        #expect(use.range.start == SourcePosition(line: 4, column: 6, offset: 39))
        #expect(use.range.end == SourcePosition(line: 4, column: 8, offset: 41))
        #expect(use.entries?.first?.key.range.start.line == 2)
    }

    @Test func anchorsAreScopedToTheirDocument() {
        let result = load("a: &x 1\n---\nb: *x\n")
        #expect(result.documents.isEmpty)
        #expect(result.diagnostics.map(\.rule) == ["yaml/syntax"])
        #expect(result.diagnostics.first?.range.start == SourcePosition(line: 3, column: 4, offset: 15))
    }

    @Test func unknownAliasIsASyntaxError() throws {
        let result = YAMLLoader.load(try YAMLTestSupport.fixture("unknown-alias.yaml"))
        #expect(result.documents.isEmpty)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.rule == "yaml/syntax")
        #expect(result.diagnostics.first?.message.contains("*bsae") == true)
        #expect(result.diagnostics.first?.range.start == SourcePosition(line: 2, column: 6, offset: 30))
    }

    @Test func recursiveAliasIsRejected() {
        let result = load("a: &a [1, *a]\n")
        #expect(result.documents.isEmpty)
        #expect(result.diagnostics.map(\.rule) == ["yaml/syntax"])
        #expect(result.diagnostics.first?.message.contains("recursive") == true)
    }

    @Test(.timeLimit(.minutes(1)))
    func billionLaughsIsRejectedQuickly() throws {
        let file = try YAMLTestSupport.fixture("billion-laughs.yaml")
        let clock = ContinuousClock()
        var result = YAMLDocumentSet()
        let elapsed = clock.measure { result = YAMLLoader.load(file) }
        #expect(elapsed < .seconds(2))
        #expect(result.documents.isEmpty)
        #expect(result.diagnostics.count == 1)
        let d = try #require(result.diagnostics.first)
        #expect(d.rule == "yaml/alias-budget")
        #expect(d.severity == .error)
        // Level f has 9 × 9^4 + … nodes per alias: the budget of 100,000 runs out there.
        #expect(d.range.start.line == 6)
        #expect(file.slice(d.range.start.offset, d.range.end.offset) == "*e")
    }

    @Test func aliasBudgetScalesWithInputAndIsConfigurable() {
        let options = YAMLLoadOptions(aliasBudgetMinimum: 10, aliasBudgetFactor: 1)
        #expect(YAMLTestSupport.load("a: &a [1, 2]\nb: *a\n", options: options).diagnostics.isEmpty)
        // 11 parsed nodes (root, 4 keys, the sequence, 2 items, 3 aliases): budget
        // max(10, 1 × 11) = 11. Each copy of `*a` adds 3 nodes; the second one
        // (line 3) brings the total to 13.
        let over = YAMLTestSupport.load("a: &a [1, 2]\nb: *a\nc: *a\nd: *a\n", options: options)
        #expect(over.diagnostics.map(\.rule) == ["yaml/alias-budget"])
        #expect(over.diagnostics.first?.range.start == SourcePosition(line: 3, column: 4, offset: 22))
        #expect(over.documents.isEmpty)
        #expect(YAMLLoadOptions().aliasBudget(parsedNodes: 10) == 100_000)
        #expect(YAMLLoadOptions().aliasBudget(parsedNodes: 10_000) == 500_000)
        #expect(YAMLLoadOptions().aliasBudget(parsedNodes: Int.max) == Int.max)
    }
}

@Suite("YAML comments")
struct YAMLCommentTests {
    @Test func commentsOutsideScalarsOnly() throws {
        let text = """
            # top
            key: "value # not a comment" # real
            url: http://x#frag
            block: |
              line # not a comment
              # also not a comment
            folded: > # header comment
              text
            plain: a#b
            single: 'it''s # no'
            flow: [a, b] # flow
            multi: "first
              # still inside the string"
            anchored: &x # after anchor
              value
            tagged: !!str #no
            # clubos-lint-disable-next-line yaml/duplicate-key
            last: 1
            """
        let result = load(text)
        #expect(result.diagnostics.isEmpty)
        #expect(result.comments.map(\.text) == [
            "# top", "# real", "# header comment", "# flow", "# after anchor", "#no",
            "# clubos-lint-disable-next-line yaml/duplicate-key",
        ])
        #expect(result.comments.map(\.isOwnLine) == [true, false, false, false, false, false, true])
        #expect(result.comments[1].range.start == SourcePosition(line: 2, column: 30, offset: 35))
        #expect(result.comments[6].body == "clubos-lint-disable-next-line yaml/duplicate-key")
        let doc = try #require(result.document)
        #expect(doc["block"]?.stringValue == "line # not a comment\n# also not a comment\n")
        #expect(doc["anchored"]?.stringValue == "value")
        #expect(doc["tagged"]?.stringValue == "")
    }

    @Test func commentsBeforeASyntaxErrorAreKept() {
        let result = load("# clubos-lint-disable-next-line yaml/syntax\nkey: @oops # trailing\n")
        #expect(result.diagnostics.map(\.rule) == ["yaml/syntax"])
        #expect(result.comments.map(\.text) == ["# clubos-lint-disable-next-line yaml/syntax"])
    }

    @Test func lessIndentedCommentAfterBlockScalar() {
        let result = load("a: |\n  text\n\n # outside\nb: 1\n")
        #expect(result.comments.map(\.text) == ["# outside"])
        #expect(result.document?["a"]?.stringValue == "text\n")
    }
}

@Suite("YAML front matter")
struct YAMLFrontMatterTests {
    @Test func frontMatterRangeAndOffsets() throws {
        let file = try YAMLTestSupport.fixture("prompt-front-matter.md")
        let range = try #require(YAMLLoader.frontMatterRange(in: file))
        #expect(range.lowerBound == 4)
        #expect(file.slice(range.lowerBound, range.upperBound).hasSuffix("\"golf # sim\"]\n"))
        let result = YAMLLoader.load(file, byteRange: range)
        #expect(result.diagnostics.isEmpty)
        #expect(result.documents.count == 1)
        let doc = try #require(result.document)
        #expect(doc.entry("name")?.key.range.start == SourcePosition(line: 2, column: 1, offset: 4))
        #expect(doc["version"]?.range.start == SourcePosition(line: 3, column: 10, offset: 52))
        #expect(doc["tags"]?.items?.map(\.stringValue) == ["booking", "golf # sim"])
        // Only the front matter's comment: `# Booking assistant` is Markdown.
        #expect(result.comments.map(\.text) == ["# display name"])
        #expect(result.comments.first?.range.start.line == 2)
    }

    @Test func frontMatterErrorsAreReportedInFileCoordinates() throws {
        let file = SourceFile(path: "p.md", text: "---\ntitle: ok\nbad: [1\n---\nbody\n")
        let range = try #require(YAMLLoader.frontMatterRange(in: file))
        let result = YAMLLoader.load(file, byteRange: range)
        #expect(result.diagnostics.map(\.rule) == ["yaml/syntax"])
        #expect((result.diagnostics.first?.range.start.line ?? 0) >= 3)
    }

    @Test(arguments: [
        ("---\na: 1\n---\n", 4),
        ("---\r\na: 1\r\n---\r\nrest", 5),
        ("\u{FEFF}---\na: 1\n--- \n", 7),
        ("---\n---\n", 4),
    ])
    func frontMatterDetection(_ text: String, _ start: Int) throws {
        let range = try #require(YAMLLoader.frontMatterRange(in: SourceFile(path: "p.md", text: text)))
        #expect(range.lowerBound == start)
    }

    @Test(arguments: ["", "a: 1\n", "---\na: 1\n", " ---\na: 1\n---\n", "----\na\n---\n", "# T\n---\na: 1\n---\n"])
    func noFrontMatter(_ text: String) {
        #expect(YAMLLoader.frontMatterRange(in: SourceFile(path: "p.md", text: text)) == nil)
    }
}

@Suite("YAML bad input")
struct YAMLBadInputTests {
    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var fixture: String
        var line: Int
        var column: Int
        var messagePart: String
        var testDescription: String { fixture }
    }

    @Test(arguments: [
        ErrorCase(fixture: "syntax-tab.yaml", line: 4, column: 1, messagePart: "tabs"),
        ErrorCase(fixture: "syntax-unclosed-quote.yaml", line: 3, column: 1, messagePart: "close the quoted string"),
        ErrorCase(fixture: "syntax-indentation.yaml", line: 3, column: 4, messagePart: "indentation"),
    ])
    func syntaxErrorFixtures(_ c: ErrorCase) throws {
        let result = YAMLLoader.load(try YAMLTestSupport.fixture(c.fixture))
        #expect(result.documents.isEmpty)
        #expect(result.diagnostics.count == 1)
        let d = try #require(result.diagnostics.first)
        #expect(d.rule == "yaml/syntax")
        #expect(d.severity == .error)
        #expect(d.range.start.line == c.line)
        #expect(d.range.start.column == c.column)
        #expect(d.message.contains(c.messagePart))
    }

    @Test func documentsBeforeAnErrorAreDiscarded() {
        let result = load("a: 1\n---\nb: 2\n---\nc: [\n")
        #expect(result.documents.isEmpty)
        #expect(result.diagnostics.map(\.rule) == ["yaml/syntax"])
    }

    @Test func readableScannerMessage() throws {
        let d = try #require(load("key: `cmd`\n").diagnostics.first)
        #expect(d.message.contains("found character that cannot start any token while scanning for the next token"))
        #expect(d.range.start == SourcePosition(line: 1, column: 6, offset: 5))
        #expect(d.range.end == SourcePosition(line: 1, column: 7, offset: 6))
    }

    @Test(arguments: [
        ("key: \"x\\q\"\n", "use a valid escape"),
        ("a: [1, 2\nb: 3\n", "close the sequence with ']'"),
        ("a: {x: 1\nb: 3\n", "close the mapping with '}'"),
    ])
    func specificHints(_ text: String, _ hint: String) throws {
        let d = try #require(load(text).diagnostics.first)
        #expect(d.rule == "yaml/syntax")
        #expect(d.message.contains(hint))
    }

    @Test func nulByte() throws {
        let result = YAMLTestSupport.load(bytes: Array("a: 1\n".utf8) + [0] + Array("b: 2\n".utf8))
        #expect(result.documents.isEmpty)
        let d = try #require(result.diagnostics.first)
        #expect(d.rule == "yaml/syntax")
        #expect(d.message.contains("U+0000"))
        #expect(d.range.start == SourcePosition(line: 2, column: 1, offset: 5))
    }

    @Test func invalidUTF8() throws {
        let result = YAMLTestSupport.load(bytes: Array("a: é\nb: ".utf8) + [0xFF, 0x41])
        #expect(result.documents.isEmpty)
        let d = try #require(result.diagnostics.first)
        #expect(d.rule == "yaml/syntax")
        #expect(d.message.contains("UTF-8"))
        #expect(d.range.start == SourcePosition(line: 2, column: 4, offset: 9))
    }

    @Test func utf16IsRejectedNotMisread() {
        let result = YAMLTestSupport.load(bytes: [0xFF, 0xFE, 0x61, 0x00, 0x3A, 0x00])
        #expect(result.documents.isEmpty)
        #expect(result.diagnostics.map(\.rule) == ["yaml/syntax"])
    }

    @Test func deepFlowNestingIsRejected() throws {
        let text = String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
        let result = load(text)
        #expect(result.documents.isEmpty)
        let d = try #require(result.diagnostics.first)
        #expect(d.rule == "yaml/syntax")
        #expect(d.message.contains("nesting deeper than 1000"))
        #expect(d.range.start == SourcePosition(line: 1, column: 1001, offset: 1000))
    }

    @Test func deepBlockNestingIsRejected() throws {
        var text = ""
        for i in 0..<1_200 { text += String(repeating: " ", count: i) + "k:\n" }
        let result = load(text)
        #expect(result.documents.isEmpty)
        #expect(result.diagnostics.first?.message.contains("nesting deeper than 1000") == true)
    }

    @Test func nestingAtTheLimitIsAccepted() throws {
        let text = String(repeating: "[", count: 1_000) + String(repeating: "]", count: 1_000)
        let result = load(text)
        #expect(result.diagnostics.isEmpty)
        var node = try #require(result.document)
        var depth = 1
        while let first = node.items?.first { node = first; depth += 1 }
        #expect(depth == 1_000)
        #expect(YAMLTestSupport.load(text, options: YAMLLoadOptions(maxDepth: 999)).documents.isEmpty)
    }

    /// Random and mutated inputs must never crash; every position must be valid.
    @Test func randomBytesNeverCrash() {
        var rng = SplitMix64(seed: 0x5EED_C1B0)
        let alphabet = Array(":-?[]{},#&*!|>'\"%@`\n\r\t  abc19.~\\".utf8) + [0x00, 0xC3, 0xA9, 0xFF, 0xEF, 0xBB, 0xBF, 0xE2, 0x80, 0xA8]
        let seeds = ["a: 1\nb: [x, y]\n", "- &a {k: v}\n- *a\n", "x: |\n  text\n# c\n", "? [a]\n: b\n"]
        for iteration in 0..<600 {
            var bytes: [UInt8]
            if iteration % 3 == 0 {
                bytes = Array(seeds[iteration % seeds.count].utf8)
                for _ in 0..<(1 + Int(rng.next() % 4)) where !bytes.isEmpty {
                    let i = Int(rng.next() % UInt64(bytes.count))
                    bytes[i] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                }
            } else if iteration % 3 == 1 {
                bytes = (0..<Int(rng.next() % 120)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            } else {
                bytes = (0..<Int(rng.next() % 120)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            }
            let file = SourceFile(path: "fuzz.yaml", bytes: bytes)
            let result = YAMLLoader.load(file)
            for d in result.diagnostics {
                #expect(d.rule.hasPrefix("yaml/"))
                #expect(YAMLTestSupport.isConsistent(d.range, in: file))
            }
            for node in YAMLTestSupport.allNodes(result.documents) {
                #expect(YAMLTestSupport.isConsistent(node.range, in: file))
            }
            for c in result.comments { #expect(YAMLTestSupport.isConsistent(c.range, in: file)) }
            if !bytes.isEmpty {
                let lo = Int(rng.next() % UInt64(bytes.count))
                _ = YAMLLoader.load(file, byteRange: lo..<bytes.count)
            }
        }
    }
}

struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("YAML limits")
struct YAMLLimitTests {
    @Test func aliasExpansionCannotExceedTheDepthLimit() throws {
        let options = YAMLLoadOptions(maxDepth: 5)
        // `&a` has 3 collection levels; under two sequences in the root mapping it would reach level 6.
        let deep = YAMLTestSupport.load("a: &a [[[1]]]\nb: [[*a]]\n", options: options)
        #expect(deep.documents.isEmpty)
        let d = try #require(deep.diagnostics.first)
        #expect(d.rule == "yaml/syntax")
        #expect(d.message.contains("after expanding alias *a"))
        #expect(d.range.start == SourcePosition(line: 2, column: 6, offset: 19))
        #expect(YAMLTestSupport.load("a: &a [[[1]]]\nb: [*a]\n", options: options).diagnostics.isEmpty)
    }

    @Test func aliasChainsStayWithinDefaultDepth() throws {
        // Each level wraps the previous anchor 900 levels deeper.
        let open = String(repeating: "[", count: 900), close = String(repeating: "]", count: 900)
        let text = "a: &a \(open)1\(close)\nb: &b \(open)*a\(close)\nc: &c \(open)*b\(close)\n"
        let result = YAMLTestSupport.load(text)
        #expect(result.documents.isEmpty)
        #expect(result.diagnostics.first?.message.contains("after expanding alias *a") == true)
    }

    /// Loading (and freeing) a tree at the depth limit, including duplicate
    /// detection on deeply nested complex keys, needs no deep recursion: it
    /// works on a thread with a 512 KiB stack, the macOS default for
    /// secondary threads. (`Node.description` and hashing in LintCore are
    /// recursive and are not exercised here.)
    @Test func deepTreesAreSafeOnSmallStacks() {
        let open = String(repeating: "[", count: 997), close = String(repeating: "]", count: 997)
        let text = "root:\n  - \(open)x\(close)\n? \(open)k\(close)\n: 1\n? \(open)k\(close)\n: 2\n"
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            var result: YAMLDocumentSet? = YAMLLoader.load(SourceFile(path: "deep.yaml", text: text))
            let rules = result?.diagnostics.map(\.rule) ?? []
            let equal = result?.document == result?.document
            let entries = result?.document?.entries?.count ?? 0
            outcome.set(ok: rules == ["yaml/duplicate-key"] && equal && entries == 3)
            result = nil
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
        #expect(outcome.ok)
    }

    @Test func complexKeyRenderingMatchesDescription() throws {
        let doc = try #require(YAMLTestSupport.load("? {a: [1, \"x\", null, true], b: {}}\n: v\n").document)
        let key = try #require(doc.entries?.first?.key)
        #expect(YAMLTreeBuilder.render(key, limit: Int.max) == key.description)
        #expect(YAMLTreeBuilder.render(key, limit: 3).count < key.description.count)
    }

    @Test(.timeLimit(.minutes(1)))
    func largeInputLoadsInReasonableTime() throws {
        var text = "# generated\nitems:\n"
        for i in 0..<20_000 {
            text += "  - id: \(i)\n    name: \"item \(i)\" # c\n    tags: [a, b, c]\n    ok: true\n"
        }
        let clock = ContinuousClock()
        var result = YAMLDocumentSet()
        let elapsed = clock.measure { result = YAMLTestSupport.load(text) }
        #expect(result.diagnostics.isEmpty)
        #expect(result.document?["items"]?.items?.count == 20_000)
        #expect(result.comments.count == 20_001)
        #expect(elapsed < .seconds(20))
    }
}

private final class Outcome: @unchecked Sendable {
    private let lock = Lock()
    private var value = false
    func set(ok: Bool) { lock.withLock { value = ok } }
    var ok: Bool { lock.withLock { value } }
}
