import LintCore
import Testing
@testable import EnvironmentLint

/// One dotenv line (or lines) and the single entry it reads as.
struct DotenvCase: Sendable, CustomTestStringConvertible {
    var source: String
    var key: String
    var value: String
    var quote: Character?
    /// 1-based line:column of the value start and end.
    var valueStart: String
    var valueEnd: String
    var exported = false
    var testDescription: String { source.debugDescription }
}

@Suite struct DotenvParserTests {
    static let cases: [DotenvCase] = [
        DotenvCase(source: "KEY=value\n", key: "KEY", value: "value", quote: nil, valueStart: "1:5", valueEnd: "1:10"),
        DotenvCase(source: "export KEY=value\n", key: "KEY", value: "value", quote: nil, valueStart: "1:12", valueEnd: "1:17", exported: true),
        DotenvCase(source: "  KEY = value  \n", key: "KEY", value: "value", quote: nil, valueStart: "1:9", valueEnd: "1:14"),
        DotenvCase(source: "KEY=\n", key: "KEY", value: "", quote: nil, valueStart: "1:5", valueEnd: "1:5"),
        DotenvCase(source: "KEY=", key: "KEY", value: "", quote: nil, valueStart: "1:5", valueEnd: "1:5"),
        DotenvCase(source: "KEY='single # not comment'\n", key: "KEY", value: "single # not comment", quote: "'", valueStart: "1:5", valueEnd: "1:27"),
        DotenvCase(source: "KEY=\"double # not comment\" # comment\n", key: "KEY", value: "double # not comment", quote: "\"", valueStart: "1:5", valueEnd: "1:27"),
        DotenvCase(source: "KEY=value # inline comment\n", key: "KEY", value: "value", quote: nil, valueStart: "1:5", valueEnd: "1:10"),
        DotenvCase(source: "KEY=pass#word\n", key: "KEY", value: "pass#word", quote: nil, valueStart: "1:5", valueEnd: "1:14"),
        DotenvCase(source: "KEY=\"line1\nline2\"\n", key: "KEY", value: "line1\nline2", quote: "\"", valueStart: "1:5", valueEnd: "2:7"),
        DotenvCase(source: "KEY=\"a\\nb \\\"q\\\"\"\n", key: "KEY", value: "a\nb \"q\"", quote: "\"", valueStart: "1:5", valueEnd: "1:17"),
        DotenvCase(source: "KEY='raw\\n'\n", key: "KEY", value: "raw\\n", quote: "'", valueStart: "1:5", valueEnd: "1:12"),
        DotenvCase(source: "KEY=value\r\n", key: "KEY", value: "value", quote: nil, valueStart: "1:5", valueEnd: "1:10"),
        DotenvCase(source: "KEY=\"l1\r\nl2\"\r\n", key: "KEY", value: "l1\nl2", quote: "\"", valueStart: "1:5", valueEnd: "2:4"),
        DotenvCase(source: "# comment\n\nKEY=é😀\n", key: "KEY", value: "é😀", quote: nil, valueStart: "3:5", valueEnd: "3:7"),
        DotenvCase(source: "KEY=a=b\n", key: "KEY", value: "a=b", quote: nil, valueStart: "1:5", valueEnd: "1:8"),
        DotenvCase(source: "KEY=`tick`\n", key: "KEY", value: "tick", quote: "`", valueStart: "1:5", valueEnd: "1:11"),
    ]

    @Test(arguments: cases)
    func entry(_ c: DotenvCase) throws {
        let doc = DotenvParser.parse(SourceFile(path: ".env.example", text: c.source))
        #expect(doc.diagnostics.isEmpty, "\(doc.diagnostics.map(format))")
        #expect(doc.entries.count == 1)
        let e = try #require(doc.entries.first)
        #expect(e.key == c.key)
        #expect(e.value == c.value)
        #expect(e.quote == c.quote)
        #expect(e.quoted == (c.quote != nil))
        #expect(e.exported == c.exported)
        #expect("\(e.valueRange.start)" == c.valueStart)
        #expect("\(e.valueRange.end)" == c.valueEnd)
    }

    @Test func keyRangesAndOrder() throws {
        let doc = DotenvParser.parse(SourceFile(path: ".env", text: "A=1\n# c\n  export B=2\r\nC=\"x\ny\"\nD=4"))
        #expect(doc.entries.map(\.key) == ["A", "B", "C", "D"])
        #expect(doc.entries.map { "\($0.keyRange)" } == ["1:1-1:2", "3:10-3:11", "4:1-4:2", "6:1-6:2"])
    }

    @Test(arguments: [
        ("KEY=\"open\n", "1:5", "unterminated \" quote"),
        ("KEY='open\nNEXT=1\n", "1:5", "unterminated ' quote"),
        ("NOEQUALS\n", "1:1", "no `=`"),
        ("KEY=\"a\" trailing\n", "1:9", "unexpected text after the closing quote"),
    ])
    func syntaxErrors(_ source: String, _ at: String, _ fragment: String) throws {
        let doc = DotenvParser.parse(SourceFile(path: ".env", text: source))
        let d = try #require(doc.diagnostics.first)
        #expect(d.rule == "environment/syntax")
        #expect("\(d.range.start)" == at)
        #expect(d.message.contains(fragment), "\(d.message)")
    }

    @Test func unterminatedSingleQuoteRecoversOnNextLine() {
        let doc = DotenvParser.parse(SourceFile(path: ".env", text: "KEY='open\nNEXT=1\n"))
        #expect(doc.entries.map(\.key) == ["NEXT"])
    }

    @Test(arguments: [("A", true), ("_a1", true), ("a_B_9", true), ("1A", false), ("A-B", false), ("", false), ("A B", false), ("É", false)])
    func keyNames(_ key: String, _ valid: Bool) {
        #expect(DotenvParser.isValidKey(key) == valid)
    }
}
