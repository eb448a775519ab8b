import ArgumentParser
import LintConfig
import LintCore
import LintDriver
import LintParsers
import Reporters
import RuleEngine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum ColorChoice: String, ExpressibleByArgument, CaseIterable { case auto, always, never }
enum FailOn: String, ExpressibleByArgument, CaseIterable { case error, warning, never }
extension ReportFormat: ExpressibleByArgument {}

/// Options shared by commands that load the configuration.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (default: .clubos-lint.yaml found from the working directory upward).")
    var config: String?

    /// Loads the configuration, or throws exit 2 after printing its errors.
    func load(cwd: String) throws -> Configuration {
        let path: String?
        if let explicit = config {
            let abs = Paths.absolute(explicit, cwd: cwd)
            guard FileIO.exists(abs) else { throw CLIError("configuration file \(explicit) does not exist") }
            path = abs
        } else {
            path = ConfigurationLoader.find(from: cwd)
        }
        guard let path else { return Configuration(root: cwd) }
        let (config, diags) = ConfigurationLoader.load(path: path, shownPath: Paths.relative(path, to: cwd), root: Paths.dirname(path))
        let errors = diags.filter { $0.severity == .error }
        if !errors.isEmpty {
            let text = TextReporter.render(ReportInput(diagnostics: diags.sorted(by: Diagnostic.sortOrder), fileCount: 1, toolVersion: ToolVersion.string, startedAt: ""),
                                           options: ReportOptions(color: Console.isTTY(2)))
            Console.error(text)
            throw CLIError("invalid configuration in \(Paths.relative(path, to: cwd)); fix the errors above")
        }
        return config
    }

    /// Loads the rulesets of the configuration (and `extra` directories), or
    /// throws exit 2 after printing their errors.
    func loadRulesets(_ config: Configuration, extra: [String], cwd: String) throws -> [Ruleset] {
        let (sets, diags) = RulesetDirectories.load(configuration: config, extra: extra, cwd: cwd)
        let errors = diags.filter { $0.severity == .error }
        if !errors.isEmpty {
            let text = TextReporter.render(ReportInput(diagnostics: diags.sorted(by: Diagnostic.sortOrder), fileCount: Set(diags.map(\.file)).count,
                                                       toolVersion: ToolVersion.string, startedAt: ""),
                                           options: ReportOptions(color: Console.isTTY(2)))
            Console.error(text)
            throw CLIError("invalid ruleset; fix the errors above")
        }
        return sets
    }
}

/// Output options shared by commands that report diagnostics.
struct ReportingOptions: ParsableArguments {
    @Option(name: .long, help: "Report format on stdout: text, json, junit, sarif or github.")
    var format: ReportFormat = .text

    @Option(name: .long, help: "Write the report to FILE instead of stdout (atomically).")
    var output: String?

    @Option(name: .long, help: "Also write a JUnit XML report to FILE.")
    var junit: String?

    @Option(name: .long, help: "Also write a SARIF 2.1.0 report to FILE.")
    var sarif: String?

    @Option(name: .long, help: "Also write a JSON report to FILE.")
    var json: String?

    @Option(name: .long, help: "Also write a self-contained HTML report for reviewers to FILE.")
    var html: String?

    @Flag(name: .long, help: "JUnit without file/line attributes, valid against the Jenkins xunit junit-10.xsd.")
    var junitStrict = false

    @Option(name: .long, help: "Lowest severity that makes the exit status 1: error, warning or never.")
    var failOn: FailOn = .error

    @Option(name: .long, help: "Colour: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    @Flag(name: .shortAndLong, help: "Print only errors, without excerpts or summary.")
    var quiet = false

    var useColor: Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            if let nc = getenv("NO_COLOR"), nc.pointee != 0 { return false }
            if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
            return output == nil && Console.isTTY(1)
        }
    }

    var failSeverity: Severity {
        switch failOn {
        case .error: return .error
        case .warning: return .warning
        case .never: return .error
        }
    }

    /// Writes every requested report and returns the exit status.
    func emit(_ input: ReportInput, inputs: [String], cwd: String) throws -> Int32 {
        let options = ReportOptions(color: useColor, quiet: quiet, failOn: failSeverity, junitStrict: junitStrict, sourceRoot: cwd)
        do {
            let main = try renderReport(format, input, options: ReportOptions(
                color: format == .text && useColor, quiet: quiet, failOn: failSeverity, junitStrict: junitStrict, sourceRoot: cwd))
            let inActions = (getenv("GITHUB_ACTIONS").map { String(cString: $0) }) == "true"
            if let output {
                try FileIO.writeAtomically(Array(main.utf8), to: Paths.absolute(output, cwd: cwd), inputs: inputs)
            } else {
                Console.out(main)
                if inActions, format == .text { Console.out(GitHubActions.annotations(input)) }
            }
            if inActions, let summary = getenv("GITHUB_STEP_SUMMARY").map({ String(cString: $0) }), !summary.isEmpty {
                FileIO.append(Array(GitHubActions.stepSummary(input).utf8), to: summary)
            }
            var plain = options
            plain.color = false
            for (file, fmt) in [(junit, ReportFormat.junit), (sarif, .sarif), (json, .json)] {
                guard let file else { continue }
                let text = try renderReport(fmt, input, options: plain)
                try FileIO.writeAtomically(Array(text.utf8), to: Paths.absolute(file, cwd: cwd), inputs: inputs)
            }
            if let html {
                try FileIO.writeAtomically(Array(HTMLReporter.render(input).utf8), to: Paths.absolute(html, cwd: cwd), inputs: inputs)
            }
        } catch let e as ReportError {
            throw CLIError(e.description)
        } catch let e as FileError {
            throw CLIError(e.description)
        }
        if failOn == .never { return 0 }
        return input.diagnostics.contains { $0.severity >= failSeverity } ? 1 : 0
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check files and directories (default: the current directory).")

    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var reporting: ReportingOptions

    @Option(name: .shortAndLong, help: "Parallel jobs (default: all cores).")
    var jobs: Int = 0

    @Option(name: .long, help: "An extra directory of declarative rulesets (repeatable).")
    var rules: [String] = []

    @OptionGroup var selection: SelectionOptions

    @Argument(help: "Files or directories to check.")
    var paths: [String] = []

    func validate() throws {
        if jobs < 0 { throw ValidationError("--jobs must be 0 (all cores) or a positive number") }
        let known = Configuration.defaultKinds.map(\.kind.rawValue)
        for k in selection.kind where !known.contains(k) {
            throw ValidationError("unknown kind \(k); expected one of \(known.joined(separator: ", "))")
        }
    }

    func run() throws {
        let code = try CheckRunner.run(paths: paths, kinds: selection.kinds, jobs: jobs, ruleDirs: rules, selection: selection, configOptions: configOptions, reporting: reporting)
        if code != 0 { throw ExitCode(code) }
    }
}

/// `clubos-lint prompts`: `check` restricted to prompt templates and SOP documents (what `validate:prompts` runs).
struct PromptsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompts", abstract: "Check prompt templates and SOP documents (the short form of check for validate:prompts).")

    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var reporting: ReportingOptions
    @Option(name: .shortAndLong, help: "Parallel jobs (default: all cores).") var jobs: Int = 0
    @Argument(help: "Files or directories (default: .).") var paths: [String] = []

    func run() throws {
        let selection = try SelectionOptions.parse(["--kind", "prompt", "--kind", "sop", "--only-claimed"])
        let code = try CheckRunner.run(paths: paths, kinds: selection.kinds, jobs: jobs, ruleDirs: [], selection: selection, configOptions: configOptions, reporting: reporting)
        if code != 0 { throw ExitCode(code) }
    }
}

/// Shared by `check` and its short forms (`prompts`).
enum CheckRunner {
    static func run(paths: [String], kinds: Set<CheckerKind>?, jobs: Int, ruleDirs: [String], selection: SelectionOptions, configOptions: ConfigOptions, reporting: ReportingOptions) throws -> Int32 {
        let cwd = Paths.currentDirectory()
        let started = Clock.now()
        let config = try configOptions.load(cwd: cwd)
        let rulesets = try configOptions.loadRulesets(config, extra: ruleDirs, cwd: cwd)
        let checkers = CheckerRegistry.builtin(configuration: config, migrationBaseVersions: try selection.baseVersions(cwd: cwd))
        let engine = LintEngine(configuration: config, checkers: checkers, rulesets: rulesets, cwd: cwd)
        var request = CheckRequest(paths: paths, jobs: jobs, kinds: kinds, onlyClaimedFiles: selection.onlyClaimed)
        if selection.changed {
            let changed: [String]
            do { changed = try ChangedFiles.list(in: cwd, ref: selection.changedRef) } catch { throw CLIError("--changed: \(error)") }
            let scopes = (paths.isEmpty ? ["."] : paths).map { Paths.absolute($0, cwd: cwd) }
            request.paths = changed.filter { f in scopes.contains { f == $0 || f.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") } }
            request.onlyClaimedFiles = true
            if request.paths.isEmpty {
                let input = ReportInput(diagnostics: [], catalog: engine.catalog, fileCount: 0, toolVersion: ToolVersion.string,
                                        startedAt: ReportInput.timestamp(unixSeconds: Int64(started)))
                return try reporting.emit(input, inputs: [], cwd: cwd)
            }
        }
        let progress = Progress(enabled: !reporting.quiet && Console.isTTY(2), started: started)
        request.progress = { done, total in progress.update("checked \(done)/\(total) files") }
        var run = engine.run(request)
        progress.finish()
        // With `settings.migration.dry-run: true`, migration directories in the run are also dry-run.
        let migrationSettings = config.settings(for: "migration")
        if migrationSettings?["dry-run"]?.boolValue == true {
            let dirs = Set(run.inputs.filter { $0.hasSuffix(".sql") && engine.configuration.kind(of: Paths.relative($0, to: config.root)) == .migration }.map(Paths.dirname))
            for dir in dirs.sorted() {
                let url = migrationSettings?["database-url"]?.stringValue
                let result = try MigrationDryRunner.run(directory: dir, config: config, cwd: cwd, databaseURL: url)
                run.diagnostics += result.diagnostics.compactMap { config.effective($0) }
                for (path, file) in result.sources where run.sources[path] == nil { run.sources[path] = file }
            }
            run.diagnostics.sort(by: Diagnostic.sortOrder)
        }
        if let baselinePath = selection.baseline {
            let abs = Paths.absolute(baselinePath, cwd: cwd)
            let bytes: [UInt8]
            do { bytes = try FileIO.readBytes(abs) } catch { throw CLIError("--baseline: \(error)") }
            let (entries, problems) = Baseline.parse(SourceFile(path: baselinePath, bytes: bytes)) { JSONParser.parse($0).node }
            if let p = problems.first { throw CLIError("\(p.file): \(p.message)") }
            run.diagnostics = Baseline.apply(entries, to: run.diagnostics, sources: run.sources, baselinePath: baselinePath,
                                             checkedFiles: Set(run.checked.map(\.file)))
        }
        if let first = run.usageErrors.first {
            for e in run.usageErrors.dropFirst() { Console.error("clubos-lint: \(e)") }
            throw CLIError(first)
        }
        let input = ReportInput(
            diagnostics: run.diagnostics,
            checks: run.checked.map { CheckRecord(kind: $0.kind, file: $0.file, rule: $0.rule) },
            catalog: run.catalog, files: run.sources, fileCount: run.fileCount,
            durationSeconds: Clock.now() - started, toolVersion: ToolVersion.string,
            startedAt: ReportInput.timestamp(unixSeconds: Int64(started)))
        return try reporting.emit(input, inputs: run.inputs, cwd: cwd)
    }
}

/// Which files a check covers, and which findings it reports.
struct SelectionOptions: ParsableArguments {
    @Flag(name: .long, help: "Check only files changed against the merge-base with main (or --changed=REF), plus staged, unstaged and untracked files.")
    var changed = false

    @Option(name: .long, help: .hidden)
    var changedRef: String?

    @Option(name: .long, help: "Report only findings not recorded in this baseline file (see `baseline write`).")
    var baseline: String?

    @Option(name: .long, help: "Check only files of this kind (repeatable): workflow, prompt, sop, migration, feedback, environment.")
    var kind: [String] = []

    @Flag(name: .long, help: "Skip named files that no kind claims, as a directory walk does (for hooks that pass file names).")
    var onlyClaimed = false

    @Option(name: .long, help: "Base git ref for migration ordering: a new migration must not sort below the newest one on REF.")
    var base: String?

    /// Migration versions on `--base`, or nil.
    func baseVersions(cwd: String) throws -> [String]? {
        guard let base else { return nil }
        do { return try ChangedFiles.migrationVersions(at: base, in: cwd) } catch { throw CLIError("--base \(base): \(error)") }
    }

    var kinds: Set<CheckerKind>? { kind.isEmpty ? nil : Set(kind.map { CheckerKind($0) }) }
}

/// Progress on stderr for runs longer than a second, on a terminal only.
final class Progress: @unchecked Sendable {
    private let enabled: Bool
    private let started: Double
    private var last = 0.0
    private var shown = false
    private let lock = Lock()

    init(enabled: Bool, started: Double) {
        self.enabled = enabled
        self.started = started
    }

    func update(_ text: String) {
        guard enabled else { return }
        let now = Clock.now()
        lock.withLock {
            guard now - started > 1, now - last > 0.1 else { return }
            last = now
            shown = true
            Console.raw(2, "\r\u{1B}[K" + text)
        }
    }

    func finish() {
        lock.withLock { if shown { Console.raw(2, "\r\u{1B}[K") } }
    }
}

enum Clock {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
