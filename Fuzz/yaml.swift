// libFuzzer target: the YAML loader (libyaml events → positioned Node tree,
// anchors/aliases with a budget, comments, front matter).
// Build and run: scripts/fuzz.sh yaml SECONDS
import LintCore
import LintParsers

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let file = SourceFile(path: "fuzz.yaml", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    let set = YAMLLoader.load(file)
    _ = set.documents.count
    _ = YAMLLoader.load(file, options: YAMLLoadOptions(maxDepth: 8, aliasBudgetMinimum: 1_000, aliasBudgetFactor: 2))
    if let fm = YAMLLoader.frontMatterRange(in: file) {
        _ = YAMLLoader.load(file, byteRange: fm)
    }
    return 0
}
