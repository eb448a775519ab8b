import ArgumentParser
import Dispatch
import LintConfig
import LintCore
import LintDriver
import Migrations
import PostgresDryRun
import Reporters
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Migration checks: the dry run (validate), the static lint and the checksum file.",
        subcommands: [Validate.self, Lint.self, Hash.self])

    /// `migrate validate`: static lint plus a dry run on a throwaway database (what `migrate:validate` runs).
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lint the migrations, then apply them on a throwaway PostgreSQL database (up, down, up) that is always dropped.",
            discussion: """
            The target server is --database-url, else $DATABASE_URL, else a private embedded server (initdb in a \
            temporary directory, unix socket only, removed at exit). Migrations never run in the database the URL \
            names: a database clubos_lint_<pid>_<random> is created from template0 and dropped with FORCE, also on \
            SIGINT and SIGTERM. A URL with the host and database of $PRODUCTION_DATABASE_URL is refused unless \
            --allow-production-server is given. Passwords are masked in all output.
            """)

        @OptionGroup var configOptions: ConfigOptions
        @OptionGroup var reporting: ReportingOptions
        @Option(name: .long, help: "Server where clubos-lint may CREATE DATABASE (default: $DATABASE_URL, else an embedded server).")
        var databaseURL: String?
        @Option(name: .long, help: "SQL file run first in the throwaway database (for chains that do not stand alone).")
        var baseline: String?
        @Flag(name: .long, help: "Keep the throwaway database for debugging and print its name.")
        var keep = false
        @Flag(name: .long, help: "Allow a server whose host and database equal $PRODUCTION_DATABASE_URL.")
        var allowProductionServer = false
        @Option(name: .long, help: "lock_timeout for migration statements, in milliseconds.")
        var lockTimeout: Int = 5_000
        @Option(name: .long, help: "statement_timeout for migration statements, in milliseconds.")
        var statementTimeout: Int = 60_000
        @Flag(name: .long, help: "Skip the down pass (up only).")
        var upOnly = false
        @Option(name: .long, help: "Base git ref: a new migration must not sort below the newest one on REF.")
        var base: String?
        @Argument(help: "The migrations directory.") var directory: String = "migrations"

        func validate() throws {
            if lockTimeout <= 0 || statementTimeout <= 0 { throw ValidationError("timeouts must be positive") }
        }

        func run() throws {
            let cwd = Paths.currentDirectory()
            let started = Clock.now()
            let config = try configOptions.load(cwd: cwd)
            let abs = Paths.absolute(directory, cwd: cwd)
            guard Paths.isDirectory(abs) else { throw CLIError("\(directory): no such directory") }

            // Static lint first: the same findings as `check` on the directory.
            var baseVersions: [String]? = nil
            if let base {
                do { baseVersions = try ChangedFiles.migrationVersions(at: base, in: cwd) } catch { throw CLIError("--base \(base): \(error)") }
            }
            let engine = LintEngine(configuration: config, checkers: CheckerRegistry.builtin(configuration: config, migrationBaseVersions: baseVersions), cwd: cwd)
            var request = CheckRequest(paths: [abs], kinds: [.migration])
            request.onlyClaimedFiles = true
            let lint = engine.run(request)

            // Then the dry run.
            var baselineFile: SourceFile? = nil
            if let baseline {
                do { baselineFile = SourceFile(path: baseline, bytes: try FileIO.readBytes(Paths.absolute(baseline, cwd: cwd))) }
                catch { throw CLIError("--baseline: \(error)") }
            }
            let progress = Progress(enabled: !reporting.quiet && Console.isTTY(2), started: started)
            let result = try MigrationDryRunner.run(directory: abs, config: config, cwd: cwd, databaseURL: databaseURL) { options in
                options.progress = { done, total in progress.update("applied \(done)/\(total) migrations") }
                options.keep = keep
                options.allowProductionServer = allowProductionServer
                options.lockTimeoutMilliseconds = lockTimeout
                options.statementTimeoutMilliseconds = statementTimeout
                options.checkDowns = !upOnly
                options.baseline = baselineFile
            }
            progress.finish()
            let report = result.report
            let migrations = result.migrations
            if report.kept {
                Console.error("clubos-lint: kept database \(report.databaseName)" + (report.keptConnectionInfo.map { " (\(maskPassword(in: $0)))" } ?? ""))
            }
            if !reporting.quiet {
                Console.error("clubos-lint: applied \(report.appliedCount) of \(migrations.count) migration(s) on a throwaway database")
            }
            var sources = lint.sources
            for (path, file) in result.sources where sources[path] == nil { sources[path] = file }
            var catalog = lint.catalog
            for r in DryRunRules.all { catalog.add(r) }
            var checked = lint.checked.map { CheckRecord(kind: $0.kind, file: $0.file, rule: $0.rule) }
            for m in migrations { for r in DryRunRules.all { checked.append(CheckRecord(kind: .migration, file: m.file.path, rule: r.id)) } }
            let diagnostics = (lint.diagnostics + report.diagnostics.compactMap { config.effective($0) }).sorted(by: Diagnostic.sortOrder)
            let input = ReportInput(diagnostics: diagnostics, checks: checked, catalog: catalog, files: sources,
                                    fileCount: lint.fileCount, durationSeconds: Clock.now() - started, toolVersion: ToolVersion.string,
                                    startedAt: ReportInput.timestamp(unixSeconds: Int64(started)))
            let code = try reporting.emit(input, inputs: lint.inputs, cwd: cwd)
            if code != 0 { throw ExitCode(code) }
        }
    }

    /// `migrate lint`: the static lint only (no database), as the pre-commit hook runs it.
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Static lint of migration SQL (no database).")
        @OptionGroup var configOptions: ConfigOptions
        @OptionGroup var reporting: ReportingOptions
        @Option(name: .long, help: "Base git ref: a new migration must not sort below the newest one on REF.") var base: String?
        @Argument(help: "Migration files or directories.") var paths: [String] = ["migrations"]

        func run() throws {
            let selection = try SelectionOptions.parse(["--kind", "migration", "--only-claimed"] + (base.map { ["--base", $0] } ?? []))
            let code = try CheckRunner.run(paths: paths, kinds: selection.kinds, jobs: 0, ruleDirs: [], selection: selection, configOptions: configOptions, reporting: reporting)
            if code != 0 { throw ExitCode(code) }
        }
    }

    /// `migrate hash`: rewrites migrations.sum atomically.
    struct Hash: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rewrite the directory's migrations.sum (chained SHA-256 over names and contents).")
        @Flag(name: .long, help: "Only check that migrations.sum is current (exit 1 when not).") var check = false
        @Argument(help: "The migrations directory.") var directory: String = "migrations"

        func run() throws {
            let cwd = Paths.currentDirectory()
            let abs = Paths.absolute(directory, cwd: cwd)
            guard Paths.isDirectory(abs) else { throw CLIError("\(directory): no such directory") }
            let text: String
            do { text = try MigrationChecksums.sumText(directoryAt: abs) } catch { throw CLIError("cannot read \(directory): \(error)") }
            let target = abs + "/" + MigrationDirectory.sumFileName
            let current = (try? FileIO.readBytes(target)).map { String(decoding: $0, as: UTF8.self) }
            if check {
                if current == text { Console.out("\(directory)/\(MigrationDirectory.sumFileName) is current\n"); return }
                Console.error("clubos-lint: \(directory)/\(MigrationDirectory.sumFileName) is stale; run `clubos-lint migrate hash \(directory)`")
                throw ExitCode(1)
            }
            if current == text { Console.out("\(directory)/\(MigrationDirectory.sumFileName) is already current\n"); return }
            let sqlFiles = FileIO.listDirectory(abs).filter { $0.hasSuffix(".sql") }.map { abs + "/" + $0 }
            do { try FileIO.writeAtomically(Array(text.utf8), to: target, overwrite: true, inputs: sqlFiles) } catch {
                throw CLIError("\(error)")
            }
            Console.out("wrote \(directory)/\(MigrationDirectory.sumFileName)\n")
        }
    }
}

/// Runs the dry run of one migrations directory, with signal cleanup.
enum MigrationDryRunner {
    struct Result {
        var diagnostics: [Diagnostic]
        var sources: [String: SourceFile]
        var report: DryRunReport
        var migrations: [DryRunMigration]
    }

    static func run(directory abs: String, config: Configuration, cwd: String, databaseURL: String?, configure: (inout DryRunOptions) -> Void = { _ in }) throws -> Result {
        let settings = MigrationSettings(node: config.settings(for: "migration"))
        let dir: MigrationDirectory
        do { dir = try MigrationDirectory.load(path: Paths.relative(abs, to: cwd), layout: settings.layout, diskPath: abs) } catch {
            throw CLIError("cannot read \(Paths.relative(abs, to: cwd)): \(error)")
        }
        let migrations = MigrationDryRunBridge.migrations(dir, settings: settings)
        var options = DryRunOptions()
        options.databaseURL = databaseURL ?? getenv("DATABASE_URL").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        configure(&options)
        let signals = SignalCleanup.install()
        defer { signals.cancel() }
        let report: DryRunReport
        do { report = try DryRun.run(migrations, options: options) } catch let e as PostgresSetupError {
            SignalCleanup.yieldToHandlerIfInterrupted()
            throw CLIError(e.message)
        } catch {
            SignalCleanup.yieldToHandlerIfInterrupted()
            throw CLIError(maskPassword(in: "\(error)"))
        }
        SignalCleanup.yieldToHandlerIfInterrupted()
        for w in report.warnings { Console.error("clubos-lint: \(maskPassword(in: w))") }
        var sources: [String: SourceFile] = [:]
        for m in migrations {
            sources[m.file.path] = m.file
            if let d = m.downFile { sources[d.path] = d }
        }
        return Result(diagnostics: report.diagnostics, sources: sources, report: report, migrations: migrations)
    }
}

/// Drops throwaway databases when SIGINT or SIGTERM arrives, then exits 2.
final class SignalCleanup: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private static let flagLock = Lock()
    nonisolated(unsafe) private static var signalled = false

    /// True once SIGINT or SIGTERM arrived: the handler is dropping the
    /// database and will exit 2, so the main path must not report or exit.
    static var interrupted: Bool { flagLock.withLock { signalled } }

    /// Called by the main path after the dry run: when a signal arrived, wait
    /// for the handler to finish its cleanup and exit 2.
    static func yieldToHandlerIfInterrupted() {
        guard interrupted else { return }
        while true { sleep(60) }
    }

    static func install() -> SignalCleanup {
        let c = SignalCleanup()
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            s.setEventHandler {
                SignalCleanup.flagLock.withLock { SignalCleanup.signalled = true }
                let problems = DryRunCleanup.shared.dropAll()
                for p in problems { Console.error("clubos-lint: cleanup: \(maskPassword(in: p))") }
                Console.error("clubos-lint: interrupted by signal \(sig); the throwaway database was dropped")
                _exit(2)
            }
            s.resume()
            c.sources.append(s)
        }
        return c
    }

    func cancel() {
        for s in sources { s.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
