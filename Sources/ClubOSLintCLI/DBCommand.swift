import ArgumentParser
import LintConfig
import LintCore
import LintDriver
import Migrations
import PostgresDryRun

/// `clubos-lint db diff`: schema parity between environments.
struct DBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Compare live database schemas (read-only).", subcommands: [Diff.self])

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare the catalogs of two databases, or of one database and what the migrations produce.",
            discussion: """
            clubos-lint db diff FROM_URL TO_URL          compares two live databases (read-only).
            clubos-lint db diff --migrations DIR URL     applies DIR on a throwaway database (on an embedded \
            server, or on --database-url) and compares it with URL.
            Schemas, tables, columns (type, default, nullability), constraints, indexes, enums (value order), \
            functions, triggers, views, sequences and extensions are compared. Exit 0: identical; 1: differences.
            Passwords are masked.
            """)

        @OptionGroup var configOptions: ConfigOptions
        @Option(name: .long, help: "Compare URL with the schema these migrations produce.") var migrations: String?
        @Option(name: .long, help: "Server for the throwaway database with --migrations (default: an embedded server).") var databaseURL: String?
        @Argument(help: "FROM_URL TO_URL, or URL with --migrations.") var urls: [String] = []

        func validate() throws {
            if migrations != nil, urls.count != 1 { throw ValidationError("with --migrations give exactly one URL to compare") }
            if migrations == nil, urls.count != 2 { throw ValidationError("give two URLs: FROM_URL TO_URL") }
        }

        func capture(_ url: String) throws -> CatalogSnapshot {
            do { return try CatalogSnapshot.capture(conninfo: url) } catch {
                throw CLIError("cannot read the catalog of \(maskPassword(in: url)): \(error)")
            }
        }

        func run() throws {
            let cwd = Paths.currentDirectory()
            let from: CatalogSnapshot, to: CatalogSnapshot
            let fromName: String, toName = maskPassword(in: urls.last ?? "")
            if let dir = migrations {
                from = try snapshotOfMigrations(dir, cwd: cwd)
                fromName = "the migrations in \(dir)"
                to = try capture(urls[0])
            } else {
                from = try capture(urls[0])
                to = try capture(urls[1])
                fromName = maskPassword(in: urls[0])
            }
            let lines = from.diff(to)
            if lines.isEmpty {
                Console.out("No schema differences between \(fromName) and \(toName).\n")
                return
            }
            var out = "Schema differences from \(fromName) to \(toName):\n"
            for l in lines { out += "  \(maskPassword(in: l))\n" }
            out += "\(lines.count) difference\(lines.count == 1 ? "" : "s").\n"
            Console.out(out)
            throw ExitCode(1)
        }

        /// Applies the migrations (up only) on a throwaway database and captures its catalog.
        func snapshotOfMigrations(_ directory: String, cwd: String) throws -> CatalogSnapshot {
            let config = try configOptions.load(cwd: cwd)
            let abs = Paths.absolute(directory, cwd: cwd)
            guard Paths.isDirectory(abs) else { throw CLIError("\(directory): no such directory") }
            let settings = MigrationSettings(node: config.settings(for: "migration"))
            let dir: MigrationDirectory
            do { dir = try MigrationDirectory.load(path: Paths.relative(abs, to: cwd), layout: settings.layout, diskPath: abs) } catch {
                throw CLIError("cannot read \(directory): \(error)")
            }
            let signals = SignalCleanup.install()
            defer { signals.cancel() }
            var server: EmbeddedPostgres? = nil
            defer { server?.stop() }
            let admin: String
            do {
                if let databaseURL { admin = databaseURL } else {
                    server = try EmbeddedPostgres.start()
                    admin = server!.connectionURL
                }
            } catch let e as PostgresSetupError { throw CLIError(e.message) }
            var options = DryRunOptions()
            options.databaseURL = admin
            options.handOverDatabase = true
            options.checkDowns = false
            options.checkLocks = false
            let report: DryRunReport
            do { report = try DryRun.run(MigrationDryRunBridge.migrations(dir, settings: settings), options: options) } catch let e as PostgresSetupError {
                SignalCleanup.yieldToHandlerIfInterrupted()
                throw CLIError(e.message)
            } catch {
                SignalCleanup.yieldToHandlerIfInterrupted()
                throw CLIError(maskPassword(in: "\(error)"))
            }
            SignalCleanup.yieldToHandlerIfInterrupted()
            defer {
                if let conn = try? PGConnection(admin) {
                    try? ThrowawayDatabase.drop(report.databaseName, using: conn)
                    conn.close()
                }
                DryRunCleanup.shared.unregister(database: report.databaseName)
            }
            if let failure = report.diagnostics.first(where: { $0.severity == .error }) {
                throw CLIError("the migrations do not apply: \(failure.file):\(failure.range.start.line):\(failure.range.start.column): \(failure.message)")
            }
            guard report.kept else { throw CLIError("the throwaway database was not kept") }
            do {
                let conn = try PGConnection(admin, database: report.databaseName)
                defer { conn.close() }
                return try CatalogSnapshot.capture(conn)
            } catch {
                throw CLIError("cannot read the catalog of the throwaway database: \(error)")
            }
        }
    }
}
