import Testing
@testable import LintCore

@Suite struct SourceFileTests {
    @Test func positionsCountUnicodeScalars() {
        let f = SourceFile(path: "x", text: "aé😀b\r\nxy\rz")
        #expect(f.lineCount == 3)
        let b = f.position(ofByte: Array("aé😀".utf8).count)
        #expect(b.line == 1 && b.column == 4)
        #expect(f.position(ofByte: Array("aé😀b\r\n".utf8).count) == SourcePosition(line: 2, column: 1, offset: 10))
        #expect(f.lineText(1) == "aé😀b")
        #expect(f.lineText(3) == "z")
        #expect(f.offset(line: 1, column: 4) == Array("aé😀".utf8).count)
    }

    @Test func exampleMarkersGivePositions() {
        let ex = RuleExample("a: 1\nb: ↓x\n↓c", path: "f.yaml")
        let (code, markers) = ex.stripped
        #expect(code == "a: 1\nb: x\nc")
        #expect(markers == [SourcePosition(line: 2, column: 4), SourcePosition(line: 3, column: 1)])
    }

    @Test(arguments: [("workflow/timeout-minutes", true), ("a/b-c2", true), ("A/b", false), ("a", false), ("a/b-", false), ("a/b/c", false)])
    func ruleIDs(id: String, valid: Bool) {
        #expect(RuleDescription.isValidID(id) == valid)
    }
}
