import Foundation
import LintCore
import Testing
@testable import PostgresDryRun

@Suite("migration dry run", .timeLimit(.minutes(3)))
struct DryRunTests {
    @Test func cleanChainAppliesAndSurvivesUpDownUp() throws {
        let migrations = try Fixtures.chain("clean")
        #expect(migrations.count == 3)
        #expect(migrations.allSatisfy { $0.down != nil })
        let report = try DryRun.run(migrations, options: try Fixtures.options())
        #expect(report.diagnostics == [], "\(report.diagnostics.map(\.message))")
        #expect(report.appliedCount == 3)
        #expect(report.databaseName.hasPrefix("clubos_lint_\(getpid())_"))
        #expect(!report.kept)
        #expect(try !Fixtures.databaseExists(report.databaseName))
    }

    @Test func syntaxErrorIsReportedAtFileLineAndScalarColumn() throws {
        let report = try DryRun.run(try Fixtures.chain("syntax-error"), options: try Fixtures.options())
        let failures = report.diagnostics.filter { $0.rule == "migration/dry-run-failed" }
        try #require(failures.count == 1)
        let d = failures[0]
        #expect(d.severity == .error)
        #expect(d.file == "syntax-error/002_bad_type.sql")
        // Line 3 is `CREATE TABLE café (naïve text, größe intt4);`: the column
        // counts Unicode scalars, not bytes.
        #expect(d.range.start.line == 3)
        #expect(d.range.start.column == 38)
        #expect(d.message == "SQLSTATE 42704: type \"intt4\" does not exist")
        #expect(report.appliedCount == 1)
        #expect(try !Fixtures.databaseExists(report.databaseName))
    }

    @Test func migrationsAfterAFailureAreMarkedNotRun() throws {
        let report = try DryRun.run(try Fixtures.chain("syntax-error"), options: try Fixtures.options())
        let notRun = report.diagnostics.filter { $0.rule == "migration/not-run" }
        #expect(notRun.map(\.file) == ["syntax-error/003_never_runs.sql", "syntax-error/004_never_runs_either.sql"])
        #expect(notRun.allSatisfy { $0.message.contains("because 002_bad_type failed") && $0.severity == .info })
        #expect(notRun.allSatisfy { $0.range.start == SourcePosition(line: 1, column: 1) })
    }

    @Test func badDownReportsTheLeftoverIndexReadably() throws {
        let report = try DryRun.run(try Fixtures.chain("bad-down"), options: try Fixtures.options())
        let mismatches = report.diagnostics.filter { $0.rule == "migration/down-mismatch" }
        #expect(mismatches.map(\.message) == [
            "index idx_feedback_user remains after the down of 002_add_feedback_index; drop it in the down migration",
        ])
        let d = try #require(mismatches.first)
        #expect(d.file == "bad-down/002_add_feedback_index.down.sql")
        #expect(d.range.start.line == 2 && d.range.start.column == 1)
        #expect(d.severity == .error)
        // The down of 001 drops the table and with it the index, so the
        // leftover is reported once and the second up applies.
        #expect(report.diagnostics.map(\.rule) == ["migration/down-mismatch", "migration/access-exclusive-lock"])
        #expect(try !Fixtures.databaseExists(report.databaseName))
    }

    @Test func downMismatchReportsMissingAndChangedObjects() throws {
        let up = "CREATE TABLE members (id bigint PRIMARY KEY, email text NOT NULL);\n"
        let second = """
            ALTER TABLE members ALTER COLUMN email DROP NOT NULL;
            -- migrate:down
            DROP TABLE members;
            """
        let migrations = [
            DryRunRules.exampleMigration(path: "m/001_members.sql", code: up),
            DryRunRules.exampleMigration(path: "m/002_relax_email.sql", code: second),
        ]
        let report = try DryRun.run(migrations, options: try Fixtures.options { $0.checkLocks = false })
        let messages = report.diagnostics.filter { $0.rule == "migration/down-mismatch" }.map(\.message)
        #expect(messages.contains("table members is missing after the down of 002_relax_email (it existed before the up); recreate it in the down migration"))
        #expect(messages.contains { $0.hasPrefix("column members.email is missing after the down of 002_relax_email") })
        #expect(messages.contains("index members_pkey is missing after the down of 002_relax_email (it existed before the up); recreate it in the down migration"))
    }

    @Test func concurrentIndexRunsOutsideTheTransaction() throws {
        let code = """
            CREATE TABLE visits (id bigint, member_id bigint);
            CREATE INDEX CONCURRENTLY idx_visits_member ON visits (member_id);
            INSERT INTO visits VALUES (1, 2);
            """
        let migration = DryRunRules.exampleMigration(path: "m/001_visits.sql", code: code)
        #expect(migration.up.map(\.nonTransactional) == [false, true, false])
        let report = try DryRun.run([migration], options: try Fixtures.options())
        #expect(report.diagnostics == [])

        // The same statement inside the migration's transaction is rejected by
        // the server, which proves the flag is what moved it out.
        var inside = migration
        inside.up[1].nonTransactional = false
        let failed = try DryRun.run([inside], options: try Fixtures.options())
        let d = try #require(failed.diagnostics.first)
        #expect(d.rule == "migration/dry-run-failed")
        #expect(d.message.hasPrefix("SQLSTATE 25001: CREATE INDEX CONCURRENTLY cannot run inside a transaction block"))
        #expect(d.range.start.line == 2 && d.range.start.column == 1)
    }

    @Test func alterOfAPreExistingTableWarnsAboutTheLockAndTheRewrite() throws {
        let migrations = [
            DryRunRules.exampleMigration(path: "m/001_bookings.sql", code: "CREATE TABLE bookings (id int PRIMARY KEY, bay int);\nALTER TABLE bookings ADD COLUMN x int;\n"),
            DryRunRules.exampleMigration(path: "m/002_alter.sql", code: """
                SELECT 1;
                  ALTER TABLE bookings ADD COLUMN note text;
                ALTER TABLE bookings ALTER COLUMN bay TYPE bigint;
                """),
        ]
        let report = try DryRun.run(migrations, options: try Fixtures.options())
        let locks = report.diagnostics.filter { $0.rule == "migration/access-exclusive-lock" }
        // One warning per table and migration, at the first statement taking the lock;
        // the table created in the same migration (001) is not reported.
        #expect(locks.count == 1)
        #expect(locks.first?.file == "m/002_alter.sql")
        #expect(locks.first?.range.start.line == 2)
        #expect(locks.first?.range.start.column == 3)
        #expect(locks.first?.severity == .warning)
        #expect(locks.first?.message.contains("ACCESS EXCLUSIVE lock on existing table bookings") == true)
        let rewrites = report.diagnostics.filter { $0.rule == "migration/table-rewrite" }
        #expect(rewrites.count == 1)
        #expect(rewrites.first?.range.start.line == 3)
        #expect(rewrites.first?.message.contains("rewrites existing table bookings") == true)
    }

    @Test func baselineRunsFirstAndItsErrorsArePositioned() throws {
        let migration = DryRunRules.exampleMigration(path: "m/001_use_baseline.sql", code: "INSERT INTO clubs VALUES (1);\n")
        let ok = try DryRun.run([migration], options: try Fixtures.options {
            $0.baseline = SourceFile(path: "baseline.sql", text: "CREATE TABLE clubs (id int);\nCREATE INDEX CONCURRENTLY clubs_id ON clubs (id);\n")
        })
        #expect(ok.diagnostics == [])
        let bad = try DryRun.run([migration], options: try Fixtures.options {
            $0.baseline = SourceFile(path: "baseline.sql", text: "CREATE TABLE clubs (id int);\n  SELECT 1; SELEC 1;\n")
        })
        #expect(bad.diagnostics.map(\.rule) == ["migration/dry-run-failed", "migration/not-run"])
        #expect(bad.diagnostics.first?.file == "baseline.sql")
        #expect(bad.diagnostics.first.map { ($0.range.start.line, $0.range.start.column) } ?? (0, 0) == (2, 13))
    }

    @Test func errorsInsideDoBlocksCarryTheServerContext() throws {
        let code = "DO $$\nBEGIN\n  RAISE EXCEPTION 'boom' USING HINT = 'check the data';\nEND\n$$;\n"
        let report = try DryRun.run([DryRunRules.exampleMigration(path: "m/001_do.sql", code: code)], options: try Fixtures.options())
        let d = try #require(report.diagnostics.first)
        #expect(d.message == "SQLSTATE P0001: boom")
        #expect(d.help?.hasPrefix("check the data") == true)
        #expect(d.help?.contains("PL/pgSQL") == true)
        #expect(d.range.start == SourcePosition(line: 1, column: 1))
    }

    @Test func deferredConstraintFailuresAtCommitPointAtTheLastStatement() throws {
        let code = """
            CREATE TABLE a (id int PRIMARY KEY);
            CREATE TABLE b (a_id int REFERENCES a DEFERRABLE INITIALLY DEFERRED);
            INSERT INTO b VALUES (1);
            """
        let report = try DryRun.run([DryRunRules.exampleMigration(path: "m/001_deferred.sql", code: code)], options: try Fixtures.options())
        let d = try #require(report.diagnostics.first)
        #expect(report.diagnostics.count == 1)
        #expect(d.message.hasPrefix("SQLSTATE 23503: insert or update on table \"b\" violates foreign key constraint"))
        #expect(d.message.hasSuffix("(at COMMIT of 001_deferred)"))
        #expect(d.range.start.line == 3 && d.range.start.column == 1)
        #expect(d.help?.contains("is not present in table") == true)
    }

    @Test func sessionTimeoutsAreFinite() throws {
        let code = """
            DO $$ BEGIN
              IF current_setting('lock_timeout') <> '2s' OR current_setting('statement_timeout') <> '20s' THEN
                RAISE EXCEPTION 'timeouts are % / %', current_setting('lock_timeout'), current_setting('statement_timeout');
              END IF;
            END $$;
            """
        let report = try DryRun.run([DryRunRules.exampleMigration(path: "m/001_check.sql", code: code)], options: try Fixtures.options())
        #expect(report.diagnostics == [], "\(report.diagnostics.map(\.message))")
        // A statement over the limit is cancelled and reported, not waited for.
        let slow = try DryRun.run([DryRunRules.exampleMigration(path: "m/001_slow.sql", code: "SELECT pg_sleep(5);\n")],
                                  options: try Fixtures.options { $0.statementTimeoutMilliseconds = 300 })
        #expect(slow.diagnostics.map(\.message) == ["SQLSTATE 57014: canceling statement due to statement timeout"])
    }

    @Test func emptyInputsAndOutOfRangeOffsetsDoNotCrash() throws {
        #expect(try DryRun.run([], options: try Fixtures.options()).diagnostics == [])
        let file = SourceFile(path: "m/001_odd.sql", text: "SELEC 1;")
        let odd = DryRunMigration(file: file, version: "001", name: "odd", up: [
            DryRunStatement(sql: "SELEC 1;", startOffset: 10_000),
        ], down: [])
        let report = try DryRun.run([odd], options: try Fixtures.options())
        #expect(report.diagnostics.map(\.rule) == ["migration/dry-run-failed"])
        #expect(report.diagnostics.first?.range.start.line == 1)
    }

    @Test func unreachableServersAreSetupErrorsWithMaskedPasswords() throws {
        let migration = DryRunRules.exampleMigration(path: "m/001_t.sql", code: "SELECT 1;\n")
        #expect {
            _ = try DryRun.run([migration], options: DryRunOptions(
                databaseURL: "postgresql://ci:topsecret@/db?host=/nonexistent-socket-dir", productionDatabaseURL: nil))
        } throws: { error in
            let text = "\(error)"
            return error is PostgresSetupError && !text.contains("topsecret") && text.contains("ci:****@")
        }
    }

    @Test func keepLeavesTheDatabaseForInspection() throws {
        let migration = DryRunRules.exampleMigration(path: "m/001_t.sql", code: "CREATE TABLE kept_table (id int);\n")
        let report = try DryRun.run([migration], options: try Fixtures.options { $0.keep = true })
        #expect(report.kept)
        #expect(try Fixtures.databaseExists(report.databaseName))
        #expect(!DryRunCleanup.shared.pendingDatabases.contains(report.databaseName))
        let conn = try PGConnection(try TestServer.shared.get().conninfo, database: report.databaseName)
        #expect(try conn.query("SELECT count(*) FROM kept_table") == [["0"]])
        conn.close()
        let admin = try TestServer.shared.admin()
        defer { admin.close() }
        try ThrowawayDatabase.drop(report.databaseName, using: admin)
        #expect(try !Fixtures.databaseExists(report.databaseName))
    }

    @Test func refusesTheProductionServerUnlessAllowed() throws {
        let server = try TestServer.shared.get()
        let migration = DryRunRules.exampleMigration(path: "m/001_t.sql", code: "SELECT 1;\n")
        let production = "postgresql://admin:hunter2@/postgres?host=\(percentEncode(server.directory))"
        do {
            _ = try DryRun.run([migration], options: try Fixtures.options { $0.productionDatabaseURL = production })
            Issue.record("expected a refusal")
        } catch let error as PostgresSetupError {
            #expect(error.message.contains("PRODUCTION_DATABASE_URL"))
            #expect(!error.message.contains("hunter2"))
        }
        let allowed = try DryRun.run([migration], options: try Fixtures.options {
            $0.productionDatabaseURL = production
            $0.allowProductionServer = true
        })
        #expect(allowed.diagnostics == [])
        // A different database on the same host is not production.
        let other = try DryRun.run([migration], options: try Fixtures.options {
            $0.productionDatabaseURL = "postgresql://admin:hunter2@/clubos?host=\(percentEncode(server.directory))"
        })
        #expect(other.diagnostics == [])
    }
}
