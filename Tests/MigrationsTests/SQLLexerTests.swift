import Testing
import LintCore
@testable import Migrations

@Suite struct SQLLexerTests {
    static func render(_ sql: String) -> [String] {
        SQLLexer.tokenize(Array(sql.utf8)).tokens.map { t in
            let k: String
            switch t.kind {
            case .word: k = "w"
            case .quotedIdentifier: k = "qi"
            case .string: k = "s"
            case .dollarString: k = "ds"
            case .number: k = "n"
            case .parameter: k = "p"
            case .punct: k = "."
            case .semicolon: k = ";"
            case .lineComment: k = "lc"
            case .blockComment: k = "bc"
            case .backtickIdentifier: k = "bt"
            case .psqlMetaCommand: k = "meta"
            }
            return "\(k)|\(t.text)"
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var sql: String
        var tokens: [String]
        var testDescription: String { sql }
    }

    static let cases: [Case] = [
        Case(sql: "SELECT 'it''s';", tokens: ["w|SELECT", "s|'it''s'", ";|;"]),
        Case(sql: "E'a\\'b;c'", tokens: ["s|E'a\\'b;c'"]),
        Case(sql: "e'\\\\'", tokens: ["s|e'\\\\'"]),
        Case(sql: "U&'d\\0061t'", tokens: ["s|U&'d\\0061t'"]),
        Case(sql: "U&\"d;x\"", tokens: ["qi|U&\"d;x\""]),
        Case(sql: "B'1010' X'1F' N'x'", tokens: ["s|B'1010'", "s|X'1F'", "s|N'x'"]),
        Case(sql: "\"we\"\"ird;\"", tokens: ["qi|\"we\"\"ird;\""]),
        Case(sql: "/* a /* b; */ c; */ x", tokens: ["bc|/* a /* b; */ c; */", "w|x"]),
        Case(sql: "-- c; 'x\ny", tokens: ["lc|-- c; 'x", "w|y"]),
        Case(sql: "$$a;'b$$", tokens: ["ds|$$a;'b$$"]),
        Case(sql: "$fn$ x $$ y; $$ z $fn$;", tokens: ["ds|$fn$ x $$ y; $$ z $fn$", ";|;"]),
        Case(sql: "DO $$BEGIN NULL; END$$;", tokens: ["w|DO", "ds|$$BEGIN NULL; END$$", ";|;"]),
        Case(sql: "$1 + $2", tokens: ["p|$1", ".|+", "p|$2"]),
        Case(sql: "a$b $x", tokens: ["w|a$b", ".|$", "w|x"]),
        Case(sql: "x::int", tokens: ["w|x", ".|::", "w|int"]),
        Case(sql: "1.5e-3 .5 10", tokens: ["n|1.5e-3", "n|.5", "n|10"]),
        Case(sql: "`t`", tokens: ["bt|`t`"]),
        Case(sql: "\\i x.sql\nSELECT 1", tokens: ["meta|\\i x.sql", "w|SELECT", "n|1"]),
        Case(sql: "SELECT 'a\n\\i b'", tokens: ["w|SELECT", "s|'a\n\\i b'"]),
        Case(sql: "café ünï", tokens: ["w|café", "w|ünï"]),
        Case(sql: "ON CONFLICT (id) DO NOTHING;", tokens: ["w|ON", "w|CONFLICT", ".|(", "w|id", ".|)", "w|DO", "w|NOTHING", ";|;"]),
    ]

    @Test(arguments: cases)
    func tokens(_ c: Case) {
        #expect(Self.render(c.sql) == c.tokens)
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var sql: String
        var kind: SQLLexError.Kind
        var offset: Int
        var testDescription: String { sql }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(sql: "SELECT 'abc", kind: .unterminated, offset: 7),
        ErrorCase(sql: "SELECT E'abc\\'", kind: .unterminated, offset: 7),
        ErrorCase(sql: "SELECT \"abc", kind: .unterminated, offset: 7),
        ErrorCase(sql: "x /* a /* b */", kind: .unterminated, offset: 2),
        ErrorCase(sql: "AS $fn$ body $$", kind: .unterminated, offset: 3),
        ErrorCase(sql: "SELECT 1;\n  \\set x 1\n", kind: .psqlMetaCommand, offset: 12),
    ]

    @Test(arguments: errorCases)
    func errors(_ c: ErrorCase) {
        let errs = SQLLexer.tokenize(Array(c.sql.utf8)).errors
        #expect(errs.count == 1)
        #expect(errs.first?.kind == c.kind)
        #expect(errs.first?.start == c.offset)
    }

    @Test func stringValues() {
        let toks = SQLLexer.tokenize(Array("'it''s' E'a\\'b' N'x' 'x'".utf8)).tokens
        #expect(toks.map(\.stringValue) == ["it's", "a'b", "x", "x"])
    }

    @Test func identifierNames() {
        let toks = SQLLexer.tokenize(Array("Users \"Users\" \"a\"\"b\"".utf8)).tokens
        #expect(toks.map(\.identifierName) == ["users", "Users", "a\"b"])
    }
}
