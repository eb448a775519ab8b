import ArgumentParser
import LintConfig
import LintCore
import LintDriver
import RuleEngine

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "List, explain and document the rules.",
        subcommands: [List.self, Explain.self, Docs.self, Test.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every rule with its default severity.")
        @OptionGroup var configOptions: ConfigOptions

        func run() throws {
            let cwd = Paths.currentDirectory()
            let config = try configOptions.load(cwd: cwd)
            let catalog = CheckerRegistry.catalog(configuration: config, rulesets: try configOptions.loadRulesets(config, extra: [], cwd: cwd))
            let width = catalog.rules.map(\.id.count).max() ?? 0
            var out = ""
            for r in catalog.sortedRules {
                let pad = String(repeating: " ", count: max(0, width - r.id.count))
                out += "\(r.id)\(pad)  \(r.defaultSeverity.rawValue.padding(7))  \(r.summary)\n"
            }
            Console.out(out)
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Explain one rule: what it does, why, and examples.")
        @OptionGroup var configOptions: ConfigOptions
        @Argument(help: "Rule id, e.g. json/duplicate-key.") var id: String

        func run() throws {
            let cwd = Paths.currentDirectory()
            let config = try configOptions.load(cwd: cwd)
            let catalog = CheckerRegistry.catalog(configuration: config, rulesets: try configOptions.loadRulesets(config, extra: [], cwd: cwd))
            guard let r = catalog.rule(id) else {
                let close = catalog.rules.map(\.id).min { editDistance($0, id) < editDistance($1, id) }
                throw CLIError("unknown rule \(id)" + (close.map { "; did you mean \($0)?" } ?? ""))
            }
            var out = "\(r.id) (\(r.defaultSeverity.rawValue), kind \(r.kind.rawValue))\n\n"
            out += "What it does\n  \(r.summary)\n\nWhy is this bad?\n  \(r.rationale)\n"
            if let help = r.help { out += "\nWhat to do\n  \(help)\n" }
            for ex in r.triggering {
                out += "\nFlagged (\(ex.path), at ↓):\n" + ex.code.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)" }.joined(separator: "\n") + "\n"
            }
            for ex in r.nonTriggering {
                out += "\nNot flagged (\(ex.path)):\n" + ex.code.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)" }.joined(separator: "\n") + "\n"
            }
            Console.out(out)
        }
    }

    struct Docs: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Generate docs/rules.md from the rule catalog.")
        @OptionGroup var configOptions: ConfigOptions
        @Option(name: .long, help: "Write to FILE (atomically) instead of stdout.") var output: String?

        func run() throws {
            let cwd = Paths.currentDirectory()
            let config = try configOptions.load(cwd: cwd)
            let text = RuleDocs.markdown(CheckerRegistry.catalog(configuration: config, rulesets: try configOptions.loadRulesets(config, extra: [], cwd: cwd)))
            if let output {
                do { try FileIO.writeAtomically(Array(text.utf8), to: Paths.absolute(output, cwd: cwd)) }
                catch { throw CLIError("\(error)") }
            } else {
                Console.out(text)
            }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the examples of declarative rules: invalid examples must trigger their rule, valid ones must not.")
        @OptionGroup var configOptions: ConfigOptions
        @Argument(help: "Ruleset directories (default: the configured rule-dirs).") var dirs: [String] = []

        func run() throws {
            let cwd = Paths.currentDirectory()
            var config = try configOptions.load(cwd: cwd)
            if !dirs.isEmpty { config.ruleDirs = [] }
            let sets = try configOptions.loadRulesets(config, extra: dirs, cwd: cwd)
            var failed = 0, passed = 0
            var out = ""
            for set in sets {
                for rule in set.rules {
                    let problems = RuleEvaluator.selfTest(rule)
                    if problems.isEmpty {
                        passed += 1
                        out += "ok    \(rule.id) (\(rule.validExamples.count) valid, \(rule.invalidExamples.count) invalid)\n"
                    } else {
                        failed += 1
                        out += "FAIL  \(rule.id)\n" + problems.map { "      \($0)\n" }.joined()
                    }
                }
            }
            out += "\(passed) passed, \(failed) failed\n"
            Console.out(out)
            if failed > 0 { throw ExitCode(1) }
        }
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
