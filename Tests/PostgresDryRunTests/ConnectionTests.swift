import Foundation
import LintCore
import Testing
@testable import PostgresDryRun

@Suite("libpq connection", .timeLimit(.minutes(2)))
struct ConnectionTests {
    @Test func connectsAndQueriesThroughTheEmbeddedServer() throws {
        let server = try TestServer.shared.get()
        let conn = try PGConnection(server.conninfo)
        defer { conn.close() }
        let rows = try conn.query("SELECT 1 + 1, NULL::text, 'é'")
        #expect(rows == [["2", nil, "é"]])
        // The URL form reaches the same server.
        let viaURL = try PGConnection(server.connectionURL)
        defer { viaURL.close() }
        #expect(try viaURL.query("SELECT current_user") == [["postgres"]])
        // Unix socket only: no TCP listener.
        #expect(try conn.query("SHOW listen_addresses") == [[""]])
        #expect(try conn.query("SHOW fsync") == [["off"]])
    }

    @Test func multiStatementBodiesAndDoBlocksRun() throws {
        let conn = try TestServer.shared.admin()
        defer { conn.close() }
        let result = try conn.exec("""
            CREATE TEMP TABLE t (x int); INSERT INTO t VALUES (1), (2);
            DO $$ BEGIN INSERT INTO t VALUES (3); END $$;
            SELECT count(*) FROM t;
            """)
        #expect(result.rows == [["3"]])
        #expect(result.columns == ["count"])
    }

    @Test func serverErrorsCarrySQLStateHintAndPosition() throws {
        let conn = try TestServer.shared.admin()
        defer { conn.close() }
        do {
            try conn.exec("SELECT 1;\nCREATE TABEL x (id int)")
            Issue.record("expected an error")
        } catch {
            #expect(error.sqlState == "42601")
            #expect(error.message.contains("TABEL"))
            #expect(error.position == 18)
        }
        do {
            try conn.exec("SELECT * FROM no_such_table_here")
            Issue.record("expected an error")
        } catch {
            #expect(error.sqlState == "42P01")
            #expect(error.description.hasPrefix("SQLSTATE 42P01: relation"))
        }
    }

    @Test func connectionFailuresMaskThePassword() {
        do {
            _ = try PGConnection("postgresql://bob:s3cret@/nodb?host=/nonexistent-dir-xyz", connectTimeout: 2)
            Issue.record("expected a connection error")
        } catch {
            #expect(!error.message.contains("s3cret"))
            #expect(error.message.contains("bob:****@"))
        }
    }

    @Test func quoting() {
        #expect(PGConnection.literal("it's") == "'it''s'")
        #expect(PGConnection.identifier("a\"b") == "\"a\"\"b\"")
    }
}
