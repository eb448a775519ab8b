import Testing
import LintCore
@testable import Migrations

@Suite struct SQLSplitterTests {
    @Test func statementsAndPositions() {
        let sql = """
        -- leading comment
        CREATE TABLE a (x int); /* between */ INSERT INTO a VALUES (1);
        CREATE FUNCTION f() RETURNS trigger AS $fn$
        BEGIN
          NEW.x := 1; RETURN NEW;
        END$fn$ LANGUAGE plpgsql;
        ;;
        INSERT INTO a VALUES (2) ON CONFLICT (x) DO NOTHING;
        SELECT 'é;' , 1
        """
        let file = SourceFile(path: "m.sql", text: sql)
        let r = SQLSplitter.split(file)
        #expect(r.diagnostics.isEmpty)
        #expect(r.statements.count == 5)
        let starts = r.statements.map { file.position(ofByte: $0.startOffset).description }
        #expect(starts == ["2:1", "2:39", "3:1", "8:1", "9:1"])
        #expect(r.statements[0].text == "CREATE TABLE a (x int);")
        #expect(r.statements[2].keywords.prefix(3) == ["CREATE", "FUNCTION", "F"])
        #expect(r.statements[2].text.hasSuffix("LANGUAGE plpgsql;"))
        #expect(r.statements[4].terminated == false)
        #expect(r.statements[4].text == "SELECT 'é;' , 1")
        #expect(file.position(ofByte: r.statements[4].endOffset).description == "9:16")
    }

    @Test func semicolonsInsideParenthesesAndBeginAtomic() {
        let sql = """
        CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO log VALUES (1); INSERT INTO log VALUES (2));
        CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 1 END; END;
        SELECT 2;
        """
        let r = SQLSplitter.split(SourceFile(path: "m.sql", text: sql))
        #expect(r.statements.count == 3)
        #expect(r.statements[1].text.hasSuffix("END; END;"))
    }

    @Test func rangeSplitsOnlyThatPart() {
        let sql = "SELECT 1;\nSELECT 2;\nSELECT 3;\n"
        let file = SourceFile(path: "m.sql", text: sql)
        let r = SQLSplitter.split(file, range: 10..<20)
        #expect(r.statements.map(\.text) == ["SELECT 2;"])
    }

    @Test func lexErrorsBecomePositionedDiagnostics() {
        let file = SourceFile(path: "m.sql", text: "SELECT 1;\n\\i other.sql\nSELECT 'open\n")
        let r = SQLSplitter.split(file)
        #expect(r.diagnostics.map { "\($0.range.start) \($0.rule)" } == ["2:1 migration/psql-meta-command", "3:8 migration/syntax-error"])
    }

    @Test func largeGeneratedFileSplitsQuickly() {
        var sql = ""
        var expected = 0
        var k = 0
        while sql.utf8.count < 128 * 1024 || expected < 2_000 {
            switch k % 4 {
            case 0: sql += "INSERT INTO feedback (id, reason) VALUES (\(k), 'it''s; fine -- not a comment');\n"
            case 1: sql += "/* block; \(k) /* nested; */ */ UPDATE feedback SET reason = E'x\\';y' WHERE id = \(k);\n"
            case 2: sql += "DO $do\(k)$ BEGIN PERFORM 1; END$do\(k)$;\n"
            default: sql += "-- comment; \(k)\nCREATE INDEX i\(k) ON t (a);\n"
            }
            expected += 1
            k += 1
        }
        let file = SourceFile(path: "big.sql", text: sql)
        #expect(file.lineCount > 2_000)
        let clock = ContinuousClock()
        var result: SQLSplitter.Result? = nil
        let elapsed = clock.measure { result = SQLSplitter.split(file) }
        #expect(result?.statements.count == expected)
        #expect(result?.diagnostics.isEmpty == true)
        // Generous bound for unoptimised debug builds on a loaded machine.
        #expect(elapsed < .seconds(2))
    }
}
