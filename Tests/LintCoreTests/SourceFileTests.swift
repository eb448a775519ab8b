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

    /// On long lines `offset(line:column:)` goes through the checkpoints: it
    /// must stay the exact inverse of `position(ofByte:)`, clamp past the end
    /// of the line, and take the short path for the first columns.
    @Test func offsetsOnLongLinesInvertPositions() {
        var text = "head\n"
        for k in 0..<2_000 { text += ["a", "é", "😀", "中", "\u{301}"][k % 5] }
        text += "\r\ntail"
        let f = SourceFile(path: "x", text: text)
        let start = f.lineStarts[1], end = f.lineEndOffset(2)
        var columns = 0
        var i = start
        while i <= end {
            if i == end || f.bytes[i] & 0xC0 != 0x80 {
                let p = f.position(ofByte: i)
                #expect(p.line == 2)
                #expect(f.offset(line: 2, column: p.column) == i, "column \(p.column)")
                columns = p.column
            }
            i += 1
        }
        #expect(columns == 2_001)
        #expect(f.offset(line: 2, column: 5_000) == end)
        #expect(f.offset(line: 3, column: 2) == f.lineStarts[2] + 1)
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
