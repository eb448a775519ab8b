import LintCore

/// The rules the dry run emits. Their examples are live: each is a migration
/// file (`-- migrate:down` starts its down section) run against a real server
/// after the migrations in `DryRunRules.examplePreludes` for that rule; the
/// test suite checks that triggering examples produce the rule's findings at
/// the `↓` markers and non-triggering ones produce none.
public enum DryRunRules {
    /// The line that starts the down section in rule examples.
    public static let downMarker = "-- migrate:down"

    public static let dryRunFailed = RuleDescription(
        id: "migration/dry-run-failed", kind: .migration, severity: .error,
        summary: "Applies every migration in order to a throwaway PostgreSQL database and reports the first statement the server rejects.",
        rationale: "A migration that fails on a real server breaks the deploy: the runner stops half way and production is left between two schema versions.",
        help: "Fix the statement at the reported position (the server's hint and detail are shown), then run `npm run migrate:validate` again.",
        triggering: [
            RuleExample("CREATE TABLE members (id bigint PRIMARY KEY);\nCREATE ↓TABEL bays (id bigint PRIMARY KEY);\n", path: "migrations/002_create_bays.sql"),
            // Without a server position the finding is at the statement start.
            RuleExample("↓ALTER TABLE bookings ADD COLUMN bay_id bigint REFERENCES bays (id);\n", path: "migrations/002_add_bay.sql"),
            RuleExample("ALTER TABLE bookings ADD COLUMN starts_at timestamptz NOT NULL;\nINSERT INTO bookings (id, starts_at) VALUES (1, ↓'next tuesday');\n", path: "migrations/002_add_starts_at.sql"),
        ],
        nonTriggering: [
            RuleExample("CREATE TABLE bays (id bigint PRIMARY KEY);\nALTER TABLE bookings ADD COLUMN bay_id bigint REFERENCES bays (id);\n", path: "migrations/002_create_bays.sql"),
        ])

    public static let notRun = RuleDescription(
        id: "migration/not-run", kind: .migration, severity: .info,
        summary: "Lists the migrations that the dry run could not check because an earlier migration failed.",
        rationale: "A migration after a failure was never applied, so it is unverified and may hide further errors.",
        help: "Fix the failed migration reported by migration/dry-run-failed, then run the dry run again.",
        triggering: [
            RuleExample("↓CREATE TABLE feedback (id bigint PRIMARY KEY);\n", path: "migrations/002_create_feedback.sql"),
        ],
        nonTriggering: [])

    public static let downMismatch = RuleDescription(
        id: "migration/down-mismatch", kind: .migration, severity: .error,
        summary: "Runs every up, every down in reverse and every up again, and compares the catalog after each down with the catalog before its up.",
        rationale: "A down that leaves objects behind (or removes too much) makes rollbacks unsafe and makes the next up fail or silently diverge.",
        help: "Make the down undo exactly what the up did: drop what the up created and restore what it changed or dropped.",
        triggering: [
            RuleExample("CREATE INDEX idx_feedback_user ON feedback (user_id);\n-- migrate:down\n↓DROP INDEX IF EXISTS idx_feedback_users;\n", path: "migrations/003_add_feedback_index.sql"),
        ],
        nonTriggering: [
            RuleExample("CREATE INDEX idx_feedback_user ON feedback (user_id);\n-- migrate:down\nDROP INDEX idx_feedback_user;\n", path: "migrations/003_add_feedback_index.sql"),
        ])

    public static let accessExclusiveLock = RuleDescription(
        id: "migration/access-exclusive-lock", kind: .migration, severity: .warning,
        summary: "Reports statements that hold an ACCESS EXCLUSIVE lock on a table that existed before the migration.",
        rationale: "ACCESS EXCLUSIVE blocks every read and write of the table until the migration commits; on a busy table (bookings, messages) requests queue up and time out.",
        help: "Use a non-blocking form (CREATE INDEX CONCURRENTLY, ADD CONSTRAINT … NOT VALID then VALIDATE CONSTRAINT), or keep the statement fast and rely on a low lock_timeout.",
        triggering: [
            RuleExample("↓ALTER TABLE bookings ADD COLUMN note text;\n", path: "migrations/002_add_note.sql"),
        ],
        nonTriggering: [
            RuleExample("CREATE INDEX CONCURRENTLY idx_bookings_starts_at ON bookings (starts_at);\n", path: "migrations/002_index_starts_at.sql"),
            RuleExample("CREATE TABLE bays (id bigint PRIMARY KEY);\nALTER TABLE bays ADD COLUMN label text;\n", path: "migrations/002_create_bays.sql"),
        ])

    public static let tableRewrite = RuleDescription(
        id: "migration/table-rewrite", kind: .migration, severity: .warning,
        summary: "Reports statements that rewrite a table that existed before the migration (its storage file is replaced).",
        rationale: "A rewrite copies the whole table while holding an ACCESS EXCLUSIVE lock, so the table is unavailable for as long as the copy takes.",
        help: "Avoid the rewrite: add nullable columns and backfill in batches, avoid type changes that are not binary-compatible, or schedule the change in a maintenance window.",
        triggering: [
            RuleExample("↓ALTER TABLE bookings ALTER COLUMN id TYPE text;\n", path: "migrations/002_text_ids.sql"),
        ],
        nonTriggering: [
            RuleExample("ALTER TABLE bookings ADD COLUMN note text;\n", path: "migrations/002_add_note.sql"),
        ])

    public static let all: [RuleDescription] = [dryRunFailed, notRun, downMismatch, accessExclusiveLock, tableRewrite]

    /// The rules whose examples need a live server: a static example runner
    /// must skip them; `exampleDiagnostics` runs them (PostgresDryRunTests does).
    public static let liveExampleRuleIDs: Set<String> = Set(all.map(\.id))

    /// Runs one example of `rule` (code with the `↓` markers already removed)
    /// after that rule's prelude migrations, and returns the rule's findings
    /// in the example file.
    public static func exampleDiagnostics(rule: String, code: String, path: String, options: DryRunOptions) throws -> [Diagnostic] {
        var migrations = (examplePreludes[rule] ?? []).map { exampleMigration(path: $0.path, code: $0.sql) }
        migrations.append(exampleMigration(path: path, code: code))
        let report = try DryRun.run(migrations, options: options)
        return report.diagnostics.filter { $0.rule == rule && $0.file == path }
    }

    /// Migrations run before every example of a rule, as (path, SQL).
    public static let examplePreludes: [String: [(path: String, sql: String)]] = [
        dryRunFailed.id: [("migrations/001_create_bookings.sql", "CREATE TABLE bookings (id bigint PRIMARY KEY);\n")],
        notRun.id: [("migrations/001_broken.sql", "SELECT 1 / 0;\n")],
        downMismatch.id: [("migrations/001_create_feedback.sql", "CREATE TABLE feedback (id bigint PRIMARY KEY, user_id bigint);\n")],
        accessExclusiveLock.id: [("migrations/001_create_bookings.sql", "CREATE TABLE bookings (id bigint PRIMARY KEY, starts_at timestamptz);\n")],
        tableRewrite.id: [("migrations/001_create_bookings.sql", "CREATE TABLE bookings (id bigint PRIMARY KEY, starts_at timestamptz);\n")],
    ]

    /// Builds a migration from an example-style file: statements split at
    /// top-level `;`, a `-- migrate:down` line starting the down section.
    /// Version and name come from `NNN_name.sql`.
    public static func exampleMigration(path: String, code: String) -> DryRunMigration {
        let file = SourceFile(path: path, text: code)
        var downStart: Int? = nil
        for line in 1...file.lineCount where file.lineText(line).trimmingWhitespace() == downMarker {
            downStart = file.lineStarts[line - 1]
            break
        }
        let up = SQLText.split(file, from: 0, to: downStart ?? file.bytes.count)
        let down = downStart.map { SQLText.split(file, from: $0, to: file.bytes.count) }
        var base = Substring(path.split(separator: "/").last ?? Substring(path))
        if base.hasSuffix(".sql") { base = base.dropLast(4) }
        let parts = base.split(separator: "_", maxSplits: 1)
        let version = parts.first.map(String.init) ?? String(base)
        let name = parts.count > 1 ? String(parts[1]) : ""
        return DryRunMigration(file: file, version: version, name: name, up: up, down: down)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        String(self.drop(while: { $0.isWhitespace }).reversed().drop(while: { $0.isWhitespace }).reversed())
    }
}
