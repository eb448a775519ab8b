import ArgumentParser
import LintCore
import LintDriver

struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline", abstract: "Record the current findings so later runs report only new ones.",
        subcommands: [Write.self])

    struct Write: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the findings of a check to FILE (atomically).")
        @OptionGroup var configOptions: ConfigOptions
        @Option(name: .long, help: "An extra directory of declarative rulesets (repeatable).") var rules: [String] = []
        @Flag(name: .long, help: "Replace FILE if it exists.") var force = false
        @Argument(help: "The baseline file to write.") var file: String
        @Argument(help: "Files or directories to check (default: .).") var paths: [String] = []

        func run() throws {
            let cwd = Paths.currentDirectory()
            let config = try configOptions.load(cwd: cwd)
            let rulesets = try configOptions.loadRulesets(config, extra: rules, cwd: cwd)
            let engine = LintEngine(configuration: config, checkers: CheckerRegistry.builtin(configuration: config), rulesets: rulesets, cwd: cwd)
            let run = engine.run(CheckRequest(paths: paths))
            if let first = run.usageErrors.first { throw CLIError(first) }
            let text = Baseline.render(run.diagnostics, sources: run.sources)
            do {
                try FileIO.writeAtomically(Array(text.utf8), to: Paths.absolute(file, cwd: cwd), overwrite: force, inputs: run.inputs)
            } catch let e as FileError {
                if case .refusedOverwrite = e { throw CLIError("\(file) already exists; pass --force to replace the baseline") }
                throw CLIError(e.description)
            }
            Console.error("clubos-lint: recorded \(run.diagnostics.count) finding(s) in \(file)")
        }
    }
}
