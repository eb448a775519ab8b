import EnvironmentLint
import LintCore
import LintParsers

/// Parses a file into document trees for declarative rules, by extension:
/// `.json` (one), `.jsonl` (one per line), `.yaml`/`.yml` (one per document),
/// `.prompt`/`.md` (the YAML front matter). Other formats register here.
public enum DocumentLoader {
    public static func documents(_ file: SourceFile) -> [Node] {
        let lower = file.path.lowercased()
        if lower.hasSuffix(".json") || lower.hasSuffix(".jsonl") {
            return JSONSyntaxChecker.parse(file).documents
        }
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
            return YAMLLoader.load(file).documents
        }
        if [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"].contains(where: { lower.hasSuffix($0) }) {
            return EnvironmentConfigFile.load(file)?.roots ?? []
        }
        if lower.hasSuffix(".prompt") || lower.hasSuffix(".md") {
            guard let range = YAMLLoader.frontMatterRange(in: file) else { return [] }
            return YAMLLoader.load(file, byteRange: range).documents
        }
        return []
    }
}
