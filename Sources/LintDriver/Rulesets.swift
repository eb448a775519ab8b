import LintConfig
import LintCore
import RuleEngine

/// Loads the declarative rulesets named by the configuration (`rule-dirs`, plus `--rules` directories).
public enum RulesetDirectories {
    public static func load(configuration: Configuration, extra: [String] = [], cwd: String) -> (rulesets: [Ruleset], diagnostics: [Diagnostic]) {
        var dirs: [(String, String)] = []
        for d in configuration.ruleDirs {
            let abs = Paths.absolute(d, cwd: configuration.root)
            if Paths.isDirectory(abs) { dirs.append((abs, Paths.relative(abs, to: cwd))) }
        }
        var diags: [Diagnostic] = []
        for d in extra {
            let abs = Paths.absolute(d, cwd: cwd)
            if Paths.isDirectory(abs) {
                dirs.append((abs, Paths.relative(abs, to: cwd)))
            } else {
                diags.append(RulesetLoader.invalidRule.diagnostic("rules directory \(d) does not exist", file: d, range: .fileStart))
            }
        }
        // Every ruleset is validated against the embedded schemas/ruleset.schema.json first.
        // No ruleset directory: nothing to compile (keeps start-up fast).
        if dirs.isEmpty { return ([], diags) }
        let loader = RulesetLoader(schemaCompiler: SchemaSupport.compiler(configuration: configuration, cwd: cwd),
                                   formatValidator: RulesetFormat.validator)
        let (sets, d) = loader.loadDirectories(dirs)
        return (sets, diags + d)
    }
}
