import LintCore
import Testing
@testable import PostgresDryRun

@Suite("catalog snapshots (live)", .timeLimit(.minutes(2)))
struct CatalogSnapshotTests {
    /// Runs `body` with a connection to a fresh throwaway database, dropped afterwards.
    func withDatabase(_ body: (PGConnection, String) throws -> Void) throws {
        let server = try TestServer.shared.get()
        let admin = try TestServer.shared.admin()
        defer { admin.close() }
        let db = try ThrowawayDatabase.create(using: admin, adminConninfo: server.conninfo)
        defer {
            try? ThrowawayDatabase.drop(db.name, using: admin)
            DryRunCleanup.shared.unregister(database: db.name)
        }
        let conn = try PGConnection(server.conninfo, database: db.name)
        defer { conn.close() }
        try body(conn, db.name)
    }

    static let schema = """
        CREATE EXTENSION IF NOT EXISTS pgcrypto;
        CREATE SCHEMA ops;
        CREATE TYPE ops.tier AS ENUM ('bronze', 'silver', 'gold');
        CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');
        CREATE SEQUENCE ref_seq START 100 INCREMENT 5;
        CREATE TABLE members (id bigint PRIMARY KEY, mail email NOT NULL, tier ops.tier DEFAULT 'bronze', code text COLLATE "C");
        CREATE UNIQUE INDEX members_mail ON members (mail);
        ALTER TABLE members ENABLE ROW LEVEL SECURITY;
        CREATE POLICY own_rows ON members FOR SELECT USING (id > 0);
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE TRIGGER members_touch BEFORE UPDATE ON members FOR EACH ROW EXECUTE FUNCTION touch();
        CREATE VIEW gold_members AS SELECT id FROM members WHERE tier = 'gold';
        """

    @Test func capturesEveryObjectKind() throws {
        try withDatabase { conn, _ in
            try conn.exec(Self.schema)
            let snapshot = try CatalogSnapshot.capture(conn)
            let e = snapshot.entries
            #expect(e["extension pgcrypto"] != nil)
            #expect(e["schema ops"] != nil && e["schema public"] != nil)
            #expect(e["enum ops.tier"]?.definition == "('bronze', 'silver', 'gold')")
            #expect(e["domain email"]?.definition == "text")
            #expect(e["constraint email.email_check"] == nil) // domain checks are part of no table
            #expect(e["sequence ref_seq"]?.definition.contains("start 100 increment 5") == true)
            #expect(e["table members"]?.definition == "table, row level security enabled")
            #expect(e["column members.tier"]?.definition == "ops.tier NULL DEFAULT 'bronze'::ops.tier")
            #expect(e["column members.code"]?.definition == "text COLLATE C NULL")
            #expect(e["column members.mail"]?.definition == "email NOT NULL")
            #expect(e["constraint members.members_pkey"]?.definition == "PRIMARY KEY (id)")
            #expect(e["index members_mail"]?.definition == "CREATE UNIQUE INDEX members_mail ON public.members USING btree (mail)")
            #expect(e["policy members.own_rows"]?.definition.contains("(id > 0)") == true)
            #expect(e["function touch()"]?.definition.hasPrefix("md5 ") == true)
            #expect(e["trigger members.members_touch"] != nil)
            #expect(e["view gold_members"] != nil)
            // Functions of the extension are not user objects.
            #expect(!e.keys.contains { $0.hasPrefix("function digest(") })
        }
    }

    @Test func detectsChangedFunctionsAndEnumOrder() throws {
        try withDatabase { conn, _ in
            try conn.exec(Self.schema)
            let before = try CatalogSnapshot.capture(conn)
            #expect(try CatalogSnapshot.capture(conn) == before)
            try conn.exec("""
                CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$;
                ALTER TYPE ops.tier ADD VALUE 'platinum' BEFORE 'bronze';
                DROP VIEW gold_members;
                """)
            let after = try CatalogSnapshot.capture(conn)
            let lines = before.diff(after)
            #expect(lines.count == 3, "\(lines)")
            #expect(lines.contains("enum ops.tier differs: first `('bronze', 'silver', 'gold')`, second `('platinum', 'bronze', 'silver', 'gold')`"))
            #expect(lines.contains { $0.hasPrefix("view gold_members exists only in the first database") })
            #expect(lines.contains { $0.hasPrefix("function touch() differs: first `md5 ") })
        }
    }

    @Test func comparesTwoDatabasesByConnectionString() throws {
        let server = try TestServer.shared.get()
        try withDatabase { first, firstName in
            try withDatabase { second, secondName in
                try first.exec("CREATE TABLE a (id int)")
                try second.exec("CREATE TABLE a (id bigint)")
                let a = try CatalogSnapshot.capture(conninfo: "\(server.conninfo.replacing("dbname=postgres", with: "dbname=\(firstName)"))")
                let b = try CatalogSnapshot.capture(conninfo: "\(server.conninfo.replacing("dbname=postgres", with: "dbname=\(secondName)"))")
                #expect(a.diff(b) == ["column a.id differs: first `integer NULL`, second `bigint NULL`"])
            }
        }
    }
}
