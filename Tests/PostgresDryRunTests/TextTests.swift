import LintCore
import Testing
@testable import PostgresDryRun

@Suite("password masking, SQL text, catalog snapshots")
struct TextTests {
    @Test(arguments: [
        ("postgresql://user:secret@host/db", "postgresql://user:****@host/db"),
        ("postgres://u:p%40ss@db.example.com:5432/clubos?sslmode=require", "postgres://u:****@db.example.com:5432/clubos?sslmode=require"),
        ("postgresql://u:p@ss@host/db", "postgresql://u:****@host/db"),
        ("postgresql://user@host/db", "postgresql://user@host/db"),
        ("postgresql://host/db", "postgresql://host/db"),
        ("host=h user=u password=secret dbname=d", "host=h user=u password=**** dbname=d"),
        ("host=h password='se cret' dbname=d", "host=h password=**** dbname=d"),
        ("postgresql:///db?host=/tmp&password=secret&user=u", "postgresql:///db?host=/tmp&password=****&user=u"),
        ("failed: could not connect to postgresql://a:b@c/d and postgresql://e:f@g/h", "failed: could not connect to postgresql://a:****@c/d and postgresql://e:****@g/h"),
        ("PASSWORD=x", "PASSWORD=****"),
        ("no secrets here: the password is long", "no secrets here: the password is long"),
        ("", ""),
    ])
    func maskPasswordTable(_ input: String, _ expected: String) {
        #expect(maskPassword(in: input) == expected)
    }

    @Test func connectionTargetsCompareHostAndDatabase() throws {
        let a = try ConnectionTarget(parsing: "postgresql://u:p@DB.example.com:5432/clubos")
        let b = try ConnectionTarget(parsing: "host=db.example.com port=6543 dbname=clubos user=other")
        let c = try ConnectionTarget(parsing: "postgresql://u:p@db.example.com/postgres")
        #expect(a.host == "DB.example.com" && a.database == "clubos" && a.port == "5432")
        #expect(a.sameHostAndDatabase(as: b))
        #expect(!a.sameHostAndDatabase(as: c))
        #expect(throws: PGError.self) { try ConnectionTarget(parsing: "postgresql://u:pw@host:notaport:x/db?bogus=1") }
    }

    @Test func splitterRespectsQuotesCommentsAndDollarQuotes() {
        let code = """
            -- a; comment
            INSERT INTO t VALUES ('a;b', E'c\\';d', "x;y");
            /* block ; /* nested ; */ still */ SELECT 1;
            CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$;
            DO $$ BEGIN PERFORM 1; END $$;
            CREATE UNIQUE INDEX CONCURRENTLY i ON t (a);
            VACUUM t
            """
        let file = SourceFile(path: "x.sql", text: code)
        let statements = SQLText.split(file)
        #expect(statements.count == 6)
        #expect(statements.map(\.nonTransactional) == [false, false, false, false, true, true])
        for s in statements {
            #expect(file.slice(s.startOffset, s.startOffset + s.sql.utf8.count) == s.sql)
        }
        #expect(statements[2].sql.contains("$body$ SELECT 1; $body$"))
    }

    @Test func unterminatedInputDoesNotHang() {
        for code in ["SELECT 'abc", "SELECT $$abc", "/* open", "SELECT \"x", "$a", "E'\\"] {
            let statements = SQLText.split(SourceFile(path: "x.sql", text: code))
            #expect(statements.count <= 1)
        }
    }

    @Test func scalarPositionsBecomeByteOffsets() {
        let sql = "SELECT 'é—ü', x"
        #expect(SQLText.byteOffset(ofScalar: 0, in: sql) == (0, 1))
        #expect(SQLText.byteOffset(ofScalar: 8, in: sql) == (8, 2))
        #expect(SQLText.byteOffset(ofScalar: 9, in: sql) == (10, 3))
        #expect(SQLText.byteOffset(ofScalar: 100, in: sql).length == 0)
        #expect(SQLText.leadingTriviaByteCount("  -- c\n /* a /* b */ */\nSELECT") == 24)
    }

    @Test func snapshotDiffLinesAreReadable() {
        let a = CatalogSnapshot(entries: [
            .init(kind: "table", name: "bookings", definition: "table"),
            .init(kind: "column", name: "bookings.note", definition: "text NULL"),
        ])
        let b = CatalogSnapshot(entries: [
            .init(kind: "table", name: "bookings", definition: "table"),
            .init(kind: "column", name: "bookings.note", definition: "integer NULL"),
            .init(kind: "index", name: "idx_feedback_user", definition: "CREATE INDEX idx_feedback_user ON public.feedback USING btree (user_id)"),
        ])
        #expect(a == a)
        #expect(a != b)
        #expect(a.diff(a) == [])
        #expect(a.diff(b) == [
            "column bookings.note differs: first `text NULL`, second `integer NULL`",
            "index idx_feedback_user exists only in the second database: `CREATE INDEX idx_feedback_user ON public.feedback USING btree (user_id)`",
        ])
    }

    @Test func rulesAreDocumented() {
        for rule in DryRunRules.all {
            #expect(RuleDescription.isValidID(rule.id))
            #expect(rule.kind == .migration)
            #expect(!rule.summary.isEmpty && !rule.rationale.isEmpty && rule.help != nil)
            #expect(!rule.triggering.isEmpty)
        }
    }
}
