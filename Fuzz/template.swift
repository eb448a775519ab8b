// libFuzzer target: the Mustache template tokenizer and section-tree parser.
// Build and run: scripts/fuzz.sh template SECONDS
import LintCore
import PromptLint

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let file = SourceFile(path: "prompts/fuzz.md", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    let lexed = TemplateTokenizer.tokenize(file, range: 0..<file.bytes.count)
    let parsed = TemplateParser.parse(lexed.tokens)
    _ = parsed.nodes.count + parsed.problems.count
    // A sub-range starting mid-file.
    if file.bytes.count > 4 {
        let sub = TemplateTokenizer.tokenize(file, range: (file.bytes.count / 3)..<file.bytes.count)
        _ = TemplateParser.parse(sub.tokens)
    }
    return 0
}
